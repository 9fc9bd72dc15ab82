// CPython's Lib/test/test_asyncio/test_locks.py, ported: SemaphoreTests (Semaphore and
// BoundedSemaphore). Each case is named after the Python test and asserts what it asserts.
//
// Not ported (Python-only machinery):
//   SemaphoreTests.test_repr          repr() text
// Ported in part:
//   SemaphoreTests.test_semaphore     `await sem` (a TypeError) does not compile; the state
//                                     after it is checked
#include <string>
#include <tuple>
#include <vector>

#include "sync_support.hpp"

using asyncio::Coroutine;
using cpython::call_soon;
using cpython::run;
using Ints = std::vector<int>;
using Strings = std::vector<std::string>;

namespace {
// c1..c4 of the Semaphore tests: acquire, then note `n`.
Coroutine<bool> acquire_and_note(asyncio::Semaphore& sem, Ints& result, int n) {
    co_await sem.acquire();
    result.push_back(n);
    co_return true;
}
}  // namespace

TEST_CASE("test_locks.SemaphoreTests.test_initial_value_zero") {
    asyncio::Semaphore sem(0);
    CHECK(sem.locked());
}

TEST_CASE("test_locks.SemaphoreTests.test_semaphore") {
    asyncio::Semaphore sem;
    CHECK(sem.value() == 1);
    CHECK_FALSE(sem.locked());
    CHECK(sem.value() == 1);
}

TEST_CASE("test_locks.SemaphoreTests.test_semaphore_value") {
    CHECK_THROWS_AS(asyncio::Semaphore(-1), asyncio::ValueError);
}

TEST_CASE("test_locks.SemaphoreTests.test_acquire") {
    asyncio::Semaphore sem(3);
    Ints result;
    run([&]() -> Coroutine<> {
        CHECK(co_await sem.acquire());
        CHECK(co_await sem.acquire());
        CHECK_FALSE(sem.locked());

        auto t1 = asyncio::create_task(acquire_and_note(sem, result, 1));
        auto t2 = asyncio::create_task(acquire_and_note(sem, result, 2));
        auto t3 = asyncio::create_task(acquire_and_note(sem, result, 3));

        co_await asyncio::sleep(0);
        CHECK(result == Ints{1});
        CHECK(sem.locked());
        CHECK(sem.waiters().size() == 2);
        CHECK(sem.value() == 0);

        auto t4 = asyncio::create_task(acquire_and_note(sem, result, 4));

        sem.release();
        sem.release();
        CHECK(sem.value() == 0);

        co_await asyncio::sleep(0);
        CHECK(sem.value() == 0);
        CHECK(result.size() == 3);
        CHECK(sem.locked());
        CHECK(sem.waiters().size() == 1);
        CHECK(sem.value() == 0);

        CHECK(t1.done());
        CHECK(t1.result());
        int done_tasks = 0;
        for (const auto& t : cpython::list(t2, t3, t4))
            if (t.done() && t.result()) ++done_tasks;
        CHECK(done_tasks == 2);

        // Clean up the locked semaphore.
        sem.release();
        co_await asyncio::gather(cpython::list(t2, t3, t4));
    });
}

TEST_CASE("test_locks.SemaphoreTests.test_acquire_cancel") {
    asyncio::Semaphore sem;
    run([&]() -> Coroutine<> {
        co_await sem.acquire();
        auto acquire = asyncio::create_task(sem.acquire());
        call_soon([acquire] { acquire.cancel(); });
        CHECK_THROWS_AS(co_await acquire, asyncio::CancelledError);
        bool all_done = true;
        for (const auto& waiter : sem.waiters()) all_done = all_done && waiter->done();
        CHECK((sem.waiters().empty() || all_done));
    });
}

TEST_CASE("test_locks.SemaphoreTests.test_acquire_cancel_before_awoken") {
    asyncio::Semaphore sem(0);
    run([&]() -> Coroutine<> {
        auto t1 = asyncio::create_task(sem.acquire());
        auto t2 = asyncio::create_task(sem.acquire());
        auto t3 = asyncio::create_task(sem.acquire());
        auto t4 = asyncio::create_task(sem.acquire());

        co_await asyncio::sleep(0);

        t1.cancel();
        t2.cancel();
        sem.release();

        co_await asyncio::sleep(0);
        co_await asyncio::sleep(0);
        CHECK(int(t3.done()) + int(t4.done()) == 1);
        CHECK(t3.done());
        CHECK_FALSE(t4.done());

        t3.cancel();
        t4.cancel();
        co_await asyncio::sleep(0);
    });
}

