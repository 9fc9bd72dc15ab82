// Lib/test/test_asyncio/test_tasks.py (CPython 3.11.7): the cancel parts of BaseTaskTests
// (test_cancel*, test_cancelling, test_uncancel_*, test_task_cancel_*, test_yield_*_cancel,
// test_baseexception_during_cancel, test_tb_logger_not_called_after_cancel). The
// conventions are those of test_tasks.cpp; what is skipped is listed there. `cm.exception.args`
// is the CancelledError's message (an empty message stands for no argument); the
// white-box `t._fut_waiter` is TaskCore::waiting_on(), `t._must_cancel` TaskCore::must_cancel().
#include <algorithm>
#include <optional>
#include <tuple>

#include "assertions.hpp"

using asyncio::Coroutine;
using cpython::assert_raises;
using cpython::message_of;
using testing::now;
using testing::run_virtual;

namespace {

Coroutine<> run_briefly() {
    co_await asyncio::sleep(0);
}

Coroutine<> sleep_for(double seconds) {
    co_await asyncio::sleep(seconds);
}

// Counts the diagnostics a run reports (the never-retrieved error the log would show).
struct DiagnosticCount : asyncio::Observer {
    int never_retrieved = 0;
    void diagnostic(asyncio::DiagnosticKind kind, std::string_view, std::string_view) override {
        if (kind == asyncio::DiagnosticKind::exception_never_retrieved) ++never_retrieved;
    }
};

}  // namespace

TEST_CASE("test_tasks.BaseTaskTests.test_task_cancel_message_getter") {
    run_virtual([]() -> Coroutine<> {
        auto coro = []() -> Coroutine<> { co_return; };
        auto t = asyncio::create_task(coro());
        t.cancel("my message");
        auto error = co_await assert_raises<asyncio::CancelledError>(t);
        CHECK(message_of(error) == "my message");
        CHECK(t.core().cancel_message() == "my message");
    }());
}

TEST_CASE("test_tasks.BaseTaskTests.test_cancelling") {
    run_virtual([]() -> Coroutine<> {
        auto t = asyncio::create_task(sleep_for(10));
        CHECK_FALSE(t.cancelling());
        CHECK(t.cancel());
        CHECK(t.cancelling());
        // CPython 3.11 commented out the early return: a second cancel() says True too.
        CHECK(t.cancel());
        co_await assert_raises<asyncio::CancelledError>(t);
    }());
}

TEST_CASE("test_tasks.BaseTaskTests.test_uncancel_basic") {
    run_virtual([]() -> Coroutine<> {
        auto task = []() -> Coroutine<> {
            try {
                co_await asyncio::sleep(10);
            } catch (const asyncio::CancelledError&) {
                asyncio::current_task()->uncancel();
            }
            co_await asyncio::sleep(10);
        };
        auto t = asyncio::create_task(task());
        co_await asyncio::sleep(0.01);

        // Cancel first sleep
        CHECK(t.cancel());
        CHECK(t.cancelling() == 1);
        CHECK_FALSE(t.cancelled());  // Task is still not complete
        co_await asyncio::sleep(0.01);

        // after .uncancel()
        CHECK(t.cancelling() == 0);
        CHECK_FALSE(t.cancelled());  // Task is still not complete

        // Cancel second sleep
        CHECK(t.cancel());
        CHECK(t.cancelling() == 1);
        CHECK_FALSE(t.cancelled());  // Task is still not complete
        co_await assert_raises<asyncio::CancelledError>(t);
        CHECK(t.cancelled());  // Finally, task complete
        CHECK(t.done());

        // uncancel is no longer effective after the task is complete
        t.uncancel();
        CHECK(t.cancelled());
        CHECK(t.done());
    }());
}

