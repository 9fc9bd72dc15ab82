#pragma once
// asyncio.Queue, asyncio.PriorityQueue and asyncio.LifoQueue (Python 3.13, with shutdown).
//
// maxsize 0 means unbounded; otherwise put() waits while the queue is full (back-pressure)
// and get() waits while it is empty, both first in, first out among the waiters. A waiter
// that was woken but then cancelled hands its turn to the next one. Every put adds an
// unfinished task, task_done() removes one, and join() waits until none is left.
// shutdown() makes put() raise QueueShutDown at once, and get() once the queue is empty
// (immediate=true empties it first); every waiter is woken to see it.
//
//     asyncio::Queue<int> q(2, "jobs");
//     co_await q.put(1);
//     int item = co_await q.get();
//     q.task_done();
#include <algorithm>
#include <cstddef>
#include <deque>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "asyncio/coroutine.hpp"
#include "asyncio/detail/waiters.hpp"
#include "asyncio/event.hpp"

namespace asyncio {

namespace detail {

// Everything that does not depend on the item type: waiters, counters, shutdown.
class QueueBase : private WaitSubject {
  public:
    QueueBase(const QueueBase&) = delete;
    QueueBase& operator=(const QueueBase&) = delete;

    std::size_t qsize() const noexcept { return item_count(); }
    std::size_t maxsize() const noexcept { return maxsize_; }
    bool empty() const noexcept { return item_count() == 0; }
    bool full() const noexcept { return maxsize_ > 0 && item_count() >= maxsize_; }

    // ValueError when called more times than items were put.
    void task_done();
    // Waits until every item put has been marked done.
    Coroutine<> join();
    void shutdown(bool immediate = false);

    const std::string& name() const noexcept { return name_; }
    // Python's private _getters and _putters, for tests that check nobody is left queued.
    const WaiterQueue& getters() const noexcept { return getters_; }
    const WaiterQueue& putters() const noexcept { return putters_; }
    // Python's private _unfinished_tasks: items put and not yet marked done.
    std::size_t unfinished_tasks() const noexcept { return unfinished_tasks_; }

  protected:
    QueueBase(std::size_t maxsize, std::string name);
    ~QueueBase() = default;

    // One turn of put()'s and get()'s waiting loops: park until woken; QueueShutDown first
    // if the queue is shut down.
    Coroutine<> wait_for_room();
    Coroutine<> wait_for_item();
    // put_nowait / get_nowait around the storage: checks before, bookkeeping after.
    void check_can_put() const;
    void check_can_get() const;
    void item_added();
    void item_removed();

    virtual std::size_t item_count() const noexcept = 0;
    virtual void discard_item() = 0;

  private:
    std::string describe_wait() const override;
    static void wake_up_next(WaiterQueue& waiters);
    static void wake_all(WaiterQueue& waiters);
    Coroutine<> wait_in(WaiterQueue& waiters, bool for_item);

    std::size_t maxsize_;
    std::string name_;
    WaiterQueue getters_;
    WaiterQueue putters_;
    std::size_t unfinished_tasks_ = 0;
    Event finished_;
    bool is_shutdown_ = false;
};

template <class T>
struct FifoStorage {
    std::deque<T> items;
    void push(T item) { items.push_back(std::move(item)); }
    T pop() {
        T item = std::move(items.front());
        items.pop_front();
        return item;
    }
    std::size_t size() const noexcept { return items.size(); }
};

template <class T>
struct LifoStorage {
    std::vector<T> items;
    void push(T item) { items.push_back(std::move(item)); }
    T pop() {
        T item = std::move(items.back());
        items.pop_back();
        return item;
    }
    std::size_t size() const noexcept { return items.size(); }
};

// Python's heapq: the smallest item comes out first.
template <class T, class Compare>
struct HeapStorage {
    std::vector<T> items;
    Compare less;
    // std's heap functions keep the greatest on top; reversing the order keeps the smallest.
    bool greater(const T& a, const T& b) const { return less(b, a); }
    void push(T item) {
        items.push_back(std::move(item));
        std::push_heap(items.begin(), items.end(),
                       [this](const T& a, const T& b) { return greater(a, b); });
    }
    T pop() {
        std::pop_heap(items.begin(), items.end(),
                      [this](const T& a, const T& b) { return greater(a, b); });
        T item = std::move(items.back());
        items.pop_back();
        return item;
    }
    std::size_t size() const noexcept { return items.size(); }
};

}  // namespace detail

template <class T, class Storage>
class BasicQueue : public detail::QueueBase {
  public:
    explicit BasicQueue(std::size_t maxsize = 0, std::string name = {})
        : QueueBase(maxsize, std::move(name)) {}

    // Waits while the queue is full; QueueShutDown once it is shut down.
    Coroutine<> put(T item) {
        while (full()) co_await wait_for_room();
        put_nowait(std::move(item));
    }
    // QueueFull when full, QueueShutDown once shut down.
    void put_nowait(T item) {
        check_can_put();
        storage_.push(std::move(item));
        item_added();
    }
    // Waits while the queue is empty; QueueShutDown once it is shut down and empty.
    Coroutine<T> get() {
        while (empty()) co_await wait_for_item();
        co_return get_nowait();
    }
    // QueueEmpty when empty (QueueShutDown if also shut down).
    T get_nowait() {
        check_can_get();
        T item = storage_.pop();
        item_removed();
        return item;
    }

  private:
    std::size_t item_count() const noexcept override { return storage_.size(); }
    void discard_item() override { (void)storage_.pop(); }
    Storage storage_;
};

template <class T>
class Queue : public BasicQueue<T, detail::FifoStorage<T>> {
  public:
    using BasicQueue<T, detail::FifoStorage<T>>::BasicQueue;
};

// Items come out smallest first (by Compare), like heapq: put (priority, value) pairs.
template <class T, class Compare = std::less<T>>
class PriorityQueue : public BasicQueue<T, detail::HeapStorage<T, Compare>> {
  public:
    using BasicQueue<T, detail::HeapStorage<T, Compare>>::BasicQueue;
};

// The last item put comes out first.
template <class T>
class LifoQueue : public BasicQueue<T, detail::LifoStorage<T>> {
  public:
    using BasicQueue<T, detail::LifoStorage<T>>::BasicQueue;
};

}  // namespace asyncio
