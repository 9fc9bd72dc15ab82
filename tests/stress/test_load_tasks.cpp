// Load on the runtime alone (issue 11, "Load"): many tasks under the real clock, and many
// tasks contending for one Lock, one Semaphore and one Queue. Each case checks what must hold
// at any size: every task ends, the counts add up, nobody is left waiting, the lock is never
// held by two. Reduced sizes here; LOAD_FULL=1 runs the full ones (load.hpp).
#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "asyncio/asyncio.hpp"
#include "load.hpp"

using asyncio::Coroutine;
using asyncio::Task;

namespace {

Coroutine<> sleeper(double delay, long& woken) {
    co_await asyncio::sleep(delay);
    ++woken;
}

Coroutine<> many_sleepers(long n, double delay, long& woken, double& created_at) {
    std::vector<Task<>> tasks;
    tasks.reserve(static_cast<std::size_t>(n));
    const double start = asyncio::EventLoop::current().time();
    for (long i = 0; i < n; ++i) tasks.push_back(asyncio::create_task(sleeper(delay, woken)));
    created_at = asyncio::EventLoop::current().time() - start;
    co_await asyncio::gather(tasks);
}

// Who is inside a critical section right now, and the most there ever were at once.
struct Occupancy {
    long inside = 0;
    long most = 0;
    long entries = 0;
    void enter() {
        most = std::max(most, ++inside);
        ++entries;
    }
    void leave() { --inside; }
};

Coroutine<> lock_user(asyncio::Lock& lock, Occupancy& seen, long rounds) {
    for (long r = 0; r < rounds; ++r) {
        co_await lock.acquire();
        seen.enter();
        co_await asyncio::sleep(0);  // others run (and queue up) while it is held
        seen.leave();
        lock.release();
    }
}

Coroutine<> semaphore_user(asyncio::Semaphore& semaphore, Occupancy& seen, long rounds) {
    for (long r = 0; r < rounds; ++r) {
        co_await semaphore.acquire();
        seen.enter();
        co_await asyncio::sleep(0);
        seen.leave();
        semaphore.release();
    }
}

Coroutine<> producer(asyncio::Queue<long>& queue, long first, long count) {
    for (long i = first; i < first + count; ++i) co_await queue.put(i);
}

Coroutine<> consumer(asyncio::Queue<long>& queue, long count, long& sum, long& got) {
    for (long i = 0; i < count; ++i) {
        sum += co_await queue.get();
        ++got;
        queue.task_done();
    }
}

}  // namespace

TEST_CASE("load: many tasks sleeping under the real clock all wake, once each, on time") {
    const long n = load::size(20'000, 1'000'000);
    const double delay = load::full_size() ? 1.0 : 0.2;
    long woken = 0;
    double created = 0;
    load::Stopwatch watch;
    asyncio::run(many_sleepers(n, delay, woken, created));
    const double wall = watch.seconds();
    CHECK(woken == n);
    CHECK(wall >= delay);
    CHECK(wall < delay + 120);  // generous: ASan, a loaded machine
    load::report("tasks", n, wall, "(overhead " + std::to_string(wall - delay) + " s)");
}

TEST_CASE("load: tasks contending for one Lock never hold it two at a time") {
    const long tasks = load::size(2'000, 10'000), rounds = 3;
    asyncio::Lock lock;
    Occupancy seen;
    auto main = [&]() -> Coroutine<> {
        std::vector<Task<>> all;
        for (long i = 0; i < tasks; ++i)
            all.push_back(asyncio::create_task(lock_user(lock, seen, rounds)));
        co_await asyncio::gather(all);
    };
    load::Stopwatch watch;
    asyncio::run(main());
    load::report("lock", tasks, watch.seconds(), "x" + std::to_string(rounds) + " acquisitions");
    CHECK(seen.most == 1);
    CHECK(seen.entries == tasks * rounds);
    CHECK(seen.inside == 0);
    CHECK_FALSE(lock.locked());
    CHECK(lock.waiters().empty());
}

TEST_CASE("load: tasks contending for one Semaphore fill it and never overfill it") {
    const long tasks = load::size(2'000, 10'000), rounds = 3;
    const int value = 7;
    asyncio::Semaphore semaphore(value);
    Occupancy seen;
    auto main = [&]() -> Coroutine<> {
        std::vector<Task<>> all;
        for (long i = 0; i < tasks; ++i)
            all.push_back(asyncio::create_task(semaphore_user(semaphore, seen, rounds)));
        co_await asyncio::gather(all);
    };
    load::Stopwatch watch;
    asyncio::run(main());
    load::report("semaphore", tasks, watch.seconds(), "x" + std::to_string(rounds));
    CHECK(seen.most == value);
    CHECK(seen.entries == tasks * rounds);
    CHECK(semaphore.value() == value);
    CHECK(semaphore.waiters().empty());
}

TEST_CASE("load: producers and consumers on one bounded Queue pass every item once") {
    const long pairs = load::size(1'000, 5'000), items = 4;  // 2 x pairs tasks in all
    asyncio::Queue<long> queue(16);
    long sum = 0, got = 0;
    auto main = [&]() -> Coroutine<> {
        std::vector<Task<>> all;
        for (long i = 0; i < pairs; ++i) {
            all.push_back(asyncio::create_task(consumer(queue, items, sum, got)));
            all.push_back(asyncio::create_task(producer(queue, i * items, items)));
        }
        co_await asyncio::gather(all);
        co_await queue.join();  // every item was marked done
    };
    load::Stopwatch watch;
    asyncio::run(main());
    load::report("queue", 2 * pairs, watch.seconds(), std::to_string(pairs * items) + " items");
    const long total = pairs * items;
    CHECK(got == total);
    CHECK(sum == total * (total - 1) / 2);  // 0 .. total-1, each once
    CHECK(queue.empty());
    CHECK(queue.unfinished_tasks() == 0);
    CHECK(queue.getters().empty());
    CHECK(queue.putters().empty());
}
