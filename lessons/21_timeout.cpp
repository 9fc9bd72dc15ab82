// Lesson 21 · timeout: asyncio.timeout() gives a whole block of awaits one deadline. Inside
// the block the deadline can be read, to see the time left, and moved.
#include <algorithm>

#include "lesson.hpp"

namespace lessons {

asyncio::Coroutine<> timeout(lesson::Context& ctx) {
    using asyncio::Duration;
    using asyncio::to_seconds;  // for the words; the awaits take the durations as they are
    const Duration delay = ctx.duration("delay");
    const Duration timeout = ctx.duration("timeout");
    auto& loop = asyncio::EventLoop::current();
    // The work: `delay`, done one await of at most a second at a time.
    const Duration step = std::chrono::seconds(1);

    // 1. One deadline for every await in the block.
    Duration done{0};
    try {
        co_await asyncio::async_with(
            asyncio::timeout(timeout), [&](asyncio::Timeout& cm) -> asyncio::Coroutine<> {
                ctx.say("deadline", {{"timeout", to_seconds(timeout)}, {"when", *cm.when()}});
                while (done < delay) {
                    const Duration piece = std::min(step, delay - done);
                    co_await asyncio::sleep(piece);
                    done += piece;
                    // Python 3.11: cm.when() - loop.time()
                    ctx.say("progress", {{"done", to_seconds(done)},
                                         {"delay", to_seconds(delay)},
                                         {"left", *cm.remaining()}});
                }
            });
        ctx.say("in_time", {{"done", to_seconds(done)}});
    } catch (const asyncio::TimeoutError&) {
        ctx.say("timed_out", {{"done", to_seconds(done)}, {"delay", to_seconds(delay)}});
    }

    // 2. The same work, but every step that ends in time moves the deadline `timeout`
    //    seconds ahead of now.
    done = Duration{0};
    try {
        co_await asyncio::async_with(
            asyncio::timeout(timeout), [&](asyncio::Timeout& cm) -> asyncio::Coroutine<> {
                ctx.say("moving_deadline",
                        {{"timeout", to_seconds(timeout)}, {"when", *cm.when()}});
                while (done < delay) {
                    const Duration piece = std::min(step, delay - done);
                    co_await asyncio::sleep(piece);
                    done += piece;
                    // Summed in the loop's unit: now, as a Duration, plus the timeout.
                    cm.reschedule(Duration{loop.now_ns()} + timeout);
                    ctx.say("moved", {{"done", to_seconds(done)},
                                      {"delay", to_seconds(delay)},
                                      {"when", *cm.when()}});
                }
            });
        ctx.say("in_time", {{"done", to_seconds(done)}});
    } catch (const asyncio::TimeoutError&) {
        ctx.say("timed_out", {{"done", to_seconds(done)}, {"delay", to_seconds(delay)}});
    }
}

}  // namespace lessons
