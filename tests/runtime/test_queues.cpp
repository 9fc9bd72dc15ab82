// Queue, PriorityQueue, LifoQueue: one case per rule of CPython's queues.py (3.13, with
// shutdown), with exact virtual times.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "support.hpp"

using asyncio::Coroutine;
using testing::Log;
using testing::now;
using testing::run_virtual;
using testing::settle;
using Lines = std::vector<std::string>;

TEST_CASE("Queue is first in first out, PriorityQueue smallest first, LifoQueue last first") {
    auto main = []() -> Coroutine<> {
        asyncio::Queue<int> fifo;
        asyncio::LifoQueue<int> lifo;
        asyncio::PriorityQueue<std::pair<int, std::string>> prio;
        for (int i : {3, 1, 2}) {
            co_await fifo.put(i);
            co_await lifo.put(i);
        }
        co_await prio.put({3, "c"});
        co_await prio.put({1, "a"});
        co_await prio.put({2, "b"});
        std::vector<int> from_fifo, from_lifo;
        std::string from_prio;
        for (int i = 0; i < 3; ++i) {
            from_fifo.push_back(co_await fifo.get());
            from_lifo.push_back(co_await lifo.get());
            from_prio += (co_await prio.get()).second;
        }
        CHECK(from_fifo == std::vector<int>{3, 1, 2});
        CHECK(from_lifo == std::vector<int>{2, 1, 3});
        CHECK(from_prio == "abc");
        CHECK(now() == 0);  // nothing had to wait
    };
    run_virtual(main());
}

TEST_CASE("Queue: qsize, empty, full; put_nowait raises QueueFull and get_nowait QueueEmpty") {
    auto main = []() -> Coroutine<> {
        asyncio::Queue<std::string> q(2);
        CHECK(q.maxsize() == 2);
        CHECK(q.empty());
        CHECK_FALSE(q.full());
        q.put_nowait("a");
        q.put_nowait("b");
        CHECK(q.qsize() == 2);
        CHECK(q.full());
        CHECK_THROWS_AS(q.put_nowait("c"), asyncio::QueueFull);
        CHECK(q.get_nowait() == "a");
        CHECK(q.get_nowait() == "b");
        CHECK_THROWS_AS(q.get_nowait(), asyncio::QueueEmpty);
        asyncio::Queue<int> unbounded;
        for (int i = 0; i < 1000; ++i) unbounded.put_nowait(i);
        CHECK_FALSE(unbounded.full());
        co_return;
    };
    run_virtual(main());
}

TEST_CASE("Queue: put waits while the queue is full (back-pressure with maxsize)") {
    Log log;
    asyncio::Queue<int> q(2);
    auto producer = [&]() -> Coroutine<> {
        for (int i = 0; i < 5; ++i) {
            co_await q.put(i);
            log.add("put " + std::to_string(i));
        }
    };
    auto consumer = [&]() -> Coroutine<> {
        for (int i = 0; i < 5; ++i) {
            co_await asyncio::sleep(1);
            log.add("got " + std::to_string(co_await q.get()));
        }
    };
    auto main = [&]() -> Coroutine<> { co_await asyncio::gather(producer(), consumer()); };
    run_virtual(main());
    CHECK(log.lines == Lines{"0 put 0", "0 put 1", "1 got 0", "1 put 2", "2 got 1", "2 put 3",
                             "3 got 2", "3 put 4", "4 got 3", "5 got 4"});
}

TEST_CASE("Queue: get waits while the queue is empty, and getters are served first in first out") {
    Log log;
    asyncio::Queue<int> q;
    auto getter = [&](std::string name) -> Coroutine<> {
        int item = co_await q.get();
        log.add(name + " got " + std::to_string(item));
    };
    auto main = [&]() -> Coroutine<> {
        auto a = asyncio::create_task(getter("a"));
        auto b = asyncio::create_task(getter("b"));
        auto c = asyncio::create_task(getter("c"));
        co_await asyncio::sleep(1);
        q.put_nowait(10);
        q.put_nowait(20);
        co_await asyncio::sleep(1);
        co_await q.put(30);
        co_await asyncio::gather(a, b, c);
    };
    run_virtual(main());
    CHECK(log.lines == Lines{"1 a got 10", "1 b got 20", "2 c got 30"});
}

TEST_CASE("Queue: a getter cancelled after it was woken passes the item to the next getter") {
    Log log;
    asyncio::Queue<int> q;
    auto getter = [&](std::string name) -> Coroutine<> {
        int item = co_await q.get();
        log.add(name + " got " + std::to_string(item));
    };
    auto main = [&]() -> Coroutine<> {
        auto a = asyncio::create_task(getter("a"));
        auto b = asyncio::create_task(getter("b"));
        auto c = asyncio::create_task(getter("c"));
        co_await asyncio::sleep(1);
        b.cancel();        // cancelled while waiting: leaves no trace
        q.put_nowait(10);  // wakes a...
        a.cancel();        // ...cancelled before it ran: c gets the item
        co_await settle(a);
        co_await settle(b);
        co_await c;
        CHECK(a.cancelled());
        CHECK(b.cancelled());
        CHECK(q.empty());
    };
    run_virtual(main());
    CHECK(log.lines == Lines{"1 c got 10"});
}