namespace {
// make_request_with_timeout of test_uncancel_structured_blocks: a timeout built by hand from
// call_later, cancel() and uncancel(), keeping the five rules the Python test spells out.
Coroutine<std::tuple<bool, bool, bool>> make_request_with_timeout(double sleep, double timeout) {
    auto* task = asyncio::current_task();
    auto& loop = task->loop();
    bool timed_out = false;
    bool structured_block_finished = false;
    bool outer_code_reached = false;

    auto timeout_handle = loop.call_later(timeout, [&timed_out, task] {
        timed_out = true;
        task->cancel();
    });
    try {
        // `finally:` is written out on both paths: the exception path can rethrow, and
        // only there is sys.exc_info()[0] a CancelledError.
        try {
            // Structured block affected by the timeout
            co_await asyncio::sleep(sleep);
            structured_block_finished = true;
        } catch (const asyncio::CancelledError&) {
            timeout_handle.cancel();
            if (timed_out && task->uncancel() == 0) throw asyncio::TimeoutError();
            throw;
        }
        timeout_handle.cancel();
        if (timed_out) task->uncancel();
    } catch (const asyncio::TimeoutError&) {
        CHECK(timed_out);
    }

    // Outer code not affected by the timeout:
    outer_code_reached = true;
    co_await asyncio::sleep(0);
    co_return std::make_tuple(timed_out, structured_block_finished, outer_code_reached);
}
}  // namespace

TEST_CASE("test_tasks.BaseTaskTests.test_uncancel_structured_blocks") {
    run_virtual([]() -> Coroutine<> {
        // Test which timed out.
        auto t1 = asyncio::create_task(make_request_with_timeout(10.0, 0.1));
        auto [timed_out, structured_block_finished, outer_code_reached] = co_await t1;
        CHECK(timed_out);
        CHECK_FALSE(structured_block_finished);  // it was cancelled
        CHECK(outer_code_reached);    // task got uncancelled after leaving the structured block
        CHECK(t1.cancelling() == 0);  // no pending cancellation of the outer task

        // Test which did not time out.
        auto t2 = asyncio::create_task(make_request_with_timeout(0, 10.0));
        auto [timed_out2, structured_block_finished2, outer_code_reached2] = co_await t2;
        CHECK_FALSE(timed_out2);
        CHECK(structured_block_finished2);
        CHECK(outer_code_reached2);
        CHECK(t2.cancelling() == 0);
    }());
}

TEST_CASE("test_tasks.BaseTaskTests.test_cancel") {
    run_virtual([]() -> Coroutine<> {
        auto task = []() -> Coroutine<int> {
            co_await asyncio::sleep(10.0);
            co_return 12;
        };
        auto t = asyncio::create_task(task());
        asyncio::EventLoop::current().call_soon([t] { t.cancel(); });
        co_await assert_raises<asyncio::CancelledError>(t);
        CHECK(t.done());
        CHECK(t.cancelled());
        CHECK_FALSE(t.cancel());
        CHECK(now() == 0);  // the TestLoop's generator: the 10 s sleep was never waited out
    }());
}

namespace {
// The body of test_cancel_with_message_then_future_result/_exception: `read` is
// task.result() or task.exception(), called on a task cancelled with `message`.
template <class Read>
void check_cancel_message_reaches_reader(const std::string& message, Read read) {
    run_virtual([](std::string message, Read read) -> Coroutine<> {
        auto coro = [](std::string message, Read read) -> Coroutine<> {
            auto task = asyncio::create_task(sleep_for(10));
            co_await asyncio::sleep(0);
            task.cancel(message);
            std::vector<asyncio::Task<>> tasks{task};
            co_await asyncio::wait(std::move(tasks));
            read(task);
        };
        auto task = asyncio::create_task(coro(message, read));
        auto error = co_await assert_raises<asyncio::CancelledError>(task);
        CHECK(message_of(error) == message);
    }(message, read));
}
}  // namespace

TEST_CASE("test_tasks.BaseTaskTests.test_cancel_with_message_then_future_result") {
    // The cases (), (None,) and ('my message',); (5,) does not apply (a message is a string).
    for (const std::string message : {"", "my message"}) {
        CAPTURE(message);
        check_cancel_message_reaches_reader(message, [](const asyncio::Task<>& t) { t.result(); });
    }
}

TEST_CASE("test_tasks.BaseTaskTests.test_cancel_with_message_then_future_exception") {
    for (const std::string message : {"", "my message"}) {
        CAPTURE(message);
        check_cancel_message_reaches_reader(message,
                                            [](const asyncio::Task<>& t) { (void)t.exception(); });
    }
}

