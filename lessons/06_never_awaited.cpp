// Lesson 6 · never-awaited: calling a coroutine function without await makes a coroutine
// object whose body never runs. It creates no task; the runtime warns when it is destroyed.
#include "lesson.hpp"

namespace lessons {

namespace {
constexpr double pause = 1;      // how long main gives the loop before trying again
constexpr double send_time = 1;  // how long sending an e-mail takes

asyncio::Coroutine<> send_email(lesson::Context& ctx) {
    ctx.say("sending");
    co_await asyncio::sleep(send_time);
    ctx.say("sent");
}
}  // namespace

asyncio::Coroutine<> never_awaited(lesson::Context& ctx) {
    ctx.say("calling");
    // The mistake: the call builds a coroutine object and drops it at once, unstarted. A C++
    // compiler warns about this line ([[nodiscard]]) unless the result is cast to void, as here,
    // so that the build stays quiet and the runtime's own warning is what you see.
    static_cast<void>(send_email(ctx));
    ctx.say("called");
    // A whole pause with the loop free: the forgotten body still does not run.
    co_await asyncio::sleep(pause);
    ctx.say("still_nothing", {{"seconds", pause}});
    // The fix: await it.
    ctx.say("fixing");
    co_await send_email(ctx);
}

}  // namespace lessons
