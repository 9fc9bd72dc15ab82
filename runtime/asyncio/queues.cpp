#include "asyncio/queues.hpp"

namespace asyncio::detail {

QueueBase::QueueBase(std::size_t maxsize, std::string name)
    : maxsize_(maxsize), name_(std::move(name)), finished_(name_) {
    // join() parks on this event: show it as waiting on the queue.
    finished_.set_wait_kind(WaitOn::queue);
    finished_.set();
}

void QueueBase::wake_up_next(WaiterQueue& waiters) {
    // Taken out as they are woken; cancelled ones are skipped (they clean up after themselves).
    while (!waiters.empty()) {
        auto waiter = waiters.pop_front();
        if (!waiter->done()) {
            waiter->set_result();
            return;
        }
    }
}

void QueueBase::wake_all(WaiterQueue& waiters) {
    while (!waiters.empty()) {
        auto waiter = waiters.pop_front();
        if (!waiter->done()) waiter->set_result();
    }
}

Coroutine<> QueueBase::wait_for_room() {
    if (is_shutdown_) throw QueueShutDown();
    co_await wait_in(putters_, false);
}

Coroutine<> QueueBase::wait_for_item() {
    if (is_shutdown_) throw QueueShutDown();
    co_await wait_in(getters_, true);
}

Coroutine<> QueueBase::wait_in(WaiterQueue& waiters, bool for_item) {
    auto waiter = waiters.push(WaitOn::queue, this);
    try {
        co_await park(*waiter);
    } catch (...) {
        waiter->cancel();  // in case it is still pending: nobody may wake it any more
        waiters.remove(waiter.get());
        // Woken (not cancelled) but leaving anyway: what we were woken for is still there,
        // so the next in line must get it.
        const bool still_there = for_item ? !empty() : !full();
        if (still_there && !waiter->cancelled()) wake_up_next(waiters);
        throw;
    }
}

void QueueBase::check_can_put() const {
    if (is_shutdown_) throw QueueShutDown();
    if (full()) throw QueueFull();
}

void QueueBase::check_can_get() const {
    if (empty()) {
        if (is_shutdown_) throw QueueShutDown();
        throw QueueEmpty();
    }
}

void QueueBase::item_added() {
    ++unfinished_tasks_;
    finished_.clear();
    wake_up_next(getters_);
}

void QueueBase::item_removed() {
    wake_up_next(putters_);
}

void QueueBase::task_done() {
    if (unfinished_tasks_ == 0) throw ValueError("task_done() called too many times");
    if (--unfinished_tasks_ == 0) finished_.set();
}

Coroutine<> QueueBase::join() {
    if (unfinished_tasks_ > 0) co_await finished_.wait();
}

void QueueBase::shutdown(bool immediate) {
    is_shutdown_ = true;
    if (immediate) {
        // The items thrown away will never be processed: they no longer count for join().
        while (!empty()) {
            discard_item();
            if (unfinished_tasks_ > 0) --unfinished_tasks_;
        }
        if (unfinished_tasks_ == 0) finished_.set();
    }
    // Everyone waiting must look again, and find the queue shut down.
    wake_all(getters_);
    wake_all(putters_);
}

std::string QueueBase::describe_wait() const {
    const std::size_t n = item_count();
    std::string state = n == 0 ? "empty" : n == 1 ? "1 item" : std::to_string(n) + " items";
    if (full()) state = "full, " + state;
    if (is_shutdown_) state += ", shut down";
    return named(name_, "(" + state + ")");
}

}  // namespace asyncio::detail
