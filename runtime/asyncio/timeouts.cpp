#include "asyncio/timeouts.hpp"

#include <exception>

namespace asyncio {

Timeout::Timeout(Timeout&& other) noexcept
    : state_(other.state_),
      when_(other.when_),
      handler_(std::move(other.handler_)),
      task_(other.task_),
      cancelling_(other.cancelling_),
      self_(std::move(other.self_)) {
    other.handler_ = {};
    if (self_) *self_ = this;
}

std::function<void()> Timeout::timeout_callback() {
    if (!self_) self_ = std::make_shared<Timeout*>(this);
    return [self = self_] { (*self)->on_timeout(); };
}

void Timeout::reschedule(std::optional<double> when) {
    if (state_ != State::entered) {
        if (state_ == State::created) throw RuntimeError("Timeout has not been entered");
        // Python's _State values, as its error messages show them.
        const char* word = state_ == State::expiring  ? "expiring"
                           : state_ == State::expired ? "expired"
                                                      : "finished";
        throw RuntimeError(std::string("Cannot change state of ") + word + " Timeout");
    }
    when_ = when;
    handler_.cancel();
    handler_ = {};
    if (!when) return;
    auto& loop = EventLoop::current();
    if (*when <= loop.time()) {
        handler_ = loop.call_soon(timeout_callback());
    } else {
        handler_ = loop.call_at(*when, timeout_callback());
    }
}

void Timeout::reschedule(Duration when) {
    // Kept as Python's when() (loop seconds), as timeout(Duration) keeps it.
    reschedule(static_cast<double>(when.count()) / 1e9);
}

std::optional<double> Timeout::remaining() const {
    if (!when_) return std::nullopt;
    return *when_ - EventLoop::current().time();
}

void Timeout::aenter() {
    if (state_ != State::created) throw RuntimeError("Timeout has already been entered");
    task_ = current_task();
    if (!task_) throw RuntimeError("Timeout should be used inside a task");
    state_ = State::entered;
    cancelling_ = task_->cancelling();
    reschedule(when_);
}

bool Timeout::aexit(std::exception_ptr error) {
    handler_.cancel();
    handler_ = {};
    if (state_ == State::expiring) {
        state_ = State::expired;
        if (task_->uncancel() <= cancelling_ && is_cancelled_error(error)) {
            // `raise TimeoutError from exc_val`: the cancellation is kept as the cause,
            // reachable through std::nested_exception.
            try {
                std::rethrow_exception(error);
            } catch (...) {
                std::throw_with_nested(TimeoutError());
            }
        }
    } else if (state_ == State::entered) {
        state_ = State::exited;
    }
    return false;
}

void Timeout::on_timeout() {
    task_->cancel();
    state_ = State::expiring;
    handler_ = {};
}

Timeout timeout(std::optional<double> delay) {
    if (!delay) return Timeout(std::nullopt);
    return Timeout(EventLoop::current().time() + *delay);
}

Timeout timeout(Duration delay) {
    // The deadline is summed in nanoseconds, the loop's unit, and kept as Python's when() (loop
    // seconds): for any deadline under a hundred days that float holds the nanosecond exactly.
    const std::int64_t when_ns = EventLoop::current().now_ns() + delay.count();
    return Timeout(static_cast<double>(when_ns) / 1e9);
}

Timeout timeout_at(std::optional<double> when) {
    return Timeout(when);
}

namespace detail {
// Python's tasks._cancel_and_wait: cancel, then wait until the future has really ended.
Coroutine<> cancel_and_wait(FutureCore& future) {
    auto waiter = std::make_shared<FutureState<void>>(EventLoop::current(), WaitOn::task);
    auto id = future.add_done_callback([waiter] {
        if (!waiter->done()) waiter->set_result();
    });
    future.cancel();
    try {
        co_await FutureAwaiter<FutureState<void>>{*waiter};
    } catch (...) {
        future.remove_done_callback(id);
        throw;
    }
    future.remove_done_callback(id);
}
}  // namespace detail

}  // namespace asyncio
