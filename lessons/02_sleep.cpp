// Lesson 2 · sleep: awaiting asyncio.sleep hands the loop back until the time is up.
#include "lesson.hpp"

namespace lessons {

asyncio::Coroutine<> sleep(lesson::Context& ctx) {
    const double delay = ctx.number("delay");
    ctx.say("before", {{"delay", delay}});
    co_await asyncio::sleep(delay);
    ctx.say("after", {{"delay", delay}});
}

}  // namespace lessons
