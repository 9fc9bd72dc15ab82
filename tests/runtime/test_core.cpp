// The loop, coroutines, tasks and cancellation: one case per rule of CPython's asyncio.
#include <chrono>

#include <uv.h>

#include "asyncio/diagnostics.hpp"
#include "support.hpp"

using asyncio::Coroutine;
using testing::Log;
using testing::now;
using testing::run_virtual;

namespace {

Coroutine<int> add_later(double delay, int a, int b) {
    co_await asyncio::sleep(delay);
    co_return a + b;
}

Coroutine<> record(Log& log, std::string name, double delay) {
    log.add(name + " start");
    co_await asyncio::sleep(delay);
    log.add(name + " end");
}

}  // namespace

TEST_CASE("a coroutine is lazy: calling it runs nothing until it is awaited") {
    int ran = 0;
    auto body = [&]() -> Coroutine<> {
        ++ran;
        co_return;
    };
    auto main = [&]() -> Coroutine<int> {
        auto coro = body();
        CHECK(ran == 0);
        co_await std::move(coro);
        co_return ran;
    };
    CHECK(run_virtual(main()) == 1);
}

TEST_CASE("awaiting a coroutine runs it in the caller's task and returns its value") {
    auto main = []() -> Coroutine<int> {
        auto* task = asyncio::current_task();
        auto inner = [task]() -> Coroutine<int> {
            CHECK(asyncio::current_task() == task);
            co_return co_await add_later(2, 20, 22);
        };
        int v = co_await inner();
        CHECK(now() == doctest::Approx(2));
        co_return v;
    };
    CHECK(run_virtual(main()) == 42);
}

TEST_CASE("sleep(0) costs exactly one pass and lets the other ready tasks run") {
    Log log;
    auto worker = [&](std::string name) -> Coroutine<> {
        for (int i = 0; i < 3; ++i) {
            log.add(name + std::to_string(i));
            co_await asyncio::sleep(0);
        }
    };
    auto main = [&]() -> Coroutine<> {
        auto a = asyncio::create_task(worker("a"));
        auto b = asyncio::create_task(worker("b"));
        co_await a;
        co_await b;
    };
    run_virtual(main());
    CHECK(log.lines == std::vector<std::string>{"0 a0", "0 b0", "0 a1", "0 b1", "0 a2", "0 b2"});
}

TEST_CASE("create_task starts the task at the creator's next suspension, not at once") {
    Log log;
    auto main = [&]() -> Coroutine<> {
        auto t1 = asyncio::create_task(record(log, "t1", 1));
        auto t2 = asyncio::create_task(record(log, "t2", 2));
        log.add("created");
        co_await t1;
        co_await t2;
        log.add("main end");
    };
    run_virtual(main());
    CHECK(log.lines == std::vector<std::string>{"0 created", "0 t1 start", "0 t2 start", "1 t1 end",
                                                "2 t2 end", "2 main end"});
}

TEST_CASE("timers with the same deadline fire in the order they were set") {
    Log log;
    auto main = [&]() -> Coroutine<> {
        std::vector<asyncio::Task<>> tasks;
        for (int i = 0; i < 5; ++i)
            tasks.push_back(asyncio::create_task(record(log, "j" + std::to_string(i), 1)));
        for (auto& t : tasks) co_await t;
    };
    run_virtual(main());
    REQUIRE(log.lines.size() == 10);
    for (int i = 0; i < 5; ++i) CHECK(log.lines[5 + i] == "1 j" + std::to_string(i) + " end");
}

TEST_CASE("the virtual clock jumps to the next deadline: ten seconds take no real time") {
    auto started = std::chrono::steady_clock::now();
    auto main = []() -> Coroutine<double> {
        co_await asyncio::sleep(10);
        co_return now();
    };
    CHECK(run_virtual(main()) == 10.0);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));
}

