#pragma once
// aiofiles.tempfile: a fresh private folder (tempfile.mkdtemp), and TemporaryDirectory, the
// scope that makes one and removes it with all it holds on the way out, whether the body
// returned, raised or was cancelled (Ctrl-C cancels the main task, so that is covered too).
//
//     co_await asyncio::async_with(aiofiles::tempfile::TemporaryDirectory(),
//         [&](aiofiles::tempfile::TemporaryDirectory& tmp) -> asyncio::Coroutine<> {
//             co_await write_notes(tmp.name() + "/notes.txt");
//         });
#include <exception>
#include <string>

#include "asyncio/coroutine.hpp"

namespace aiofiles::tempfile {

// Makes dir/prefixXXXXXX (dir: $TMPDIR, else /tmp) readable by its owner only; its path.
asyncio::Coroutine<std::string> mkdtemp(std::string prefix = "tmp", std::string dir = {});

class TemporaryDirectory {
  public:
    explicit TemporaryDirectory(std::string prefix = "tmp", std::string dir = {})
        : prefix_(std::move(prefix)), dir_(std::move(dir)) {}
    TemporaryDirectory(TemporaryDirectory&& other) noexcept;
    TemporaryDirectory& operator=(TemporaryDirectory&&) = delete;
    // A folder still there (its task was destroyed before the scope ended) goes now.
    ~TemporaryDirectory();

    // The folder's path, once made.
    const std::string& name() const noexcept { return name_; }
    asyncio::Coroutine<std::string> aenter();
    asyncio::Coroutine<bool> aexit(const std::exception_ptr& error);
    // Removes the folder now; calling it again does nothing.
    asyncio::Coroutine<> cleanup();

  private:
    std::string prefix_;
    std::string dir_;
    std::string name_;
};

}  // namespace aiofiles::tempfile
