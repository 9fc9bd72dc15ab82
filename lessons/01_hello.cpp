// Lesson 1 · hello: asyncio.run() makes the loop, runs main to the end, closes the loop.
#include "lesson.hpp"

namespace lessons {

namespace {
asyncio::Coroutine<> greet(lesson::Context& ctx) {
    ctx.say("hello");
    co_return;
}
}  // namespace

asyncio::Coroutine<> hello(lesson::Context& ctx) {
    // greet(ctx) alone only makes a coroutine object; awaiting it is what runs its body.
    co_await greet(ctx);
}

}  // namespace lessons
