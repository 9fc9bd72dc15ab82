#pragma once
// aiofiles.open: a file whose every operation is a libuv file request, so the loop stays free
// while the disk works. Text and binary modes both read and write std::string (POSIX has no
// newline translation); the mode letters are Python's.
//
//     co_await asyncio::async_with(co_await aiofiles::open(path, "w"),
//                                  [&](aiofiles::AsyncFile& f) -> asyncio::Coroutine<> {
//                                      co_await f.write("one line\n");
//                                  });
//
// Errors are the OSError family naming the path (FileNotFoundError: "[Errno 2] No such file
// or directory: 'notes.txt'"); ValueError for an operation on a closed file or a bad mode.
#include <cstddef>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "asyncio/coroutine.hpp"

namespace aiofiles {

namespace detail {
struct FileState;
}

class AsyncFile {
  public:
    const std::string& name() const noexcept;
    const std::string& mode() const noexcept;
    bool closed() const noexcept;

    // Up to n bytes (all that is left when n < 0); "" at the end of the file.
    asyncio::Coroutine<std::string> read(std::ptrdiff_t n = -1);
    // One line with its "\n" ("" at the end of the file).
    asyncio::Coroutine<std::string> readline();
    asyncio::Coroutine<std::vector<std::string>> readlines();
    // Writes all of `data`; returns its size.
    asyncio::Coroutine<std::size_t> write(std::string data);
    // Nothing is buffered on our side: a no-op kept for Python's shape.
    asyncio::Coroutine<> flush();
    asyncio::Coroutine<> close();

    // async with aiofiles.open(...) as f: closes on the way out.
    void aenter() const noexcept {}
    asyncio::Coroutine<bool> aexit(const std::exception_ptr& error);

  private:
    friend asyncio::Coroutine<AsyncFile> open(std::string path, std::string mode);
    explicit AsyncFile(std::shared_ptr<detail::FileState> state) noexcept
        : state_(std::move(state)) {}
    std::shared_ptr<detail::FileState> state_;
};

// Modes: "r", "w", "a", "x", each with an optional "+" and "b" or "t". A file not closed
// by the time its last handle goes is closed then (blocking the loop for that moment).
asyncio::Coroutine<AsyncFile> open(std::string path, std::string mode = "r");

}  // namespace aiofiles
