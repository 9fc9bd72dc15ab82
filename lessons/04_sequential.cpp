// Lesson 4 · sequential: awaiting coroutines one after another runs them one after another.
#include "jobs.hpp"

namespace lessons {

asyncio::Coroutine<> sequential(lesson::Context& ctx) {
    const auto delays = ctx.durations("delays");
    for (std::size_t i = 0; i < delays.size(); ++i) {
        co_await job(ctx, static_cast<int>(i + 1), delays[i]);
    }
    ctx.say("all_done", {{"count", delays.size()}});
}

}  // namespace lessons