TEST_CASE("test_tasks.BaseTaskTests.test_cancellation_exception_context") {
    run_virtual([]() -> Coroutine<> {
        auto fut = asyncio::create_future();
        std::string caught_message = "(none)";
        auto sleep = [&fut]() -> Coroutine<> {
            fut.set_result();
            co_await asyncio::sleep(10);
        };
        auto coro = [&]() -> Coroutine<> {
            auto inner_task = asyncio::create_task(sleep());
            co_await fut;
            asyncio::EventLoop::current().call_soon([inner_task] { inner_task.cancel("msg"); });
            try {
                co_await inner_task;
            } catch (const asyncio::CancelledError& ex) {
                // `raise ValueError(...) from ex`: C++ has no __context__, so the chained
                // CancelledError's args are checked here, where it is caught.
                caught_message = ex.message();
            }
            throw asyncio::ValueError("cancelled");
        };
        auto task = asyncio::create_task(coro());
        auto error = co_await assert_raises<asyncio::ValueError>(task);
        CHECK(message_of(error) == "cancelled");
        CHECK(caught_message == "msg");
    }());
}

TEST_CASE("test_tasks.BaseTaskTests.test_cancel_with_message_before_starting_task") {
    run_virtual([]() -> Coroutine<> {
        auto coro = []() -> Coroutine<> {
            auto task = asyncio::create_task(sleep_for(10));
            // We deliberately leave out the sleep here.
            task.cancel("my message");
            std::vector<asyncio::Task<>> tasks{task};
            co_await asyncio::wait(std::move(tasks));
            (void)task.exception();
        };
        auto task = asyncio::create_task(coro());
        auto error = co_await assert_raises<asyncio::CancelledError>(task);
        CHECK(message_of(error) == "my message");
    }());
}

TEST_CASE("test_tasks.BaseTaskTests.test_cancel_yield") {
    run_virtual([]() -> Coroutine<> {
        auto task = []() -> Coroutine<int> {
            co_await asyncio::sleep(0);
            co_await asyncio::sleep(0);
            co_return 12;
        };
        auto t = asyncio::create_task(task());
        co_await run_briefly();  // start coro
        t.cancel();
        co_await assert_raises<asyncio::CancelledError>(t);
        CHECK(t.done());
        CHECK(t.cancelled());
        CHECK_FALSE(t.cancel());
    }());
}

TEST_CASE("test_tasks.BaseTaskTests.test_cancel_inner_future") {
    run_virtual([]() -> Coroutine<> {
        auto f = asyncio::create_future<int>();
        auto task = [](asyncio::Future<int> f) -> Coroutine<int> {
            co_await f;
            co_return 12;
        };
        auto t = asyncio::create_task(task(f));
        co_await run_briefly();  // start task
        f.cancel();
        co_await assert_raises<asyncio::CancelledError>(t);
        CHECK(f.cancelled());
        CHECK(t.cancelled());
    }());
}

TEST_CASE("test_tasks.BaseTaskTests.test_cancel_both_task_and_inner_future") {
    run_virtual([]() -> Coroutine<> {
        auto f = asyncio::create_future<int>();
        auto task = [](asyncio::Future<int> f) -> Coroutine<int> {
            co_await f;
            co_return 12;
        };
        auto t = asyncio::create_task(task(f));
        co_await run_briefly();

        f.cancel();
        t.cancel();

        co_await assert_raises<asyncio::CancelledError>(t);
        CHECK(t.done());
        CHECK(f.cancelled());
        CHECK(t.cancelled());
    }());
}

TEST_CASE("test_tasks.BaseTaskTests.test_cancel_task_catching") {
    run_virtual([]() -> Coroutine<> {
        auto fut1 = asyncio::create_future();
        auto fut2 = asyncio::create_future();
        auto task = [](asyncio::Future<> fut1, asyncio::Future<> fut2) -> Coroutine<int> {
            co_await fut1;
            try {
                co_await fut2;
            } catch (const asyncio::CancelledError&) {
                co_return 42;
            }
            co_return 0;
        };
        auto t = asyncio::create_task(task(fut1, fut2));
        co_await run_briefly();
        CHECK(t.core().waiting_on() == &fut1.core());  // White-box test.
        fut1.set_result();
        co_await run_briefly();
        CHECK(t.core().waiting_on() == &fut2.core());  // White-box test.
        t.cancel();
        CHECK(fut2.cancelled());
        auto res = co_await t;
        CHECK(res == 42);
        CHECK_FALSE(t.cancelled());
    }());
}

