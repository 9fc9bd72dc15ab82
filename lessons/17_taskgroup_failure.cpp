// Lesson 17 · taskgroup-failure: when one child of a TaskGroup raises, the group cancels every
// sibling still running, ends right then and raises an ExceptionGroup holding the error.
#include <vector>

#include "jobs.hpp"

namespace lessons {

asyncio::Coroutine<> taskgroup_failure(lesson::Context& ctx) {
    const auto delays = ctx.durations("delays");
    const auto fail = static_cast<std::size_t>(ctx.integer("fail"));
    if (fail >= delays.size()) ctx.say("nobody_fails", {{"fail", fail}});

    std::vector<asyncio::Task<double>> tasks;
    try {
        co_await asyncio::async_with(
            asyncio::TaskGroup(), [&](asyncio::TaskGroup& tg) -> asyncio::Coroutine<> {
                for (std::size_t i = 0; i < delays.size(); ++i) {
                    const int n = static_cast<int>(i + 1);
                    tasks.push_back(
                        tg.create_task(risky_job(ctx, n, delays[i], i == fail), job_name(n)));
                }
                ctx.say("all_created", {{"count", tasks.size()}});
                co_return;
            });
        ctx.say("group_done");
    } catch (const asyncio::ExceptionGroup& group) {
        // except ExceptionGroup as group: (or except* ValueError)
        ctx.say("group_raised", {{"count", group.exceptions().size()}});
        for (const auto& error : group.exceptions()) {
            ctx.say("group_error", {{"error", asyncio::describe(error)}});
        }
    }

    // How each child ended.
    for (const auto& task : tasks) {
        if (task.cancelled()) {
            ctx.say("ended_cancelled", {{"name", task.get_name()}});
        } else if (task.exception()) {
            ctx.say("ended_failed", {{"name", task.get_name()}});
        } else {
            ctx.say("ended_done", {{"name", task.get_name()}, {"result", task.result()}});
        }
    }
}

}  // namespace lessons
