// Lesson 11 · gather: many awaits at once; results come back in argument order.
#include "jobs.hpp"

namespace lessons {

asyncio::Coroutine<> gather(lesson::Context& ctx) {
    const auto delays = ctx.durations("delays");
    std::vector<asyncio::Task<double>> jobs;
    for (std::size_t i = 0; i < delays.size(); ++i) {
        const int n = static_cast<int>(i + 1);
        jobs.push_back(asyncio::create_task(job(ctx, n, delays[i]), job_name(n)));
    }
    ctx.say("gathering", {{"count", jobs.size()}});
    const std::vector<double> results = co_await asyncio::gather(jobs);
    ctx.say("results", {{"results", results}});
}

}  // namespace lessons
