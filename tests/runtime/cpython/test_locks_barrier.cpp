// CPython's Lib/test/test_asyncio/test_locks.py, ported: BarrierTests. Each case is named
// after the Python test and asserts what it asserts. Where Python reads the state out of
// repr() ("filling", "draining", "resetting", "broken", "waiters:2/5"), the port reads
// Barrier::state() and n_waiting(); `async with barrier as i` is `i = await barrier.wait()`
// (the barrier's __aexit__ does nothing).
//
// Not ported: none.
// Ported in part:
//   BarrierTests.test_barrier   `await barrier` (a TypeError) does not compile; the state
//                               around it is checked
//   BarrierTests.test_repr      the regular expression over repr() text is not; the states
//                               and counts it shows are
#include <algorithm>
#include <string>
#include <vector>

#include "sync_support.hpp"

using asyncio::Coroutine;
using cpython::run;
using Ints = std::vector<int>;

namespace {
constexpr int N = 5;  // self.N of asyncSetUp

std::string state(const asyncio::Barrier& b) {
    return b.state();
}

// self.make_tasks(n, coro). `coro` is a lambda whose captures the tasks use: it must
// outlive them (a named local of the test body).
template <class F>
auto make_tasks(int n, F& coro) {
    std::vector<decltype(asyncio::create_task(coro()))> tasks;
    for (int i = 0; i < n; ++i) tasks.push_back(asyncio::create_task(coro()));
    return tasks;
}

// self.gather_tasks(n, coro): the results, in task order.
template <class F>
auto gather_tasks(int n, F& coro) {
    return asyncio::gather(make_tasks(n, coro));
}

bool all_true(const std::vector<bool>& v) {
    return std::all_of(v.begin(), v.end(), [](bool b) { return b; });
}
}  // namespace

TEST_CASE("test_locks.BarrierTests.test_barrier") {
    asyncio::Barrier barrier(N);
    CHECK(state(barrier) == "filling");
    CHECK(state(barrier) == "filling");
}

TEST_CASE("test_locks.BarrierTests.test_repr") {
    asyncio::Barrier barrier(N);
    auto wait = [&]() -> Coroutine<> { co_await barrier.wait(); };
    run([&]() -> Coroutine<> {
        CHECK(state(barrier) == "filling");

        std::vector<asyncio::Task<>> waiters;
        const int incr = 2;
        for (int i = 0; i < incr; ++i) waiters.push_back(asyncio::create_task(wait()));
        co_await asyncio::sleep(0);

        CHECK(barrier.n_waiting() == incr);
        CHECK(state(barrier) == "filling");

        // Create the missing waiters.
        for (int i = 0, n = barrier.parties() - barrier.n_waiting(); i < n; ++i)
            waiters.push_back(asyncio::create_task(wait()));
        co_await asyncio::sleep(0);
        CHECK(state(barrier) == "draining");

        // Add some waiters, and reset.
        for (int i = 0; i < incr; ++i) waiters.push_back(asyncio::create_task(wait()));
        co_await asyncio::sleep(0);
        co_await barrier.reset();
        CHECK(state(barrier) == "resetting");

        // Add some waiters again, and abort.
        for (int i = 0; i < incr; ++i) waiters.push_back(asyncio::create_task(wait()));
        co_await asyncio::sleep(0);
        co_await barrier.abort();
        CHECK(state(barrier) == "broken");
        CHECK(barrier.broken());

        // Suppress unhandled exceptions.
        co_await asyncio::gather(asyncio::return_exceptions, waiters);
    });
}

TEST_CASE("test_locks.BarrierTests.test_barrier_parties") {
    CHECK_THROWS_AS(asyncio::Barrier(0), asyncio::ValueError);
    CHECK_THROWS_AS(asyncio::Barrier(-4), asyncio::ValueError);
    CHECK_NOTHROW(asyncio::Barrier{N});
}

TEST_CASE("test_locks.BarrierTests.test_context_manager") {
    const int n = 3;
    asyncio::Barrier barrier(n);
    Ints results;
    run([&]() -> Coroutine<> {
        auto coro = [&]() -> Coroutine<> {
            const int i = co_await barrier.wait();  // async with barrier as i
            results.push_back(i);
        };
        co_await gather_tasks(n, coro);
        std::sort(results.begin(), results.end());
        CHECK(results == Ints{0, 1, 2});
        CHECK(barrier.n_waiting() == 0);
        CHECK_FALSE(barrier.broken());
    });
}

