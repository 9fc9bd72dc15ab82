#pragma once
// asyncio.Lock (Python 3.12). Waiters are served first in, first out: release() wakes the
// first waiter, and until that waiter has run, a newcomer may not jump the queue even though
// the lock looks free. A waiter cancelled after it was woken passes the wake-up to the next.
//
//     asyncio::Lock lock("db");
//     co_await asyncio::async_with(lock, [&]() -> asyncio::Coroutine<> { ... });
//
// Unlike Python's, the lock remembers the task that took it, only to name it in the deadlock
// report ("db held by worker-2"); any task may still release it, as in Python.
#include <exception>
#include <memory>
#include <string>

#include "asyncio/coroutine.hpp"
#include "asyncio/detail/waiters.hpp"

namespace asyncio {

class Lock : private detail::WaitSubject {
  public:
    explicit Lock(std::string name = {}) : name_(std::move(name)) {}
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;

    bool locked() const noexcept { return locked_; }
    // Returns true once the lock is ours, as Python's acquire() does.
    Coroutine<bool> acquire();
    // RuntimeError when the lock is not held.
    void release();

    // async with lock:
    Coroutine<bool> aenter() { return acquire(); }
    bool aexit(const std::exception_ptr&) {
        release();
        return false;
    }

    const std::string& name() const noexcept { return name_; }

    // Python's private _waiters, for tests that check nobody is left queued.
    const detail::WaiterQueue& waiters() const noexcept { return waiters_; }

  private:
    // What a task waiting on this lock is shown waiting on: a Condition built on its own lock
    // passes its kind down (Barrier's condition shows "barrier").
    friend class Condition;
    void set_wait_kind(WaitOn kind) noexcept { kind_ = kind; }

    std::string describe_wait() const override;
    TaskId holder_task() const noexcept override { return locked_ ? holder_id_ : no_task; }
    void wake_up_first();
    void take();

    detail::WaiterQueue waiters_;
    std::string name_;
    WaitOn kind_ = WaitOn::lock;
    bool locked_ = false;
    std::weak_ptr<TaskCore> holder_;
    TaskId holder_id_ = no_task;
};

}  // namespace asyncio
