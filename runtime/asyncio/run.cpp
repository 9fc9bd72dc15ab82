#include "asyncio/run.hpp"

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

void run_main(EventLoop& loop, TaskCore& main) {
    std::exception_ptr failure;
    try {
        loop.run_until_complete(main);
    } catch (...) {
        failure = std::current_exception();
    }
    try {
        cancel_all_tasks(loop);
    } catch (const DeadlockError&) {
        // A task that swallows its cancellation and waits again forever: its frame is
        // destroyed by close() below.
    } catch (...) {
        if (!failure) failure = std::current_exception();
    }
    loop.close();
    if (!loop.closed_cleanly() && !failure)
        throw RuntimeError("uv_loop_close failed: a libuv handle was left open");
    if (failure) std::rethrow_exception(failure);
}

}  // namespace asyncio::detail
