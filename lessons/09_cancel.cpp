// Lesson 9 · cancel: main awaits its tasks in order and cancels one when it reaches it. The
// cancelled task ends then, without waiting for its own delay; gather shows a CancelledError.
#include <vector>

#include "jobs.hpp"

namespace lessons {

asyncio::Coroutine<> cancel(lesson::Context& ctx) {
    const auto delays = ctx.durations("delays");
    const auto cancel = static_cast<std::size_t>(ctx.integer("cancel"));
    auto& loop = asyncio::EventLoop::current();

    std::vector<asyncio::Task<double>> tasks;
    for (std::size_t i = 0; i < delays.size(); ++i) {
        const int n = static_cast<int>(i + 1);
        tasks.push_back(asyncio::create_task(cancellable_job(ctx, n, delays[i]), job_name(n)));
    }
    if (cancel >= tasks.size()) ctx.say("no_such_task", {{"cancel", cancel}});

    for (std::size_t i = 0; i < tasks.size(); ++i) {
        auto& task = tasks[i];
        if (i == cancel) {
            if (task.cancel()) {
                ctx.say("cancelling", {{"name", task.get_name()}});
            } else {
                ctx.say("too_late", {{"name", task.get_name()}});
            }
        } else {
            ctx.say("awaiting", {{"name", task.get_name()}});
            co_await task;
        }
    }

    // Every slot, as gather(..., return_exceptions=True) hands them back.
    auto results = co_await asyncio::gather(asyncio::return_exceptions, tasks);
    for (std::size_t i = 0; i < results.size(); ++i) {
        if (results[i].ok()) {
            ctx.say("slot_value", {{"index", i}, {"value", *results[i].value}});
        } else {
            ctx.say("slot_error",
                    {{"index", i}, {"error", asyncio::type_name_of(results[i].error)}});
        }
    }
    ctx.say("finished", {{"seconds", loop.time()}});
}

}  // namespace lessons
