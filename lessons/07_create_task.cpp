// Lesson 7 · create-task: a task starts when its creator next awaits, not at create_task.
#include "jobs.hpp"

namespace lessons {

asyncio::Coroutine<> create_task(lesson::Context& ctx) {
    const auto delays = ctx.numbers("delays");
    std::vector<asyncio::Task<double>> tasks;
    for (std::size_t i = 0; i < delays.size(); ++i) {
        const int n = static_cast<int>(i + 1);
        tasks.push_back(asyncio::create_task(job(ctx, n, delays[i]), job_name(n)));
    }
    // Printed before any job's first line: no task has had a turn yet.
    ctx.say("tasks_created", {{"count", tasks.size()}});
    for (auto& task : tasks) {
        co_await task;
    }
    ctx.say("all_done", {{"count", tasks.size()}});
}

}  // namespace lessons
