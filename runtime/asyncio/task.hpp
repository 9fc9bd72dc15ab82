#pragma once
// asyncio.Task: a coroutine scheduled on the loop. It starts at the next pass (when its
// creator next suspends), and steps each time what it awaits is done, following
// CPython's Task.__step and Task.__wakeup, including the cancellation rules: cancel()
// cancels the future the task waits on, or throws CancelledError at the next step.
#include <coroutine>
#include <memory>
#include <optional>
#include <string>

#include "asyncio/context.hpp"
#include "asyncio/coroutine.hpp"
#include "asyncio/future.hpp"

namespace asyncio {

class TaskCore : public FutureCore, public std::enable_shared_from_this<TaskCore> {
  public:
    TaskCore(EventLoop& loop, std::coroutine_handle<> root, detail::PromiseBase& promise,
             std::string name, Context context);
    ~TaskCore() override;

    bool cancel(std::string message = {}) override;
    // The number of cancel() requests not yet matched by uncancel() (Python 3.11).
    int cancelling() const noexcept { return num_cancels_requested_; }
    int uncancel() noexcept;

    TaskId id() const noexcept { return id_; }
    TaskId parent_id() const noexcept { return parent_id_; }
    // "Task-N" unless named: made the first time someone asks (most tasks are never asked).
    const std::string& get_name() const {
        if (default_name_) [[unlikely]]
            make_default_name();
        return name_;
    }
    void set_name(std::string name) {
        name_ = std::move(name);
        default_name_ = false;
    }
    // The context every step of the task runs in (Task.get_context(), Python 3.12).
    const Context& get_context() const noexcept { return context_; }
    // What this task waits on now, or nullptr when it is ready or running.
    FutureCore* waiting_on() const noexcept { return fut_waiter_; }
    bool is_ready() const noexcept { return scheduled_; }
    // Python's Task._must_cancel: cancel() came while the task waited on nothing (it was
    // ready or running); its next await, or its next step, raises CancelledError.
    bool must_cancel() const noexcept { return must_cancel_; }

    std::string detail() const override { return get_name(); }
    TaskId awaited_task_id() const noexcept override { return id_; }

    // Internal: called by the loop and by awaiters.
    void start();
    void step();
    void suspend_on(FutureCore& future, std::coroutine_handle<> at);
    void yield_at(std::coroutine_handle<> at) noexcept;
    void resume_next(std::coroutine_handle<> next) noexcept { next_ = next; }
    void throw_if_cancel_pending();
    void destroy_frame() noexcept;
    void mark_scheduled() noexcept { scheduled_ = true; }

    TaskCore* prev_in_loop = nullptr;
    TaskCore* next_in_loop = nullptr;
    std::shared_ptr<TaskCore> keep_alive;  // the loop's reference while the task is pending

  protected:
    virtual void take_result_from_root() = 0;
    std::string name_for_report() const override { return "Task " + get_name(); }

  private:
    void complete();
    void make_default_name() const;
    // The two cancel messages live in FutureCore::Text, made only when one is not empty.
    const std::string& cancel_msg() const noexcept {
        const Text* t = text_if_any();
        return t ? t->task_cancel : no_text();
    }
    void set_cancel_msg(std::string message) {
        if (!message.empty() || text_if_any()) text().task_cancel = std::move(message);
    }
    void set_pending_cancel_msg(const std::string& message) {
        if (!message.empty() || text_if_any()) text().task_pending_cancel = message;
    }
    std::string take_pending_cancel_msg() {
        return text_if_any() ? std::exchange(text().task_pending_cancel, {}) : std::string{};
    }

    std::coroutine_handle<> root_;
    detail::PromiseBase* promise_;
    std::coroutine_handle<> resume_point_;
    std::coroutine_handle<> next_;
    FutureCore* fut_waiter_ = nullptr;
    mutable std::string name_;
    Context context_;
    TaskId id_ = no_task;
    TaskId parent_id_ = no_task;
    int num_cancels_requested_ = 0;
    bool must_cancel_ = false;
    bool pending_cancel_ = false;
    bool started_ = false;
    bool yielded_ = false;
    bool scheduled_ = false;
    mutable bool default_name_ = false;
};

template <class T>
class TaskState : public TaskCore, public detail::ValueSlot<T> {
  public:
    using Handle = typename Coroutine<T>::Handle;
    TaskState(EventLoop& loop, Handle root, std::string name, Context context)
        : TaskCore(loop, root, root.promise(), std::move(name), std::move(context)),
          typed_root_(root) {}

