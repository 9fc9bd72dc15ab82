// Lesson 19 · wait: asyncio.wait returns (done, pending) as soon as return_when is met or the
// timeout passes. It raises nothing and cancels nothing: what is pending is still running,
// and cancelling it is up to the program.
#include <string>
#include <vector>

#include "jobs.hpp"

namespace lessons {

namespace {
// getattr(asyncio, name) for the three constants.
asyncio::ReturnWhen return_when_named(const std::string& name) {
    if (name == "FIRST_COMPLETED") return asyncio::FIRST_COMPLETED;
    if (name == "FIRST_EXCEPTION") return asyncio::FIRST_EXCEPTION;
    return asyncio::ALL_COMPLETED;
}
}  // namespace

asyncio::Coroutine<> wait(lesson::Context& ctx) {
    const auto delays = ctx.durations("delays");
    const auto timeout = ctx.duration("timeout");
    const std::string return_when = ctx.choice("return_when");
    const auto fail = ctx.integer("fail");  // -1: no job fails

    std::vector<asyncio::Task<double>> jobs;
    for (std::size_t i = 0; i < delays.size(); ++i) {
        const int n = static_cast<int>(i + 1);
        jobs.push_back(asyncio::create_task(
            risky_job(ctx, n, delays[i], static_cast<std::int64_t>(i) == fail), job_name(n)));
    }
    ctx.say("waiting", {{"count", jobs.size()},
                        {"timeout", asyncio::to_seconds(timeout)},
                        {"return_when", return_when}});
    auto [done, pending] = co_await asyncio::wait(jobs, timeout, return_when_named(return_when));
    ctx.say("returned", {{"done", done.size()}, {"pending", pending.size()}});

    // done and pending keep the order the jobs were given in.
    for (const auto& task : done) {
        if (auto error = task.exception()) {
            ctx.say("done_failed",
                    {{"name", task.get_name()}, {"error", asyncio::describe(error)}});
        } else {
            ctx.say("done_ok", {{"name", task.get_name()}, {"result", task.result()}});
        }
    }
    // wait() cancelled nothing: whatever is pending is still running until we cancel it.
    for (const auto& task : pending) {
        ctx.say("still_running", {{"name", task.get_name()}});
        task.cancel();
    }
    if (!pending.empty()) {
        co_await asyncio::wait(pending);
        ctx.say("pending_cancelled", {{"count", pending.size()}});
    }
}

}  // namespace lessons
