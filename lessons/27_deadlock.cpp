// Lesson 27 · deadlock: two tasks take the same two locks in opposite order. Each ends up
// holding one lock and waiting for the other, forever. Python would hang without a word; the
// runtime sees that every task waits and nothing can wake any of them, stops, and reports who
// waits for what.
#include <string>

#include "lesson.hpp"

namespace lessons {

namespace {
asyncio::Coroutine<> worker(lesson::Context& ctx, asyncio::Lock& first, asyncio::Lock& second,
                            asyncio::Duration hold) {
    co_await asyncio::async_with(first, [&]() -> asyncio::Coroutine<> {
        ctx.say("took", {{"lock", first.name()}});
        // Long enough for the other worker to take its first lock.
        co_await asyncio::sleep(hold);
        ctx.say("wants", {{"lock", second.name()}, {"held", first.name()}});
        co_await asyncio::async_with(second, [&]() -> asyncio::Coroutine<> {
            ctx.say("took_both");
            co_return;
        });
    });
}
}  // namespace

asyncio::Coroutine<> deadlock(lesson::Context& ctx) {
    const asyncio::Duration hold = ctx.duration("hold");
    asyncio::Lock a("A");
    asyncio::Lock b("B");
    // The bug: opposite orders. Taking the locks in one agreed order (A, then B) everywhere
    // would make the deadlock impossible.
    auto one = asyncio::create_task(worker(ctx, a, b, hold), "worker-1");
    auto two = asyncio::create_task(worker(ctx, b, a, hold), "worker-2");
    ctx.say("started");
    co_await asyncio::gather(one, two);
    ctx.say("finished");  // never reached
}

}  // namespace lessons
