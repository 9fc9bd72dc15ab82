#pragma once
// asyncio.Event: set() wakes every task waiting now, and wait() returns at once while the
// flag stays set; clear() resets it for the waits that come after.
#include <string>

#include "asyncio/coroutine.hpp"
#include "asyncio/detail/waiters.hpp"

namespace asyncio {

namespace detail {
class QueueBase;
}

class Event : private detail::WaitSubject {
  public:
    explicit Event(std::string name = {}) : name_(std::move(name)) {}
    Event(const Event&) = delete;
    Event& operator=(const Event&) = delete;

    bool is_set() const noexcept { return value_; }
    void set();
    void clear() noexcept { value_ = false; }
    // Returns true, as Python's wait() does, once the flag is set.
    Coroutine<bool> wait();

    const std::string& name() const noexcept { return name_; }

    // Python's private _waiters, for tests that check nobody is left queued.
    const detail::WaiterQueue& waiters() const noexcept { return waiters_; }

  private:
    // What a waiting task is shown waiting on: Queue.join parks on an Event, shown as "queue".
    friend class detail::QueueBase;
    void set_wait_kind(WaitOn kind) noexcept { kind_ = kind; }

    std::string describe_wait() const override { return name_; }

    detail::WaiterQueue waiters_;
    std::string name_;
    WaitOn kind_ = WaitOn::event;
    bool value_ = false;
};

}  // namespace asyncio
