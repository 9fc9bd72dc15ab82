#pragma once
// asyncio.Future: a result that will exist later. Tasks are futures too. Completing a future
// does not run its callbacks at once: they are scheduled for the next pass, exactly as
// CPython's Future.__schedule_callbacks does, which is what makes every hop cost one pass.
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "asyncio/errors.hpp"
#include "asyncio/loop.hpp"

namespace asyncio {

class TaskCore;
class FutureCore;

namespace detail {
// What gather's future is to each child: told, through the ready queue, when one ends.
class ChildWatcher {
  public:
    virtual void child_done(FutureCore& child) = 0;

  protected:
    ChildWatcher() = default;
    ChildWatcher(const ChildWatcher&) = default;
    ChildWatcher& operator=(const ChildWatcher&) = default;
    ~ChildWatcher() = default;
};
}  // namespace detail

class FutureCore {
  public:
    enum class State : std::uint8_t { pending, cancelled, finished };
    using CallbackId = std::uint64_t;

    // `kind` is what a task awaiting this future waits on, as shown on the timeline.
    explicit FutureCore(EventLoop& loop, WaitOn kind = WaitOn::future) noexcept
        : loop_(&loop), kind_(kind) {}
    virtual ~FutureCore();
    FutureCore(const FutureCore&) = delete;
    FutureCore& operator=(const FutureCore&) = delete;

    bool done() const noexcept { return state_ != State::pending; }
    bool cancelled() const noexcept { return state_ == State::cancelled; }
    virtual bool cancel(std::string message = {});

    // Python's Future.exception(): CancelledError if cancelled, InvalidStateError if not
    // done; marks the error as retrieved.
    std::exception_ptr exception();
    void set_exception(std::exception_ptr error);
    // Throws what result() would throw, without returning a value.
    void rethrow_if_failed();

    CallbackId add_done_callback(std::function<void()> callback);
    bool remove_done_callback(CallbackId id) noexcept;
    // The task's own wake-up: kept apart from user callbacks only to skip a std::function.
    void add_waiter(TaskCore* task);
    // gather's wake-up: `watcher` hears child_done(*this) at the pass after this future ends,
    // in order with the other callbacks, as Python's _done_callback does. No std::function and
    // no context copy: child_done reads no context variable.
    void add_watcher(std::shared_ptr<detail::ChildWatcher> watcher);
    // Internal, for a loop that closes while this future is pending: its callbacks will never
    // be called, and one may hold this very future (Task::add_done_callback's does), which
    // would then never be freed.
    void drop_callbacks() noexcept;

    EventLoop& loop() const noexcept { return *loop_; }
    WaitOn kind() const noexcept { return kind_; }
    void set_kind(WaitOn kind) noexcept { kind_ = kind; }
    // Who is behind this future, for the timeline and deadlock report ("Task-3", "lock 1").
    virtual std::string detail() const { return text_ ? text_->detail : std::string{}; }
    void set_detail(std::string detail) { text().detail = std::move(detail); }
    virtual TaskId awaited_task_id() const noexcept { return no_task; }
    // For a future a timer completes (sleep): when it is due, so a view can say so.
    double wakes_at() const noexcept { return wakes_at_; }
    void set_wakes_at(double when) noexcept { wakes_at_ = when; }
    // Silences the "exception was never retrieved" report (gather and TaskGroup do this).
    void mark_retrieved() noexcept { log_traceback_ = false; }
    const std::string& cancel_message() const noexcept {
        return text_ ? text_->cancel_message : no_text();
    }

  protected:
    void finish();  // state is set; schedule the callbacks
    CancelledError make_cancelled_error() const { return CancelledError(cancel_message()); }
    bool set_state_cancelled(std::string message);
    virtual std::string name_for_report() const { return "Future"; }
    // Derived destructors call it first: in ~FutureCore the derived name is gone.
    void report_if_unretrieved() noexcept;

    EventLoop* loop_;
    WaitOn kind_;
    State state_ = State::pending;
    bool log_traceback_ = false;
    std::exception_ptr exception_;
    double wakes_at_ = -1;

