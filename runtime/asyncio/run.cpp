#include "asyncio/run.hpp"

#include <uv.h>

#include <csignal>
#include <optional>

#include "asyncio/diagnostics.hpp"

namespace asyncio::detail {

namespace {
// Python's asyncio.runners._cancel_all_tasks: cancel what is left, run the loop until each
// has ended, report errors that were not a cancellation.
void cancel_all_tasks(EventLoop& loop) {
    auto tasks = loop.all_tasks();
    if (tasks.empty()) return;
    std::vector<std::shared_ptr<TaskCore>> keep;
    for (auto* t : tasks) {
        keep.push_back(t->shared_from_this());
        t->cancel();
    }
    for (auto& t : keep) {
        if (!t->done()) loop.run_until_complete(*t);
    }
    for (auto& t : keep) {
        if (!t->cancelled() && t->exception()) {
            report_diagnostic(DiagnosticKind::exception_never_retrieved, t->get_name(),
                              describe(t->exception()));
        }
    }
}
}  // namespace

namespace {
// Ctrl-C while a run is going: cancel main (once), and remember it to raise afterwards.
struct SigintWatch {
    uv_signal_t* handle = nullptr;
    TaskCore* main = nullptr;
    bool interrupted = false;

    SigintWatch(EventLoop& loop, TaskCore& task) : main(&task) {
        handle = new uv_signal_t;
        uv_signal_init(loop.uv(), handle);
        handle->data = this;
        uv_signal_start(
            handle,
            [](uv_signal_t* h, int) {
                auto* self = static_cast<SigintWatch*>(h->data);
                if (!self->interrupted && !self->main->done()) self->main->cancel();
                self->interrupted = true;
            },
            SIGINT);
        uv_unref(reinterpret_cast<uv_handle_t*>(handle));  // must not keep the loop alive
    }
    ~SigintWatch() {
        uv_close(reinterpret_cast<uv_handle_t*>(handle),
                 [](uv_handle_t* h) { delete reinterpret_cast<uv_signal_t*>(h); });
    }
};
}  // namespace

void run_main(EventLoop& loop, TaskCore& main, bool handle_sigint) {
    std::exception_ptr failure;
    std::optional<SigintWatch> sigint;
    if (handle_sigint) sigint.emplace(loop, main);
    try {
        loop.run_until_complete(main);
    } catch (...) {
        failure = std::current_exception();
    }
    if (sigint && sigint->interrupted) failure = std::make_exception_ptr(KeyboardInterrupt());
    try {
        cancel_all_tasks(loop);
    } catch (const DeadlockError&) {
        // A task that swallows its cancellation and waits again forever: its frame is
        // destroyed by close() below.
    } catch (...) {
        if (!failure) failure = std::current_exception();
    }
    sigint.reset();
    loop.close();
    if (!loop.closed_cleanly() && !failure)
        throw RuntimeError("uv_loop_close failed: a libuv handle was left open");
    if (failure) std::rethrow_exception(failure);
}

}  // namespace asyncio::detail