TEST_CASE("test_tasks.BaseTaskTests.test_cancel_task_ignoring") {
    run_virtual([]() -> Coroutine<> {
        auto fut1 = asyncio::create_future();
        auto fut2 = asyncio::create_future();
        auto fut3 = asyncio::create_future<int>();
        auto task = [](asyncio::Future<> fut1, asyncio::Future<> fut2,
                       asyncio::Future<int> fut3) -> Coroutine<int> {
            co_await fut1;
            try {
                co_await fut2;
            } catch (const asyncio::CancelledError&) {
            }
            auto res = co_await fut3;
            co_return res;
        };
        auto t = asyncio::create_task(task(fut1, fut2, fut3));
        co_await run_briefly();
        CHECK(t.core().waiting_on() == &fut1.core());  // White-box test.
        fut1.set_result();
        co_await run_briefly();
        CHECK(t.core().waiting_on() == &fut2.core());  // White-box test.
        t.cancel();
        CHECK(fut2.cancelled());
        co_await run_briefly();
        CHECK(t.core().waiting_on() == &fut3.core());  // White-box test.
        fut3.set_result(42);
        auto res = co_await t;
        CHECK(res == 42);
        CHECK_FALSE(fut3.cancelled());
        CHECK_FALSE(t.cancelled());
    }());
}

TEST_CASE("test_tasks.BaseTaskTests.test_cancel_current_task") {
    run_virtual([]() -> Coroutine<> {
        asyncio::Task<int> t;
        auto task = [&t]() -> Coroutine<int> {
            t.cancel();
            CHECK(t.core().must_cancel());  // White-box test.
            // The sleep should be cancelled immediately.
            co_await asyncio::sleep(100);
            co_return 12;
        };
        t = asyncio::create_task(task());
        CHECK_FALSE(t.cancelled());
        co_await assert_raises<asyncio::CancelledError>(t);
        CHECK(t.done());
        CHECK(t.cancelled());
        CHECK_FALSE(t.core().must_cancel());  // White-box test.
        CHECK_FALSE(t.cancel());
        CHECK(now() == 0);
    }());
}

TEST_CASE("test_tasks.BaseTaskTests.test_cancel_at_end") {
    run_virtual([]() -> Coroutine<> {
        // coroutine end right after task is cancelled
        asyncio::Task<int> t;
        auto task = [&t]() -> Coroutine<int> {
            t.cancel();
            CHECK(t.core().must_cancel());  // White-box test.
            co_return 12;
        };
        t = asyncio::create_task(task());
        CHECK_FALSE(t.cancelled());
        co_await assert_raises<asyncio::CancelledError>(t);
        CHECK(t.done());
        CHECK(t.cancelled());
        CHECK_FALSE(t.core().must_cancel());  // White-box test.
        CHECK_FALSE(t.cancel());
    }());
}

TEST_CASE("test_tasks.BaseTaskTests.test_cancel_awaited_task") {
    // A cancellation requested while the task is not blocked (it cancels itself): whatever it
    // blocks on next is cancelled as well (bpo-34872).
    run_virtual([]() -> Coroutine<> {
        asyncio::Task<> task;
        asyncio::Task<> nested_task;
        auto fut = asyncio::create_future();
        auto nested = [](asyncio::Future<> fut) -> Coroutine<> { co_await fut; };
        auto coro = [&]() -> Coroutine<> {
            // Create a sub-task and wait for it to run.
            nested_task = asyncio::create_task(nested(fut));
            co_await asyncio::sleep(0);
            // Request the current task to be cancelled.
            task.cancel();
            // Block on the nested task, which should be immediately cancelled.
            co_await nested_task;
        };
        task = asyncio::create_task(coro());
        co_await assert_raises<asyncio::CancelledError>(task);
        CHECK(task.cancelled());
        CHECK(nested_task.cancelled());
        CHECK(fut.cancelled());
    }());
}

