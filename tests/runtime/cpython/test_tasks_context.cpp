// Contexts: Lib/test/test_asyncio/test_tasks.py (CPython 3.11.7) test_context_1 to _6, the
// ContextVar and Context tests of Lib/test/test_context.py that apply to a C++ API
// (test_context_run_*, test_context_getset_*, test_context_copy_1, test_context_threads_1),
// and test_threads.py's test_to_thread_contextvars. @isolated_context is Context().run(...).
// test_taskgroups.py's test_taskgroup_task_context is in test_taskgroups.cpp.
//
// Not ported from test_context.py, with the reason: test_context_var_new_1 (TypeErrors of
// the Python constructor), test_context_var_repr_1 (repr), test_context_subclassing_1 and
// test_context_typerrors_1 (Python class and type checks that C++ types make compile
// errors), test_context_new_1 (Context(1) etc., likewise), test_context_get_context_1 (an
// isinstance check), test_context_run_1/_2 (run()'s *args/**kwargs forwarding: the C++ run
// takes a callable), test_context_getset_5 (mutating a list the variable holds: get()
// returns a copy in C++), the test_hamt_* tests (CPython's internal HAMT; the C++ context
// is a copy-on-write map).
#include <atomic>
#include <chrono>
#include <random>
#include <thread>

#include "assertions.hpp"

using asyncio::Context;
using asyncio::ContextVar;
using asyncio::Coroutine;
using testing::run_virtual;

TEST_CASE("test_tasks.BaseTaskTests.test_context_1") {
    ContextVar<std::string> cvar("cvar", "nope");
    auto sub = [&cvar]() -> Coroutine<> {
        co_await asyncio::sleep(0.01);
        CHECK(cvar.get() == "nope");
        cvar.set("something else");
    };
    auto main = [&]() -> Coroutine<> {
        CHECK(cvar.get() == "nope");
        auto subtask = asyncio::create_task(sub());
        cvar.set("yes");
        CHECK(cvar.get() == "yes");
        co_await subtask;
        CHECK(cvar.get() == "yes");
    };
    run_virtual(main());
}

TEST_CASE("test_tasks.BaseTaskTests.test_context_2") {
    ContextVar<std::string> cvar("cvar", "nope");
    auto main = [&cvar]() -> Coroutine<> {
        auto fut_on_done = [&cvar](const asyncio::Future<>&) {
            // This change must not pollute the context of the "main()" task.
            cvar.set("something else");
        };
        CHECK(cvar.get() == "nope");
        auto& loop = asyncio::EventLoop::current();
        for (int j = 0; j < 2; ++j) {
            auto fut = asyncio::create_future();
            fut.add_done_callback(fut_on_done);
            cvar.set("yes" + std::to_string(j));
            loop.call_soon([fut] { fut.set_result(); });
            co_await fut;
            CHECK(cvar.get() == "yes" + std::to_string(j));

            for (int i = 0; i < 3; ++i) {
                // Test that task passed its context to add_done_callback:
                const auto value = "yes" + std::to_string(i) + "-" + std::to_string(j);
                cvar.set(value);
                co_await asyncio::sleep(0.001);
                CHECK(cvar.get() == value);
            }
        }
    };
    run_virtual(main());
    CHECK(cvar.get() == "nope");
}

TEST_CASE("test_tasks.BaseTaskTests.test_context_3") {
    // Run 100 Tasks in parallel, each modifying cvar. random.uniform and random.randint with
    // a fixed seed: the virtual clock makes every run the same.
    ContextVar<int> cvar("cvar", -1);
    std::mt19937 random(3);
    std::uniform_real_distribution<double> uniform(0.001, 0.05);
    std::uniform_int_distribution<int> randint(0, 10);
    int checked = 0;
    auto sub = [&](int num) -> Coroutine<> {
        for (int i = 0; i < 10; ++i) {
            cvar.set(num + i);
            co_await asyncio::sleep(uniform(random));
            CHECK(cvar.get() == num + i);
            ++checked;
        }
    };
    auto main = [&]() -> Coroutine<> {
        std::vector<asyncio::Task<>> tasks;
        for (int i = 0; i < 100; ++i) tasks.push_back(asyncio::create_task(sub(randint(random))));
        co_await asyncio::gather(std::move(tasks));
    };
    run_virtual(main());
    CHECK(checked == 1000);
    CHECK(cvar.get() == -1);
}

namespace {
// The body of test_context_4/_5/_6, which differ only in how the task is created with
// context=ctx: Task(coro, loop=, context=), asyncio.create_task, loop.create_task.
template <class Create>
void check_task_runs_in_given_context(Create create) {
    ContextVar<int> cvar("cvar");
    auto coro = [&cvar](int val) -> Coroutine<> {
        co_await asyncio::sleep(0);
        cvar.set(val);
    };
    auto main = [&]() -> Coroutine<std::vector<std::optional<int>>> {
        std::vector<std::optional<int>> ret;
        auto ctx = asyncio::copy_context();
        ret.push_back(ctx.get(cvar));
        auto t1 = create(coro(1), ctx);
        co_await t1;
        ret.push_back(ctx.get(cvar));
        auto t2 = create(coro(2), ctx);
        co_await t2;
        ret.push_back(ctx.get(cvar));
        CHECK_FALSE(cvar.get(0) != 0);  // the creator's own context never saw the sets
        co_return ret;
    };
    auto ret = run_virtual(main());
    CHECK(ret == std::vector<std::optional<int>>{std::nullopt, 1, 2});
}
}  // namespace

