// Lesson 41 · testing: a unit test of async code runs on a loop with the virtual clock. The
// code under test sleeps `delay` seconds; the test still sees exactly `delay` seconds pass on
// the loop's clock, yet it finishes at once on the wall clock. (pytest-asyncio alone keeps
// real time; in Python such a loop comes from a fixture of your own or from looptime.)
#include <chrono>
#include <string>
#include <utility>

#include "lesson.hpp"

namespace lessons {

namespace {

// What a failed `assert` raises in Python.
class AssertionError : public asyncio::Exception {
  public:
    using Exception::Exception;
    const char* type_name() const noexcept override { return "AssertionError"; }
};

void expect(bool condition, const std::string& what) {
    if (!condition) throw AssertionError(what);
}

// The loop's time in its own unit: waits measured this way compare exactly with the delays
// they came from (Python needs pytest.approx for the same check on floats).
asyncio::Duration loop_now() {
    return asyncio::Duration(asyncio::EventLoop::current().now_ns());
}

// The code under test: a report that a slow service hands over after `delay` seconds.
asyncio::Coroutine<std::string> fetch_report(asyncio::Duration delay) {
    co_await asyncio::sleep(delay);
    co_return "ready";
}

// Test 1 (async def test_fetch_report): the report comes, after the whole delay.
asyncio::Coroutine<> test_fetch_report(lesson::Context& ctx, asyncio::Duration delay) {
    const asyncio::Duration start = loop_now();
    const std::string report = co_await fetch_report(delay);
    const asyncio::Duration waited = loop_now() - start;
    expect(report == "ready", "report == 'ready'");
    ctx.say("got_report", {{"report", report}});
    expect(waited == delay, "waited == delay");
    ctx.say("waited",
            {{"waited", asyncio::to_seconds(waited)}, {"delay", asyncio::to_seconds(delay)}});
}

// Test 2 (async def test_fetch_report_timeout): with a limit of half the delay, TimeoutError
// comes exactly when the limit runs out.
asyncio::Coroutine<> test_fetch_report_timeout(lesson::Context& ctx, asyncio::Duration delay) {
    const asyncio::Duration limit = delay / 2;
    const asyncio::Duration start = loop_now();
    bool timed_out = false;
    try {
        co_await asyncio::async_with(
            asyncio::timeout(limit),
            [&](asyncio::Timeout&) -> asyncio::Coroutine<> { co_await fetch_report(delay); });
    } catch (const asyncio::TimeoutError&) {
        timed_out = true;
    }
    const asyncio::Duration waited = loop_now() - start;
    expect(timed_out, "TimeoutError raised");
    expect(waited == limit, "waited == limit");
    ctx.say("timed_out",
            {{"waited", asyncio::to_seconds(waited)}, {"limit", asyncio::to_seconds(limit)}});
}

// Runs one test as a task of its own, the way pytest-asyncio runs a test function, and says
// whether it passed.
asyncio::Coroutine<bool> run_test(lesson::Context& ctx, std::string test, std::string task_name,
                                  asyncio::Coroutine<> body) {
    ctx.say("test_start", {{"test", test}});
    auto task = asyncio::create_task(std::move(body), std::move(task_name));
    try {
        co_await task;
        ctx.say("test_passed", {{"test", test}});
        co_return true;
    } catch (const asyncio::Exception&) {
        ctx.say("test_failed", {{"test", test}, {"error", asyncio::describe(task.exception())}});
        co_return false;
    }
}

// The test session: both tests in turn, then the count, the loop's time and the wall's.
asyncio::Coroutine<> session(lesson::Context& ctx, asyncio::Duration delay) {
    auto& loop = asyncio::EventLoop::current();
    const auto wall_start = std::chrono::steady_clock::now();
    ctx.say("session", {{"count", 2}});
    int passed = 0;
    int failed = 0;
    // (Names first: GCC 12 cannot keep a string literal alive across a co_await.)
    const std::string first_test = "test_fetch_report", first_task = "test-1";
    const std::string second_test = "test_fetch_report_timeout", second_task = "test-2";
    // (Each result named before the `if`: see "Writing a lesson" in lessons/README.md.)
    const bool first_ok =
        co_await run_test(ctx, first_test, first_task, test_fetch_report(ctx, delay));
    if (first_ok) {
        ++passed;
    } else {
        ++failed;
    }
    const bool second_ok =
        co_await run_test(ctx, second_test, second_task, test_fetch_report_timeout(ctx, delay));
    if (second_ok) {
        ++passed;
    } else {
        ++failed;
    }

    const double seconds = loop.time();
    ctx.say("summary", {{"passed", passed}, {"failed", failed}, {"seconds", seconds}});
    // The wall-clock time depends on the machine: only compared with a generous bound, half
    // of the loop's time, never printed.
    const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - wall_start;
    const double bound = seconds / 2;
    if (wall.count() < bound) {
        ctx.say("wall_fast", {{"bound", bound}});
    } else {
        ctx.say("wall_slow", {{"bound", bound}});
    }
}

}  // namespace

void testing(lesson::Context& ctx, const asyncio::LoopOptions& options) {
    const asyncio::Duration delay = ctx.duration("delay");
    // The test's own loop, as a test fixture makes one: always on the virtual clock, whatever
    // clock this run was given. The observer stays, so the timeline still shows the tests.
    asyncio::LoopOptions test_options = options;
    test_options.clock = asyncio::ClockKind::virtual_time;
    asyncio::EventLoop loop(test_options);

    auto main_task = asyncio::create_task(loop, session(ctx, delay), "main");
    loop.run_until_complete(main_task.core());
    main_task.result();

    loop.close();
    if (!loop.closed_cleanly())
        throw asyncio::RuntimeError("uv_loop_close failed: a libuv handle was left open");
}

}  // namespace lessons
