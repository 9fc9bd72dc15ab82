// CPython's Lib/test/test_asyncio/test_queues.py, ported: QueueBasicTests, QueueGetTests,
// QueuePutTests, LifoQueueTests, PriorityQueueTests and the join tests of the three queues
// (the shutdown tests of 3.13 are in test_queues_shutdown.cpp). Each case is named after
// the Python test and asserts what it asserts.
//
// Not ported (Python-only machinery):
//   QueueBasicTests.test_repr                  repr() text
//   QueueBasicTests.test_str                   str() text
//   QueueBasicTests.test_generic_alias         asyncio.Queue[int] as a types.GenericAlias
//   QueuePutTests.test_float_maxsize           a float maxsize (1.3); maxsize is an integer
//                                              in C++
//   {Queue,LifoQueue,PriorityQueue}JoinTests.test_format   _format(), the repr() helper
// Ported in part:
//   QueueGetTests.test_get_with_putters        Python appends a bare future to the private
//                                              _putters; here a real put() waits there
#include <set>
#include <string>
#include <vector>

#include "sync_support.hpp"

using asyncio::Coroutine;
using cpython::call_later;
using cpython::run;
using Ints = std::vector<int>;

// ------------------------------------------------------------------------ QueueBasicTests

TEST_CASE("test_queues.QueueBasicTests.test_empty") {
    asyncio::Queue<int> q;
    run([&]() -> Coroutine<> {
        CHECK(q.empty());
        co_await q.put(1);
        CHECK_FALSE(q.empty());
        CHECK(co_await q.get() == 1);
        CHECK(q.empty());
    });
}

TEST_CASE("test_queues.QueueBasicTests.test_full") {
    run([]() -> Coroutine<> {
        asyncio::Queue<int> q;
        CHECK_FALSE(q.full());

        asyncio::Queue<int> q1(1);
        co_await q1.put(1);
        CHECK(q1.full());
    });
}

TEST_CASE("test_queues.QueueBasicTests.test_order") {
    asyncio::Queue<int> q;
    run([&]() -> Coroutine<> {
        for (int i : cpython::list(1, 3, 2)) co_await q.put(i);
        Ints items;
        for (int i = 0; i < 3; ++i) items.push_back(co_await q.get());
        CHECK(items == Ints{1, 3, 2});
    });
}

TEST_CASE("test_queues.QueueBasicTests.test_maxsize") {
    asyncio::Queue<int> q(2);
    Ints have_been_put;
    auto putter = [&]() -> Coroutine<bool> {
        for (int i = 0; i < 3; ++i) {
            co_await q.put(i);
            have_been_put.push_back(i);
        }
        co_return true;
    };
    run([&]() -> Coroutine<> {
        CHECK(q.maxsize() == 2);
        auto t = asyncio::create_task(putter());
        for (int i = 0; i < 2; ++i) co_await asyncio::sleep(0);

        // The putter is blocked after putting two items.
        CHECK(have_been_put == Ints{0, 1});
        CHECK(co_await q.get() == 0);

        // Let the putter resume and put the last item.
        co_await asyncio::sleep(0);
        CHECK(have_been_put == Ints{0, 1, 2});
        CHECK(co_await q.get() == 1);
        CHECK(co_await q.get() == 2);

        CHECK(t.done());
        CHECK(t.result());
    });
}

// -------------------------------------------------------------------------- QueueGetTests

TEST_CASE("test_queues.QueueGetTests.test_blocking_get") {
    asyncio::Queue<int> q;
    run([&]() -> Coroutine<> {
        q.put_nowait(1);
        CHECK(co_await q.get() == 1);
    });
}

TEST_CASE("test_queues.QueueGetTests.test_get_with_putters") {
    asyncio::Queue<int> q(1);
    run([&]() -> Coroutine<> {
        co_await q.put(1);
        auto putter = asyncio::create_task(q.put(2));
        co_await asyncio::sleep(0);
        REQUIRE(q.putters().size() == 1);
        auto waiter = q.putters().front();

        CHECK(co_await q.get() == 1);
        CHECK(waiter->done());
        CHECK_NOTHROW(waiter->result());
        co_await putter;
    });
}

TEST_CASE("test_queues.QueueGetTests.test_blocking_get_wait") {
    asyncio::Queue<int> q;
    asyncio::Event started;
    bool finished = false;
    auto queue_get = [&]() -> Coroutine<int> {
        started.set();
        const int res = co_await q.get();
        finished = true;
        co_return res;
    };
    run([&]() -> Coroutine<> {
        auto queue_get_task = asyncio::create_task(queue_get());
        co_await started.wait();
        CHECK_FALSE(finished);
        call_later(0.01, [&] { q.put_nowait(1); });
        const int res = co_await queue_get_task;
        CHECK(finished);
        CHECK(res == 1);
    });
}

