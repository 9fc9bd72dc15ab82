// Lesson 21 · timeout: asyncio.timeout() gives a whole block of awaits one deadline. Inside
// the block the deadline can be read, to see the time left, and moved.
#include <algorithm>

#include "lesson.hpp"

namespace lessons {

asyncio::Coroutine<> timeout(lesson::Context& ctx) {
    const double delay = ctx.number("delay");
    const double timeout = ctx.number("timeout");
    auto& loop = asyncio::EventLoop::current();
    // The work: `delay` seconds, done one await of at most a second at a time.
    const double step = 1;

    // 1. One deadline for every await in the block.
    double done = 0;
    try {
        co_await asyncio::async_with(
            asyncio::timeout(timeout), [&](asyncio::Timeout& cm) -> asyncio::Coroutine<> {
                ctx.say("deadline", {{"timeout", timeout}, {"when", *cm.when()}});
                while (done < delay) {
                    const double piece = std::min(step, delay - done);
                    co_await asyncio::sleep(piece);
                    done += piece;
                    // Python 3.11: cm.when() - loop.time()
                    ctx.say("progress",
                            {{"done", done}, {"delay", delay}, {"left", *cm.remaining()}});
                }
            });
        ctx.say("in_time", {{"done", done}});
    } catch (const asyncio::TimeoutError&) {
        ctx.say("timed_out", {{"done", done}, {"delay", delay}});
    }

    // 2. The same work, but every step that ends in time moves the deadline `timeout`
    //    seconds ahead of now.
    done = 0;
    try {
        co_await asyncio::async_with(
            asyncio::timeout(timeout), [&](asyncio::Timeout& cm) -> asyncio::Coroutine<> {
                ctx.say("moving_deadline", {{"timeout", timeout}, {"when", *cm.when()}});
                while (done < delay) {
                    const double piece = std::min(step, delay - done);
                    co_await asyncio::sleep(piece);
                    done += piece;
                    cm.reschedule(loop.time() + timeout);
                    ctx.say("moved", {{"done", done}, {"delay", delay}, {"when", *cm.when()}});
                }
            });
        ctx.say("in_time", {{"done", done}});
    } catch (const asyncio::TimeoutError&) {
        ctx.say("timed_out", {{"done", done}, {"delay", delay}});
    }
}

}  // namespace lessons
