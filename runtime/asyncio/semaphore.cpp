#include "asyncio/semaphore.hpp"

#include <algorithm>

namespace asyncio {

Semaphore::Semaphore(int value, std::string name)
    : Semaphore(value, std::move(name), std::nullopt) {}

Semaphore::Semaphore(int value, std::string name, std::optional<int> bound)
    : name_(std::move(name)), value_(value), bound_(bound) {
    if (value < 0) throw ValueError("Semaphore initial value must be >= 0");
}

bool Semaphore::locked() const noexcept {
    return value_ == 0 || std::any_of(waiters_.begin(), waiters_.end(),
                                      [](const auto& w) { return !w->cancelled(); });
}

Coroutine<bool> Semaphore::acquire() {
    if (!locked()) {
        --value_;
        co_return true;
    }
    auto waiter = waiters_.push(WaitOn::semaphore, this);
    std::exception_ptr error;
    try {
        co_await detail::park(*waiter);
    } catch (...) {
        error = std::current_exception();
    }
    waiters_.remove(waiter.get());
    if (error) {
        // wake_up_next() already counted the place as ours; we will not use it.
        if (waiter->done() && !waiter->cancelled()) ++value_;
    }
    // Whoever queued behind us while places were free (FIFO made them wait) may go now.
    while (value_ > 0 && wake_up_next()) {
    }
    if (error) std::rethrow_exception(error);
    co_return true;
}

void Semaphore::release() {
    if (bound_ && value_ >= *bound_) throw ValueError("BoundedSemaphore released too many times");
    ++value_;
    wake_up_next();
}

bool Semaphore::wake_up_next() {
    // The place is taken on the waiter's behalf now, so nobody can grab it before it runs.
    for (const auto& waiter : waiters_) {
        if (!waiter->done()) {
            --value_;
            waiter->set_result();
            return true;
        }
    }
    return false;
}

std::string Semaphore::describe_wait() const {
    std::string state = bound_ ? std::to_string(value_) + " of " + std::to_string(*bound_) + " free"
                               : "value " + std::to_string(value_);
    return detail::named(name_, "(" + state + ")");
}

}  // namespace asyncio
