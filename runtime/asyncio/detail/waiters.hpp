#pragma once
// Where a task parks when a Lock, Semaphore, Event, Condition, Barrier or Queue makes it wait:
// a fresh future of its own, kept in a FIFO, as locks.py and queues.py keep a deque of
// loop.create_future(). Waking a waiter completes its future, so the task resumes at the next
// pass, never in the middle of the waker's step: that is what keeps the order of events equal
// to Python's.
//
// The future's kind (WaitOn::lock, WaitOn::queue, ...) is what the timeline shows the task waiting
// on. Its detail asks the primitive at the moment someone looks ("A held by worker-2"), so the
// deadlock report names the holder as it is then, not as it was when the task began to wait.
//
// A primitive must outlive the tasks that wait on it, as any object a coroutine refers to.
#include <cstddef>
#include <deque>
#include <memory>
#include <string>

#include "asyncio/task.hpp"

namespace asyncio::detail {

// A primitive that can describe itself to the deadlock report and the timeline.
class WaitSubject {
  public:
    virtual std::string describe_wait() const = 0;
    // The task a waiter really waits for, when there is one (a Lock's holder): with it the
    // deadlock report is a wait-for graph (WaitInfo::on_task).
    virtual TaskId holder_task() const noexcept { return no_task; }

  protected:
    WaitSubject() = default;
    WaitSubject(const WaitSubject&) = default;
    WaitSubject& operator=(const WaitSubject&) = default;
    ~WaitSubject() = default;
};

class WaiterFuture final : public FutureState<void> {
  public:
    WaiterFuture(EventLoop& loop, WaitOn kind, const WaitSubject* subject) noexcept
        : FutureState<void>(loop, kind), subject_(subject) {}
    std::string detail() const override {
        return subject_ ? subject_->describe_wait() : FutureState<void>::detail();
    }
    TaskId awaited_task_id() const noexcept override {
        return subject_ ? subject_->holder_task() : no_task;
    }
    // The primitive is going away: keep answering, without it.
    void forget_subject() noexcept { subject_ = nullptr; }

  private:
    const WaitSubject* subject_;
};

using WaiterPtr = std::shared_ptr<WaiterFuture>;

// The deque of waiters. Shared pointers: the waiting coroutine holds its own, so a waiter
// removed by a waker (queues pop them) stays valid until its task has looked at it.
class WaiterQueue {
  public:
    using const_iterator = std::deque<WaiterPtr>::const_iterator;

    WaiterQueue() = default;
    WaiterQueue(const WaiterQueue&) = delete;
    WaiterQueue& operator=(const WaiterQueue&) = delete;
    ~WaiterQueue() {
        for (auto& w : items_) w->forget_subject();
    }

    // loop.create_future() appended at the back.
    WaiterPtr push(WaitOn kind, const WaitSubject* subject) {
        // From the frame pool: a wait costs no trip through malloc.
        items_.push_back(std::allocate_shared<WaiterFuture>(PoolAllocator<WaiterFuture>{},
                                                            EventLoop::current(), kind, subject));
        return items_.back();
    }
    // deque.remove(fut); a waiter already taken out by a waker is not an error here, as
    // queues.py ignores the ValueError. Searching from the front: the one leaving is
    // almost always the first.
    void remove(const WaiterFuture* waiter) noexcept {
        if (!items_.empty() && items_.front().get() == waiter) {
            items_.pop_front();  // deque::erase is general and several times dearer
            return;
        }
        for (auto it = items_.begin(); it != items_.end(); ++it) {
            if (it->get() == waiter) {
                items_.erase(it);
                return;
            }
        }
    }
    WaiterPtr pop_front() {
        WaiterPtr front = std::move(items_.front());
        items_.pop_front();
        return front;
    }
    const WaiterPtr& front() const noexcept { return items_.front(); }
    bool empty() const noexcept { return items_.empty(); }
    std::size_t size() const noexcept { return items_.size(); }
    const_iterator begin() const noexcept { return items_.begin(); }
    const_iterator end() const noexcept { return items_.end(); }

  private:
    std::deque<WaiterPtr> items_;
};

// `co_await park(*waiter)`: suspends the running task on its waiter. A cancelled task gets
// CancelledError here and the waiter is cancelled with it.
inline FutureAwaiter<WaiterFuture> park(WaiterFuture& waiter) noexcept {
    return {waiter};
}

// "A" or "A " + more, for details that start with the primitive's optional name.
inline std::string named(const std::string& name, const std::string& rest) {
    if (name.empty()) return rest;
    if (rest.empty()) return name;
    return name + " " + rest;
}

}  // namespace asyncio::detail