TEST_CASE("test_locks.BarrierTests.test_filling_one_task") {
    asyncio::Barrier barrier(1);
    auto f = [&]() -> Coroutine<bool> {
        co_return co_await asyncio::async_with(barrier,
                                               []() -> Coroutine<bool> { co_return true; });
    };
    run([&]() -> Coroutine<> {
        const bool ret = co_await f();
        CHECK(ret);
        CHECK(barrier.n_waiting() == 0);
        CHECK_FALSE(barrier.broken());
    });
}

TEST_CASE("test_locks.BarrierTests.test_filling_one_task_twice") {
    asyncio::Barrier barrier(1);
    run([&]() -> Coroutine<> {
        auto t1 = asyncio::create_task(barrier.wait());
        co_await asyncio::sleep(0);
        CHECK(barrier.n_waiting() == 0);

        auto t2 = asyncio::create_task(barrier.wait());
        co_await asyncio::sleep(0);

        CHECK(t1.result() == t2.result());
        CHECK(t1.done() == t2.done());

        CHECK(barrier.n_waiting() == 0);
        CHECK_FALSE(barrier.broken());
    });
}

TEST_CASE("test_locks.BarrierTests.test_filling_task_by_task") {
    asyncio::Barrier barrier(3);
    run([&]() -> Coroutine<> {
        auto t1 = asyncio::create_task(barrier.wait());
        co_await asyncio::sleep(0);
        CHECK(barrier.n_waiting() == 1);
        CHECK(state(barrier) == "filling");

        auto t2 = asyncio::create_task(barrier.wait());
        co_await asyncio::sleep(0);
        CHECK(barrier.n_waiting() == 2);
        CHECK(state(barrier) == "filling");

        auto t3 = asyncio::create_task(barrier.wait());
        co_await asyncio::sleep(0);

        co_await asyncio::wait(cpython::list(t1, t2, t3));

        CHECK(barrier.n_waiting() == 0);
        CHECK_FALSE(barrier.broken());
    });
}

TEST_CASE("test_locks.BarrierTests.test_filling_tasks_wait_twice") {
    asyncio::Barrier barrier(N);
    std::vector<bool> results;
    run([&]() -> Coroutine<> {
        auto coro = [&]() -> Coroutine<> {
            co_await asyncio::async_with(barrier, [&]() -> Coroutine<> {
                results.push_back(true);
                co_await asyncio::async_with(barrier, [&]() -> Coroutine<> {
                    results.push_back(false);
                    co_return;
                });
            });
        };
        co_await gather_tasks(N, coro);
        CHECK(results.size() == 2 * N);
        CHECK(std::count(results.begin(), results.end(), true) == N);
        CHECK(std::count(results.begin(), results.end(), false) == N);
        CHECK(barrier.n_waiting() == 0);
        CHECK_FALSE(barrier.broken());
    });
}

TEST_CASE("test_locks.BarrierTests.test_filling_tasks_check_return_value") {
    asyncio::Barrier barrier(N);
    std::vector<bool> results1, results2;
    run([&]() -> Coroutine<> {
        auto coro = [&]() -> Coroutine<int> {
            co_await barrier.wait();
            results1.push_back(true);
            const int i = co_await barrier.wait();
            results2.push_back(true);
            co_return i;
        };
        auto res = co_await gather_tasks(N, coro);
        CHECK(results1.size() == N);
        CHECK(all_true(results1));
        CHECK(results2.size() == N);
        CHECK(all_true(results2));
        std::sort(res.begin(), res.end());
        CHECK(res == Ints{0, 1, 2, 3, 4});
        CHECK(barrier.n_waiting() == 0);
        CHECK_FALSE(barrier.broken());
    });
}

