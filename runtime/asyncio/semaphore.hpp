#pragma once
// asyncio.Semaphore and asyncio.BoundedSemaphore (Python 3.12/3.13). A counter of free
// places; acquire() takes one or waits, first in, first out: while anyone is queued, a
// newcomer queues too even if a place is free, so nobody is overtaken. A waiter cancelled
// after it was given a place gives it back and the next in line gets it.
//
//     asyncio::Semaphore pool(3, "pool");
//     co_await asyncio::async_with(pool, [&]() -> asyncio::Coroutine<> { ... });
#include <exception>
#include <optional>
#include <string>

#include "asyncio/coroutine.hpp"
#include "asyncio/detail/waiters.hpp"

namespace asyncio {

class Semaphore : private detail::WaitSubject {
  public:
    // ValueError when value < 0.
    explicit Semaphore(int value = 1, std::string name = {});
    Semaphore(const Semaphore&) = delete;
    Semaphore& operator=(const Semaphore&) = delete;

    // True when acquire() would wait: no place free, or others queued before us.
    bool locked() const noexcept;
    Coroutine<bool> acquire();
    // BoundedSemaphore: ValueError when that would exceed the initial value.
    void release();

    // async with sem:
    Coroutine<bool> aenter() { return acquire(); }
    bool aexit(const std::exception_ptr&) {
        release();
        return false;
    }

    // The free places (Python's private _value), for lessons that show it.
    int value() const noexcept { return value_; }
    const std::string& name() const noexcept { return name_; }

    // Python's private _waiters, for tests that check nobody is left queued.
    const detail::WaiterQueue& waiters() const noexcept { return waiters_; }

  protected:
    Semaphore(int value, std::string name, std::optional<int> bound);

  private:
    std::string describe_wait() const override;
    bool wake_up_next();

    detail::WaiterQueue waiters_;
    std::string name_;
    int value_;
    std::optional<int> bound_;
};

// A semaphore that refuses to be released more often than it was acquired.
class BoundedSemaphore : public Semaphore {
  public:
    explicit BoundedSemaphore(int value = 1, std::string name = {})
        : Semaphore(value, std::move(name), value) {}
};

}  // namespace asyncio
