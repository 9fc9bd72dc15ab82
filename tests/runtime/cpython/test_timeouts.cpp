// Lib/test/test_asyncio/test_timeouts.py (CPython 3.11.7), ported: TimeoutTests.
//
// Skipped, with the reason:
// - test_repr_active, test_repr_expired, test_repr_finished, test_repr_disabled: __repr__.
//
// `async with asyncio.timeout(d) as cm:` is async_with(cm, body) with cm a variable, so that
// it can be looked at after the block, as the Python tests do. time.sleep is
// asyncio::blocking_sleep (under the virtual clock it holds the loop for that long).
// IsolatedAsyncioTestCase runs each test as a task on a fresh loop: run_virtual.
#include <exception>

#include "assertions.hpp"

using asyncio::Coroutine;
using cpython::assert_raises;
using testing::now;
using testing::run_virtual;

namespace {
class KeyError : public asyncio::Exception {
  public:
    using Exception::Exception;
    const char* type_name() const noexcept override { return "KeyError"; }
};
class ZeroDivisionError : public asyncio::Exception {
  public:
    using Exception::Exception;
    const char* type_name() const noexcept override { return "ZeroDivisionError"; }
};

template <class F>
Coroutine<> within(asyncio::Timeout& cm, F body) {
    co_await asyncio::async_with(cm, std::move(body));
}

Coroutine<> sleep_for(double seconds) {
    co_await asyncio::sleep(seconds);
}
}  // namespace

TEST_CASE("test_timeouts.TimeoutTests.test_timeout_basic") {
    run_virtual([]() -> Coroutine<> {
        auto cm = asyncio::timeout(0.01);
        co_await assert_raises<asyncio::TimeoutError>(within(cm, [] { return sleep_for(10); }));
        CHECK(cm.expired());
    }());
}

TEST_CASE("test_timeouts.TimeoutTests.test_timeout_at_basic") {
    run_virtual([]() -> Coroutine<> {
        const double deadline = now() + 0.01;
        auto cm = asyncio::timeout_at(deadline);
        co_await assert_raises<asyncio::TimeoutError>(within(cm, [] { return sleep_for(10); }));
        CHECK(cm.expired());
        CHECK(cm.when() == deadline);
    }());
}

TEST_CASE("test_timeouts.TimeoutTests.test_nested_timeouts") {
    run_virtual([]() -> Coroutine<> {
        bool cancelled = false;
        const double deadline = now() + 0.01;
        auto cm1 = asyncio::timeout_at(deadline);
        auto cm2 = asyncio::timeout_at(deadline);
        co_await assert_raises<asyncio::TimeoutError>(within(cm1, [&]() -> Coroutine<> {
            // Only the topmost context manager should raise TimeoutError.
            try {
                co_await within(cm2, [] { return sleep_for(10); });
            } catch (const asyncio::CancelledError&) {
                cancelled = true;
                throw;
            }
        }));
        CHECK(cancelled);
        CHECK(cm1.expired());
        CHECK(cm2.expired());
    }());
}

TEST_CASE("test_timeouts.TimeoutTests.test_waiter_cancelled") {
    run_virtual([]() -> Coroutine<> {
        bool cancelled = false;
        co_await assert_raises<asyncio::TimeoutError>(
            asyncio::async_with(asyncio::timeout(0.01), [&]() -> Coroutine<> {
                try {
                    co_await asyncio::sleep(10);
                } catch (const asyncio::CancelledError&) {
                    cancelled = true;
                    throw;
                }
            }));
        CHECK(cancelled);
    }());
}

TEST_CASE("test_timeouts.TimeoutTests.test_timeout_not_called") {
    run_virtual([]() -> Coroutine<> {
        auto cm = asyncio::timeout(10);
        co_await within(cm, [] { return sleep_for(0.01); });
        const double t1 = now();
        CHECK_FALSE(cm.expired());
        CHECK(*cm.when() > t1);
    }());
}

TEST_CASE("test_timeouts.TimeoutTests.test_timeout_disabled") {
    run_virtual([]() -> Coroutine<> {
        auto cm = asyncio::timeout(std::nullopt);
        co_await within(cm, [] { return sleep_for(0.01); });
        CHECK_FALSE(cm.expired());
        CHECK_FALSE(cm.when().has_value());
    }());
}