TEST_CASE("test_locks.BarrierTests.test_draining_state") {
    asyncio::Barrier barrier(N);
    std::vector<bool> results;
    run([&]() -> Coroutine<> {
        auto coro = [&]() -> Coroutine<> {
            co_await asyncio::async_with(barrier, [&]() -> Coroutine<> {
                // The state goes back to filling when the last task is released.
                results.push_back(state(barrier) == "draining");
                co_return;
            });
        };
        co_await gather_tasks(N, coro);
        CHECK(results.size() == N);
        CHECK(results.back() == false);
        CHECK(all_true(std::vector<bool>(results.begin(), results.end() - 1)));
        CHECK(barrier.n_waiting() == 0);
        CHECK_FALSE(barrier.broken());
    });
}

TEST_CASE("test_locks.BarrierTests.test_blocking_tasks_while_draining") {
    const int rewait = 2;
    asyncio::Barrier barrier(N);
    asyncio::Barrier barrier_nowaiting(N - rewait);
    int rewait_n = rewait;
    run([&]() -> Coroutine<> {
        // Success means barrier_nowaiting was waited for exactly N - rewait times.
        auto coro = [&]() -> Coroutine<> {
            co_await barrier.wait();  // first time, for all tasks
            if (rewait_n > 0) {
                --rewait_n;
                co_await barrier.wait();  // again, only for the rewait tasks
            } else {
                co_await barrier_nowaiting.wait();  // the end of the draining state
                co_await barrier.wait();            // the other waiting tasks
            }
        };
        co_await gather_tasks(N, coro);
    });
}

TEST_CASE("test_locks.BarrierTests.test_filling_tasks_cancel_one") {
    asyncio::Barrier barrier(3);
    std::vector<bool> results;
    auto coro = [&]() -> Coroutine<> {
        co_await barrier.wait();
        results.push_back(true);
    };
    run([&]() -> Coroutine<> {
        auto t1 = asyncio::create_task(coro());
        co_await asyncio::sleep(0);
        CHECK(barrier.n_waiting() == 1);

        auto t2 = asyncio::create_task(coro());
        co_await asyncio::sleep(0);
        CHECK(barrier.n_waiting() == 2);

        t1.cancel();
        co_await asyncio::sleep(0);
        CHECK(barrier.n_waiting() == 1);
        CHECK_THROWS_AS(co_await t1, asyncio::CancelledError);
        CHECK(t1.cancelled());

        auto t3 = asyncio::create_task(coro());
        co_await asyncio::sleep(0);
        CHECK(barrier.n_waiting() == 2);

        auto t4 = asyncio::create_task(coro());
        co_await asyncio::gather(t2, t3, t4);

        CHECK(results.size() == 3);
        CHECK(all_true(results));
        CHECK(barrier.n_waiting() == 0);
        CHECK_FALSE(barrier.broken());
    });
}

TEST_CASE("test_locks.BarrierTests.test_reset_barrier") {
    asyncio::Barrier barrier(1);
    run([&]() -> Coroutine<> {
        asyncio::create_task(barrier.reset());
        co_await asyncio::sleep(0);
        CHECK(barrier.n_waiting() == 0);
        CHECK_FALSE(barrier.broken());
    });
}

TEST_CASE("test_locks.BarrierTests.test_reset_barrier_while_tasks_waiting") {
    asyncio::Barrier barrier(N);
    std::vector<bool> results;
    run([&]() -> Coroutine<> {
        // N-1 tasks waiting on a barrier of N parties.
        auto coro = [&]() -> Coroutine<> {
            try {
                co_await barrier.wait();
            } catch (const asyncio::BrokenBarrierError&) {
                results.push_back(true);
            }
        };
        auto tasks = make_tasks(N - 1, coro);
        co_await asyncio::sleep(0);

        asyncio::create_task(barrier.reset());
        co_await asyncio::gather(tasks);

        CHECK(results.size() == N - 1);
        CHECK(all_true(results));
        CHECK(barrier.n_waiting() == 0);
        CHECK(state(barrier) != "resetting");
        CHECK_FALSE(barrier.broken());
    });
}

TEST_CASE("test_locks.BarrierTests.test_reset_barrier_when_tasks_half_draining") {
    asyncio::Barrier barrier(N);
    std::vector<bool> results1;
    const int rest_of_tasks = N / 2;
    run([&]() -> Coroutine<> {
        auto coro = [&]() -> Coroutine<> {
            bool broken = false;
            try {
                co_await barrier.wait();
            } catch (const asyncio::BrokenBarrierError&) {
                results1.push_back(true);  // the waiting tasks end here
                broken = true;
            }
            // A drained task, outside the barrier:
            if (!broken && barrier.count() == rest_of_tasks) co_await barrier.reset();
        };
        co_await gather_tasks(N, coro);
        CHECK(results1 == std::vector<bool>(rest_of_tasks, true));
        CHECK(barrier.n_waiting() == 0);
        CHECK(state(barrier) != "resetting");
        CHECK_FALSE(barrier.broken());
    });
}

