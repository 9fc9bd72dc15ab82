#pragma once
// asyncio.Condition (Python 3.13 semantics): wait() releases the lock, waits for a notify,
// then takes the lock again before returning, even when it was cancelled meanwhile, so the
// caller's `async with` always ends holding the lock it releases. A waiter that fails after
// it may have been notified hands one notification on (a spurious wake-up for someone else
// is allowed; a lost one is not).
//
//     co_await asyncio::async_with(cond, [&]() -> asyncio::Coroutine<> {
//         co_await cond.wait_for([&] { return !items.empty(); });
//         ...
//     });
#include <cstddef>
#include <exception>
#include <optional>
#include <string>
#include <type_traits>

#include "asyncio/coroutine.hpp"
#include "asyncio/detail/waiters.hpp"
#include "asyncio/lock.hpp"

namespace asyncio {

class Condition : private detail::WaitSubject {
  public:
    // With a lock of its own, named like the condition.
    explicit Condition(std::string name = {});
    // Sharing `lock`, which must outlive the condition.
    explicit Condition(Lock& lock, std::string name = {});
    Condition(const Condition&) = delete;
    Condition& operator=(const Condition&) = delete;

    bool locked() const noexcept { return lock_->locked(); }
    Coroutine<bool> acquire() { return lock_->acquire(); }
    void release() { lock_->release(); }

    // RuntimeError unless the lock is held. Returns true once notified and re-locked.
    Coroutine<bool> wait();
    // Waits until predicate() is truthy and returns its last value; the lock is held on entry
    // and on return.
    template <class Predicate>
    auto wait_for(Predicate predicate)
        -> Coroutine<std::decay_t<std::invoke_result_t<Predicate&>>> {
        auto result = predicate();
        while (!result) {
            co_await wait();
            result = predicate();
        }
        co_return result;
    }
    // Wake up to n waiters (not counting those already woken). RuntimeError unless locked.
    void notify(std::size_t n = 1);
    void notify_all();

    // async with cond:
    Coroutine<bool> aenter() { return acquire(); }
    bool aexit(const std::exception_ptr&) {
        release();
        return false;
    }

    const std::string& name() const noexcept { return name_; }

    // Python's private _waiters, for tests that check nobody is left queued.
    const detail::WaiterQueue& waiters() const noexcept { return waiters_; }
    // The lock it uses (Python's _lock): its own, or the one it was given.
    Lock& lock() const noexcept { return *lock_; }

  private:
    // What a waiting task is shown waiting on, and who describes it: Barrier parks on a
    // Condition and shows "barrier" and its own state.
    friend class Barrier;
    void set_wait_kind(WaitOn kind, const detail::WaitSubject* subject = nullptr) noexcept;

    std::string describe_wait() const override { return name_; }
    void wake(std::size_t n);

    std::optional<Lock> own_lock_;
    Lock* lock_;
    detail::WaiterQueue waiters_;
    std::string name_;
    WaitOn kind_ = WaitOn::condition;
    const detail::WaitSubject* subject_ = this;
};

}  // namespace asyncio
