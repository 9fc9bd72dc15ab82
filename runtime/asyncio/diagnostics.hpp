#pragma once
// Warnings Python prints on its own (a coroutine never awaited, a task exception never
// retrieved). They go to the running loop's observer, or to stderr in English when there is
// none, which is what a plain C++ program using the runtime gets.
#include <cstddef>
#include <string_view>

#include "asyncio/observer.hpp"

namespace asyncio {

void report_diagnostic(DiagnosticKind kind, std::string_view subject,
                       std::string_view detail) noexcept;

namespace diagnostics {
// How many loops this process closed with uv_loop_close failing (a libuv handle or request
// still open when the loop was torn down). A normal run never adds to it; tests assert it
// stays 0. A debug build also says so on stderr, once per process.
std::size_t failed_loop_closes() noexcept;
}  // namespace diagnostics

namespace detail {
// Counts one failed uv_loop_close; `open_handles` is how many handles libuv still had.
void report_failed_loop_close(const char* error, std::size_t open_handles) noexcept;
}  // namespace detail

}  // namespace asyncio
