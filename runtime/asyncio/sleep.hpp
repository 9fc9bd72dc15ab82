#pragma once
// asyncio.sleep(delay). sleep(0) gives the loop exactly one pass (a bare yield); a positive
// delay waits on a future that a timer completes, as CPython does, so cancelling a sleeping
// task cancels that future and the timer is removed when the task resumes.
#include <coroutine>
#include <optional>

#include "asyncio/task.hpp"

namespace asyncio {

class [[nodiscard]] Sleep {
  public:
    explicit Sleep(double delay) noexcept : delay_(delay) {}
    explicit Sleep(Duration delay) noexcept : duration_(delay) {}
    Sleep(const Sleep&) = delete;
    ~Sleep() {
        if (timer_) timer_.cancel();
    }

    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> at) {
        if (duration_ ? *duration_ <= Duration::zero() : delay_ <= 0) {
            detail::yield_to_loop(at);
            return;
        }
        auto& loop = EventLoop::current();
        auto& future = future_.emplace(loop, WaitOn::sleep);
        auto wake = [&future] {
            if (!future.done()) future.set_result();
        };
        timer_ = duration_ ? loop.call_later(*duration_, wake) : loop.call_later(delay_, wake);
        future.set_wakes_at(timer_.when());
        detail::running_task().suspend_on(future, at);
    }
    void await_resume() {
        if (timer_) timer_.cancel();  // sleep(0) has none: no call
        detail::running_task().throw_if_cancel_pending();
        if (future_) future_->rethrow_if_failed();
    }

  private:
    double delay_ = 0;
    std::optional<Duration> duration_;  // set: the delay as given, in the loop's unit
    std::optional<FutureState<void>> future_;
    TimerHandle timer_;
};

inline Sleep sleep(double delay) noexcept {
    return Sleep(delay);
}
inline Sleep sleep(Duration delay) noexcept {
    return Sleep(delay);
}

// asyncio.sleep(delay, result): the same wait, then `result` is what the await gives. A
// coroutine, as in Python, so it can be handed to create_task, gather or as_completed.
template <class T>
Coroutine<T> sleep(double delay, T result) {
    co_await Sleep(delay);
    co_return std::move(result);
}

}  // namespace asyncio
