// CPython 3.13's Lib/test/test_asyncio/test_queues.py, ported: _QueueShutdownTestMixin for
// Queue, LifoQueue and PriorityQueue (Queue.shutdown() is new in 3.13; the 3.11 copy shipped
// with the local python has no such tests). Each case is named after the Python test and
// asserts what it asserts.
//
// Not ported (Python-only machinery):
//   {Queue,LifoQueue,PriorityQueue}ShutdownTests.test_format   _format(), the repr() helper
#include <string>

#include "sync_support.hpp"

using asyncio::Coroutine;
using cpython::run;

namespace {

// put(), put_nowait(), get() and get_nowait() all raise QueueShutDown.
template <class Q>
Coroutine<> check_all_raise_shutdown(Q& q) {
    CHECK_THROWS_AS(co_await q.put("data"), asyncio::QueueShutDown);
    CHECK_THROWS_AS(q.put_nowait("data"), asyncio::QueueShutDown);
    CHECK_THROWS_AS(co_await q.get(), asyncio::QueueShutDown);
    CHECK_THROWS_AS(q.get_nowait(), asyncio::QueueShutDown);
}

template <class Q>
void test_shutdown_empty() {
    Q q;
    run([&]() -> Coroutine<> {
        auto get_task = asyncio::create_task(q.get());
        co_await asyncio::sleep(0);  // the get task is pending before the shutdown

        q.shutdown(false);  // unfinished tasks: 0 -> 0
        CHECK(q.qsize() == 0);

        // join() returns.
        co_await q.join();

        // The get task has ended with QueueShutDown.
        co_await asyncio::sleep(0);
        CHECK(get_task.done());
        CHECK_THROWS_AS(co_await get_task, asyncio::QueueShutDown);

        co_await check_all_raise_shutdown(q);
    });
}

template <class Q>
void test_shutdown_nonempty() {
    Q q(1);
    run([&]() -> Coroutine<> {
        // A full queue of one item, a join() task and a put() task.
        q.put_nowait("data");
        auto join_task = asyncio::create_task(q.join());
        auto put_task = asyncio::create_task(q.put("data2"));

        // The put task waits.
        co_await asyncio::sleep(0);
        CHECK_FALSE(put_task.done());

        q.shutdown(false);  // unfinished tasks: 1 -> 1
        CHECK(q.qsize() == 1);

        // The put task has ended with QueueShutDown.
        co_await asyncio::sleep(0);
        CHECK(put_task.done());
        CHECK_THROWS_AS(co_await put_task, asyncio::QueueShutDown);

        // get() still returns the item that was in the queue.
        CHECK(co_await q.get() == "data");

        // join() waits on.
        co_await asyncio::sleep(0);
        CHECK_FALSE(join_task.done());

        co_await check_all_raise_shutdown(q);

        // One unfinished task: marking it done lets join() return.
        q.task_done();
        co_await asyncio::sleep(0);
        CHECK(join_task.done());
        co_await join_task;

        CHECK_THROWS_AS(q.task_done(), asyncio::ValueError);
    });
}

template <class Q>
void test_shutdown_immediate() {
    Q q;
    run([&]() -> Coroutine<> {
        // One item, and a join() task.
        q.put_nowait("data");
        auto join_task = asyncio::create_task(q.join());

        q.shutdown(true);  // unfinished tasks: 1 -> 0
        CHECK(q.qsize() == 0);

        // join() has returned.
        co_await asyncio::sleep(0);
        CHECK(join_task.done());
        co_await join_task;

        co_await check_all_raise_shutdown(q);

        // No unfinished task is left.
        CHECK_THROWS_AS(q.task_done(), asyncio::ValueError);
    });
}

template <class Q>
void test_shutdown_immediate_with_unfinished() {
    Q q;
    run([&]() -> Coroutine<> {
        // Two items, one of them taken out, and a join() task.
        q.put_nowait("data");
        q.put_nowait("data");
        auto join_task = asyncio::create_task(q.join());
        CHECK(co_await q.get() == "data");

        q.shutdown(true);  // unfinished tasks: 2 -> 1
        CHECK(q.qsize() == 0);

        // join() waits on.
        co_await asyncio::sleep(0);
        CHECK_FALSE(join_task.done());

        co_await check_all_raise_shutdown(q);

        // Exactly one unfinished task is left.
        q.task_done();
        CHECK_THROWS_AS(q.task_done(), asyncio::ValueError);

        // join() has returned.
        co_await asyncio::sleep(0);
        CHECK(join_task.done());
        co_await join_task;
    });
}

using Fifo = asyncio::Queue<std::string>;
using Lifo = asyncio::LifoQueue<std::string>;
using Priority = asyncio::PriorityQueue<std::string>;

}  // namespace

TEST_CASE("test_queues.QueueShutdownTests.test_shutdown_empty") {
    test_shutdown_empty<Fifo>();
}
TEST_CASE("test_queues.QueueShutdownTests.test_shutdown_nonempty") {
    test_shutdown_nonempty<Fifo>();
}
TEST_CASE("test_queues.QueueShutdownTests.test_shutdown_immediate") {
    test_shutdown_immediate<Fifo>();
}
TEST_CASE("test_queues.QueueShutdownTests.test_shutdown_immediate_with_unfinished") {
    test_shutdown_immediate_with_unfinished<Fifo>();
}
TEST_CASE("test_queues.LifoQueueShutdownTests.test_shutdown_empty") {
    test_shutdown_empty<Lifo>();
}
TEST_CASE("test_queues.LifoQueueShutdownTests.test_shutdown_nonempty") {
    test_shutdown_nonempty<Lifo>();
}
TEST_CASE("test_queues.LifoQueueShutdownTests.test_shutdown_immediate") {
    test_shutdown_immediate<Lifo>();
}
TEST_CASE("test_queues.LifoQueueShutdownTests.test_shutdown_immediate_with_unfinished") {
    test_shutdown_immediate_with_unfinished<Lifo>();
}
TEST_CASE("test_queues.PriorityQueueShutdownTests.test_shutdown_empty") {
    test_shutdown_empty<Priority>();
}
TEST_CASE("test_queues.PriorityQueueShutdownTests.test_shutdown_nonempty") {
    test_shutdown_nonempty<Priority>();
}
TEST_CASE("test_queues.PriorityQueueShutdownTests.test_shutdown_immediate") {
    test_shutdown_immediate<Priority>();
}
TEST_CASE("test_queues.PriorityQueueShutdownTests.test_shutdown_immediate_with_unfinished") {
    test_shutdown_immediate_with_unfinished<Priority>();
}
