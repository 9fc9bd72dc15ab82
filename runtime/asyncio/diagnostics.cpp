#include "asyncio/diagnostics.hpp"

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

}  // namespace asyncio
