// CPython 3.13's Lib/test/test_asyncio/test_locks.py, ported: the tests it adds to the 3.11
// copy that ships with the local python (the runtime's Condition and Semaphore follow
// 3.13). Each case is named after the Python test and asserts what it asserts.
//
// Not ported: none.
// Ported in part:
//   ConditionTests.test_cancelled_error_wakeup, test_cancelled_error_re_aquire
//       Python also checks that the task re-raises the very exception object it caught
//       (assertIs); a C++ task that ends cancelled hands its awaiter a CancelledError of
//       its own, so the port checks what identity stands for: the same message.
#include <string>
#include <vector>

#include "sync_support.hpp"

using asyncio::Coroutine;
using cpython::run;
using Ints = std::vector<int>;

namespace {

// func() of the two test_cancelled_error_* tests: wait on the condition until `wake`; the
// CancelledError it gets is noted and raised again.
Coroutine<> wait_until_woken(asyncio::Condition& cond, const bool& wake, std::string& raised) {
    co_await asyncio::async_with(cond, [&]() -> Coroutine<> {
        bool caught = false;
        try {
            co_await cond.wait_for([&] { return wake; });
        } catch (const asyncio::CancelledError& error) {
            caught = true;
            raised = error.message();
        }
        CHECK(caught);  // assertRaises(CancelledError)
        if (caught) throw asyncio::CancelledError(raised);
    });
}

// The message of the CancelledError that awaiting `task` raises, or "(none)".
Coroutine<std::string> cancelled_message(asyncio::Task<> task) {
    try {
        co_await task;
    } catch (const asyncio::CancelledError& error) {
        co_return error.message();
    }
    co_return "(none)";
}

// consumer() of the two test_cancelled_wakeup* tests.
Coroutine<> consumer(asyncio::Condition& condition, int& state) {
    co_await asyncio::async_with(condition, [&]() -> Coroutine<> {
        for (;;) {
            co_await condition.wait_for([&] { return state != 0; });
            if (state < 0) co_return;
            --state;
        }
    });
}

// Wait for the item to be consumed; if it is not, the notify was lost to a cancel().
Coroutine<> wait_consumed(asyncio::Condition& condition, int& state) {
    try {
        co_await asyncio::async_with(asyncio::timeout(0.01), [&]() -> Coroutine<> {
            co_await condition.wait_for([&] { return state == 0; });
        });
    } catch (const asyncio::TimeoutError&) {
    }
}

}  // namespace

TEST_CASE("test_locks.ConditionTests.test_cancelled_error_wakeup") {
    // A CancelledError received while waiting for the wake-up is raised unchanged.
    asyncio::Condition cond;
    bool wake = false;
    std::string raised = "(not raised)";
    run([&]() -> Coroutine<> {
        auto task = asyncio::create_task(wait_until_woken(cond, wake, raised));
        co_await asyncio::sleep(0);
        // The task waits on the condition: cancel it there.
        task.cancel("foo");
        CHECK(co_await cancelled_message(task) == "foo");
        CHECK(raised == "foo");
    });
}

TEST_CASE("test_locks.ConditionTests.test_cancelled_error_re_aquire") {
    // A CancelledError received while taking the lock again is raised unchanged.
    asyncio::Condition cond;
    bool wake = false;
    std::string raised = "(not raised)";
    run([&]() -> Coroutine<> {
        auto task = asyncio::create_task(wait_until_woken(cond, wake, raised));
        co_await asyncio::sleep(0);
        // The task waits on the condition.
        co_await cond.acquire();
        wake = true;
        cond.notify();
        co_await asyncio::sleep(0);
        // The task now tries to take the lock again: cancel it there.
        task.cancel("foo");
        cond.release();
        CHECK(co_await cancelled_message(task) == "foo");
        CHECK(raised == "foo");
    });
}

TEST_CASE("test_locks.ConditionTests.test_cancelled_wakeup") {
    // A task cancelled as it is notified (still waiting for the wake-up) must not lose the
    // notification: another waiter gets it.
    asyncio::Condition condition;
    int state = 0;
    run([&]() -> Coroutine<> {
        std::vector<asyncio::Task<>> c;
        for (int i = 0; i < 2; ++i) c.push_back(asyncio::create_task(consumer(condition, state)));
        co_await asyncio::sleep(0);  // let them settle
        co_await asyncio::async_with(condition, [&]() -> Coroutine<> {
            // Produce one item and wake one consumer...
            ++state;
            condition.notify(1);
            // ...and cancel it before it runs (the cancel could come from anywhere).
            c[0].cancel();

            co_await wait_consumed(condition, state);
            CHECK(state == 0);

            // Clean up.
            state = -1;
            condition.notify_all();
        });
        co_await c[1];
    });
}

TEST_CASE("test_locks.ConditionTests.test_cancelled_wakeup_relock") {
    // The same, with the cancel arriving while the woken task takes the lock again.
    asyncio::Condition condition;
    int state = 0;
    run([&]() -> Coroutine<> {
        std::vector<asyncio::Task<>> c;
        for (int i = 0; i < 2; ++i) c.push_back(asyncio::create_task(consumer(condition, state)));
        co_await asyncio::sleep(0);  // let them settle
        co_await asyncio::async_with(condition, [&]() -> Coroutine<> {
            ++state;
            condition.notify(1);

            // The woken task runs, and settles on taking the lock again...
            co_await asyncio::sleep(0);
            // ...where it is cancelled.
            c[0].cancel();

            co_await wait_consumed(condition, state);
            CHECK(state == 0);

            state = -1;
            condition.notify_all();
        });
        co_await c[1];
    });
}

TEST_CASE("test_locks.SemaphoreTests.test_acquire_fifo_order_4") {
    // A successful acquire() wakes every task that FIFO order made wait.
    asyncio::Semaphore sem(0);
    Ints result;
    asyncio::Task<bool> t4;
    auto c4 = [&]() -> Coroutine<bool> {
        result.push_back(4);
        co_return true;
    };
    auto c1 = [&]() -> Coroutine<bool> {
        // The first task waits at once; c2 wakes it.
        CHECK(sem.value() == 0);
        co_await sem.acquire();
        // Every waiting task has been woken by now.
        CHECK(sem.value() == 0);
        // A fourth task: it must run after c3, not after c2.
        t4 = asyncio::create_task(c4());
        result.push_back(1);
        co_return true;
    };
    auto c2 = [&]() -> Coroutine<bool> {
        // The second task releases three times, for c1, c2 and c3.
        sem.release();
        sem.release();
        sem.release();
        CHECK(sem.value() == 2);
        // Locked: c1 has not woken up yet.
        CHECK(sem.locked());
        co_await sem.acquire();
        result.push_back(2);
        co_return true;
    };
    auto c3 = [&]() -> Coroutine<bool> {
        co_await sem.acquire();
        CHECK(sem.locked());
        result.push_back(3);
        co_return true;
    };
    run([&]() -> Coroutine<> {
        auto t1 = asyncio::create_task(c1());
        auto t2 = asyncio::create_task(c2());
        auto t3 = asyncio::create_task(c3());

        co_await asyncio::sleep(0);
        // Three tasks are queued; the first has not woken up yet.
        CHECK(sem.value() == 2);
        CHECK(sem.waiters().size() == 3);
        co_await asyncio::sleep(0);

        REQUIRE(t4);
        co_await asyncio::gather(cpython::list(t1, t2, t3, t4));
        CHECK(result == Ints{1, 2, 3, 4});
    });
}