TEST_CASE("test_tasks.BaseTaskTests.test_context_4") {
    check_task_runs_in_given_context([](Coroutine<> coro, const Context& ctx) {
        return asyncio::create_task(asyncio::EventLoop::current(), std::move(coro), "TestTask",
                                    ctx);
    });
}

TEST_CASE("test_tasks.BaseTaskTests.test_context_5") {
    check_task_runs_in_given_context([](Coroutine<> coro, const Context& ctx) {
        return asyncio::create_task(std::move(coro), ctx);
    });
}

TEST_CASE("test_tasks.BaseTaskTests.test_context_6") {
    check_task_runs_in_given_context([](Coroutine<> coro, const Context& ctx) {
        return asyncio::create_task(std::move(coro), {}, ctx);
    });
}

TEST_CASE("test_tasks.BaseTaskTests: a task's get_context() is the context it runs in") {
    // Task.get_context() (3.12): the one given, or the copy made at create_task.
    run_virtual([]() -> Coroutine<> {
        ContextVar<int> var("var");
        var.set(1);
        auto ctx = asyncio::copy_context();
        auto job = []() -> Coroutine<> { co_return; };
        auto given = asyncio::create_task(job(), ctx);
        CHECK(given.get_context() == ctx);
        auto copied = asyncio::create_task(job());
        CHECK_FALSE(copied.get_context() == ctx);
        CHECK(copied.get_context().get(var) == 1);
        co_await given;
        co_await copied;
    }());
}

TEST_CASE("test_threads.ToThreadTests.test_to_thread_contextvars") {
    ContextVar<std::string> test_ctx("test_ctx");
    auto main = [&]() -> Coroutine<std::string> {
        auto get_ctx = [&test_ctx] { return test_ctx.get(); };
        test_ctx.set("parrot");
        co_return co_await asyncio::to_thread(get_ctx);
    };
    CHECK(run_virtual(main()) == "parrot");
}

TEST_CASE("test_context.ContextTest.test_context_run_3") {
    Context ctx;
    auto func = []() -> int { throw asyncio::ValueError("1 / 0"); };
    CHECK_THROWS_AS(ctx.run(func), asyncio::ValueError);
    // The context was left: it can be entered again.
    CHECK_THROWS_AS(ctx.run(func), asyncio::ValueError);
}

TEST_CASE("test_context.ContextTest.test_context_run_4") {
    Context().run([] {  // @isolated_context
        Context ctx1;
        Context ctx2;
        ContextVar<std::string> var("var");
        auto func2 = [&] { CHECK_FALSE(var.get("").size()); };
        auto func1 = [&] {
            CHECK(var.get("") == "");
            var.set("spam");
            ctx2.run(func2);
            CHECK(var.get("") == "spam");
            auto cur = asyncio::copy_context();
            CHECK(cur.size() == 1);
            CHECK(cur.at(var) == "spam");
            return cur;
        };
        auto returned_ctx = ctx1.run(func1);
        // ctx1 == returned_ctx: the same values (a copy, so not the same object).
        CHECK(returned_ctx.get(var) == ctx1.get(var));
        CHECK(returned_ctx.size() == ctx1.size());
        CHECK(returned_ctx.at(var) == "spam");
        CHECK(returned_ctx.contains(var));
    });
}

TEST_CASE("test_context.ContextTest.test_context_run_5") {
    Context ctx;
    ContextVar<std::string> var("var");
    auto func = [&] {
        CHECK(var.get("") == "");
        var.set("spam");
        throw asyncio::ValueError("1 / 0");
    };
    CHECK_THROWS_AS(ctx.run(func), asyncio::ValueError);
    CHECK(var.get("") == "");
}

TEST_CASE("test_context.ContextTest.test_context_run_6") {
    Context ctx;
    ContextVar<int> c("a", 0);
    ctx.run([&] {
        CHECK(c.get() == 0);
        CHECK_FALSE(ctx.get(c).has_value());
        c.set(42);
        CHECK(c.get() == 42);
        CHECK(ctx.get(c) == 42);
    });
}

TEST_CASE("test_context.ContextTest.test_context_run_7") {
    Context ctx;
    bool raised = false;
    ctx.run([&] {
        try {
            ctx.run([] {});
        } catch (const asyncio::RuntimeError& error) {
            raised = cpython::contains(error.message(), "is already entered");
        }
    });
    CHECK(raised);
}