TEST_CASE("test_locks.BarrierTests.test_reset_barrier_when_tasks_half_draining_half_blocking") {
    asyncio::Barrier barrier(N);
    std::vector<bool> results1, results2;
    const int blocking_tasks = N / 2;
    int count = 0;
    run([&]() -> Coroutine<> {
        auto coro = [&]() -> Coroutine<> {
            bool broken = false;
            try {
                co_await barrier.wait();
            } catch (const asyncio::BrokenBarrierError&) {
                broken = true;
            }
            if (broken) {
                results1.push_back(true);  // the tasks still waiting
                co_await barrier.wait();   // wait again to reach the parties
            } else if (++count > blocking_tasks) {
                // Reset now: BrokenBarrierError for the waiting tasks...
                co_await barrier.reset();
                // ...then wait again to reach the parties.
                co_await barrier.wait();
            } else {
                try {
                    co_await barrier.wait();
                } catch (const asyncio::BrokenBarrierError&) {
                    results2.push_back(true);  // never: blocked tasks go on waiting
                }
            }
        };
        co_await gather_tasks(N, coro);
        CHECK(results1 == std::vector<bool>(blocking_tasks, true));
        CHECK(results2.empty());
        CHECK(barrier.n_waiting() == 0);
        CHECK(state(barrier) != "resetting");
        CHECK_FALSE(barrier.broken());
    });
}

TEST_CASE("test_locks.BarrierTests.test_reset_barrier_while_tasks_waiting_and_waiting_again") {
    asyncio::Barrier barrier(N);
    std::vector<bool> results1, results2;
    run([&]() -> Coroutine<> {
        auto coro = [&]() -> Coroutine<> {
            try {
                co_await barrier.wait();
            } catch (const asyncio::BrokenBarrierError&) {
                results1.push_back(true);
            }
            // finally:
            co_await barrier.wait();
            results2.push_back(true);
        };
        auto tasks = make_tasks(N - 1, coro);

        // Reset: the N-1 waiting tasks get BrokenBarrierError.
        asyncio::create_task(barrier.reset());
        co_await asyncio::sleep(0);

        // Complete the waiting tasks in their `finally`.
        auto coro2 = [&]() -> Coroutine<> {
            co_await asyncio::async_with(barrier, [&]() -> Coroutine<> {
                results2.push_back(true);
                co_return;
            });
        };
        asyncio::create_task(coro2());

        co_await asyncio::gather(tasks);

        CHECK_FALSE(barrier.broken());
        CHECK(results1.size() == N - 1);
        CHECK(all_true(results1));
        CHECK(results2.size() == N);
        CHECK(all_true(results2));
        CHECK(barrier.n_waiting() == 0);
    });
}

TEST_CASE("test_locks.BarrierTests.test_reset_barrier_while_tasks_draining") {
    asyncio::Barrier barrier(N);
    std::vector<bool> results1, results2, results3;
    int count = 0;
    run([&]() -> Coroutine<> {
        auto coro = [&]() -> Coroutine<> {
            co_await barrier.wait();
            if (++count == N) {
                // The last task out of the barrier resets it...
                co_await barrier.reset();
                // ...and waits here to reach the parties.
                co_await barrier.wait();
            } else {
                try {
                    co_await barrier.wait();  // second wait: N-1 tasks get here
                    results1.push_back(true);
                } catch (const asyncio::Exception&) {
                    results2.push_back(true);  // never
                }
            }
            // Pass the barrier once more: this last wait must complete.
            co_await barrier.wait();
            results3.push_back(true);
        };
        co_await gather_tasks(N, coro);
        CHECK_FALSE(barrier.broken());
        CHECK(all_true(results1));
        CHECK(results1.size() == N - 1);
        CHECK(results2.empty());
        CHECK(results3.size() == N);
        CHECK(all_true(results3));
        CHECK(barrier.n_waiting() == 0);
    });
}