TEST_CASE("test_timeouts.TimeoutTests.test_timeout_at_disabled") {
    run_virtual([]() -> Coroutine<> {
        auto cm = asyncio::timeout_at(std::nullopt);
        co_await within(cm, [] { return sleep_for(0.01); });
        CHECK_FALSE(cm.expired());
        CHECK_FALSE(cm.when().has_value());
    }());
}

TEST_CASE("test_timeouts.TimeoutTests.test_timeout_zero") {
    run_virtual([]() -> Coroutine<> {
        const double t0 = now();
        auto cm = asyncio::timeout(0);
        co_await assert_raises<asyncio::TimeoutError>(within(cm, [] { return sleep_for(10); }));
        const double t1 = now();
        CHECK(cm.expired());
        CHECK(t0 <= *cm.when());
        CHECK(*cm.when() <= t1);
    }());
}

TEST_CASE("test_timeouts.TimeoutTests.test_timeout_zero_sleep_zero") {
    run_virtual([]() -> Coroutine<> {
        const double t0 = now();
        auto cm = asyncio::timeout(0);
        co_await assert_raises<asyncio::TimeoutError>(within(cm, [] { return sleep_for(0); }));
        const double t1 = now();
        CHECK(cm.expired());
        CHECK(t0 <= *cm.when());
        CHECK(*cm.when() <= t1);
    }());
}

TEST_CASE("test_timeouts.TimeoutTests.test_timeout_in_the_past_sleep_zero") {
    run_virtual([]() -> Coroutine<> {
        const double t0 = now();
        auto cm = asyncio::timeout(-11);
        co_await assert_raises<asyncio::TimeoutError>(within(cm, [] { return sleep_for(0); }));
        const double t1 = now();
        CHECK(cm.expired());
        CHECK(t0 >= *cm.when());
        CHECK(*cm.when() <= t1);
    }());
}

TEST_CASE("test_timeouts.TimeoutTests.test_foreign_exception_passed") {
    run_virtual([]() -> Coroutine<> {
        auto cm = asyncio::timeout(0.01);
        co_await assert_raises<KeyError>(within(cm, []() -> Coroutine<> {
            throw KeyError();
            co_return;
        }));
        CHECK_FALSE(cm.expired());
    }());
}

TEST_CASE("test_timeouts.TimeoutTests.test_foreign_exception_on_timeout") {
    run_virtual([]() -> Coroutine<> {
        auto crash = []() -> Coroutine<> {
            try {
                co_await asyncio::sleep(1);
            } catch (...) {
                throw ZeroDivisionError();  // the `finally: 1/0`
            }
            throw ZeroDivisionError();
        };
        co_await assert_raises<ZeroDivisionError>(
            asyncio::async_with(asyncio::timeout(0.01), [&] { return crash(); }));
    }());
}

TEST_CASE("test_timeouts.TimeoutTests.test_foreign_cancel_doesnt_timeout_if_not_expired") {
    run_virtual([]() -> Coroutine<> {
        auto cm = asyncio::timeout(10);
        co_await assert_raises<asyncio::CancelledError>(within(cm, []() -> Coroutine<> {
            asyncio::current_task()->cancel();
            co_await asyncio::sleep(10);
        }));
        CHECK_FALSE(cm.expired());
    }());
}

TEST_CASE("test_timeouts.TimeoutTests.test_outer_task_is_not_cancelled") {
    run_virtual([]() -> Coroutine<> {
        auto outer = []() -> Coroutine<> {
            co_await assert_raises<asyncio::TimeoutError>(
                asyncio::async_with(asyncio::timeout(0.001), [] { return sleep_for(10); }));
        };
        auto task = asyncio::create_task(outer());
        co_await task;
        CHECK_FALSE(task.cancelled());
        CHECK(task.done());
    }());
}

TEST_CASE("test_timeouts.TimeoutTests.test_nested_timeouts_concurrent") {
    run_virtual([]() -> Coroutine<> {
        co_await assert_raises<asyncio::TimeoutError>(
            asyncio::async_with(asyncio::timeout(0.002), []() -> Coroutine<> {
                co_await assert_raises<asyncio::TimeoutError>(
                    asyncio::async_with(asyncio::timeout(0.1), []() -> Coroutine<> {
                        // Pretend we crunch some numbers.
                        asyncio::blocking_sleep(0.01);
                        co_await asyncio::sleep(1);
                    }));
            }));
    }());
}