TEST_CASE("Queue: a putter cancelled after it was woken passes the room to the next putter") {
    Log log;
    asyncio::Queue<int> q(1);
    auto putter = [&](int item) -> Coroutine<> {
        co_await q.put(item);
        log.add("put " + std::to_string(item));
    };
    auto main = [&]() -> Coroutine<> {
        q.put_nowait(0);
        auto a = asyncio::create_task(putter(1));
        auto b = asyncio::create_task(putter(2));
        co_await asyncio::sleep(1);
        CHECK(q.get_nowait() == 0);  // wakes a...
        a.cancel();                  // ...cancelled before it ran: b puts
        co_await settle(a);
        co_await b;
        CHECK(q.get_nowait() == 2);
    };
    run_virtual(main());
    CHECK(log.lines == Lines{"1 put 2"});
}

TEST_CASE("Queue: join waits until task_done was called for every item put") {
    Log log;
    asyncio::Queue<int> q;
    auto worker = [&]() -> Coroutine<> {
        for (;;) {
            int seconds = co_await q.get();
            co_await asyncio::sleep(seconds);
            log.add("did " + std::to_string(seconds));
            q.task_done();
        }
    };
    auto main = [&]() -> Coroutine<> {
        co_await q.join();  // nothing put yet: returns at once
        for (int s : {1, 2, 3}) q.put_nowait(s);
        auto w = asyncio::create_task(worker());
        co_await q.join();
        log.add("joined");
        w.cancel();
        co_await settle(w);
    };
    run_virtual(main());
    CHECK(log.lines == Lines{"1 did 1", "3 did 2", "6 did 3", "6 joined"});
}

TEST_CASE("Queue: task_done called more times than items were put raises ValueError") {
    auto main = []() -> Coroutine<> {
        asyncio::Queue<int> q;
        CHECK_THROWS_AS(q.task_done(), asyncio::ValueError);
        q.put_nowait(1);
        (void)q.get_nowait();
        q.task_done();
        CHECK_THROWS_AS(q.task_done(), asyncio::ValueError);
        co_return;
    };
    run_virtual(main());
}

TEST_CASE("Queue: shutdown wakes waiters; put raises QueueShutDown, get only once empty") {
    Log log;
    asyncio::Queue<int> full(1);
    asyncio::Queue<int> empty;
    auto putter = [&]() -> Coroutine<> {
        try {
            co_await full.put(2);
        } catch (const asyncio::QueueShutDown&) {
            log.add("putter: shut down");
        }
    };
    auto getter = [&]() -> Coroutine<> {
        try {
            co_await empty.get();
        } catch (const asyncio::QueueShutDown&) {
            log.add("getter: shut down");
        }
    };
    auto main = [&]() -> Coroutine<> {
        full.put_nowait(1);
        auto p = asyncio::create_task(putter());
        auto g = asyncio::create_task(getter());
        co_await asyncio::sleep(1);
        full.shutdown();
        empty.shutdown();
        co_await asyncio::gather(p, g);
        CHECK_THROWS_AS(full.put_nowait(3), asyncio::QueueShutDown);
        CHECK(co_await full.get() == 1);  // what was put before is still there
        CHECK_THROWS_AS(co_await full.get(), asyncio::QueueShutDown);
        CHECK_THROWS_AS(full.get_nowait(), asyncio::QueueShutDown);
    };
    run_virtual(main());
    CHECK(log.lines == Lines{"1 putter: shut down", "1 getter: shut down"});
}

TEST_CASE("Queue: shutdown(immediate) drops the items and releases join") {
    Log log;
    asyncio::Queue<int> q;
    auto main = [&]() -> Coroutine<> {
        for (int i = 0; i < 3; ++i) q.put_nowait(i);
        auto joiner = [&]() -> Coroutine<> {
            co_await q.join();
            log.add("joined");
        };
        auto j = asyncio::create_task(joiner());
        co_await asyncio::sleep(1);
        q.shutdown(true);
        CHECK(q.empty());
        co_await j;
        CHECK_THROWS_AS(co_await q.get(), asyncio::QueueShutDown);
    };
    run_virtual(main());
    CHECK(log.lines == Lines{"1 joined"});
}

TEST_CASE("Queue: a task waiting on a queue is shown waiting on \"queue\"; join too") {
    struct Recorder : asyncio::Observer {
        std::vector<std::string> seen;
        void task_suspended(const asyncio::WaitInfo& w, double) override {
            seen.push_back(w.name + ":" + std::string(to_string(w.on)) + ":" + w.detail);
        }
    } recorder;
    asyncio::Queue<int> q(1, "jobs");
    auto main = [&]() -> Coroutine<> {
        auto getter = [&]() -> Coroutine<> {
            (void)co_await q.get();
            q.task_done();
        };
        auto g = asyncio::create_task(getter(), "getter");
        co_await asyncio::sleep(1);
        q.put_nowait(1);
        co_await g;
        q.put_nowait(2);
        auto putter = [&]() -> Coroutine<> { co_await q.put(3); };
        auto p = asyncio::create_task(putter(), "putter");
        auto joiner = [&]() -> Coroutine<> { co_await q.join(); };
        auto j = asyncio::create_task(joiner(), "joiner");
        co_await asyncio::sleep(1);
        for (int i = 0; i < 2; ++i) {
            (void)co_await q.get();
            q.task_done();
        }
        co_await asyncio::gather(p, j);
    };
    run_virtual(main(), &recorder);
    auto saw = [&](const std::string& line) {
        return std::find(recorder.seen.begin(), recorder.seen.end(), line) != recorder.seen.end();
    };
    CHECK(saw("getter:queue:jobs (empty)"));
    CHECK(saw("putter:queue:jobs (full, 1 item)"));
    CHECK(saw("joiner:queue:jobs"));
}
