#include "asyncio/event.hpp"

namespace asyncio {

void Event::set() {
    if (value_) return;
    value_ = true;
    for (const auto& waiter : waiters_) {
        if (!waiter->done()) waiter->set_result();
    }
}

Coroutine<bool> Event::wait() {
    if (value_) co_return true;
    auto waiter = waiters_.push(kind_, this);
    try {
        co_await detail::park(*waiter);
    } catch (...) {
        waiters_.remove(waiter.get());
        throw;
    }
    waiters_.remove(waiter.get());
    co_return true;
}

}  // namespace asyncio
