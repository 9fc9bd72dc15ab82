// Lesson 8 · tasks-then-coroutines: tasks wait together; coroutines awaited directly wait in
// turn. The clock shows the overlap first and then the staircase.
#include <vector>

#include "jobs.hpp"

namespace lessons {

asyncio::Coroutine<> tasks_then_coroutines(lesson::Context& ctx) {
    const auto task_delays = ctx.durations("task_delays");
    const auto coro_delays = ctx.durations("coro_delays");
    auto& loop = asyncio::EventLoop::current();
    int n = 0;

    std::vector<asyncio::Task<double>> tasks;
    for (const asyncio::Duration delay : task_delays) {
        ++n;
        tasks.push_back(asyncio::create_task(job(ctx, n, delay), job_name(n)));
    }
    ctx.say("tasks_created", {{"count", tasks.size()}});
    for (auto& task : tasks) {
        co_await task;
    }

    ctx.say("coroutines_next", {{"count", coro_delays.size()}});
    for (const asyncio::Duration delay : coro_delays) {
        ++n;
        co_await job(ctx, n, delay);
    }
    ctx.say("finished", {{"seconds", loop.time()}});
}

}  // namespace lessons