TEST_CASE("the real clock: a sleep never ends early") {
    auto main = []() -> Coroutine<double> {
        auto start = std::chrono::steady_clock::now();
        co_await asyncio::sleep(0.05);
        co_return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    double waited = asyncio::run(main());
    CHECK(waited >= 0.05);
    CHECK(waited < 1.0);  // generous: a busy machine may be slow, never this slow
}

TEST_CASE("the real clock with speed 4: one lesson second takes a quarter of a wall second") {
    auto main = []() -> Coroutine<double> {
        auto start = std::chrono::steady_clock::now();
        co_await asyncio::sleep(0.2);
        CHECK(now() >= 0.2);
        co_return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    double wall = asyncio::run(main(), [] {
        asyncio::RunOptions options;
        options.speed = 4.0;
        return options;
    }());
    CHECK(wall >= 0.049);
    CHECK(wall < 0.5);
}

TEST_CASE("a task's result, exception and state follow Python's Future rules") {
    auto main = []() -> Coroutine<> {
        auto ok = asyncio::create_task(add_later(1, 1, 2), "ok");
        auto bad = asyncio::create_task(
            []() -> Coroutine<int> {
                co_await asyncio::sleep(2);
                throw asyncio::ValueError("boom");
            }(),
            "bad");
        CHECK_FALSE(ok.done());
        CHECK_THROWS_AS(ok.result(), asyncio::InvalidStateError);
        CHECK_THROWS_AS(ok.exception(), asyncio::InvalidStateError);
        co_await asyncio::sleep(3);
        CHECK(ok.done());
        CHECK(ok.result() == 3);
        CHECK(ok.exception() == nullptr);
        CHECK(bad.done());
        CHECK_FALSE(bad.cancelled());
        CHECK(asyncio::describe(bad.exception()) == "ValueError: boom");
        CHECK_THROWS_AS(bad.result(), asyncio::ValueError);
        CHECK(ok.get_name() == "ok");
    };
    run_virtual(main());
}

TEST_CASE("awaiting a task that failed raises its exception in the awaiter") {
    auto main = []() -> Coroutine<std::string> {
        auto bad = asyncio::create_task([]() -> Coroutine<> {
            co_await asyncio::sleep(1);
            throw asyncio::ValueError("bad value");
        }());
        try {
            co_await bad;
        } catch (const asyncio::ValueError& e) {
            co_return std::string(e.what()) + " at " + testing::stamp(now());
        }
        co_return "no error";
    };
    CHECK(run_virtual(main()) == "bad value at 1");
}

TEST_CASE("cancel() throws CancelledError into the task at its await; the task ends cancelled") {
    Log log;
    auto main = [&]() -> Coroutine<> {
        auto t = asyncio::create_task(record(log, "sleeper", 10));
        co_await asyncio::sleep(1);
        CHECK(t.cancel("enough"));
        CHECK(t.cancelling() == 1);
        try {
            co_await t;
            FAIL("awaiting a cancelled task must raise");
        } catch (const asyncio::CancelledError& e) {
            CHECK(std::string(e.what()) == "enough");
        }
        CHECK(t.cancelled());
        CHECK_FALSE(t.cancel());
        log.add("main end");
    };
    run_virtual(main());
    CHECK(log.lines == std::vector<std::string>{"0 sleeper start", "1 main end"});
}

TEST_CASE("a cancelled task's timer does not fire and does not keep the loop waiting") {
    auto main = []() -> Coroutine<double> {
        auto t = asyncio::create_task(add_later(20000, 1, 1));
        co_await asyncio::sleep(0);
        t.cancel();
        co_await asyncio::sleep(0);
        co_await asyncio::sleep(0);
        CHECK(t.cancelled());
        co_return now();
    };
    // If the timer survived, the virtual clock would not move anyway; the elapsed time of the
    // whole run is what shows that nothing waited for 20000 s.
    CHECK(run_virtual(main()) == 0.0);
}

TEST_CASE("a task cancelled before its first step never runs its body") {
    bool ran = false;
    auto main = [&]() -> Coroutine<> {
        auto body = [&]() -> Coroutine<> {
            ran = true;
            co_return;
        };
        auto t = asyncio::create_task(body());
        t.cancel();
        co_await asyncio::sleep(0);
        CHECK(t.cancelled());
    };
    run_virtual(main());
    CHECK_FALSE(ran);
}

TEST_CASE("cancellation caught and swallowed: the task goes on and ends normally") {
    Log log;
    auto main = [&]() -> Coroutine<> {
        auto body = [&]() -> Coroutine<int> {
            try {
                co_await asyncio::sleep(10);
            } catch (const asyncio::CancelledError&) {
                log.add("caught");
            }
            co_await asyncio::sleep(1);
            co_return 7;
        };
        auto stubborn = asyncio::create_task(body());
        co_await asyncio::sleep(2);
        stubborn.cancel();
        int v = co_await stubborn;
        CHECK(v == 7);
        CHECK_FALSE(stubborn.cancelled());
        CHECK(stubborn.cancelling() == 1);
        log.add("main end");
    };
    run_virtual(main());
    CHECK(log.lines == std::vector<std::string>{"2 caught", "3 main end"});
}

TEST_CASE("cancellation propagated: cleanup runs and the task ends cancelled") {
    Log log;
    auto main = [&]() -> Coroutine<> {
        auto body = [&]() -> Coroutine<> {
            try {
                co_await asyncio::sleep(10);
            } catch (const asyncio::CancelledError&) {
                log.add("cleanup");
                throw;
            }
        };
        auto t = asyncio::create_task(body());
        co_await asyncio::sleep(1);
        t.cancel();
        try {
            co_await t;
        } catch (const asyncio::CancelledError&) {
            log.add("main saw cancel");
        }
        CHECK(t.cancelled());
    };
    run_virtual(main());
    CHECK(log.lines == std::vector<std::string>{"1 cleanup", "1 main saw cancel"});
}

TEST_CASE("cancelling a task that awaits another task cancels the awaited task too") {
    auto main = []() -> Coroutine<> {
        auto inner = asyncio::create_task(add_later(10, 1, 1), "inner");
        auto outer = asyncio::create_task(
            [](asyncio::Task<int> inner) -> Coroutine<int> { co_return co_await inner; }(inner),
            "outer");
        co_await asyncio::sleep(1);
        outer.cancel();
        co_await asyncio::sleep(0);
        co_await asyncio::sleep(0);
        CHECK(inner.cancelled());
        CHECK(outer.cancelled());
    };
    run_virtual(main());
}

TEST_CASE("uncancel() undoes a cancel() request count") {
    auto main = []() -> Coroutine<> {
        auto t = asyncio::create_task(add_later(5, 0, 0));
        t.cancel();
        t.cancel();
        CHECK(t.cancelling() == 2);
        CHECK(t.uncancel() == 1);
        try {
            co_await t;
        } catch (const asyncio::CancelledError&) {
        }
    };
    run_virtual(main());
}

TEST_CASE("run() cancels the tasks still alive when main returns and closes the loop") {
    bool cleaned = false;
    // Outside main: the task outlives main's frame.
    auto body = [&]() -> Coroutine<> {
        try {
            co_await asyncio::sleep(100);
        } catch (const asyncio::CancelledError&) {
            cleaned = true;
            throw;
        }
    };
    auto main = [&]() -> Coroutine<> {
        asyncio::create_task(body());
        co_await asyncio::sleep(1);
    };
    run_virtual(main());
    CHECK(cleaned);
}

TEST_CASE("uv_loop_close succeeds at the end of every run") {
    asyncio::EventLoop loop(asyncio::LoopOptions{asyncio::ClockKind::virtual_time});
    auto t = asyncio::create_task(loop, add_later(1, 2, 3));
    loop.run_until_complete(t.core());
    CHECK(t.result() == 5);
    loop.close();
    CHECK(loop.closed_cleanly());
}

TEST_CASE("a libuv handle left open on the loop makes uv_loop_close fail, and is counted") {
    const std::size_t before = asyncio::diagnostics::failed_loop_closes();
    uv_idle_t idle{};  // outside the runtime: nobody closes it before the loop does
    {
        asyncio::EventLoop loop(asyncio::LoopOptions{asyncio::ClockKind::virtual_time});
        REQUIRE(uv_idle_init(loop.uv(), &idle) == 0);
        loop.close();
        CHECK_FALSE(loop.closed_cleanly());
        CHECK(loop.is_closed());
    }
    testing::expected_failed_loop_closes += 1;
    CHECK(asyncio::diagnostics::failed_loop_closes() == before + 1);
    CHECK(uv_is_closing(reinterpret_cast<uv_handle_t*>(&idle)));  // closed by the loop after all
}

namespace {
struct DiagnosticCatcher : asyncio::Observer {
    std::vector<std::string> seen;
    void diagnostic(asyncio::DiagnosticKind kind, std::string_view subject,
                    std::string_view detail) override {
        seen.push_back(std::to_string(static_cast<int>(kind)) + ":" + std::string(subject) + ":" +
                       std::string(detail));
    }
};
Coroutine<> never_awaited_helper() {
    co_return;
}
}  // namespace

TEST_CASE("a coroutine never awaited is reported by name when destroyed") {
    DiagnosticCatcher catcher;
    auto main = []() -> Coroutine<> {
        { auto forgotten = never_awaited_helper(); }
        co_return;
    };
    run_virtual(main(), &catcher);
    REQUIRE(catcher.seen.size() == 1);
    CHECK(catcher.seen[0] == "0:never_awaited_helper:");
}

TEST_CASE("a failed task whose exception nobody retrieved is reported when destroyed") {
    DiagnosticCatcher catcher;
    auto main = []() -> Coroutine<> {
        asyncio::create_task(
            []() -> Coroutine<> {
                throw asyncio::ValueError("lost");
                co_return;
            }(),
            "orphan");
        co_await asyncio::sleep(1);
    };
    run_virtual(main(), &catcher);
    REQUIRE(catcher.seen.size() == 1);
    CHECK(catcher.seen[0] == "1:Task orphan:ValueError: lost");
}

TEST_CASE("a task cannot await itself") {
    auto main = []() -> Coroutine<> {
        asyncio::Task<> self;
        auto body = [&]() -> Coroutine<> {
            co_await asyncio::sleep(0);
            co_await self;
        };
        self = asyncio::create_task(body());
        CHECK_THROWS_AS(co_await self, asyncio::RuntimeError);
    };
    run_virtual(main());
}

TEST_CASE("deadlock: every task waits and nothing can wake them; the report says who waits") {
    auto main = []() -> Coroutine<> {
        auto never = asyncio::create_future<int>();
        auto waiter = asyncio::create_task(
            [](asyncio::Future<int> f) -> Coroutine<int> { co_return co_await f; }(never),
            "waiter");
        co_await waiter;
    };
    try {
        run_virtual(main());
        FAIL("a deadlock must be reported");
    } catch (const asyncio::DeadlockError& e) {
        REQUIRE(e.waits().size() == 2);
        CHECK(e.waits()[0].name == "main");
        CHECK(e.waits()[0].on == asyncio::WaitOn::task);
        CHECK(e.waits()[0].detail == "waiter");
        CHECK(e.waits()[1].name == "waiter");
        CHECK(e.waits()[1].on == asyncio::WaitOn::future);
    }
}

// Task.__step: KeyboardInterrupt and SystemExit are not kept for an awaiter; they leave the
// loop at the end of the step that raised them, whatever else was ready.
TEST_CASE("KeyboardInterrupt and SystemExit raised in a task escape run() at once") {
    auto check = [](auto error, const char* name) {
        Log log;
        auto raiser = [&]() -> Coroutine<> {
            co_await asyncio::sleep(1);
            log.add("raising");
            throw decltype(error)("stop");
        };
        auto other = [&]() -> Coroutine<> {
            co_await asyncio::sleep(1);
            log.add("other ran");  // scheduled in the same pass, after the raiser
        };
        auto main = [&]() -> Coroutine<> {
            auto t = asyncio::create_task(raiser());
            auto o = asyncio::create_task(other());
            co_await asyncio::sleep(5);
            log.add("main went on");
        };
        CAPTURE(name);
        CHECK_THROWS_AS(run_virtual(main()), decltype(error));
        CHECK(log.lines == std::vector<std::string>{"1 raising"});
    };
    check(asyncio::KeyboardInterrupt(), "KeyboardInterrupt");
    check(asyncio::SystemExit(), "SystemExit");
}

TEST_CASE("run_until_complete stops with a KeyboardInterrupt a task raised") {
    asyncio::EventLoop loop(asyncio::LoopOptions{asyncio::ClockKind::virtual_time});
    auto coro = []() -> Coroutine<int> {
        co_await asyncio::sleep(1);
        throw asyncio::KeyboardInterrupt();
    };
    auto task = asyncio::create_task(loop, coro());
    CHECK_THROWS_AS(loop.run_until_complete(task.core()), asyncio::KeyboardInterrupt);
    CHECK(task.done());
    CHECK_THROWS_AS(task.result(), asyncio::KeyboardInterrupt);
}

TEST_CASE("sleep(delay, result) gives the result after the delay") {
    auto main = []() -> Coroutine<> {
        CHECK(co_await asyncio::sleep(2, std::string("a")) == "a");
        CHECK(now() == 2);
        auto [x, y] = co_await asyncio::gather(asyncio::sleep(1, 1), asyncio::sleep(3, 2));
        CHECK(x == 1);
        CHECK(y == 2);
        CHECK(now() == 5);
    };
    run_virtual(main());
}

TEST_CASE("wait kinds: one name each, the report's contract, read back by wait_on_named") {
    // The names the JSON report and the goldens carry: changing one is a contract change.
    const std::vector<std::string> names{
        "ready", "sleep",  "io",   "thread",    "pool",  "task",      "gather", "taskgroup",
        "wait",  "future", "lock", "semaphore", "event", "condition", "queue",  "barrier"};
    REQUIRE(std::size(asyncio::all_wait_kinds) == names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
        const asyncio::WaitOn on = asyncio::all_wait_kinds[i];
        CHECK(std::string(to_string(on)) == names[i]);
        CHECK(asyncio::wait_on_named(names[i]) == on);
    }
    CHECK_FALSE(asyncio::wait_on_named("GIL").has_value());
    static_assert(asyncio::to_string(asyncio::WaitOn::io) == "io");
}
