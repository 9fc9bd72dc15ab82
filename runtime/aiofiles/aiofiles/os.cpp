#include "aiofiles/os.hpp"

#include <algorithm>

#include "aiofiles/fs_call.hpp"
#include "asyncio/os_errors.hpp"

namespace aiofiles::os {

using detail::fs_call;

asyncio::Coroutine<> unlink(std::string path) {
    detail::FsStart start = [path](uv_loop_t* loop, uv_fs_t* req, std::string&, uv_fs_cb cb) {
        return uv_fs_unlink(loop, req, path.c_str(), cb);
    };
    co_await fs_call(std::move(start), path);
}

asyncio::Coroutine<> remove(std::string path) {
    co_await unlink(std::move(path));
}

asyncio::Coroutine<> mkdir(std::string path, int mode) {
    detail::FsStart start = [path, mode](uv_loop_t* loop, uv_fs_t* req, std::string&, uv_fs_cb cb) {
        return uv_fs_mkdir(loop, req, path.c_str(), mode, cb);
    };
    co_await fs_call(std::move(start), path);
}

asyncio::Coroutine<> rmdir(std::string path) {
    detail::FsStart start = [path](uv_loop_t* loop, uv_fs_t* req, std::string&, uv_fs_cb cb) {
        return uv_fs_rmdir(loop, req, path.c_str(), cb);
    };
    co_await fs_call(std::move(start), path);
}

namespace {
asyncio::Coroutine<std::vector<detail::DirEntry>> scandir(std::string path) {
    detail::FsStart start = [path](uv_loop_t* loop, uv_fs_t* req, std::string&, uv_fs_cb cb) {
        return uv_fs_scandir(loop, req, path.c_str(), 0, cb);
    };
    auto outcome = co_await fs_call(std::move(start), path);
    co_return std::move(outcome.entries);
}
}  // namespace

asyncio::Coroutine<std::vector<std::string>> listdir(std::string path) {
    std::vector<std::string> names;
    auto entries = co_await scandir(path);
    for (auto& entry : entries) names.push_back(std::move(entry.name));
    std::sort(names.begin(), names.end());
    co_return names;
}

asyncio::Coroutine<> rmtree(std::string path) {
    const auto entries = co_await scandir(path);
    for (const auto& entry : entries) {
        const std::string inside = path + "/" + entry.name;
        if (entry.is_dir)
            co_await rmtree(inside);
        else
            co_await unlink(inside);
    }
    co_await rmdir(path);
}

namespace path {
asyncio::Coroutine<bool> exists(std::string path) {
    try {
        detail::FsStart start = [path](uv_loop_t* loop, uv_fs_t* req, std::string&, uv_fs_cb cb) {
            return uv_fs_stat(loop, req, path.c_str(), cb);
        };
        co_await fs_call(std::move(start), path);
    } catch (const asyncio::OSError&) {
        co_return false;  // os.path.exists says False for any error, not only ENOENT
    }
    co_return true;
}
}  // namespace path

}  // namespace aiofiles::os
