// Lesson 14 · gather-errors: when a job raises, plain gather hands that error to its awaiter
// at once and lets the other jobs run on; with return_exceptions the error waits in its slot.
#include <vector>

#include "jobs.hpp"

namespace lessons {

namespace {
std::vector<asyncio::Task<double>> start_jobs(lesson::Context& ctx,
                                              const std::vector<asyncio::Duration>& delays,
                                              std::size_t fail) {
    std::vector<asyncio::Task<double>> jobs;
    for (std::size_t i = 0; i < delays.size(); ++i) {
        const int n = static_cast<int>(i + 1);
        jobs.push_back(asyncio::create_task(risky_job(ctx, n, delays[i], i == fail), job_name(n)));
    }
    return jobs;
}
}  // namespace

asyncio::Coroutine<> gather_errors(lesson::Context& ctx) {
    const auto delays = ctx.durations("delays");
    const auto fail = static_cast<std::size_t>(ctx.integer("fail"));
    if (fail >= delays.size()) ctx.say("nobody_fails", {{"fail", fail}});

    // 1. gather(*jobs): the first error goes straight to main; nobody cancels the others.
    ctx.say("plain_gather", {{"count", delays.size()}});
    auto jobs = start_jobs(ctx, delays, fail);
    try {
        const std::vector<double> results = co_await asyncio::gather(jobs);
        ctx.say("results", {{"results", results}});
    } catch (const asyncio::ValueError&) {
        std::size_t running = 0;
        for (const auto& task : jobs) running += task.done() ? 0 : 1;
        ctx.say("caught",
                {{"error", asyncio::describe(std::current_exception())}, {"running", running}});
    }
    // The other jobs are still running: wait until they have finished on their own.
    co_await asyncio::wait(jobs);
    ctx.say("all_ended");

    // 2. gather(*jobs, return_exceptions=True): every slot is filled, errors included.
    ctx.say("gather_return_exceptions", {{"count", delays.size()}});
    jobs = start_jobs(ctx, delays, fail);
    const auto results = co_await asyncio::gather(asyncio::return_exceptions, jobs);
    for (std::size_t slot = 0; slot < results.size(); ++slot) {
        if (results[slot].ok()) {
            ctx.say("slot_value", {{"slot", slot}, {"value", *results[slot].value}});
        } else {
            ctx.say("slot_error",
                    {{"slot", slot}, {"error", asyncio::describe(results[slot].error)}});
        }
    }
}

}  // namespace lessons
