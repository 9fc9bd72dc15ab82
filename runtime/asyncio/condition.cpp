#include "asyncio/condition.hpp"

namespace asyncio {

Condition::Condition(std::string name) : name_(std::move(name)) {
    own_lock_.emplace(name_);
    lock_ = &*own_lock_;
}

Condition::Condition(Lock& lock, std::string name) : lock_(&lock), name_(std::move(name)) {}

void Condition::set_wait_kind(WaitOn kind, const detail::WaitSubject* subject) noexcept {
    kind_ = kind;
    if (subject) subject_ = subject;
    if (own_lock_) own_lock_->set_wait_kind(kind);
}

Coroutine<bool> Condition::wait() {
    if (!locked()) throw RuntimeError("cannot wait on un-acquired lock");
    release();
    auto waiter = waiters_.push(kind_, subject_);
    std::exception_ptr error;
    try {
        co_await detail::park(*waiter);
    } catch (...) {
        error = std::current_exception();
    }
    waiters_.remove(waiter.get());

    // The lock must be ours again whatever happened: the caller will release it. Cancelling
    // this re-acquisition only postpones it; the latest cancellation is what we raise.
    for (;;) {
        try {
            co_await lock_->acquire();
            break;
        } catch (const CancelledError&) {
            error = std::current_exception();
        }
    }
    if (error) {
        // We may have consumed a notify before failing: give one to somebody else.
        wake(1);
        std::rethrow_exception(error);
    }
    co_return true;
}

void Condition::notify(std::size_t n) {
    if (!locked()) throw RuntimeError("cannot notify on un-acquired lock");
    wake(n);
}

void Condition::notify_all() {
    notify(waiters_.size());
}

void Condition::wake(std::size_t n) {
    std::size_t woken = 0;
    for (const auto& waiter : waiters_) {
        if (woken >= n) break;
        if (!waiter->done()) {
            ++woken;
            waiter->set_result();
        }
    }
}

}  // namespace asyncio
