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
    Sleep(const Sleep&) = delete;
    ~Sleep() { timer_.cancel(); }

    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> at) {
        if (delay_ <= 0) {
            detail::yield_to_loop(at);
            return;
        }
        auto& loop = EventLoop::current();
        auto& future = future_.emplace(loop, WaitOn::sleep);
        timer_ = loop.call_later(delay_, [&future] {
            if (!future.done()) future.set_result();
        });
        future.set_wakes_at(timer_.when());
        detail::running_task().suspend_on(future, at);
    }
    void await_resume() {
        timer_.cancel();
        detail::running_task().throw_if_cancel_pending();
        if (future_) future_->rethrow_if_failed();
    }

  private:
    double delay_;
    std::optional<FutureState<void>> future_;
    TimerHandle timer_;
};

inline Sleep sleep(double delay) noexcept {
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
