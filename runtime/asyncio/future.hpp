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

    EventLoop& loop() const noexcept { return *loop_; }
    WaitOn kind() const noexcept { return kind_; }
    void set_kind(WaitOn kind) noexcept { kind_ = kind; }
    // Who is behind this future, for the timeline and deadlock report ("Task-3", "lock 1").
    virtual std::string detail() const { return detail_; }
    void set_detail(std::string detail) { detail_ = std::move(detail); }
    virtual TaskId awaited_task_id() const noexcept { return no_task; }
    // For a future a timer completes (sleep): when it is due, so a view can say so.
    double wakes_at() const noexcept { return wakes_at_; }
    void set_wakes_at(double when) noexcept { wakes_at_ = when; }
    // Silences the "exception was never retrieved" report (gather and TaskGroup do this).
    void mark_retrieved() noexcept { log_traceback_ = false; }
    const std::string& cancel_message() const noexcept { return cancel_message_; }

  protected:
    void finish();  // state is set; schedule the callbacks
    CancelledError make_cancelled_error() const { return CancelledError(cancel_message_); }
    bool set_state_cancelled(std::string message);
    virtual std::string name_for_report() const { return "Future"; }
    // Derived destructors call it first: in ~FutureCore the derived name is gone.
    void report_if_unretrieved() noexcept;

    EventLoop* loop_;
    WaitOn kind_;
    State state_ = State::pending;
    bool log_traceback_ = false;
    std::exception_ptr exception_;
    std::string cancel_message_;
    std::string detail_;
    double wakes_at_ = -1;

  private:
    struct Callback {
        TaskCore* task = nullptr;
        CallbackId id = 0;
        std::function<void()> fn;
    };
    std::vector<Callback> callbacks_;
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