TEST_CASE("test_locks.BarrierTests.test_abort_barrier") {
    asyncio::Barrier barrier(1);
    run([&]() -> Coroutine<> {
        asyncio::create_task(barrier.abort());
        co_await asyncio::sleep(0);
        CHECK(barrier.n_waiting() == 0);
        CHECK(barrier.broken());
    });
}

TEST_CASE("test_locks.BarrierTests.test_abort_barrier_when_tasks_half_draining_half_blocking") {
    asyncio::Barrier barrier(N);
    std::vector<bool> results1, results2;
    const int blocking_tasks = N / 2;
    int count = 0;
    run([&]() -> Coroutine<> {
        auto coro = [&]() -> Coroutine<> {
            bool broken = false;
            try {
                co_await barrier.wait();
            } catch (const asyncio::BrokenBarrierError&) {
                results1.push_back(true);  // the tasks waiting to drain
                broken = true;
            }
            if (broken) co_return;
            if (++count > blocking_tasks) {
                // Abort now: BrokenBarrierError for every task.
                co_await barrier.abort();
            } else {
                try {
                    co_await barrier.wait();
                } catch (const asyncio::BrokenBarrierError&) {
                    results2.push_back(true);  // the blocked tasks (already drained)
                }
            }
        };
        co_await gather_tasks(N, coro);
        CHECK(barrier.broken());
        CHECK(results1 == std::vector<bool>(blocking_tasks, true));
        CHECK(results2 == std::vector<bool>(N - blocking_tasks - 1, true));
        CHECK(barrier.n_waiting() == 0);
        CHECK(state(barrier) != "resetting");
    });
}

TEST_CASE("test_locks.BarrierTests.test_abort_barrier_when_exception") {
    // From threading.Barrier's tests (lock_tests.test_reset).
    asyncio::Barrier barrier(N);
    std::vector<bool> results1, results2;
    run([&]() -> Coroutine<> {
        auto coro = [&]() -> Coroutine<> {
            bool failed = false;
            try {
                const int i = co_await barrier.wait();  // async with barrier as i
                if (i == N / 2) throw asyncio::RuntimeError();
                co_await asyncio::async_with(barrier, [&]() -> Coroutine<> {
                    results1.push_back(true);
                    co_return;
                });
            } catch (const asyncio::BrokenBarrierError&) {
                results2.push_back(true);
            } catch (const asyncio::RuntimeError&) {
                failed = true;
            }
            if (failed) co_await barrier.abort();
        };
        co_await gather_tasks(N, coro);
        CHECK(barrier.broken());
        CHECK(results1.empty());
        CHECK(results2.size() == N - 1);
        CHECK(all_true(results2));
        CHECK(barrier.n_waiting() == 0);
    });
}

TEST_CASE("test_locks.BarrierTests.test_abort_barrier_when_exception_then_resetting") {
    // From threading.Barrier's tests (lock_tests.test_abort_and_reset).
    asyncio::Barrier barrier1(N);
    asyncio::Barrier barrier2(N);
    std::vector<bool> results1, results2, results3;
    run([&]() -> Coroutine<> {
        auto coro = [&]() -> Coroutine<> {
            bool failed = false;
            try {
                const int i = co_await barrier1.wait();
                if (i == N / 2) throw asyncio::RuntimeError();
                co_await barrier1.wait();
                results1.push_back(true);
            } catch (const asyncio::BrokenBarrierError&) {
                results2.push_back(true);
            } catch (const asyncio::RuntimeError&) {
                failed = true;
            }
            if (failed) co_await barrier1.abort();

            // Synchronize and reset barrier1: first so that everyone has left it when it is
            // reset, and after so that nobody enters it before the reset.
            const int i = co_await barrier2.wait();
            if (i == N / 2) co_await barrier1.reset();
            co_await barrier2.wait();
            co_await barrier1.wait();
            results3.push_back(true);
        };
        co_await gather_tasks(N, coro);
        CHECK_FALSE(barrier1.broken());
        CHECK(results1.empty());
        CHECK(results2.size() == N - 1);
        CHECK(all_true(results2));
        CHECK(results3.size() == N);
        CHECK(all_true(results3));
        CHECK(barrier1.n_waiting() == 0);
    });
}
