// Lesson 29 · to-thread: asyncio.to_thread runs a blocking call on a worker thread, so the
// loop stays free and the other tasks go on. Either hand the whole blocking function to a
// thread, or keep a coroutine and send only its one blocking call there.
#include <vector>

#include "lesson.hpp"

namespace lessons {

namespace {
// A plain blocking function, the kind a library offers: it returns after `seconds`.
int read_rows(double seconds) {
    asyncio::blocking_sleep(seconds);  // time.sleep(seconds), on whatever thread calls it
    return 250;
}

asyncio::Coroutine<> other_job(lesson::Context& ctx, double seconds) {
    ctx.say("other_start", {{"seconds", seconds}});
    co_await asyncio::sleep(seconds);
    ctx.say("other_done");
}

// A coroutine with one blocking call in it: only that call goes to a thread.
asyncio::Coroutine<int> make_report(lesson::Context& ctx, double seconds) {
    ctx.say("report_start");
    const int rows = co_await asyncio::to_thread(read_rows, seconds);
    ctx.say("report_done", {{"rows", rows}});
    co_return rows;
}
}  // namespace

asyncio::Coroutine<> to_thread(lesson::Context& ctx) {
    const double blocking = ctx.number("blocking");
    const double other = ctx.number("other");
    auto& loop = asyncio::EventLoop::current();

    // 1. The blocking function itself, handed to a thread: to_thread(read_rows, blocking).
    ctx.say("function_in_thread", {{"seconds", blocking}});
    double start = loop.time();
    auto reader = asyncio::create_task(asyncio::to_thread(read_rows, blocking), "blocking");
    auto sleeper = asyncio::create_task(other_job(ctx, other), "other-1");
    co_await asyncio::gather(reader, sleeper);
    ctx.say("rows", {{"rows", reader.result()}});
    ctx.say("part_done", {{"seconds", loop.time() - start}});

    // 2. A coroutine that awaits to_thread for its one blocking call.
    ctx.say("coroutine_with_thread", {{"seconds", blocking}});
    start = loop.time();
    auto report = asyncio::create_task(make_report(ctx, blocking), "report");
    sleeper = asyncio::create_task(other_job(ctx, other), "other-2");
    co_await asyncio::gather(report, sleeper);
    ctx.say("part_done", {{"seconds", loop.time() - start}});
}

}  // namespace lessons
