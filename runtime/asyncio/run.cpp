#include "asyncio/run.hpp"

#include <uv.h>

#include <signal.h>

#include <atomic>
#include <csignal>
#include <optional>

#include "asyncio/detail/uv_handle.hpp"
#include "asyncio/diagnostics.hpp"

namespace asyncio::detail {

namespace {
// Cancels every task, `main` last. In C++ the other tasks may hold references to main's
// locals (a queue they wait on, say), which Python's garbage collector would keep alive: each
// cancelled task resumes in the order it was cancelled, so theirs must run (and withdraw from
// what they wait on) before main's frame unwinds and destroys it.
void cancel_every_task(const std::vector<TaskCore*>& tasks, const TaskCore* main) {
    for (auto* t : tasks)
        if (t != main) t->cancel();
    for (auto* t : tasks)
        if (t == main) t->cancel();
}

// Python's asyncio.runners._cancel_all_tasks: cancel what is left, run the loop until each
// has ended, report errors that were not a cancellation.
void cancel_all_tasks(EventLoop& loop, const TaskCore& main) {
    auto tasks = loop.all_tasks();
    if (tasks.empty()) return;
    std::vector<std::shared_ptr<TaskCore>> keep;
    for (auto* t : tasks) keep.push_back(t->shared_from_this());
    cancel_every_task(tasks, &main);
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
// Ctrl-C while a run is going, as asyncio.Runner does: the first cancels main (once) and is
// remembered, to raise KeyboardInterrupt once the tasks have ended; the second does not wait
// for their cleanup. A plain sigaction handler rather than uv_signal, so that the second acts
// at once even while a blocking call holds the loop's thread: the handler only counts and
// pokes the loop (uv_async_send is async-signal-safe), and the cancel happens on the loop.
std::atomic<int> sigint_count{0};
std::atomic<uv_async_t*> sigint_poke{nullptr};
std::atomic<void (*)()> sigint_again{nullptr};
static_assert(std::atomic<int>::is_always_lock_free &&
              std::atomic<uv_async_t*>::is_always_lock_free);

void on_sigint(int) {
    if (sigint_count.fetch_add(1) == 0) {
        if (auto* poke = sigint_poke.load()) uv_async_send(poke);
        return;
    }
    if (auto again = sigint_again.load()) again();
    // No hook, or one that returned: SIGINT's default action, as Python's second
    // KeyboardInterrupt ends a program that does not catch it.
    std::signal(SIGINT, SIG_DFL);
    std::raise(SIGINT);
}

// The async handle points back at the watch, so the watch never moves or copies.
class SigintWatch {
  public:
    SigintWatch(EventLoop& loop, TaskCore& task, void (*again)()) : loop_(&loop), main_(&task) {
        poke_.init(uv_async_init(loop.uv(), poke_.get(), on_poke), "uv_async_init");
        poke_.set_owner(this);
        uv_unref(poke_.base());  // must not keep the loop alive
        sigint_count = 0;
        sigint_again = again;
        sigint_poke = poke_.get();
        struct sigaction ours {};
        ours.sa_handler = on_sigint;
        sigemptyset(&ours.sa_mask);
        sigaction(SIGINT, &ours, &theirs_);
    }
    ~SigintWatch() {
        // The old disposition back first, so no signal pokes a handle that is closing.
        sigaction(SIGINT, &theirs_, nullptr);
        sigint_poke = nullptr;
    }
    SigintWatch(const SigintWatch&) = delete;
    SigintWatch& operator=(const SigintWatch&) = delete;

    bool interrupted() const noexcept { return sigint_count.load() > 0; }

  private:
    static void on_poke(uv_async_t* handle) {
        auto* self = owner_of<SigintWatch>(handle);
        // Main, as asyncio.Runner cancels it, but the other tasks too and before it: see
        // cancel_every_task.
        if (!self->cancelled_ && !self->main_->done())
            cancel_every_task(self->loop_->all_tasks(), self->main_);
        self->cancelled_ = true;
    }

    UvHandle<uv_async_t> poke_;
    EventLoop* loop_;
    TaskCore* main_;
    bool cancelled_ = false;
    struct sigaction theirs_ {};
};
}  // namespace

}  // namespace asyncio::detail

namespace asyncio {

void interrupt_run() noexcept {
    using namespace detail;
    if (!sigint_poke.load()) return;  // no run that handles Ctrl-C
    int none = 0;
    if (!sigint_count.compare_exchange_strong(none, 1)) return;  // interrupted already
    if (auto* poke = sigint_poke.load()) uv_async_send(poke);
}

}  // namespace asyncio

namespace asyncio::detail {

void run_main(EventLoop& loop, TaskCore& main, bool handle_sigint, void (*sigint_again)()) {
    std::exception_ptr failure;
    std::optional<SigintWatch> sigint;
    if (handle_sigint) sigint.emplace(loop, main, sigint_again);
    try {
        loop.run_until_complete(main);
    } catch (...) {
        failure = std::current_exception();
    }
    if (sigint && sigint->interrupted()) failure = std::make_exception_ptr(KeyboardInterrupt());
    try {
        cancel_all_tasks(loop, main);
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
