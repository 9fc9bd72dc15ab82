#pragma once
// asyncio.as_completed: hand over results in the order the jobs finish, each as soon as it
// is ready.
//
//     for (auto next : asyncio::as_completed(std::move(tasks))) {
//         int result = co_await next;   // the earliest one not yet handed over
//     }
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
        std::shared_ptr<FutureState<void>> getter;
        TimerHandle timer;

        void put(std::optional<Task<T>> item) {
            done.push_back(std::move(item));
            if (getter && !getter->done()) getter->set_result();
        }
    };

  public:
    AsCompleted(std::vector<Task<T>> tasks, std::optional<double> timeout)
        : state_(std::make_shared<State>()), count_(tasks.size()) {
        auto s = state_;
        s->todo = std::move(tasks);
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
        if (timeout) {
            s->timer = loop.call_later(*timeout, [w = std::weak_ptr<State>(s)] {
                auto s = w.lock();
                if (!s) return;
                for (std::size_t i = 0; i < s->todo.size(); ++i) s->put(std::nullopt);
                s->todo.clear();
            });
        }
    }

    // One awaitable per job; awaiting it gives the next result to finish.
    class Next {
      public:
        explicit Next(std::shared_ptr<State> s) : state_(std::move(s)) {}
        // The coroutine lives in this object, which lives in the loop body while awaited.
        auto operator co_await() {
            taker_.emplace(take(state_));
            return std::move(*taker_).operator co_await();
        }

      private:
        static Coroutine<T> take(std::shared_ptr<State> s) {
            while (s->done.empty()) {
                s->getter = std::make_shared<FutureState<void>>(EventLoop::current(), "task");
                co_await detail::FutureAwaiter<FutureState<void>>{*s->getter};
                s->getter.reset();
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
    std::size_t count_;
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
