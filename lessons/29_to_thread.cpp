// Lesson 29 · to-thread: asyncio.to_thread runs a blocking call on a worker thread, so the
// loop stays free and the other tasks go on. Either hand the whole blocking function to a
// thread, or keep a coroutine and send only its one blocking call there.
#include <vector>

#include "lesson.hpp"

namespace lessons {

namespace {
using asyncio::Duration;
using asyncio::to_seconds;  // for the words; the calls take the durations as they are

// A plain blocking function, the kind a library offers: it returns after `time`.
int read_rows(Duration time) {
    asyncio::blocking_sleep(time);  // time.sleep(seconds), on whatever thread calls it
    return 250;
}

asyncio::Coroutine<> other_job(lesson::Context& ctx, Duration time) {
    ctx.say("other_start", {{"seconds", to_seconds(time)}});
    co_await asyncio::sleep(time);
    ctx.say("other_done");
}

// A coroutine with one blocking call in it: only that call goes to a thread.
asyncio::Coroutine<int> make_report(lesson::Context& ctx, Duration time) {
    ctx.say("report_start");
    const int rows = co_await asyncio::to_thread(read_rows, time);
    ctx.say("report_done", {{"rows", rows}});
    co_return rows;
}
}  // namespace

asyncio::Coroutine<> to_thread(lesson::Context& ctx) {
    const Duration blocking = ctx.duration("blocking");
    const Duration other = ctx.duration("other");
    auto& loop = asyncio::EventLoop::current();

    // 1. The blocking function itself, handed to a thread: to_thread(read_rows, blocking).
    ctx.say("function_in_thread", {{"seconds", to_seconds(blocking)}});
    double start = loop.time();
    auto reader = asyncio::create_task(asyncio::to_thread(read_rows, blocking), "blocking");
    auto sleeper = asyncio::create_task(other_job(ctx, other), "other-1");
    co_await asyncio::gather(reader, sleeper);
    ctx.say("rows", {{"rows", reader.result()}});
    ctx.say("part_done", {{"seconds", loop.time() - start}});

    // 2. A coroutine that awaits to_thread for its one blocking call.
    ctx.say("coroutine_with_thread", {{"seconds", to_seconds(blocking)}});
    start = loop.time();
    auto report = asyncio::create_task(make_report(ctx, blocking), "report");
    sleeper = asyncio::create_task(other_job(ctx, other), "other-2");
    co_await asyncio::gather(report, sleeper);
    ctx.say("part_done", {{"seconds", loop.time() - start}});
}

}  // namespace lessons