TEST_CASE("test_locks.SemaphoreTests.test_acquire_hang") {
    asyncio::Semaphore sem(0);
    run([&]() -> Coroutine<> {
        auto t1 = asyncio::create_task(sem.acquire());
        auto t2 = asyncio::create_task(sem.acquire());
        co_await asyncio::sleep(0);

        t1.cancel();
        sem.release();
        co_await asyncio::sleep(0);
        co_await asyncio::sleep(0);
        CHECK(sem.locked());
        CHECK(t2.done());
    });
}

TEST_CASE("test_locks.SemaphoreTests.test_acquire_no_hang") {
    asyncio::Semaphore sem(1);
    asyncio::Task<> t2;
    auto c1 = [&]() -> Coroutine<> {
        co_await asyncio::async_with(sem, [&]() -> Coroutine<> { co_await asyncio::sleep(0); });
        t2.cancel();
    };
    auto c2 = [&]() -> Coroutine<> {
        co_await asyncio::async_with(sem, [&]() -> Coroutine<> {
            FAIL_CHECK("c2 must be cancelled before it enters");
            co_return;
        });
    };
    run([&]() -> Coroutine<> {
        auto t1 = asyncio::create_task(c1());
        t2 = asyncio::create_task(c2());

        auto [r1, r2] = co_await asyncio::gather(asyncio::return_exceptions, t1, t2);
        CHECK(r1.ok());
        CHECK(asyncio::is_cancelled_error(r2.error));

        co_await asyncio::wait_for(sem.acquire(), 1.0);
    });
}

TEST_CASE("test_locks.SemaphoreTests.test_release_not_acquired") {
    asyncio::BoundedSemaphore sem;
    CHECK_THROWS_AS(sem.release(), asyncio::ValueError);
}

TEST_CASE("test_locks.SemaphoreTests.test_release_no_waiters") {
    asyncio::Semaphore sem;
    run([&]() -> Coroutine<> {
        co_await sem.acquire();
        CHECK(sem.locked());
        sem.release();
        CHECK_FALSE(sem.locked());
    });
}

TEST_CASE("test_locks.SemaphoreTests.test_acquire_fifo_order") {
    asyncio::Semaphore sem(1);
    Strings result;
    auto coro = [&](std::string tag) -> Coroutine<> {
        co_await sem.acquire();
        result.push_back(tag + "_1");
        co_await asyncio::sleep(0.01);
        sem.release();

        co_await sem.acquire();
        result.push_back(tag + "_2");
        co_await asyncio::sleep(0.01);
        sem.release();
    };
    run([&]() -> Coroutine<> {
        co_await asyncio::async_with(asyncio::TaskGroup(),
                                     [&](asyncio::TaskGroup& tg) -> Coroutine<> {
                                         tg.create_task(coro("c1"));
                                         tg.create_task(coro("c2"));
                                         tg.create_task(coro("c3"));
                                         co_return;
                                     });
        CHECK(result == Strings{"c1_1", "c2_1", "c3_1", "c1_2", "c2_2", "c3_2"});
    });
}

TEST_CASE("test_locks.SemaphoreTests.test_acquire_fifo_order_2") {
    asyncio::Semaphore sem(1);
    Ints result;
    auto c2 = [&]() -> Coroutine<bool> {
        co_await sem.acquire();
        result.push_back(2);
        sem.release();
        co_await sem.acquire();
        result.push_back(4);
        co_return true;
    };
    run([&]() -> Coroutine<> {
        auto t1 = asyncio::create_task(acquire_and_note(sem, result, 1));
        auto t2 = asyncio::create_task(c2());
        auto t3 = asyncio::create_task(acquire_and_note(sem, result, 3));

        co_await asyncio::sleep(0);

        sem.release();
        sem.release();

        co_await asyncio::gather(cpython::list(t1, t2, t3));
        CHECK(result == Ints{1, 2, 3, 4});
    });
}

TEST_CASE("test_locks.SemaphoreTests.test_acquire_fifo_order_3") {
    asyncio::Semaphore sem(0);
    Ints result;
    run([&]() -> Coroutine<> {
        auto t1 = asyncio::create_task(acquire_and_note(sem, result, 1));
        auto t2 = asyncio::create_task(acquire_and_note(sem, result, 2));
        auto t3 = asyncio::create_task(acquire_and_note(sem, result, 3));

        co_await asyncio::sleep(0);

        t1.cancel();

        co_await asyncio::sleep(0);

        sem.release();
        sem.release();

        co_await asyncio::gather(asyncio::return_exceptions, cpython::list(t1, t2, t3));
        CHECK(result == Ints{2, 3});
    });
}