TEST_CASE("test_timeouts.TimeoutTests.test_nested_timeouts_loop_busy") {
    run_virtual([]() -> Coroutine<> {
        // After the inner timeout is an expensive operation which should be stopped by the
        // outer timeout.
        asyncio::EventLoop::current().set_slow_callback_duration(10);
        const double t0 = now();
        co_await assert_raises<asyncio::TimeoutError>(
            asyncio::async_with(asyncio::timeout(0.1), []() -> Coroutine<> {
                co_await assert_raises<asyncio::TimeoutError>(
                    asyncio::async_with(asyncio::timeout(0.01), []() -> Coroutine<> {
                        // Pretend the loop is busy for a while.
                        asyncio::blocking_sleep(0.1);
                        co_await asyncio::sleep(1);
                    }));
                co_await asyncio::sleep(10);  // should be interrupted by the outer timeout
            }));
        const double t1 = now();
        CHECK(t0 <= t1);
        CHECK(t1 <= t0 + 1);
    }());
}

TEST_CASE("test_timeouts.TimeoutTests.test_reschedule") {
    run_virtual([]() -> Coroutine<> {
        auto fut = asyncio::create_future<asyncio::Timeout*>();
        const double deadline1 = now() + 10;
        const double deadline2 = deadline1 + 20;
        // The manager outlives f, as the Python object outlives the task.
        auto the_cm = asyncio::timeout_at(deadline1);
        auto f = [&]() -> Coroutine<> {
            co_await asyncio::async_with(the_cm, [&]() -> Coroutine<> {
                fut.set_result(&the_cm);
                co_await asyncio::sleep(50);
            });
        };
        auto task = asyncio::create_task(f());
        asyncio::Timeout* cm = co_await fut;
        CHECK(cm->when() == deadline1);
        cm->reschedule(deadline2);
        CHECK(cm->when() == deadline2);
        cm->reschedule(std::nullopt);
        CHECK_FALSE(cm->when().has_value());
        task.cancel();
        co_await assert_raises<asyncio::CancelledError>(task);
        CHECK_FALSE(cm->expired());
    }());
}

TEST_CASE("test_timeouts.TimeoutTests.test_nested_timeout_in_finally") {
    run_virtual([]() -> Coroutine<> {
        co_await assert_raises<asyncio::TimeoutError>(
            asyncio::async_with(asyncio::timeout(0.01), []() -> Coroutine<> {
                std::exception_ptr error;
                try {
                    co_await asyncio::sleep(1);
                } catch (...) {
                    error = std::current_exception();
                }
                // finally:
                co_await assert_raises<asyncio::TimeoutError>(
                    asyncio::async_with(asyncio::timeout(0.01), [] { return sleep_for(10); }));
                if (error) std::rethrow_exception(error);
            }));
    }());
}

TEST_CASE("test_timeouts.TimeoutTests.test_timeout_after_cancellation") {
    run_virtual([]() -> Coroutine<> {
        try {
            asyncio::current_task()->cancel();
            co_await asyncio::sleep(1);  // work which will be cancelled
        } catch (const asyncio::CancelledError&) {
        }
        // finally:
        co_await assert_raises<asyncio::TimeoutError>(
            asyncio::async_with(asyncio::timeout(0.0), [] { return sleep_for(1); }));
    }());
}

TEST_CASE("test_timeouts.TimeoutTests.test_cancel_in_timeout_after_cancellation") {
    run_virtual([]() -> Coroutine<> {
        try {
            asyncio::current_task()->cancel();
            co_await asyncio::sleep(1);  // work which will be cancelled
        } catch (const asyncio::CancelledError&) {
        }
        // finally:
        co_await assert_raises<asyncio::CancelledError>(
            asyncio::async_with(asyncio::timeout(1.0), []() -> Coroutine<> {
                asyncio::current_task()->cancel();
                co_await asyncio::sleep(2);  // some cleanup
            }));
    }());
}

