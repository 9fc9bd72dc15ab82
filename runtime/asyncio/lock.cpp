#include "asyncio/lock.hpp"

#include <algorithm>

namespace asyncio {

Coroutine<bool> Lock::acquire() {
    // Free, and nobody queued who still wants it (cancelled waiters that have not yet left
    // the deque do not count): take it without suspending.
    if (!locked_ && std::all_of(waiters_.begin(), waiters_.end(),
                                [](const detail::WaiterPtr& w) { return w->cancelled(); })) {
        take();
        co_return true;
    }
    auto waiter = waiters_.push(kind_, this);
    try {
        co_await detail::park(*waiter);
    } catch (const CancelledError&) {
        waiters_.remove(waiter.get());
        // We may have been woken just before the cancellation arrived; the lock is then free
        // with nobody about to take it, so the next in line must hear of it.
        if (!locked_) wake_up_first();
        throw;
    } catch (...) {
        waiters_.remove(waiter.get());
        throw;
    }
    waiters_.remove(waiter.get());
    take();
    co_return true;
}

void Lock::release() {
    if (!locked_) throw RuntimeError("Lock is not acquired.");
    locked_ = false;
    holder_.reset();
    holder_id_ = no_task;
    wake_up_first();
}

void Lock::take() {
    locked_ = true;
    if (auto* task = current_task()) {
        holder_ = task->weak_from_this();
        holder_id_ = task->id();
    }
}

void Lock::wake_up_first() {
    // Only the first: if it is already done (woken, or cancelled and not yet gone), its own
    // task will pass the turn on when it runs.
    if (waiters_.empty()) return;
    const auto& first = *waiters_.begin();
    if (!first->done()) first->set_result();
}

std::string Lock::describe_wait() const {
    // Only the name: who holds the lock is data (WaitInfo::on_task), for each reader to word.
    return name_;
}

}  // namespace asyncio
