// Lesson 28 · blocking-call: a blocking call inside a coroutine (time.sleep, a slow library
// call, a long computation) holds the loop's only thread, and every other task stands still
// until it returns. Making CPU-bound work a coroutine does not make it any faster either.
#include <vector>

#include "lesson.hpp"

namespace lessons {

namespace {
using asyncio::Duration;
using asyncio::to_seconds;  // for the words; the calls take the durations as they are

asyncio::Coroutine<> blocking_job(lesson::Context& ctx, Duration time) {
    ctx.say("blocking_start", {{"seconds", to_seconds(time)}});
    asyncio::blocking_sleep(time);  // time.sleep(seconds): no await, the loop is held
    ctx.say("blocking_done");
    co_return;
}

asyncio::Coroutine<> other_job(lesson::Context& ctx, Duration time) {
    const double start = asyncio::EventLoop::current().time();
    ctx.say("other_start", {{"seconds", to_seconds(time)}});
    co_await asyncio::sleep(time);
    ctx.say("other_done", {{"seconds", to_seconds(time)}, {"start", start}});
}

// CPU-bound work: `time` of computing on the loop's thread.
double crunch(Duration time) {
    return asyncio::burn_cpu(time);
}

// The same work in a coroutine: it has nothing to await, so it runs from start to end in one
// go, holding the loop exactly as long.
asyncio::Coroutine<double> crunch_async(Duration time) {
    co_return crunch(time);
}
}  // namespace

asyncio::Coroutine<> blocking_call(lesson::Context& ctx) {
    const Duration blocking = ctx.duration("blocking");
    const Duration other = ctx.duration("other");
    auto& loop = asyncio::EventLoop::current();

    // 1. A task that blocks, and another that only wants to sleep for `other` seconds.
    auto blocker = asyncio::create_task(blocking_job(ctx, blocking), "blocking");
    auto sleeper = asyncio::create_task(other_job(ctx, other), "other");
    co_await asyncio::gather(blocker, sleeper);
    ctx.say("both_done", {{"seconds", loop.time()}});

    // 2. CPU-bound work: two pieces of `other` seconds, as plain calls and then as coroutines.
    ctx.say("cpu_plain", {{"seconds", to_seconds(other)}});
    double start = loop.time();
    (void)crunch(other);
    (void)crunch(other);
    ctx.say("cpu_total", {{"seconds", loop.time() - start}});

    ctx.say("cpu_coroutines", {{"seconds", to_seconds(other)}});
    start = loop.time();
    std::vector<asyncio::Task<double>> pieces{asyncio::create_task(crunch_async(other), "cpu-1"),
                                              asyncio::create_task(crunch_async(other), "cpu-2")};
    co_await asyncio::gather(pieces);
    ctx.say("cpu_total", {{"seconds", loop.time() - start}});
}

}  // namespace lessons