TEST_CASE("test_queues.QueueGetTests.test_nonblocking_get") {
    asyncio::Queue<int> q;
    q.put_nowait(1);
    CHECK(q.get_nowait() == 1);
}

TEST_CASE("test_queues.QueueGetTests.test_nonblocking_get_exception") {
    asyncio::Queue<int> q;
    CHECK_THROWS_AS(q.get_nowait(), asyncio::QueueEmpty);
}

TEST_CASE("test_queues.QueueGetTests.test_get_cancelled_race") {
    asyncio::Queue<std::string> q;
    run([&]() -> Coroutine<> {
        auto t1 = asyncio::create_task(q.get());
        auto t2 = asyncio::create_task(q.get());

        co_await asyncio::sleep(0);
        t1.cancel();
        co_await asyncio::sleep(0);
        CHECK(t1.done());
        co_await q.put("a");
        co_await asyncio::sleep(0);
        CHECK(co_await t2 == "a");
    });
}

TEST_CASE("test_queues.QueueGetTests.test_get_with_waiting_putters") {
    asyncio::Queue<std::string> q(1);
    run([&]() -> Coroutine<> {
        asyncio::create_task(q.put("a"));
        asyncio::create_task(q.put("b"));
        CHECK(co_await q.get() == "a");
        CHECK(co_await q.get() == "b");
    });
}

TEST_CASE("test_queues.QueueGetTests.test_why_are_getters_waiting") {
    asyncio::Queue<int> q(1);
    auto consumer = [&](int num_expected) -> Coroutine<> {
        for (int i = 0; i < num_expected; ++i) co_await q.get();
    };
    auto producer = [&](int num_items) -> Coroutine<> {
        for (int i = 0; i < num_items; ++i) co_await q.put(i);
    };
    run([&]() -> Coroutine<> {
        const int producer_num_items = 5;
        co_await asyncio::async_with(asyncio::TaskGroup(),
                                     [&](asyncio::TaskGroup& tg) -> Coroutine<> {
                                         tg.create_task(producer(producer_num_items));
                                         tg.create_task(consumer(producer_num_items));
                                         co_return;
                                     });
        CHECK(q.empty());
    });
}

TEST_CASE("test_queues.QueueGetTests.test_cancelled_getters_not_being_held_in_self_getters") {
    asyncio::Queue<int> queue(5);
    run([&]() -> Coroutine<> {
        CHECK_THROWS_AS(co_await asyncio::wait_for(queue.get(), 0.1), asyncio::TimeoutError);
        CHECK(queue.getters().size() == 0);
    });
}

// -------------------------------------------------------------------------- QueuePutTests

TEST_CASE("test_queues.QueuePutTests.test_blocking_put") {
    asyncio::Queue<int> q;
    run([&]() -> Coroutine<> {
        // No maxsize: this does not block.
        co_await q.put(1);
        CHECK(co_await q.get() == 1);
    });
}

TEST_CASE("test_queues.QueuePutTests.test_blocking_put_wait") {
    asyncio::Queue<int> q(1);
    asyncio::Event started;
    bool finished = false;
    auto queue_put = [&]() -> Coroutine<> {
        started.set();
        co_await q.put(1);
        co_await q.put(2);
        finished = true;
    };
    run([&]() -> Coroutine<> {
        call_later(0.01, [&] { q.get_nowait(); });
        auto queue_put_task = asyncio::create_task(queue_put());
        co_await started.wait();
        CHECK_FALSE(finished);
        co_await queue_put_task;
        CHECK(finished);
    });
}

TEST_CASE("test_queues.QueuePutTests.test_nonblocking_put") {
    asyncio::Queue<int> q;
    q.put_nowait(1);
    CHECK(q.get_nowait() == 1);
}

TEST_CASE("test_queues.QueuePutTests.test_get_cancel_drop_one_pending_reader") {
    asyncio::Queue<int> q;
    run([&]() -> Coroutine<> {
        auto reader = asyncio::create_task(q.get());
        co_await asyncio::sleep(0);

        q.put_nowait(1);
        q.put_nowait(2);
        reader.cancel();

        bool cancelled = false;
        try {
            co_await reader;
        } catch (const asyncio::CancelledError&) {
            cancelled = true;
        }
        if (cancelled) {
            // Try again.
            reader = asyncio::create_task(q.get());
            co_await reader;
        }
        // Getting 2 would mean that 1 was dropped.
        CHECK(reader.result() == 1);
    });
}