TEST_CASE("test_tasks.BaseTaskTests.test_task_cancel_sleeping_task") {
    run_virtual([]() -> Coroutine<> {
        auto doit = []() -> Coroutine<std::string> {
            auto sleeper = asyncio::create_task(sleep_for(5000));
            asyncio::EventLoop::current().call_later(0.1, [sleeper] { sleeper.cancel(); });
            try {
                co_await sleeper;
            } catch (const asyncio::CancelledError&) {
                co_return "cancelled";
            }
            co_return "slept in";
        };
        CHECK(co_await doit() == "cancelled");
        CHECK(now() == doctest::Approx(0.1));
    }());
}

TEST_CASE("test_tasks.BaseTaskTests.test_task_cancel_waiter_future") {
    run_virtual([]() -> Coroutine<> {
        auto fut = asyncio::create_future();
        auto coro = [](asyncio::Future<> fut) -> Coroutine<> { co_await fut; };
        auto task = asyncio::create_task(coro(fut));
        co_await run_briefly();
        CHECK(task.core().waiting_on() == &fut.core());

        task.cancel();
        co_await run_briefly();
        co_await assert_raises<asyncio::CancelledError>(task);
        CHECK(task.core().waiting_on() == nullptr);
        CHECK(fut.cancelled());
    }());
}

TEST_CASE("test_tasks.BaseTaskTests.test_baseexception_during_cancel") {
    asyncio::Task<> task;
    auto notmutch = []() -> Coroutine<> {
        try {
            co_await sleep_for(10);
        } catch (const asyncio::CancelledError&) {
            throw asyncio::SystemExit("base_exc");
        }
    };
    auto main = [&]() -> Coroutine<> {
        task = asyncio::create_task(notmutch());
        co_await run_briefly();
        task.cancel();
        CHECK_FALSE(task.done());
        co_await run_briefly();  // raises SystemExit out of the loop
        FAIL_CHECK("the loop went on after the SystemExit");
    };
    CHECK_THROWS_AS(run_virtual(main()), asyncio::SystemExit);
    CHECK(task.done());
    CHECK_FALSE(task.cancelled());
    CHECK(asyncio::describe(task.exception()) == "SystemExit: base_exc");
}

TEST_CASE("test_tasks.BaseTaskTests.test_yield_future_passes_cancel") {
    // Cancelling outer() cancels inner() cancels waiter.
    run_virtual([]() -> Coroutine<> {
        int proof = 0;
        auto waiter = asyncio::create_future();
        auto inner = [&]() -> Coroutine<> {
            try {
                co_await waiter;
            } catch (const asyncio::CancelledError&) {
                proof += 1;
                throw;
            }
            FAIL_CHECK("got past sleep() in inner()");
        };
        auto outer = [&]() -> Coroutine<> {
            try {
                co_await inner();
                proof += 10;
            } catch (const asyncio::CancelledError&) {
                proof += 100;  // Expect this path.
            }
        };
        auto f = asyncio::create_task(outer());
        co_await run_briefly();
        f.cancel();
        co_await f;
        CHECK(proof == 101);
        CHECK(waiter.cancelled());
    }());
}

TEST_CASE("test_tasks.BaseTaskTests.test_yield_wait_does_not_shield_cancel") {
    // Cancelling outer() makes wait() return early, leaves inner() running.
    run_virtual([]() -> Coroutine<> {
        int proof = 0;
        auto waiter = asyncio::create_future();
        auto inner = [&]() -> Coroutine<> {
            co_await waiter;
            proof += 1;
        };
        auto outer = [&]() -> Coroutine<> {
            std::vector<asyncio::Task<>> tasks{asyncio::create_task(inner())};
            co_await asyncio::wait(std::move(tasks));
            proof += 100;
        };
        auto f = asyncio::create_task(outer());
        co_await run_briefly();
        f.cancel();
        co_await assert_raises<asyncio::CancelledError>(f);
        waiter.set_result();
        co_await run_briefly();
        CHECK(proof == 1);
    }());
}

