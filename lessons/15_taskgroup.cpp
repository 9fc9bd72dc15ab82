// Lesson 15 · taskgroup: the tasks of a TaskGroup start when the block first waits, and the
// block ends only when every one of them has ended.
#include <vector>

#include "jobs.hpp"

namespace lessons {

asyncio::Coroutine<> taskgroup(lesson::Context& ctx) {
    const auto delays = ctx.durations("delays");
    std::vector<asyncio::Task<double>> tasks;
    // async with asyncio.TaskGroup() as tg:
    co_await asyncio::async_with(
        asyncio::TaskGroup(), [&](asyncio::TaskGroup& tg) -> asyncio::Coroutine<> {
            for (std::size_t i = 0; i < delays.size(); ++i) {
                const int n = static_cast<int>(i + 1);
                tasks.push_back(tg.create_task(job(ctx, n, delays[i]), job_name(n)));
            }
            // Printed before any job's first line: the body has not waited yet.
            ctx.say("all_created", {{"count", tasks.size()}});
            co_return;
        });
    // Out of the block: every task has ended, so each one has its result.
    std::vector<double> results;
    for (const auto& task : tasks) results.push_back(task.result());
    ctx.say("group_done", {{"results", results}});
}

}  // namespace lessons
