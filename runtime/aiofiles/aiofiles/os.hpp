#pragma once
// aiofiles.os: the folder and file operations of Python's os module as awaitable libuv
// requests (on=WaitOn::io, detail="fs"), raising the OSError family with the path named.
#include <string>
#include <vector>

#include "asyncio/coroutine.hpp"

namespace aiofiles::os {

asyncio::Coroutine<> remove(std::string path);
asyncio::Coroutine<> unlink(std::string path);
asyncio::Coroutine<> mkdir(std::string path, int mode = 0777);
asyncio::Coroutine<> rmdir(std::string path);
// The names in a folder, without "." and "..", sorted (os.listdir's order is arbitrary).
asyncio::Coroutine<std::vector<std::string>> listdir(std::string path);
// The folder and everything in it (shutil.rmtree).
asyncio::Coroutine<> rmtree(std::string path);

namespace path {
asyncio::Coroutine<bool> exists(std::string path);
}

}  // namespace aiofiles::os
