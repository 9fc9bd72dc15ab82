// Lesson 2 · sleep: awaiting asyncio.sleep hands the loop back until the time is up.
#include "lesson.hpp"

namespace lessons {

asyncio::Coroutine<> sleep(lesson::Context& ctx) {
    const asyncio::Duration delay = ctx.duration("delay");
    ctx.say("before", {{"delay", asyncio::to_seconds(delay)}});
    co_await asyncio::sleep(delay);
    ctx.say("after", {{"delay", asyncio::to_seconds(delay)}});
}

}  // namespace lessons
