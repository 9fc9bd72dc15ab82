#pragma once
// One libuv file request, awaited by the running task as on=WaitOn::io, detail="fs". The request
// runs on libuv's thread pool and owns its buffer, so a task cancelled meanwhile leaves
// nothing dangling: the request is withdrawn if it has not started, and its late result is
// dropped (a file it opened is closed again). Under the virtual clock the loop waits for it
// in real time: a file operation costs no lesson time.
#include <uv.h>

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "asyncio/coroutine.hpp"

namespace aiofiles::detail {

struct DirEntry {
    std::string name;
    bool is_dir = false;
};

struct FsOutcome {
    std::ptrdiff_t result = 0;      // uv_fs_t::result: bytes, a file descriptor, or 0
    std::string data;               // the buffer the request read into or wrote from
    std::string path;               // mkdtemp: the folder it made
    std::vector<DirEntry> entries;  // scandir
};

// Starts the request: calls uv_fs_xxx(loop, req, ..., cb) with `data` as its buffer when
// it needs one, and returns what that call returned.
using FsStart = std::function<int(uv_loop_t*, uv_fs_t*, std::string& data, uv_fs_cb)>;

// Raises the OSError-family exception for a failure, naming `path`.
asyncio::Coroutine<FsOutcome> fs_call(FsStart start, std::string path, std::string data = {});

}  // namespace aiofiles::detail
