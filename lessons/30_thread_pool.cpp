// Lesson 30 · thread-pool: worker threads come from a pool of a fixed size. Jobs beyond it
// queue until a worker is free, so n jobs of d seconds on p workers take ceil(n / p) × d.
#include <cmath>
#include <vector>

#include "jobs.hpp"

namespace lessons {

namespace {
// One job: a blocking call of `duration` seconds on one of the executor's workers. While all
// of them are busy it waits in the executor's queue (the timeline shows it waiting for the
// pool).
asyncio::Coroutine<> pooled_job(lesson::Context& ctx, asyncio::ThreadPoolExecutor& executor, int n,
                                asyncio::Duration duration) {
    co_await asyncio::run_in_executor(executor, asyncio::blocking_sleep, duration);
    ctx.say("job_done", {{"n", n}});
}
}  // namespace

asyncio::Coroutine<> thread_pool(lesson::Context& ctx) {
    const auto jobs = static_cast<int>(ctx.integer("jobs"));
    const auto duration = ctx.duration("duration");
    const auto pool = static_cast<int>(ctx.integer("pool"));
    auto& loop = asyncio::EventLoop::current();
    const double start = loop.time();

    ctx.say("python_default");
    ctx.say("libuv_default");
    ctx.say("submitting",
            {{"jobs", jobs}, {"duration", asyncio::to_seconds(duration)}, {"pool", pool}});
    {
        // with ThreadPoolExecutor(max_workers=pool) as executor: its own `pool` threads.
        asyncio::ThreadPoolExecutor executor(static_cast<std::size_t>(pool));
        std::vector<asyncio::Task<>> tasks;
        for (int n = 1; n <= jobs; ++n) {
            tasks.push_back(
                asyncio::create_task(pooled_job(ctx, executor, n, duration), job_name(n)));
        }
        co_await asyncio::gather(tasks);
    }
    const double rounds = std::ceil(static_cast<double>(jobs) / pool);
    ctx.say("all_done", {{"jobs", jobs},
                         {"seconds", loop.time() - start},
                         {"rounds", rounds},
                         {"duration", asyncio::to_seconds(duration)}});
}

}  // namespace lessons
