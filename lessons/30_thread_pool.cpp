// Lesson 30 · thread-pool: worker threads come from a pool of a fixed size. Jobs beyond it
// queue until a worker is free, so n jobs of d seconds on p workers take ceil(n / p) × d.
#include <algorithm>
#include <cmath>
#include <vector>

#include "jobs.hpp"

namespace lessons {

namespace {
// One job: a blocking call of `duration` seconds on a worker, while holding one of the
// `workers` places. Python would give the executor its size instead: run_in_executor on a
// ThreadPoolExecutor(max_workers=pool). This runtime has one pool, libuv's, so a Semaphore
// lets at most `pool` jobs onto it at a time.
asyncio::Coroutine<> pooled_job(lesson::Context& ctx, asyncio::Semaphore& workers, int n,
                                double duration) {
    co_await asyncio::async_with(workers, [&]() -> asyncio::Coroutine<> {
        co_await asyncio::to_thread(asyncio::blocking_sleep, duration);
    });
    ctx.say("job_done", {{"n", n}});
}
}  // namespace

asyncio::Coroutine<> thread_pool(lesson::Context& ctx) {
    const auto jobs = static_cast<int>(ctx.integer("jobs"));
    const double duration = ctx.number("duration");
    const auto pool = static_cast<int>(ctx.integer("pool"));
    auto& loop = asyncio::EventLoop::current();

    ctx.say("python_default");
    ctx.say("libuv_default");
    // libuv's pool is the ceiling: UV_THREADPOOL_SIZE threads, 4 unless set.
    const auto libuv = static_cast<int>(asyncio::thread_pool_size());
    if (pool > libuv) ctx.say("capped", {{"pool", pool}, {"libuv", libuv}});
    const int at_once = std::min(pool, libuv);

    ctx.say("submitting", {{"jobs", jobs}, {"duration", duration}, {"pool", at_once}});
    asyncio::Semaphore workers(pool, "workers");
    std::vector<asyncio::Task<>> tasks;
    for (int n = 1; n <= jobs; ++n) {
        tasks.push_back(asyncio::create_task(pooled_job(ctx, workers, n, duration), job_name(n)));
    }
    co_await asyncio::gather(tasks);
    const double rounds = std::ceil(static_cast<double>(jobs) / at_once);
    ctx.say("all_done",
            {{"jobs", jobs}, {"seconds", loop.time()}, {"rounds", rounds}, {"duration", duration}});
}

}  // namespace lessons