TEST_CASE("test_timeouts.TimeoutTests.test_timeout_exception_cause") {
    run_virtual([]() -> Coroutine<> {
        auto error = co_await assert_raises<asyncio::TimeoutError>(
            asyncio::async_with(asyncio::timeout(0), [] { return sleep_for(1); }));
        // __cause__ is the CancelledError: std::nested_exception holds it.
        bool cause_is_cancelled = false;
        try {
            std::rethrow_exception(error);
        } catch (const std::nested_exception& nested) {
            cause_is_cancelled = asyncio::is_cancelled_error(nested.nested_ptr());
        } catch (...) {
        }
        CHECK(cause_is_cancelled);
    }());
}

TEST_CASE("test_timeouts.TimeoutTests.test_timeout_already_entered") {
    run_virtual([]() -> Coroutine<> {
        auto cm = asyncio::timeout(0.01);
        co_await within(cm, [&]() -> Coroutine<> {
            auto error = co_await assert_raises<asyncio::RuntimeError>(
                within(cm, []() -> Coroutine<> { co_return; }));
            CHECK(cpython::contains(cpython::message_of(error), "has already been entered"));
        });
    }());
}

TEST_CASE("test_timeouts.TimeoutTests.test_timeout_double_enter") {
    run_virtual([]() -> Coroutine<> {
        auto cm = asyncio::timeout(0.01);
        co_await within(cm, []() -> Coroutine<> { co_return; });
        auto error = co_await assert_raises<asyncio::RuntimeError>(
            within(cm, []() -> Coroutine<> { co_return; }));
        CHECK(cpython::contains(cpython::message_of(error), "has already been entered"));
    }());
}

namespace {
std::string reschedule_error(asyncio::Timeout& cm, double when) {
    try {
        cm.reschedule(when);
    } catch (const asyncio::RuntimeError& e) {
        return e.message();
    }
    FAIL_CHECK("reschedule did not raise");
    return {};
}
}  // namespace

TEST_CASE("test_timeouts.TimeoutTests.test_timeout_finished") {
    run_virtual([]() -> Coroutine<> {
        auto cm = asyncio::timeout(0.01);
        co_await within(cm, []() -> Coroutine<> { co_return; });
        CHECK(cpython::contains(reschedule_error(cm, 0.02), "finished"));
    }());
}

TEST_CASE("test_timeouts.TimeoutTests.test_timeout_expired") {
    run_virtual([]() -> Coroutine<> {
        auto cm = asyncio::timeout(0.01);
        co_await assert_raises<asyncio::TimeoutError>(within(cm, [] { return sleep_for(1); }));
        CHECK(cpython::contains(reschedule_error(cm, 0.02), "expired"));
    }());
}

TEST_CASE("test_timeouts.TimeoutTests.test_timeout_expiring") {
    run_virtual([]() -> Coroutine<> {
        auto cm = asyncio::timeout(0.01);
        co_await within(cm, [&]() -> Coroutine<> {
            co_await assert_raises<asyncio::CancelledError>(sleep_for(1));
            CHECK(cpython::contains(reschedule_error(cm, 0.02), "expiring"));
        });
    }());
}

TEST_CASE("test_timeouts.TimeoutTests.test_timeout_not_entered") {
    run_virtual([]() -> Coroutine<> {
        auto cm = asyncio::timeout(0.01);
        CHECK(cpython::contains(reschedule_error(cm, 0.02), "has not been entered"));
        co_return;
    }());
}

TEST_CASE("test_timeouts.TimeoutTests.test_timeout_without_task") {
    run_virtual([]() -> Coroutine<> {
        auto cm = asyncio::timeout(0.01);
        // await_without_task: __aenter__ run from a plain callback, outside of any task.
        auto done = asyncio::create_future<std::string>();
        asyncio::EventLoop::current().call_soon([&cm, done] {
            try {
                cm.aenter();
                done.set_result(std::string("no error"));
            } catch (const asyncio::RuntimeError& e) {
                done.set_result(e.message());
            }
        });
        CHECK(cpython::contains(co_await done, "task"));
        CHECK(cpython::contains(reschedule_error(cm, 0.02), "has not been entered"));
    }());
}