TEST_CASE("test_tasks.BaseTaskTests.test_tb_logger_not_called_after_cancel") {
    DiagnosticCount log;
    run_virtual(
        []() -> Coroutine<> {
            auto coro = []() -> Coroutine<> {
                throw asyncio::ValueError("TypeError in Python");
                co_return;
            };
            auto runner = [&coro]() -> Coroutine<> {
                std::optional<asyncio::Task<>> task = asyncio::create_task(coro());
                co_await asyncio::sleep(0.05);
                task->cancel();
                task.reset();  // task = None: the last reference goes, and nothing is logged
            };
            co_await runner();
        }(),
        &log);
    CHECK(log.never_retrieved == 0);
}

TEST_CASE("test_tasks.BaseTaskTests.test_cancel_gather_1") {
    // A gathering future refuses to be cancelled once all children are done.
    run_virtual([]() -> Coroutine<> {
        auto fut = asyncio::create_future<int>();
        // The indirection fut->child_coro is needed since otherwise the gathering task is
        // done at the same time as the child future.
        auto child_coro = [](asyncio::Future<int> fut) -> Coroutine<int> {
            co_return co_await fut;
        };
        std::vector<Coroutine<int>> children;
        children.push_back(child_coro(fut));
        auto gather_task = asyncio::gather(std::move(children));
        co_await run_briefly();  // run_until_complete(create()) lets the child start

        std::optional<bool> cancel_result;
        fut.add_done_callback(
            [&](const asyncio::Future<int>&) { cancel_result = gather_task.cancel(); });
        fut.set_result(42);  // calls the cancelling_callback after fut is done()

        // At this point the task should complete.
        auto result = co_await gather_task;

        // Python issue #26923: asyncio.gather drops cancellation
        CHECK(cancel_result == false);
        CHECK_FALSE(gather_task.cancelled());
        CHECK(result == std::vector<int>{42});
    }());
}

TEST_CASE("test_tasks.BaseTaskTests.test_cancel_gather_2") {
    for (const std::string message : {"", "my message"}) {
        CAPTURE(message);
        auto test = []() -> Coroutine<> {
            double time = 0;
            while (true) {
                time += 0.05;
                co_await asyncio::gather(asyncio::return_exceptions, asyncio::sleep(0.05, 0));
                if (time > 1) co_return;
            }
        };
        auto main = [&]() -> Coroutine<> {
            auto qwe = asyncio::create_task(test());
            co_await asyncio::sleep(0.2);
            qwe.cancel(message);
            co_await qwe;
        };
        try {
            run_virtual(main());
            FAIL_CHECK(
                "gather() does not propagate CancelledError raised by inner task to the "
                "gather() caller.");
        } catch (const asyncio::CancelledError& exc) {
            CHECK(exc.message() == message);
        }
    }
}

namespace {
// The loop times at which a pass ended: a timer left behind shows as a pass at its time.
struct PassTimes : asyncio::Observer {
    std::vector<double> times;
    void pass_finished(double t) override { times.push_back(t); }
};
}  // namespace

TEST_CASE("test_tasks.BaseTaskTests.test_sleep_cancel") {
    // handle._cancelled (the timer sleep() made) is not reachable in C++: the case checks
    // instead that the loop no longer wakes at the timer's time, 10 s, once the task is
    // cancelled and has run (a live timer would cost a pass at t=10 before the one at 20).
    PassTimes passes;
    run_virtual(
        []() -> Coroutine<> {
            auto t = asyncio::create_task(asyncio::sleep(10.0, std::string("yeah")));
            co_await asyncio::sleep(0);  // test_utils.run_briefly(loop)
            t.cancel();
            co_await asyncio::sleep(0);  // test_utils.run_briefly(loop)
            CHECK(t.cancelled());
            co_await asyncio::sleep(20);
        }(),
        &passes);
    CHECK(std::count(passes.times.begin(), passes.times.end(), 10.0) == 0);
    CHECK(std::count(passes.times.begin(), passes.times.end(), 20.0) >= 1);
}
