// Lesson 20 · wait-for: wait_for puts a time limit on one await. When the limit passes first,
// the awaited work is cancelled, and only once it has ended does TimeoutError reach main.
#include <vector>

#include "jobs.hpp"

namespace lessons {

namespace {
void say_how_it_ended(lesson::Context& ctx, const asyncio::Task<double>& task) {
    if (task.cancelled()) {
        ctx.say("ended_cancelled", {{"name", task.get_name()}});
    } else {
        ctx.say("ended_done", {{"name", task.get_name()}, {"result", task.result()}});
    }
}
}  // namespace

asyncio::Coroutine<> wait_for(lesson::Context& ctx) {
    const asyncio::Duration delay = ctx.duration("delay");
    const asyncio::Duration timeout = ctx.duration("timeout");
    const double timeout_seconds = asyncio::to_seconds(timeout);  // for the words

    // 1. One task, at most `timeout` seconds. (A task made here, named, so that the timeline
    //    is the same in C++ and in Python 3.11, whose wait_for would wrap a coroutine in a
    //    task of its own.)
    auto task = asyncio::create_task(cancellable_job(ctx, 1, delay), job_name(1));
    ctx.say("limit", {{"name", task.get_name()}, {"timeout", timeout_seconds}});
    try {
        const double result = co_await asyncio::wait_for(task, timeout);
        ctx.say("in_time", {{"result", result}});
    } catch (const asyncio::TimeoutError&) {
        ctx.say("timed_out", {{"timeout", timeout_seconds}});
    }
    say_how_it_ended(ctx, task);

    // 2. The same limit around a gather of two jobs: on timeout, every child still running
    //    is cancelled.
    std::vector<asyncio::Task<double>> jobs{
        asyncio::create_task(cancellable_job(ctx, 2, timeout / 2), job_name(2)),
        asyncio::create_task(cancellable_job(ctx, 3, delay), job_name(3))};
    ctx.say("limit_gather", {{"count", jobs.size()}, {"timeout", timeout_seconds}});
    try {
        const std::vector<double> results =
            co_await asyncio::wait_for(asyncio::gather(jobs), timeout);
        ctx.say("gather_in_time", {{"results", results}});
    } catch (const asyncio::TimeoutError&) {
        ctx.say("timed_out", {{"timeout", timeout_seconds}});
    }
    for (const auto& job : jobs) say_how_it_ended(ctx, job);
}

}  // namespace lessons