TEST_CASE("test_queues.QueuePutTests.test_get_cancel_drop_many_pending_readers") {
    asyncio::Queue<int> q;
    asyncio::Task<int> reader1, reader2, reader3;
    run([&]() -> Coroutine<> {
        co_await asyncio::async_with(asyncio::TaskGroup(),
                                     [&](asyncio::TaskGroup& tg) -> Coroutine<> {
                                         reader1 = tg.create_task(q.get());
                                         reader2 = tg.create_task(q.get());
                                         reader3 = tg.create_task(q.get());

                                         co_await asyncio::sleep(0);

                                         q.put_nowait(1);
                                         q.put_nowait(2);
                                         reader1.cancel();

                                         CHECK_THROWS_AS(co_await reader1, asyncio::CancelledError);
                                         co_await reader3;
                                     });
        // Which concurrent reader gets which item is not defined.
        CHECK(std::set<int>{reader2.result(), reader3.result()} == std::set<int>{1, 2});
    });
}

TEST_CASE("test_queues.QueuePutTests.test_put_cancel_drop") {
    asyncio::Queue<int> q(1);
    run([&]() -> Coroutine<> {
        q.put_nowait(1);

        // Putting a second item has to block (maxsize 1).
        auto writer = asyncio::create_task(q.put(2));
        co_await asyncio::sleep(0);

        CHECK(q.get_nowait() == 1);

        writer.cancel();
        bool cancelled = false;
        try {
            co_await writer;
        } catch (const asyncio::CancelledError&) {
            cancelled = true;
        }
        if (cancelled) {
            // Try again.
            writer = asyncio::create_task(q.put(2));
            co_await writer;
        }
        CHECK(q.get_nowait() == 2);
        CHECK(q.qsize() == 0);
    });
}

TEST_CASE("test_queues.QueuePutTests.test_nonblocking_put_exception") {
    asyncio::Queue<int> q(1);
    q.put_nowait(1);
    CHECK_THROWS_AS(q.put_nowait(2), asyncio::QueueFull);
}

TEST_CASE("test_queues.QueuePutTests.test_put_cancelled") {
    asyncio::Queue<int> q;
    auto queue_put = [&]() -> Coroutine<bool> {
        co_await q.put(1);
        co_return true;
    };
    run([&]() -> Coroutine<> {
        auto t = asyncio::create_task(queue_put());
        CHECK(co_await q.get() == 1);
        CHECK(t.done());
        CHECK(t.result());
    });
}

TEST_CASE("test_queues.QueuePutTests.test_put_cancelled_race") {
    asyncio::Queue<std::string> q(1);
    run([&]() -> Coroutine<> {
        auto put_a = asyncio::create_task(q.put("a"));
        auto put_b = asyncio::create_task(q.put("b"));
        auto put_c = asyncio::create_task(q.put("X"));

        co_await asyncio::sleep(0);
        CHECK(put_a.done());
        CHECK_FALSE(put_b.done());

        put_c.cancel();
        co_await asyncio::sleep(0);
        CHECK(put_c.done());
        CHECK(q.get_nowait() == "a");
        co_await asyncio::sleep(0);
        CHECK(q.get_nowait() == "b");

        co_await put_b;
    });
}

TEST_CASE("test_queues.QueuePutTests.test_put_with_waiting_getters") {
    asyncio::Queue<std::string> q;
    run([&]() -> Coroutine<> {
        auto t = asyncio::create_task(q.get());
        co_await asyncio::sleep(0);
        co_await q.put("a");
        CHECK(co_await t == "a");
    });
}

TEST_CASE("test_queues.QueuePutTests.test_why_are_putters_waiting") {
    asyncio::Queue<int> queue(2);
    auto putter = [&](int item) -> Coroutine<> { co_await queue.put(item); };
    auto getter = [&]() -> Coroutine<> {
        co_await asyncio::sleep(0);
        const auto num = queue.qsize();
        for (std::size_t i = 0; i < num; ++i) queue.get_nowait();
    };
    run([&]() -> Coroutine<> {
        co_await asyncio::async_with(asyncio::TaskGroup(),
                                     [&](asyncio::TaskGroup& tg) -> Coroutine<> {
                                         tg.create_task(getter());
                                         tg.create_task(putter(0));
                                         tg.create_task(putter(1));
                                         tg.create_task(putter(2));
                                         tg.create_task(putter(3));
                                         co_return;
                                     });
        CHECK(queue.qsize() == 2);  // the two put after the getter made room
    });
}

TEST_CASE("test_queues.QueuePutTests.test_cancelled_puts_not_being_held_in_self_putters") {
    asyncio::Queue<int> queue(1);
    run([&]() -> Coroutine<> {
        queue.put_nowait(1);  // full

        // A task waiting for room.
        auto put_task = asyncio::create_task(queue.put(1));
        co_await asyncio::sleep(0);

        // Cancelling it takes its waiter out of the putters.
        CHECK(queue.putters().size() == 1);
        put_task.cancel();
        CHECK_THROWS_AS(co_await put_task, asyncio::CancelledError);
        CHECK(queue.putters().size() == 0);
    });
}

