#include "asyncio/run.hpp"

#include <uv.h>

#include <csignal>
#include <optional>

#include "asyncio/detail/uv_handle.hpp"
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
// The signal handle points back at the watch, so the watch never moves or copies.
class SigintWatch {
  public:
    SigintWatch(EventLoop& loop, TaskCore& task) : main_(&task) {
        signal_.init(uv_signal_init(loop.uv(), signal_.get()), "uv_signal_init");
        signal_.set_owner(this);
        check_uv(uv_signal_start(signal_.get(), on_signal, SIGINT), "uv_signal_start");
        uv_unref(signal_.base());  // must not keep the loop alive
    }
    SigintWatch(const SigintWatch&) = delete;
    SigintWatch& operator=(const SigintWatch&) = delete;

    bool interrupted() const noexcept { return interrupted_; }

  private:
    static void on_signal(uv_signal_t* handle, int) {
        auto* self = owner_of<SigintWatch>(handle);
        if (!self->interrupted_ && !self->main_->done()) self->main_->cancel();
        self->interrupted_ = true;
    }

    UvHandle<uv_signal_t> signal_;
    TaskCore* main_;
    bool interrupted_ = false;
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
    if (sigint && sigint->interrupted()) failure = std::make_exception_ptr(KeyboardInterrupt());
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
