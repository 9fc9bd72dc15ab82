#include "asyncio/task.hpp"

#include "asyncio/diagnostics.hpp"

namespace asyncio {

TaskCore::TaskCore(EventLoop& loop, std::coroutine_handle<> root, detail::PromiseBase& promise,
                   std::string name, Context context)
    : FutureCore(loop, WaitOn::task),
      root_(root),
      promise_(&promise),
      name_(std::move(name)),
      context_(std::move(context)) {}

TaskCore::~TaskCore() {
    report_if_unretrieved();
    destroy_frame();
}

void TaskCore::destroy_frame() noexcept {
    if (root_) {
        root_.destroy();
        root_ = {};
        promise_ = nullptr;
    }
}

void TaskCore::start() {
    id_ = loop_->next_task_id();
    default_name_ = name_.empty();
    if (auto* creator = loop_->current_task()) parent_id_ = creator->id();
    keep_alive = shared_from_this();
    loop_->link_task(this);
    if (auto* obs = loop_->observer())
        obs->task_created(id_, get_name(), parent_id_, loop_->time());
    loop_->schedule_step(this);
}

void TaskCore::make_default_name() const {
    name_ = "Task-" + std::to_string(id_);
    default_name_ = false;
}

bool TaskCore::cancel(std::string message) {
    log_traceback_ = false;
    if (done()) return false;
    ++num_cancels_requested_;
    if (fut_waiter_ && fut_waiter_->cancel(message)) return true;
    // Not waiting on a future (ready, or running right now): the next step throws.
    must_cancel_ = true;
    set_cancel_msg(std::move(message));
    return true;
}

int TaskCore::uncancel() noexcept {
    if (num_cancels_requested_ > 0) --num_cancels_requested_;
    return num_cancels_requested_;
}

void TaskCore::suspend_on(FutureCore& future, std::coroutine_handle<> at) {
    if (&future == this) throw RuntimeError("Task cannot await on itself: " + get_name());
    resume_point_ = at;
    fut_waiter_ = &future;
    future.add_waiter(this);
    if (must_cancel_ && fut_waiter_->cancel(cancel_msg())) must_cancel_ = false;
}

void TaskCore::yield_at(std::coroutine_handle<> at) noexcept {
    resume_point_ = at;
    yielded_ = true;
}

void TaskCore::throw_if_cancel_pending() {
    if (!pending_cancel_) return;
    pending_cancel_ = false;
    throw CancelledError(take_pending_cancel_msg());
}

void TaskCore::step() {
    scheduled_ = false;
    if (done()) return;
    if (must_cancel_) {
        must_cancel_ = false;
        pending_cancel_ = true;
        set_pending_cancel_msg(cancel_msg());
    }
    fut_waiter_ = nullptr;
    yielded_ = false;
    Observer* obs = loop_->observer();
    if (obs) obs->task_step_began(id_, loop_->time());

    // Cancelled before its first step: like throwing into a fresh Python coroutine, the body
    // never runs.
    const bool cancelled_before_start = !started_ && pending_cancel_;
    next_ = started_ ? resume_point_ : root_;
    started_ = true;
    const bool timed = loop_->watches_slow_steps();
    const std::int64_t began_ns = timed ? loop_->now_ns() : 0;
    {
        // Task.__step runs in the task's context (call_soon(self.__step, context=...)).
        Context::Scope in_context(context_);
        loop_->enter_task(this);
        if (cancelled_before_start) next_ = {};
        while (next_) std::exchange(next_, {}).resume();
        loop_->leave_task();
    }
    if (timed) loop_->check_slow_step(*this, began_ns);

    if (cancelled_before_start || root_.done()) {
        complete();
        return;
    }
    if (yielded_) {
        loop_->schedule_step(this);
        if (obs)
            obs->task_suspended(WaitInfo{id_, get_name(), WaitOn::ready, {}, no_task},
                                loop_->time());
    } else if (obs && fut_waiter_) {
        obs->task_suspended(WaitInfo{id_, get_name(), fut_waiter_->kind(), fut_waiter_->detail(),
                                     fut_waiter_->awaited_task_id(), fut_waiter_->wakes_at()},
                            loop_->time());
    }
}

void TaskCore::complete() {
    // Holds the loop's reference until the end of this function: this task may be freed then.
    auto self = std::move(keep_alive);
    std::exception_ptr error = promise_ ? promise_->error : nullptr;
    if (pending_cancel_ && !root_.done()) {
        // Cancelled before its first step.
        pending_cancel_ = false;
        set_state_cancelled(take_pending_cancel_msg());
    } else if (error) {
        try {
            std::rethrow_exception(error);
        } catch (const CancelledError& cancelled) {
            set_state_cancelled(cancelled.message());
        } catch (...) {
            exception_ = error;
            state_ = State::finished;
            log_traceback_ = true;
            finish();
        }
    } else if (must_cancel_) {
        // Cancelled right before the coroutine returned.
        must_cancel_ = false;
        set_state_cancelled(cancel_msg());
    } else {
        take_result_from_root();
        state_ = State::finished;
        finish();
    }
    destroy_frame();
    loop_->unlink_task(this);
    if (auto* obs = loop_->observer()) {
        const TaskOutcome outcome = cancelled()             ? TaskOutcome::cancelled
                                    : exception_ != nullptr ? TaskOutcome::failed
                                                            : TaskOutcome::done;
        obs->task_finished(id_, outcome, exception_ ? describe(exception_) : std::string{},
                           loop_->time());
    }
    // Task.__step: KeyboardInterrupt and SystemExit are stored in the task like any error,
    // and raised on out of the loop at once (run_until_complete and run() end with them).
    if (exception_ && is_exit_error(exception_)) std::rethrow_exception(exception_);
}

TaskCore* current_task() noexcept {
    auto* loop = EventLoop::current_or_null();
    return loop ? loop->current_task() : nullptr;
}

namespace detail {

TaskCore& running_task() {
    auto* task = current_task();
    if (!task) throw RuntimeError("no running task: await only inside a task");
    return *task;
}

void yield_to_loop(std::coroutine_handle<> at) {
    running_task().yield_at(at);
}

void resume_next(std::coroutine_handle<> next) noexcept {
    // Only ever called from inside a task's step, where current_task() is set.
    current_task()->resume_next(next);
}

std::string coroutine_name(const char* function_name) {
    // "asyncio::Coroutine<int> lessons::job(int, double)" -> "job"
    std::string_view text(function_name ? function_name : "");
    auto paren = text.find('(');
    if (paren == std::string_view::npos) return std::string(text);
    auto head = text.substr(0, paren);
    auto start = head.find_last_of(" :&*");
    auto name = std::string(start == std::string_view::npos ? head : head.substr(start + 1));
    return name == "operator" || name.empty() ? std::string("<lambda>") : name;
}

void report_never_awaited(const char* function_name) noexcept {
    try {
        report_diagnostic(DiagnosticKind::coroutine_never_awaited, coroutine_name(function_name),
                          {});
    } catch (...) {
    }
}

}  // namespace detail
}  // namespace asyncio