TEST_CASE("test_context.ContextTest.test_context_getset_1") {
    Context().run([] {  // @isolated_context
        ContextVar<int> c("c");
        CHECK_THROWS_AS(c.get(), asyncio::LookupError);
        CHECK(c.get(-1) == -1);  // c.get(None)

        auto t0 = c.set(42);
        CHECK(c.get() == 42);
        CHECK_FALSE(t0.old_value().has_value());  // Token.MISSING

        auto t = c.set(7);  // 'spam' in Python; a ContextVar<int> holds ints
        CHECK(c.get() == 7);
        CHECK(t.old_value() == 42);
        c.reset(t);
        CHECK(c.get() == 42);

        c.set(8);  // 'spam2'
        try {
            c.reset(t);
            FAIL_CHECK("a token was used twice");
        } catch (const asyncio::RuntimeError& error) {
            CHECK(cpython::contains(error.message(), "has already been used"));
        }
        CHECK(c.get() == 8);

        auto ctx1 = asyncio::copy_context();
        CHECK(ctx1.contains(c));

        c.reset(t0);
        CHECK_THROWS_AS(c.reset(t0), asyncio::RuntimeError);
        CHECK(c.get(-1) == -1);

        CHECK(ctx1.contains(c));
        CHECK(ctx1.at(c) == 8);
        CHECK(ctx1.get(c, 99) == 8);
        CHECK(ctx1.size() == 1);

        auto ctx2 = asyncio::copy_context();
        CHECK_FALSE(ctx2.contains(c));
        CHECK_THROWS_AS(ctx2.at(c), asyncio::KeyError);
        CHECK(ctx2.get(c, 99) == 99);
        CHECK(ctx2.size() == 0);
    });
}

TEST_CASE("test_context.ContextTest.test_context_getset_2") {
    Context().run([] {
        ContextVar<int> v1("v1");
        ContextVar<int> v2("v2");
        auto t1 = v1.set(42);
        try {
            v2.reset(t1);
            FAIL_CHECK("reset with another variable's token");
        } catch (const asyncio::ValueError& error) {
            CHECK(cpython::contains(error.message(), "by a different"));
        }
    });
}

TEST_CASE("test_context.ContextTest.test_context_getset_3") {
    Context().run([] {
        ContextVar<int> c("c", 42);
        Context ctx;
        ctx.run([&] {
            CHECK(c.get() == 42);
            CHECK_THROWS_AS(ctx.at(c), asyncio::KeyError);
            CHECK_FALSE(ctx.get(c).has_value());
            CHECK(ctx.get(c, -7) == -7);
            CHECK_FALSE(ctx.contains(c));
            CHECK(ctx.size() == 0);

            auto t = c.set(1);
            CHECK(ctx.size() == 1);
            CHECK(ctx.at(c) == 1);

            c.reset(t);
            CHECK(ctx.size() == 0);
            CHECK_THROWS_AS(ctx.at(c), asyncio::KeyError);
        });
    });
}

TEST_CASE("test_context.ContextTest.test_context_getset_4") {
    Context().run([] {
        ContextVar<int> c("c", 42);
        Context ctx;
        auto tok = ctx.run([&] { return c.set(1); });
        try {
            c.reset(tok);
            FAIL_CHECK("reset in another context");
        } catch (const asyncio::ValueError& error) {
            CHECK(cpython::contains(error.message(), "different Context"));
        }
    });
}

TEST_CASE("test_context.ContextTest.test_context_copy_1") {
    Context ctx1;
    ContextVar<int> c("c", 42);
    auto ctx2_fun = [&] {
        CHECK(c.get() == 10);
        c.set(30);
        CHECK(c.get() == 30);
    };
    auto ctx1_fun = [&] {
        c.set(10);

        auto ctx2 = ctx1.copy();
        CHECK(ctx2.at(c) == 10);

        c.set(20);
        CHECK(ctx1.at(c) == 20);
        CHECK(ctx2.at(c) == 10);

        ctx2.run(ctx2_fun);
        CHECK(ctx1.at(c) == 20);
        CHECK(ctx2.at(c) == 30);
    };
    ctx1.run(ctx1_fun);
}

TEST_CASE("test_context.ContextTest.test_context_threads_1") {
    // Each thread starts in a context of its own: sub(num) on ten threads at once sets and
    // reads back its own values, none seeing another's (the sleeps interleave them).
    Context().run([] {  // @isolated_context
        ContextVar<int> cvar("cvar");
        std::atomic<int> mismatches{0};
        auto sub = [&](int num) {
            std::mt19937 random(static_cast<unsigned>(num));
            std::uniform_int_distribution<int> micros(1000, 5000);
            for (int i = 0; i < 10; ++i) {
                cvar.set(num + i);
                std::this_thread::sleep_for(std::chrono::microseconds(micros(random)));
                if (cvar.get() != num + i) ++mismatches;
            }
            return num;
        };
        std::vector<int> results(10, -1);
        std::vector<std::thread> threads;
        for (int n = 0; n < 10; ++n)
            threads.emplace_back([&, n] { results[static_cast<std::size_t>(n)] = sub(n); });
        for (auto& thread : threads) thread.join();
        CHECK(results == std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        CHECK(mismatches == 0);
        CHECK_FALSE(asyncio::copy_context().contains(cvar));  // nothing leaked to this thread
    });
}
