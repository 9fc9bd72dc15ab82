// Lesson 18 · as-completed: results are handed over in the order the jobs finish, each one
// as soon as it is ready, not in the order the jobs were given.
#include <vector>

#include "jobs.hpp"

namespace lessons {

asyncio::Coroutine<> as_completed(lesson::Context& ctx) {
    const auto delays = ctx.durations("delays");
    std::vector<asyncio::Task<double>> jobs;
    for (std::size_t i = 0; i < delays.size(); ++i) {
        const int n = static_cast<int>(i + 1);
        jobs.push_back(asyncio::create_task(job(ctx, n, delays[i]), job_name(n)));
    }
    ctx.say("waiting", {{"count", jobs.size()}});
    int arrived = 0;
    for (auto next : asyncio::as_completed(jobs)) {
        // The earliest job not handed over yet, whichever it is.
        const double result = co_await next;
        ++arrived;
        ctx.say("arrived", {{"arrived", arrived}, {"result", result}});
    }
    ctx.say("all_arrived", {{"count", arrived}});
}

}  // namespace lessons