    // Words most futures never get (a cancel message, a detail, a task's pending cancel
    // messages): apart, made on first use, so that a million sleeping tasks do not carry
    // four empty strings each.
    struct Text {
        std::string cancel_message;
        std::string detail;
        std::string task_cancel;          // TaskCore: the message of a cancel() to deliver
        std::string task_pending_cancel;  // TaskCore: the message the next await raises
    };
    Text& text() {
        if (!text_) text_ = std::make_unique<Text>();
        return *text_;
    }
    const Text* text_if_any() const noexcept { return text_.get(); }
    static const std::string& no_text() noexcept;

  private:
    struct Callback {
        TaskCore* task = nullptr;
        CallbackId id = 0;
        std::function<void()> fn;
        std::shared_ptr<detail::ChildWatcher> watcher;
    };
    std::vector<Callback>& callbacks() {
        if (!callbacks_) callbacks_ = std::make_unique<std::vector<Callback>>();
        return *callbacks_;
    }
    bool has_callbacks() const noexcept { return callbacks_ && !callbacks_->empty(); }

    std::unique_ptr<Text> text_;
    // The first to wait for this future, when it came before any callback: a task that awaits
    // it, or gather's future when it is gather's child. Most futures have exactly one and
    // then need no vector. At most one of the two is set.
    TaskCore* first_waiter_ = nullptr;
    std::shared_ptr<detail::ChildWatcher> first_watcher_;
    // The others, in the order they came; made on first use.
    std::unique_ptr<std::vector<Callback>> callbacks_;
    CallbackId last_callback_id_ = 0;
};

namespace detail {
// Storage for a result; void has none.
template <class T>
struct ValueSlot {
    std::optional<T> value;
    T& get() { return *value; }
};
template <>
struct ValueSlot<void> {
    void get() {}
};
}  // namespace detail

template <class T>
class FutureState : public FutureCore, public detail::ValueSlot<T> {
  public:
    using FutureCore::FutureCore;

    template <class U = T>
    requires(!std::is_void_v<U>) void set_result(U value) {
        if (done()) throw InvalidStateError("invalid state");
        this->value.emplace(std::move(value));
        state_ = State::finished;
        finish();
    }
    void set_result() requires std::is_void_v<T> {
        if (done()) throw InvalidStateError("invalid state");
        state_ = State::finished;
        finish();
    }
    // Python's Future.result().
    decltype(auto) result() {
        rethrow_if_failed();
        return this->get();
    }
};

// A shared handle to a FutureState, what Python code holds as a future object.
template <class T = void>
class Future {
  public:
    using value_type = T;
    Future() = default;
    explicit Future(std::shared_ptr<FutureState<T>> state) : state_(std::move(state)) {}
    bool done() const { return state_->done(); }
    bool cancelled() const { return state_->cancelled(); }
    bool cancel(std::string message = {}) const { return state_->cancel(std::move(message)); }
    decltype(auto) result() const { return state_->result(); }
    std::exception_ptr exception() const { return state_->exception(); }
    template <class U>
    void set_result(U&& value) const {
        state_->set_result(std::forward<U>(value));
    }
    void set_result() const requires std::is_void_v<T> { state_->set_result(); }
    void set_exception(std::exception_ptr error) const { state_->set_exception(error); }
    template <class F>
    FutureCore::CallbackId add_done_callback(F fn) const {
        return state_->add_done_callback([fn = std::move(fn), s = state_] { fn(Future(s)); });
    }
    bool remove_done_callback(FutureCore::CallbackId id) const {
        return state_->remove_done_callback(id);
    }
    FutureState<T>& state() const { return *state_; }
    const std::shared_ptr<FutureState<T>>& shared_state() const { return state_; }
    FutureCore& core() const { return *state_; }

  private:
    std::shared_ptr<FutureState<T>> state_;
};

// loop.create_future()
template <class T = void>
Future<T> create_future(WaitOn kind = WaitOn::future) {
    return Future<T>(std::make_shared<FutureState<T>>(EventLoop::current(), kind));
}

}  // namespace asyncio
