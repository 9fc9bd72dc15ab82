#include "asyncio/diagnostics.hpp"

#include <atomic>
#include <cstdio>
#include <string>

#include "asyncio/loop.hpp"

namespace asyncio {

void report_diagnostic(DiagnosticKind kind, std::string_view subject,
                       std::string_view detail) noexcept {
    if (auto* loop = EventLoop::current_or_null(); loop && loop->observer()) {
        loop->observer()->diagnostic(kind, subject, detail);
        return;
    }
    const std::string s(subject), d(detail);
    switch (kind) {
        case DiagnosticKind::coroutine_never_awaited:
            std::fprintf(stderr, "RuntimeWarning: coroutine '%s' was never awaited\n", s.c_str());
            break;
        case DiagnosticKind::exception_never_retrieved:
            std::fprintf(stderr, "%s: exception was never retrieved: %s\n", s.c_str(), d.c_str());
            break;
        case DiagnosticKind::slow_step:
            std::fprintf(stderr, "Executing %s took %s seconds\n", s.c_str(), d.c_str());
            break;
        case DiagnosticKind::callback_raised:
            std::fprintf(stderr, "Exception in callback: %s\n", d.c_str());
            break;
    }
}

namespace {
std::atomic<std::size_t> failed_closes{0};
}  // namespace

std::size_t diagnostics::failed_loop_closes() noexcept {
    return failed_closes.load(std::memory_order_relaxed);
}

void detail::report_failed_loop_close(const char* error, std::size_t open_handles) noexcept {
    const std::size_t before = failed_closes.fetch_add(1, std::memory_order_relaxed);
#ifndef NDEBUG
    // Debug builds only, and once: a leaking program would otherwise repeat it per loop.
    if (before == 0)
        std::fprintf(stderr, "asyncio: uv_loop_close failed (%s): %zu libuv handle(s) left open\n",
                     error, open_handles);
#else
    (void)before;
    (void)error;
    (void)open_handles;
#endif
}

}  // namespace asyncio