    decltype(auto) result() {
        rethrow_if_failed();
        return this->get();
    }

  protected:
    void take_result_from_root() override {
        if constexpr (!std::is_void_v<T>) this->value.emplace(typed_root_.promise().take());
    }

  private:
    Handle typed_root_;
};

namespace detail {
// The task running now; RuntimeError when called outside of a task.
TaskCore& running_task();
void yield_to_loop(std::coroutine_handle<> at);

// Awaiting any future: Python's Future.__await__ (yield the future, then return its result).
template <class State, class Keep = void>
struct FutureAwaiter {
    State& state;
    bool await_ready() const noexcept { return state.done(); }
    void await_suspend(std::coroutine_handle<> at) { running_task().suspend_on(state, at); }
    auto await_resume() -> std::remove_cvref_t<decltype(state.result())> {
        if (auto* loop = EventLoop::current_or_null(); loop && loop->current_task())
            loop->current_task()->throw_if_cancel_pending();
        return state.result();
    }
};
}  // namespace detail

template <class T = void>
class Task {
  public:
    using value_type = T;
    Task() = default;
    explicit Task(std::shared_ptr<TaskState<T>> state) : state_(std::move(state)) {}

    bool done() const { return state_->done(); }
    bool cancelled() const { return state_->cancelled(); }
    bool cancel(std::string message = {}) const { return state_->cancel(std::move(message)); }
    int cancelling() const { return state_->cancelling(); }
    int uncancel() const { return state_->uncancel(); }
    decltype(auto) result() const { return state_->result(); }
    std::exception_ptr exception() const { return state_->exception(); }
    const std::string& get_name() const { return state_->get_name(); }
    void set_name(std::string name) const { state_->set_name(std::move(name)); }
    const Context& get_context() const { return state_->get_context(); }
    TaskId id() const { return state_->id(); }
    template <class F>
    FutureCore::CallbackId add_done_callback(F fn) const {
        return state_->add_done_callback([fn = std::move(fn), s = state_] { fn(Task(s)); });
    }
    bool remove_done_callback(FutureCore::CallbackId id) const {
        return state_->remove_done_callback(id);
    }

    TaskState<T>& state() const { return *state_; }
    const std::shared_ptr<TaskState<T>>& shared_state() const { return state_; }
    TaskCore& core() const { return *state_; }
    explicit operator bool() const { return static_cast<bool>(state_); }
    bool operator==(const Task& other) const { return state_ == other.state_; }

    detail::FutureAwaiter<TaskState<T>> operator co_await() const noexcept { return {*state_}; }

  private:
    std::shared_ptr<TaskState<T>> state_;
};

template <class T>
detail::FutureAwaiter<FutureState<T>> operator co_await(const Future<T>& future) noexcept {
    return {future.state()};
}

// loop.create_task(coro, name=..., context=...): the task is created now and takes its first
// step at the next pass, in `context`, or in a copy of the creator's context when none is
// given.
template <class T>
Task<T> create_task(EventLoop& loop, Coroutine<T> coro, std::string name = {},
                    std::optional<Context> context = std::nullopt) {
    // From the frame pool, with its control block: tasks come and go as often as frames.
    auto state = std::allocate_shared<TaskState<T>>(detail::PoolAllocator<TaskState<T>>{}, loop,
                                                    coro.release(), std::move(name),
                                                    context ? std::move(*context) : copy_context());
    state->start();
    return Task<T>(std::move(state));
}

// asyncio.create_task(coro, name=..., context=...)
template <class T>
Task<T> create_task(Coroutine<T> coro, std::string name = {},
                    std::optional<Context> context = std::nullopt) {
    return create_task(EventLoop::current(), std::move(coro), std::move(name), std::move(context));
}
template <class T>
Task<T> create_task(Coroutine<T> coro, Context context) {
    return create_task(EventLoop::current(), std::move(coro), {}, std::move(context));
}

// asyncio.current_task(): the task running now, or nullptr outside of one.
TaskCore* current_task() noexcept;

// Awaiting a coroutine or a task or a future gives this type.
template <class A>
using await_result_t = decltype(std::declval<A>().operator co_await().await_resume());

}  // namespace asyncio
