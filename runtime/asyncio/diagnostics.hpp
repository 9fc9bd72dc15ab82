#pragma once
// Warnings Python prints on its own (a coroutine never awaited, a task exception never
// retrieved). They go to the running loop's observer, or to stderr in English when there is
// none, which is what a plain C++ program using the runtime gets.
#include <string_view>

#include "asyncio/observer.hpp"

namespace asyncio {

void report_diagnostic(DiagnosticKind kind, std::string_view subject,
                       std::string_view detail) noexcept;

}  // namespace asyncio
