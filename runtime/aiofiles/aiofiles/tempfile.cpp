#include "aiofiles/tempfile.hpp"

#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <utility>

#include "aiofiles/fs_call.hpp"
#include "aiofiles/os.hpp"
#include "asyncio/errors.hpp"

namespace aiofiles::tempfile {

namespace {
void remove_now(const std::string& path) noexcept {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
}
}  // namespace

asyncio::Coroutine<std::string> mkdtemp(std::string prefix, std::string dir) {
    if (dir.empty()) {
        const char* tmpdir = std::getenv("TMPDIR");
        dir = tmpdir && *tmpdir ? tmpdir : "/tmp";
    }
    const std::string pattern = dir + "/" + prefix + "XXXXXX";
    detail::FsStart start = [pattern](uv_loop_t* loop, uv_fs_t* req, std::string&, uv_fs_cb cb) {
        return uv_fs_mkdtemp(loop, req, pattern.c_str(), cb);
    };
    auto outcome = co_await detail::fs_call(std::move(start), pattern);
    co_return outcome.path;
}

TemporaryDirectory::TemporaryDirectory(TemporaryDirectory&& other) noexcept
    : prefix_(std::move(other.prefix_)),
      dir_(std::move(other.dir_)),
      name_(std::exchange(other.name_, {})) {}

TemporaryDirectory::~TemporaryDirectory() {
    if (!name_.empty()) remove_now(name_);
}

asyncio::Coroutine<std::string> TemporaryDirectory::aenter() {
    if (!name_.empty()) throw asyncio::RuntimeError("TemporaryDirectory entered twice");
    name_ = co_await mkdtemp(prefix_, dir_);
    co_return name_;
}

asyncio::Coroutine<> TemporaryDirectory::cleanup() {
    if (name_.empty()) co_return;
    const std::string path = name_;
    try {
        co_await os::rmtree(path);
    } catch (const asyncio::CancelledError&) {
        // Cancelled again while cleaning up (a second Ctrl-C): finish without the loop.
        remove_now(path);
        name_.clear();
        throw;
    }
    name_.clear();
}

asyncio::Coroutine<bool> TemporaryDirectory::aexit(const std::exception_ptr&) {
    co_await cleanup();
    co_return false;
}

}  // namespace aiofiles::tempfile