TEST_CASE("test_queues.QueuePutTests.test_cancelled_put_silence_value_error_exception") {
    asyncio::Queue<int> queue(1);
    run([&]() -> Coroutine<> {
        queue.put_nowait(1);  // full

        auto put_task = asyncio::create_task(queue.put(1));
        co_await asyncio::sleep(0);

        // get_nowait() takes put_task's waiter out of the putters; when cancelled, put()
        // removes it again, which must not be an error: the task ends cancelled.
        queue.get_nowait();
        put_task.cancel();
        CHECK_THROWS_AS(co_await put_task, asyncio::CancelledError);
    });
}

// ----------------------------------------------------------- LifoQueueTests, PriorityQueueTests

TEST_CASE("test_queues.LifoQueueTests.test_order") {
    asyncio::LifoQueue<int> q;
    run([&]() -> Coroutine<> {
        for (int i : cpython::list(1, 3, 2)) co_await q.put(i);
        Ints items;
        for (int i = 0; i < 3; ++i) items.push_back(co_await q.get());
        CHECK(items == Ints{2, 3, 1});
    });
}

TEST_CASE("test_queues.PriorityQueueTests.test_order") {
    asyncio::PriorityQueue<int> q;
    run([&]() -> Coroutine<> {
        for (int i : cpython::list(1, 3, 2)) co_await q.put(i);
        Ints items;
        for (int i = 0; i < 3; ++i) items.push_back(co_await q.get());
        CHECK(items == Ints{1, 2, 3});
    });
}

// ------------------------------------------------- _QueueJoinTestMixin, for each queue class

namespace {

template <class Q>
void test_task_done_underflow() {
    Q q;
    CHECK_THROWS_AS(q.task_done(), asyncio::ValueError);
}

template <class Q>
void test_task_done() {
    Q q;
    int accumulator = 0;
    bool running = true;
    // Two workers get items and call task_done() after each; join() then means all done.
    auto worker = [&]() -> Coroutine<> {
        while (running) {
            const int item = co_await q.get();
            accumulator += item;
            q.task_done();
        }
    };
    run([&]() -> Coroutine<> {
        for (int i = 0; i < 100; ++i) q.put_nowait(i);
        co_await asyncio::async_with(asyncio::TaskGroup(),
                                     [&](asyncio::TaskGroup& tg) -> Coroutine<> {
                                         std::vector<asyncio::Task<>> tasks;
                                         for (int i = 0; i < 2; ++i)
                                             tasks.push_back(tg.create_task(worker()));
                                         co_await q.join();
                                         CHECK(accumulator == 4950);  // sum(range(100))
                                         // Let the workers end.
                                         running = false;
                                         for (std::size_t i = 0; i < tasks.size(); ++i)
                                             q.put_nowait(0);
                                     });
    });
}

template <class Q>
void test_join_empty_queue() {
    Q q;
    run([&]() -> Coroutine<> {
        // join() returns at once, before anything else (twice for insurance).
        const double before = asyncio::EventLoop::current().time();
        const auto passes = asyncio::EventLoop::current().passes();
        co_await q.join();
        co_await q.join();
        CHECK(asyncio::EventLoop::current().time() == before);
        CHECK(asyncio::EventLoop::current().passes() == passes);
    });
}

}  // namespace

TEST_CASE("test_queues.QueueJoinTests.test_task_done_underflow") {
    test_task_done_underflow<asyncio::Queue<int>>();
}
TEST_CASE("test_queues.QueueJoinTests.test_task_done") {
    test_task_done<asyncio::Queue<int>>();
}
TEST_CASE("test_queues.QueueJoinTests.test_join_empty_queue") {
    test_join_empty_queue<asyncio::Queue<int>>();
}
TEST_CASE("test_queues.LifoQueueJoinTests.test_task_done_underflow") {
    test_task_done_underflow<asyncio::LifoQueue<int>>();
}
TEST_CASE("test_queues.LifoQueueJoinTests.test_task_done") {
    test_task_done<asyncio::LifoQueue<int>>();
}
TEST_CASE("test_queues.LifoQueueJoinTests.test_join_empty_queue") {
    test_join_empty_queue<asyncio::LifoQueue<int>>();
}
TEST_CASE("test_queues.PriorityQueueJoinTests.test_task_done_underflow") {
    test_task_done_underflow<asyncio::PriorityQueue<int>>();
}
TEST_CASE("test_queues.PriorityQueueJoinTests.test_task_done") {
    test_task_done<asyncio::PriorityQueue<int>>();
}
TEST_CASE("test_queues.PriorityQueueJoinTests.test_join_empty_queue") {
    test_join_empty_queue<asyncio::PriorityQueue<int>>();
}
