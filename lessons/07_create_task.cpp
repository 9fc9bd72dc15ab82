// Lesson 7 · create-task: a task starts when its creator next gives the loop back, not at
// create_task, and not at an await that does not suspend.
#include "jobs.hpp"

namespace lessons {

namespace {

// A coroutine with no suspending await inside: awaiting it runs it straight through, and the
// loop never gets a turn.
asyncio::Coroutine<std::size_t> count_pending(const std::vector<asyncio::Task<double>>& tasks) {
    std::size_t pending = 0;
    for (const auto& task : tasks)
        if (!task.done()) ++pending;
    co_return pending;
}

}  // namespace

asyncio::Coroutine<> create_task(lesson::Context& ctx) {
    const auto delays = ctx.durations("delays");
    std::vector<asyncio::Task<double>> tasks;
    for (std::size_t i = 0; i < delays.size(); ++i) {
        const int n = static_cast<int>(i + 1);
        tasks.push_back(asyncio::create_task(job(ctx, n, delays[i]), job_name(n)));
    }
    // Printed before any job's first line: no task has had a turn yet.
    ctx.say("tasks_created", {{"count", tasks.size()}});
    // An await, but main does not suspend: still no task has run.
    const std::size_t pending = co_await count_pending(tasks);
    ctx.say("awaited_no_suspend", {{"pending", pending}});
    // sleep(0) suspends main for one pass: the loop runs the tasks' first steps, then main.
    co_await asyncio::sleep(0);
    ctx.say("loop_given_back", {{"count", tasks.size()}});
    for (auto& task : tasks) {
        co_await task;
    }
    ctx.say("all_done", {{"count", tasks.size()}});
}

}  // namespace lessons
