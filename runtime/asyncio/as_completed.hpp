#pragma once
// asyncio.as_completed: hand over results in the order the jobs finish, each as soon as it
// is ready.
//
//     for (auto next : asyncio::as_completed(std::move(tasks))) {
//         int result = co_await next;   // the earliest one not yet handed over
//     }
//
// As in CPython, finished jobs are fed into a queue and each awaitable takes the next one
// from it (Queue.get), so several tasks may await items at the same time: each has a
// waiting future of its own, woken in the order they started waiting.
#include <algorithm>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

#include "asyncio/gather.hpp"
#include "asyncio/task.hpp"

namespace asyncio {

template <class T>
class AsCompleted {
    struct State {
        std::vector<Task<T>> todo;
        std::deque<std::optional<Task<T>>> done;  // nullopt: the timeout passed
        std::deque<std::shared_ptr<FutureState<void>>> getters;
        TimerHandle timer;

        // Queue.put_nowait: store the item, then wake the first getter still waiting.
        void put(std::optional<Task<T>> item) {
            done.push_back(std::move(item));
            wake_next_getter();
        }
        // Queue._wakeup_next.
        void wake_next_getter() {
            while (!getters.empty()) {
                auto getter = std::move(getters.front());
                getters.pop_front();
                if (!getter->done()) {
                    getter->set_result();
                    return;
                }
            }
        }
    };

  public:
    AsCompleted(std::vector<Task<T>> tasks, std::optional<double> timeout)
        : state_(std::make_shared<State>()) {
        auto s = state_;
        // Python builds a set: a task given twice is handed over once.
        for (auto& t : tasks)
            if (std::find(s->todo.begin(), s->todo.end(), t) == s->todo.end())
                s->todo.push_back(std::move(t));
        count_ = s->todo.size();
        auto& loop = EventLoop::current();
        for (auto& t : s->todo) {
            t.add_done_callback([w = std::weak_ptr<State>(s)](Task<T> done_task) {
                auto s = w.lock();
                if (!s) return;
                auto it = std::find(s->todo.begin(), s->todo.end(), done_task);
                if (it == s->todo.end()) return;  // already given up on by the timeout
                s->todo.erase(it);
                s->put(std::move(done_task));
                if (s->todo.empty()) s->timer.cancel();
            });
        }
        if (timeout && !s->todo.empty()) {
            s->timer = loop.call_later(*timeout, [w = std::weak_ptr<State>(s)] {
                auto s = w.lock();
                if (!s) return;
                const std::size_t left = s->todo.size();
                s->todo.clear();  // first, so that put() sees the final state
                for (std::size_t i = 0; i < left; ++i) s->put(std::nullopt);
            });
        }
    }

    // One awaitable per job; awaiting it gives the next result to finish. Each is one
    // _wait_for_one() coroutine of CPython's: it can be awaited once, or handed to a task
    // (create_task(std::move(next).coroutine())).
    class Next {
      public:
        explicit Next(std::shared_ptr<State> s) : state_(std::move(s)) {}
        // The coroutine lives in this object, which lives in the loop body while awaited.
        auto operator co_await() {
            taker_.emplace(take(state_));
            return std::move(*taker_).operator co_await();
        }
        Coroutine<T> coroutine() && { return take(std::move(state_)); }

      private:
        // Python's _wait_for_one(), with Queue.get() inlined.
        static Coroutine<T> take(std::shared_ptr<State> s) {
            while (s->done.empty()) {
                auto getter =
                    std::make_shared<FutureState<void>>(EventLoop::current(), WaitOn::task);
                s->getters.push_back(getter);
                try {
                    co_await detail::FutureAwaiter<FutureState<void>>{*getter};
                } catch (...) {
                    // Cancelled while waiting: leave the line, and if an item arrived for
                    // us meanwhile, pass the wake-up on to the next getter.
                    getter->cancel();
                    std::erase(s->getters, getter);
                    if (!s->done.empty() && !getter->cancelled()) s->wake_next_getter();
                    throw;
                }
            }
            auto item = std::move(s->done.front());
            s->done.pop_front();
            if (!item) throw TimeoutError();
            co_return item->result();
        }
        std::shared_ptr<State> state_;
        std::optional<Coroutine<T>> taker_;
    };

    class iterator {
      public:
        iterator(std::shared_ptr<State> s, std::size_t i) : state_(std::move(s)), index_(i) {}
        Next operator*() const { return Next(state_); }
        iterator& operator++() {
            ++index_;
            return *this;
        }
        bool operator!=(const iterator& other) const { return index_ != other.index_; }

      private:
        std::shared_ptr<State> state_;
        std::size_t index_;
    };
    iterator begin() const { return iterator(state_, 0); }
    iterator end() const { return iterator(state_, count_); }
    std::size_t size() const { return count_; }

  private:
    std::shared_ptr<State> state_;
    std::size_t count_ = 0;
};

template <class T>
AsCompleted<T> as_completed(std::vector<Task<T>> tasks, std::optional<double> timeout = {}) {
    return AsCompleted<T>(std::move(tasks), timeout);
}

template <class T>
AsCompleted<T> as_completed(std::vector<Coroutine<T>> coros, std::optional<double> timeout = {}) {
    std::vector<Task<T>> tasks;
    for (auto& c : coros) tasks.push_back(create_task(std::move(c)));
    return AsCompleted<T>(std::move(tasks), timeout);
}

}  // namespace asyncio
