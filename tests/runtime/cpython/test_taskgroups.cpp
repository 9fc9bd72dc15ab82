// Lib/test/test_asyncio/test_taskgroups.py (CPython 3.11.7), ported: TestTaskGroup.
//
// Every test is ported. (_test_taskgroup_21 is disabled in CPython itself, by its leading
// underscore.)
//
// `async with TaskGroup() as g:` is async_with(TaskGroup(), [&](TaskGroup& g) {...}).
// 1 / 0 is a ZeroDivisionError of the test's own; get_error_types is error_types below.
#include <set>

#include "assertions.hpp"

using asyncio::Coroutine;
using asyncio::TaskGroup;
using cpython::assert_raises;
using testing::run_virtual;

namespace {
#define TEST_ERROR(Name, Base)                                            \
    class Name : public asyncio::Base {                                   \
      public:                                                             \
        using Base::Base;                                                 \
        const char* type_name() const noexcept override { return #Name; } \
    }
TEST_ERROR(ZeroDivisionError, Exception);
TEST_ERROR(TypeError, Exception);
TEST_ERROR(MyExc, Exception);
TEST_ERROR(MyBaseExc, BaseException);
#undef TEST_ERROR

// get_error_types(eg): the type names of the errors a group holds.
std::set<std::string> error_types(const std::exception_ptr& group) {
    std::set<std::string> types;
    try {
        std::rethrow_exception(group);
    } catch (const asyncio::BaseExceptionGroup& g) {  // ExceptionGroup too, as in Python
        for (const auto& e : g.exceptions()) types.insert(asyncio::type_name_of(e));
    } catch (...) {
        FAIL_CHECK("not an exception group");
    }
    return types;
}

// eg.exceptions[i]
std::exception_ptr sub_exception(const std::exception_ptr& group, std::size_t i) {
    try {
        std::rethrow_exception(group);
    } catch (const asyncio::ExceptionGroup& g) {
        return i < g.exceptions().size() ? g.exceptions()[i] : nullptr;
    } catch (...) {
    }
    return nullptr;
}

using Types = std::set<std::string>;

Coroutine<int> sleep_then(double seconds, int value) {
    co_await asyncio::sleep(seconds);
    co_return value;
}

Coroutine<> sleep_then_divide_by_zero(double seconds) {
    co_await asyncio::sleep(seconds);
    throw ZeroDivisionError("division by zero");
}

// try: await asyncio.sleep(10) finally: 1 / 0
Coroutine<> divide_by_zero_on_the_way_out() {
    try {
        co_await asyncio::sleep(10);
    } catch (...) {
    }
    throw ZeroDivisionError("division by zero");
}

Coroutine<> crash_after(double t) {
    co_await asyncio::sleep(t);
    throw asyncio::ValueError(std::to_string(t));
}
}  // namespace

TEST_CASE("test_taskgroups.TestTaskGroup.test_taskgroup_01") {
    run_virtual([]() -> Coroutine<> {
        asyncio::Task<int> t1, t2;
        co_await asyncio::async_with(TaskGroup(), [&](TaskGroup& g) -> Coroutine<> {
            t1 = g.create_task(sleep_then(0.1, 42));
            t2 = g.create_task(sleep_then(0.2, 11));
            co_return;
        });
        CHECK(t1.result() == 42);
        CHECK(t2.result() == 11);
    }());
}

TEST_CASE("test_taskgroups.TestTaskGroup.test_taskgroup_02") {
    run_virtual([]() -> Coroutine<> {
        asyncio::Task<int> t1, t2;
        co_await asyncio::async_with(TaskGroup(), [&](TaskGroup& g) -> Coroutine<> {
            t1 = g.create_task(sleep_then(0.1, 42));
            co_await asyncio::sleep(0.15);
            t2 = g.create_task(sleep_then(0.2, 11));
        });
        CHECK(t1.result() == 42);
        CHECK(t2.result() == 11);
    }());
}

TEST_CASE("test_taskgroups.TestTaskGroup.test_taskgroup_03") {
    run_virtual([]() -> Coroutine<> {
        asyncio::Task<int> t1, t2;
        co_await asyncio::async_with(TaskGroup(), [&](TaskGroup& g) -> Coroutine<> {
            t1 = g.create_task(sleep_then(1, 42));
            co_await asyncio::sleep(0.15);
            // Cancel t1 explicitly, i.e. everything should continue working as expected.
            t1.cancel();
            t2 = g.create_task(sleep_then(0.2, 11));
        });
        CHECK(t1.cancelled());
        CHECK(t2.result() == 11);
    }());
}

TEST_CASE("test_taskgroups.TestTaskGroup.test_taskgroup_04") {
    run_virtual([]() -> Coroutine<> {
        int NUM = 0;
        bool t2_cancel = false;
        asyncio::Task<> t2;
        auto foo2 = [&]() -> Coroutine<> {
            try {
                co_await asyncio::sleep(1);
            } catch (const asyncio::CancelledError&) {
                t2_cancel = true;
                throw;
            }
            NUM += 1;
        };
        auto runner = [&]() -> Coroutine<> {
            co_await asyncio::async_with(TaskGroup(), [&](TaskGroup& g) -> Coroutine<> {
                g.create_task(sleep_then_divide_by_zero(0.1));
                t2 = g.create_task(foo2());
                co_return;
            });
            NUM += 10;
        };
        auto error =
            co_await assert_raises<asyncio::ExceptionGroup>(asyncio::create_task(runner()));
        CHECK(error_types(error) == Types{"ZeroDivisionError"});
        CHECK(NUM == 0);
        CHECK(t2_cancel);
        CHECK(t2.cancelled());
    }());
}

TEST_CASE("test_taskgroups.TestTaskGroup.test_cancel_children_on_child_error") {
    run_virtual([]() -> Coroutine<> {
        // When a child task raises an error, the rest of the children are cancelled and the
        // errors are gathered into an ExceptionGroup.
        int NUM = 0;
        bool t2_cancel = false;
        bool runner_cancel = false;
        auto foo2 = [&]() -> Coroutine<> {
            try {
                co_await asyncio::sleep(5);
            } catch (const asyncio::CancelledError&) {
                t2_cancel = true;
                throw;
            }
            NUM += 1;
        };
        auto runner = [&]() -> Coroutine<> {
            co_await asyncio::async_with(TaskGroup(), [&](TaskGroup& g) -> Coroutine<> {
                g.create_task(sleep_then_divide_by_zero(0.1));
                g.create_task(sleep_then_divide_by_zero(0.1));
                g.create_task(sleep_then_divide_by_zero(0.1));
                g.create_task(foo2());
                try {
                    co_await asyncio::sleep(10);
                } catch (const asyncio::CancelledError&) {
                    runner_cancel = true;
                    throw;
                }
            });
            NUM += 10;
        };
        auto error =
            co_await assert_raises<asyncio::ExceptionGroup>(asyncio::create_task(runner()));
        CHECK(error_types(error) == Types{"ZeroDivisionError"});
        CHECK(NUM == 0);
        CHECK(t2_cancel);
        CHECK(runner_cancel);
    }());
}

TEST_CASE("test_taskgroups.TestTaskGroup.test_cancellation") {
    run_virtual([]() -> Coroutine<> {
        int NUM = 0;
        auto foo = [&]() -> Coroutine<> {
            try {
                co_await asyncio::sleep(5);
            } catch (const asyncio::CancelledError&) {
                NUM += 1;
                throw;
            }
        };
        auto runner = [&]() -> Coroutine<> {
            co_await asyncio::async_with(TaskGroup(), [&](TaskGroup& g) -> Coroutine<> {
                for (int i = 0; i < 5; ++i) g.create_task(foo());
                co_return;
            });
        };
        auto r = asyncio::create_task(runner());
        co_await asyncio::sleep(0.1);
        CHECK_FALSE(r.done());
        r.cancel();
        co_await assert_raises<asyncio::CancelledError>(r);
        CHECK(NUM == 5);
    }());
}

TEST_CASE("test_taskgroups.TestTaskGroup.test_taskgroup_07") {
    run_virtual([]() -> Coroutine<> {
        int NUM = 0;
        auto foo = [&]() -> Coroutine<> {
            try {
                co_await asyncio::sleep(5);
            } catch (const asyncio::CancelledError&) {
                NUM += 1;
                throw;
            }
        };
        auto runner = [&]() -> Coroutine<> {
            co_await asyncio::async_with(TaskGroup(), [&](TaskGroup& g) -> Coroutine<> {
                for (int i = 0; i < 5; ++i) g.create_task(foo());
                try {
                    co_await asyncio::sleep(10);
                } catch (const asyncio::CancelledError&) {
                    NUM += 10;
                    throw;
                }
            });
        };
        auto r = asyncio::create_task(runner());
        co_await asyncio::sleep(0.1);
        CHECK_FALSE(r.done());
        r.cancel();
        co_await assert_raises<asyncio::CancelledError>(r);
        CHECK(NUM == 15);
    }());
}

TEST_CASE("test_taskgroups.TestTaskGroup.test_taskgroup_08") {
    run_virtual([]() -> Coroutine<> {
        auto runner = []() -> Coroutine<> {
            co_await asyncio::async_with(TaskGroup(), [](TaskGroup& g) -> Coroutine<> {
                for (int i = 0; i < 5; ++i) g.create_task(divide_by_zero_on_the_way_out());
                co_await asyncio::sleep(10);
            });
        };
        auto r = asyncio::create_task(runner());
        co_await asyncio::sleep(0.1);
        CHECK_FALSE(r.done());
        r.cancel();
        auto error = co_await assert_raises<asyncio::ExceptionGroup>(r);
        CHECK(error_types(error) == Types{"ZeroDivisionError"});
    }());
}

TEST_CASE("test_taskgroups.TestTaskGroup.test_taskgroup_09") {
    run_virtual([]() -> Coroutine<> {
        asyncio::Task<int> t1, t2;
        auto runner = [&]() -> Coroutine<> {
            co_await asyncio::async_with(TaskGroup(), [&](TaskGroup& g) -> Coroutine<> {
                t1 = g.create_task(sleep_then(1, 42));
                t2 = g.create_task(sleep_then(2, 11));
                co_await asyncio::sleep(0.1);
                throw ZeroDivisionError("division by zero");
            });
        };
        auto error = co_await assert_raises<asyncio::ExceptionGroup>(runner());
        CHECK(error_types(error) == Types{"ZeroDivisionError"});
        CHECK(t1.cancelled());
        CHECK(t2.cancelled());
    }());
}

TEST_CASE("test_taskgroups.TestTaskGroup.test_taskgroup_10") {
    run_virtual([]() -> Coroutine<> {
        asyncio::Task<int> t1, t2;
        auto runner = [&]() -> Coroutine<> {
            co_await asyncio::async_with(TaskGroup(), [&](TaskGroup& g) -> Coroutine<> {
                t1 = g.create_task(sleep_then(1, 42));
                t2 = g.create_task(sleep_then(2, 11));
                throw ZeroDivisionError("division by zero");
                co_return;
            });
        };
        auto error = co_await assert_raises<asyncio::ExceptionGroup>(runner());
        CHECK(error_types(error) == Types{"ZeroDivisionError"});
        CHECK(t1.cancelled());
        CHECK(t2.cancelled());
    }());
}

TEST_CASE("test_taskgroups.TestTaskGroup.test_taskgroup_11") {
    run_virtual([]() -> Coroutine<> {
        auto runner = []() -> Coroutine<> {
            co_await asyncio::async_with(TaskGroup(), []() -> Coroutine<> {
                co_await asyncio::async_with(TaskGroup(), [](TaskGroup& g2) -> Coroutine<> {
                    for (int i = 0; i < 5; ++i) g2.create_task(divide_by_zero_on_the_way_out());
                    co_await asyncio::sleep(10);
                });
            });
        };
        auto r = asyncio::create_task(runner());
        co_await asyncio::sleep(0.1);
        CHECK_FALSE(r.done());
        r.cancel();
        auto error = co_await assert_raises<asyncio::ExceptionGroup>(r);
        CHECK(error_types(error) == Types{"ExceptionGroup"});
        CHECK(error_types(sub_exception(error, 0)) == Types{"ZeroDivisionError"});
    }());
}

TEST_CASE("test_taskgroups.TestTaskGroup.test_taskgroup_12") {
    run_virtual([]() -> Coroutine<> {
        auto runner = []() -> Coroutine<> {
            co_await asyncio::async_with(TaskGroup(), [](TaskGroup& g1) -> Coroutine<> {
                g1.create_task(asyncio::sleep(10, 0));
                co_await asyncio::async_with(TaskGroup(), [](TaskGroup& g2) -> Coroutine<> {
                    for (int i = 0; i < 5; ++i) g2.create_task(divide_by_zero_on_the_way_out());
                    co_await asyncio::sleep(10);
                });
            });
        };
        auto r = asyncio::create_task(runner());
        co_await asyncio::sleep(0.1);
        CHECK_FALSE(r.done());
        r.cancel();
        auto error = co_await assert_raises<asyncio::ExceptionGroup>(r);
        CHECK(error_types(error) == Types{"ExceptionGroup"});
        CHECK(error_types(sub_exception(error, 0)) == Types{"ZeroDivisionError"});
    }());
}

TEST_CASE("test_taskgroups.TestTaskGroup.test_taskgroup_13") {
    run_virtual([]() -> Coroutine<> {
        auto runner = []() -> Coroutine<> {
            co_await asyncio::async_with(TaskGroup(), [](TaskGroup& g1) -> Coroutine<> {
                g1.create_task(crash_after(0.1));
                co_await asyncio::async_with(TaskGroup(), [](TaskGroup& g2) -> Coroutine<> {
                    g2.create_task(crash_after(10));
                    co_return;
                });
            });
        };
        auto r = asyncio::create_task(runner());
        auto error = co_await assert_raises<asyncio::ExceptionGroup>(r);
        CHECK(error_types(error) == Types{"ValueError"});
    }());
}

TEST_CASE("test_taskgroups.TestTaskGroup.test_taskgroup_14") {
    run_virtual([]() -> Coroutine<> {
        auto runner = []() -> Coroutine<> {
            co_await asyncio::async_with(TaskGroup(), [](TaskGroup& g1) -> Coroutine<> {
                g1.create_task(crash_after(10));
                co_await asyncio::async_with(TaskGroup(), [](TaskGroup& g2) -> Coroutine<> {
                    g2.create_task(crash_after(0.1));
                    co_return;
                });
            });
        };
        auto r = asyncio::create_task(runner());
        auto error = co_await assert_raises<asyncio::ExceptionGroup>(r);
        CHECK(error_types(error) == Types{"ExceptionGroup"});
        CHECK(error_types(sub_exception(error, 0)) == Types{"ValueError"});
    }());
}

namespace {
// crash_soon() of test_taskgroup_15 and _16.
Coroutine<> crash_soon(double seconds) {
    co_await asyncio::sleep(seconds);
    throw ZeroDivisionError("division by zero");
}

// The body of _15 and _16: on cancellation it sleeps 0.5 s more before letting it go.
Coroutine<> slow_to_give_up(TaskGroup& g1) {
    g1.create_task(crash_soon(0.3));
    std::exception_ptr cancelled;
    try {
        co_await asyncio::sleep(10);
    } catch (const asyncio::CancelledError&) {
        cancelled = std::current_exception();
    }
    if (cancelled) {
        co_await asyncio::sleep(0.5);
        std::rethrow_exception(cancelled);
    }
}
}  // namespace

TEST_CASE("test_taskgroups.TestTaskGroup.test_taskgroup_15") {
    run_virtual([]() -> Coroutine<> {
        auto runner = []() -> Coroutine<> {
            co_await asyncio::async_with(TaskGroup(),
                                         [](TaskGroup& g1) { return slow_to_give_up(g1); });
        };
        auto r = asyncio::create_task(runner());
        co_await asyncio::sleep(0.1);
        CHECK_FALSE(r.done());
        r.cancel();
        auto error = co_await assert_raises<asyncio::ExceptionGroup>(r);
        CHECK(error_types(error) == Types{"ZeroDivisionError"});
    }());
}

TEST_CASE("test_taskgroups.TestTaskGroup.test_taskgroup_16") {
    run_virtual([]() -> Coroutine<> {
        auto nested_runner = []() -> Coroutine<> {
            co_await asyncio::async_with(TaskGroup(),
                                         [](TaskGroup& g1) { return slow_to_give_up(g1); });
        };
        auto runner = [&]() -> Coroutine<> {
            auto t = asyncio::create_task(nested_runner());
            co_await t;
        };
        auto r = asyncio::create_task(runner());
        co_await asyncio::sleep(0.1);
        CHECK_FALSE(r.done());
        r.cancel();
        auto error = co_await assert_raises<asyncio::ExceptionGroup>(r);
        CHECK(error_types(error) == Types{"ZeroDivisionError"});
    }());
}

TEST_CASE("test_taskgroups.TestTaskGroup.test_taskgroup_17") {
    run_virtual([]() -> Coroutine<> {
        int NUM = 0;
        auto runner = [&]() -> Coroutine<> {
            co_await asyncio::async_with(TaskGroup(), [&]() -> Coroutine<> {
                try {
                    co_await asyncio::sleep(10);
                } catch (const asyncio::CancelledError&) {
                    NUM += 10;
                    throw;
                }
            });
        };
        auto r = asyncio::create_task(runner());
        co_await asyncio::sleep(0.1);
        CHECK_FALSE(r.done());
        r.cancel();
        co_await assert_raises<asyncio::CancelledError>(r);
        CHECK(NUM == 10);
    }());
}

TEST_CASE("test_taskgroups.TestTaskGroup.test_taskgroup_18") {
    run_virtual([]() -> Coroutine<> {
        int NUM = 0;
        auto runner = [&]() -> Coroutine<> {
            co_await asyncio::async_with(TaskGroup(), [&]() -> Coroutine<> {
                try {
                    co_await asyncio::sleep(10);
                } catch (const asyncio::CancelledError&) {
                    NUM += 10;
                    // This isn't a good idea, but we have to support this weird case.
                    throw MyExc();
                }
            });
        };
        auto r = asyncio::create_task(runner());
        co_await asyncio::sleep(0.1);
        CHECK_FALSE(r.done());
        r.cancel();
        auto error = co_await assert_raises<asyncio::ExceptionGroup>(r);
        CHECK(error_types(error) == Types{"MyExc"});
        CHECK(NUM == 10);
    }());
}

namespace {
// nested() of _19, _20, _20a and _21a: try: await asyncio.sleep(10) finally: raise E
template <class E>
Coroutine<> sleep_then_raise() {
    try {
        co_await asyncio::sleep(10);
    } catch (...) {
    }
    throw E();
}

// runner() of the same tests.
template <class Child, class Body>
Coroutine<> group_of(Child child, Body body) {
    co_await asyncio::async_with(TaskGroup(), [&](TaskGroup& g) -> Coroutine<> {
        g.create_task(child());
        co_await body();
    });
}

Coroutine<> crash_with_zero_division() {
    co_await asyncio::sleep(0.1);
    throw ZeroDivisionError("division by zero");
}

Coroutine<> crash_with_my_base_exc() {
    co_await asyncio::sleep(0.1);
    throw MyBaseExc();
}
}  // namespace

TEST_CASE("test_taskgroups.TestTaskGroup.test_taskgroup_19") {
    run_virtual([]() -> Coroutine<> {
        auto r = asyncio::create_task(group_of(crash_with_zero_division, sleep_then_raise<MyExc>));
        auto error = co_await assert_raises<asyncio::ExceptionGroup>(r);
        CHECK(error_types(error) == Types{"MyExc", "ZeroDivisionError"});
    }());
}

TEST_CASE("test_taskgroups.TestTaskGroup.test_taskgroup_20") {
    run_virtual([]() -> Coroutine<> {
        co_await assert_raises<asyncio::KeyboardInterrupt>(
            group_of(crash_with_zero_division, sleep_then_raise<asyncio::KeyboardInterrupt>));
    }());
}

TEST_CASE("test_taskgroups.TestTaskGroup.test_taskgroup_20a") {
    run_virtual([]() -> Coroutine<> {
        auto error = co_await assert_raises<asyncio::BaseExceptionGroup>(
            group_of(crash_with_zero_division, sleep_then_raise<MyBaseExc>));
        CHECK(error_types(error) == Types{"MyBaseExc", "ZeroDivisionError"});
    }());
}

TEST_CASE("test_taskgroups.TestTaskGroup.test_taskgroup_21a") {
    run_virtual([]() -> Coroutine<> {
        auto error = co_await assert_raises<asyncio::BaseExceptionGroup>(
            group_of(crash_with_my_base_exc, sleep_then_raise<TypeError>));
        CHECK(error_types(error) == Types{"MyBaseExc", "TypeError"});
    }());
}

TEST_CASE("test_taskgroups.TestTaskGroup.test_taskgroup_22") {
    run_virtual([]() -> Coroutine<> {
        auto runner = []() -> Coroutine<> {
            co_await asyncio::async_with(TaskGroup(), [](TaskGroup& g) -> Coroutine<> {
                g.create_task(sleep_then(1, 42));
                g.create_task(sleep_then(2, 11));
                co_return;
            });
        };
        auto r = asyncio::create_task(runner());
        co_await asyncio::sleep(0.05);
        r.cancel();
        co_await assert_raises<asyncio::CancelledError>(r);
    }());
}

TEST_CASE("test_taskgroups.TestTaskGroup.test_taskgroup_23") {
    run_virtual([]() -> Coroutine<> {
        co_await asyncio::async_with(TaskGroup(), [](TaskGroup& g) -> Coroutine<> {
            for (int count = 0; count < 10; ++count) {
                co_await asyncio::sleep(0.1);
                g.create_task(asyncio::sleep(0.3, 0));
                if (count == 5) CHECK(g.pending_tasks() < 5);
            }
            co_await asyncio::sleep(1.35);
            CHECK(g.pending_tasks() == 0);
        });
    }());
}

namespace {
Coroutine<> root_of_24(TaskGroup& g) {
    co_await asyncio::sleep(0.1);
    g.create_task(asyncio::sleep(0.1, 0));
    g.create_task(asyncio::sleep(0.2, 0));
}
}  // namespace

TEST_CASE("test_taskgroups.TestTaskGroup.test_taskgroup_24") {
    run_virtual([]() -> Coroutine<> {
        asyncio::Task<> root;
        co_await asyncio::async_with(TaskGroup(), [&](TaskGroup& g) -> Coroutine<> {
            root = g.create_task(root_of_24(g));
            co_return;
        });
        // No error: the tasks created by a child while the group waits are waited for too.
        CHECK(root.done());
        CHECK(testing::now() == doctest::Approx(0.3));
    }());
}

namespace {
Coroutine<> hydra(TaskGroup& g, int& nhydras) {
    nhydras += 1;
    co_await asyncio::sleep(0.01);
    g.create_task(hydra(g, nhydras));
    g.create_task(hydra(g, nhydras));
}
}  // namespace

TEST_CASE("test_taskgroups.TestTaskGroup.test_taskgroup_25") {
    run_virtual([]() -> Coroutine<> {
        int nhydras = 0;
        auto hercules = [&]() -> Coroutine<> {
            while (nhydras < 10) co_await asyncio::sleep(0.015);
            throw ZeroDivisionError("division by zero");
        };
        auto error = co_await assert_raises<asyncio::ExceptionGroup>(
            asyncio::async_with(TaskGroup(), [&](TaskGroup& g) -> Coroutine<> {
                g.create_task(hydra(g, nhydras));
                g.create_task(hercules());
                co_return;
            }));
        CHECK(error_types(error) == Types{"ZeroDivisionError"});
        CHECK(nhydras >= 10);
    }());
}

TEST_CASE("test_taskgroups.TestTaskGroup.test_taskgroup_task_name") {
    run_virtual([]() -> Coroutine<> {
        co_await asyncio::async_with(TaskGroup(), [](TaskGroup& g) -> Coroutine<> {
            auto t = g.create_task(asyncio::sleep(0, 0), "yolo");
            CHECK(t.get_name() == "yolo");
            co_return;
        });
    }());
}

TEST_CASE("test_taskgroups.TestTaskGroup.test_taskgroup_no_create_task_after_failure") {
    run_virtual([]() -> Coroutine<> {
        auto coro1 = []() -> Coroutine<> {
            co_await asyncio::sleep(0.001);
            throw ZeroDivisionError("division by zero");
        };
        auto coro2 = [&](TaskGroup& g) -> Coroutine<> {
            bool cancelled = false;
            try {
                co_await asyncio::sleep(1);
            } catch (const asyncio::CancelledError&) {
                cancelled = true;
            }
            if (cancelled) {
                CHECK_THROWS_AS(g.create_task(coro1()), asyncio::RuntimeError);
                // Python awaits the refused coroutine (expecting ZeroDivisionError) only to
                // avoid a "never awaited" warning; here the group closes a coroutine it
                // refuses, which warns about nothing, so there is nothing left to await.
            }
        };
        auto error = co_await assert_raises<asyncio::ExceptionGroup>(
            asyncio::async_with(TaskGroup(), [&](TaskGroup& g) -> Coroutine<> {
                g.create_task(coro1());
                g.create_task(coro2(g));
                co_return;
            }));
        CHECK(error_types(error) == Types{"ZeroDivisionError"});
    }());
}

namespace {
class CustomException : public asyncio::Exception {
  public:
    using Exception::Exception;
    const char* type_name() const noexcept override { return "CustomException"; }
};

// @contextlib.asynccontextmanager database(): `try: yield finally: raise CustomException`.
struct Database {
    void aenter() {}
    bool aexit(std::exception_ptr) { throw CustomException(); }
};
}  // namespace

TEST_CASE("test_taskgroups.TestTaskGroup.test_taskgroup_context_manager_exit_raises") {
    // See https://github.com/python/cpython/issues/95289
    run_virtual([]() -> Coroutine<> {
        auto raise_exc = []() -> Coroutine<> {
            throw CustomException();
            co_return;
        };
        auto main = [&]() -> Coroutine<> {
            auto* task = asyncio::current_task();
            try {
                co_await asyncio::async_with(TaskGroup(), [&](TaskGroup& tg) -> Coroutine<> {
                    co_await asyncio::async_with(Database(), [&]() -> Coroutine<> {
                        tg.create_task(raise_exc());
                        co_await asyncio::sleep(1);
                    });
                });
                FAIL_CHECK("CustomException not raised");
            } catch (const asyncio::ExceptionGroup& err) {
                // except* CustomException: every error of the group is one.
                CHECK(task->cancelling() == 0);
                CHECK(err.exceptions().size() == 2);
                for (const auto& e : err.exceptions())
                    CHECK(asyncio::type_name_of(e) == "CustomException");
            }
        };
        co_await asyncio::create_task(main());
    }());
}

TEST_CASE("test_taskgroups.TestTaskGroup.test_taskgroup_already_entered") {
    run_virtual([]() -> Coroutine<> {
        TaskGroup tg;
        co_await asyncio::async_with(tg, [&]() -> Coroutine<> {
            auto error = co_await assert_raises<asyncio::RuntimeError>(
                asyncio::async_with(tg, []() -> Coroutine<> { co_return; }));
            CHECK(cpython::contains(cpython::message_of(error), "has already been entered"));
        });
    }());
}

TEST_CASE("test_taskgroups.TestTaskGroup.test_taskgroup_double_enter") {
    run_virtual([]() -> Coroutine<> {
        TaskGroup tg;
        co_await asyncio::async_with(tg, []() -> Coroutine<> { co_return; });
        auto error = co_await assert_raises<asyncio::RuntimeError>(
            asyncio::async_with(tg, []() -> Coroutine<> { co_return; }));
        CHECK(cpython::contains(cpython::message_of(error), "has already been entered"));
    }());
}

namespace {
std::string create_task_error(TaskGroup& tg) {
    try {
        // Python then awaits the refused coroutine to avoid a warning; the group closes it.
        tg.create_task(asyncio::sleep(0, 0));
    } catch (const asyncio::RuntimeError& e) {
        return e.message();
    }
    FAIL_CHECK("create_task did not raise");
    return {};
}
}  // namespace

TEST_CASE("test_taskgroups.TestTaskGroup.test_taskgroup_finished") {
    run_virtual([]() -> Coroutine<> {
        TaskGroup tg;
        co_await asyncio::async_with(tg, []() -> Coroutine<> { co_return; });
        CHECK(cpython::contains(create_task_error(tg), "is finished"));
    }());
}

TEST_CASE("test_taskgroups.TestTaskGroup.test_taskgroup_not_entered") {
    run_virtual([]() -> Coroutine<> {
        TaskGroup tg;
        CHECK(cpython::contains(create_task_error(tg), "has not been entered"));
        co_return;
    }());
}

TEST_CASE("test_taskgroups.TestTaskGroup.test_taskgroup_without_parent_task") {
    run_virtual([]() -> Coroutine<> {
        TaskGroup tg;
        // await_without_task: __aenter__ run from a plain callback, outside of any task.
        auto done = asyncio::create_future<std::string>();
        asyncio::EventLoop::current().call_soon([&tg, done] {
            try {
                tg.aenter();
                done.set_result(std::string("no error"));
            } catch (const asyncio::RuntimeError& e) {
                done.set_result(e.message());
            }
        });
        CHECK(cpython::contains(co_await done, "parent task"));
        CHECK(cpython::contains(create_task_error(tg), "has not been entered"));
    }());
}

TEST_CASE("test_taskgroups.TestTaskGroup.test_taskgroup_task_context") {
    run_virtual([]() -> Coroutine<> {
        asyncio::ContextVar<int> cvar("cvar");
        auto coro = [&cvar](int val) -> Coroutine<> {
            co_await asyncio::sleep(0);
            cvar.set(val);
        };
        co_await asyncio::async_with(TaskGroup(), [&](TaskGroup& g) -> Coroutine<> {
            auto ctx = asyncio::copy_context();
            CHECK_FALSE(ctx.get(cvar).has_value());
            auto t1 = g.create_task(coro(1), {}, ctx);
            co_await t1;
            CHECK(ctx.get(cvar) == 1);
            auto t2 = g.create_task(coro(2), {}, ctx);
            co_await t2;
            CHECK(ctx.get(cvar) == 2);
        });
    }());
}
