#pragma once
// asyncio.timeout() and asyncio.wait_for (Python 3.11/3.12). A Timeout scope cancels the
// task that entered it when its deadline passes; on the way out the cancellation is turned
// into TimeoutError. The cancel counts (cancelling/uncancel) tell a timeout's own
// cancellation from one that came from outside, so nested timeouts each see their own.
//
//     co_await asyncio::async_with(asyncio::timeout(2), [&](asyncio::Timeout& cm)
//                                  -> asyncio::Coroutine<> { co_await slow(); });
#include <exception>
#include <memory>
#include <optional>

#include "asyncio/async_with.hpp"
#include "asyncio/gather.hpp"
#include "asyncio/task.hpp"

namespace asyncio {

class Timeout {
  public:
    // `when` is an absolute loop time; nullopt means no deadline (yet).
    explicit Timeout(std::optional<double> when) noexcept : when_(when) {}
    // async_with moves the manager into its frame; a move may even come after entering, so
    // the armed timer reaches the Timeout through `self_`, which the move repoints.
    Timeout(Timeout&& other) noexcept;
    Timeout& operator=(Timeout&&) = delete;

    std::optional<double> when() const noexcept { return when_; }
    // Move the deadline, even while inside the scope; nullopt removes it.
    void reschedule(std::optional<double> when);
    // The same with `when` as the loop's clock in its own unit (EventLoop::now_ns()), so a
    // deadline summed from a Duration stays in nanoseconds until here.
    void reschedule(Duration when);
    bool expired() const noexcept { return state_ == State::expiring || state_ == State::expired; }
    // Seconds left before the deadline (negative once past), nullopt without one.
    std::optional<double> remaining() const;

    void aenter();
    bool aexit(std::exception_ptr error);

  private:
    enum class State { created, entered, expiring, expired, exited };
    void on_timeout();
    // The deadline's callback, bound to wherever this Timeout lives when it fires.
    std::function<void()> timeout_callback();
    State state_ = State::created;
    std::optional<double> when_;
    TimerHandle handler_;
    TaskCore* task_ = nullptr;
    int cancelling_ = 0;
    std::shared_ptr<Timeout*> self_;  // made when a deadline is first armed
};

// asyncio.timeout(delay): a deadline `delay` seconds from now.
Timeout timeout(std::optional<double> delay);
Timeout timeout(Duration delay);
// asyncio.timeout_at(when): a deadline at loop time `when`.
Timeout timeout_at(std::optional<double> when);

namespace detail {
Coroutine<> cancel_and_wait(FutureCore& future);
}

namespace detail {
inline bool no_time_left(const std::optional<double>& limit) {
    return limit && *limit <= 0;
}
inline bool no_time_left(Duration limit) {
    return limit <= Duration::zero();
}

template <class A, class Limit>
auto wait_for(A aw, Limit limit) -> Coroutine<typename ensured_t<A>::value_type> {
    using T = typename ensured_t<A>::value_type;
    if (no_time_left(limit)) {
        auto task = ensure_future(std::move(aw));
        if (!task.done()) {
            co_await cancel_and_wait(task.core());
            try {
                co_return task.result();
            } catch (const CancelledError&) {
                std::throw_with_nested(TimeoutError());  // the cancellation as its cause
            }
        }
        co_return task.result();
    }
    co_return co_await async_with(timeout(limit),
                                  [&]() -> Coroutine<T> { co_return co_await std::move(aw); });
}

template <class R, class Limit>
Coroutine<R> wait_for_gathering(Gathering<R> aw, Limit limit) {
    if (no_time_left(limit)) {
        if (!aw.done()) {
            co_await cancel_and_wait(aw.core());
            try {
                co_return aw.result();
            } catch (const CancelledError&) {
                std::throw_with_nested(TimeoutError());  // the cancellation as its cause
            }
        }
        co_return aw.result();
    }
    co_return co_await async_with(timeout(limit), [&]() -> Coroutine<R> { co_return co_await aw; });
}
}  // namespace detail

// asyncio.wait_for(aw, timeout): the result of `aw`, or TimeoutError once `timeout` passed,
// after `aw` has been cancelled and has ended. A coroutine runs inside the calling task (as
// in 3.12); a task is awaited, and cancelled on timeout. The limit is float seconds (nullopt:
// none) or a Duration.
template <class A>
auto wait_for(A aw, std::optional<double> timeout_seconds) {
    return detail::wait_for(std::move(aw), timeout_seconds);
}
template <class A>
auto wait_for(A aw, Duration timeout) {
    return detail::wait_for(std::move(aw), timeout);
}

// wait_for(gather(...), timeout): Python passes the gathering future itself, with no task
// around it, so on timeout (a zero one included) it is the gather that is cancelled, and the
// gather cancels every child still running.
template <class R>
Coroutine<R> wait_for(Gathering<R> aw, std::optional<double> timeout_seconds) {
    return detail::wait_for_gathering(std::move(aw), timeout_seconds);
}
template <class R>
Coroutine<R> wait_for(Gathering<R> aw, Duration timeout) {
    return detail::wait_for_gathering(std::move(aw), timeout);
}

}  // namespace asyncio
