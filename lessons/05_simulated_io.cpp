// Lesson 5 · simulated-io: sleep stands in for I/O of unpredictable length; the same seeded
// jobs run one after another (the sum of the delays) and then together (the longest one).
#include <algorithm>
#include <vector>

#include "jobs.hpp"
#include "random.hpp"

namespace lessons {

asyncio::Coroutine<> simulated_io(lesson::Context& ctx) {
    const auto seed = ctx.integer("seed");
    const auto count = ctx.integer("count");
    const asyncio::Duration low = std::min(ctx.duration("min"), ctx.duration("max"));
    const asyncio::Duration high = std::max(ctx.duration("min"), ctx.duration("max"));
    // The draw is shared with the Python twin (twin.seeded_delays), which works in float
    // seconds: the bounds go in as seconds, and the delays come out as seconds to print.
    const std::vector<double> delays =
        seeded_delays(static_cast<std::uint64_t>(seed), static_cast<std::size_t>(count),
                      asyncio::to_seconds(low), asyncio::to_seconds(high));
    ctx.say("delays", {{"seed", seed}, {"delays", delays}});
    const std::vector<asyncio::Duration> waits = durations_of(delays);  // what the jobs wait
    auto& loop = asyncio::EventLoop::current();

    ctx.say("one_by_one");
    double start = loop.time();
    for (std::size_t i = 0; i < delays.size(); ++i) {
        co_await job(ctx, static_cast<int>(i + 1), waits[i]);
    }
    const double one_by_one = loop.time() - start;
    ctx.say("one_by_one_total", {{"seconds", one_by_one}});

    ctx.say("together");
    start = loop.time();
    std::vector<asyncio::Task<double>> tasks;
    for (std::size_t i = 0; i < delays.size(); ++i) {
        const int n = static_cast<int>(i + 1);
        tasks.push_back(asyncio::create_task(job(ctx, n, waits[i]), job_name(n)));
    }
    co_await asyncio::gather(tasks);
    const double together = loop.time() - start;
    ctx.say("together_total", {{"seconds", together}});

    ctx.say("saved",
            {{"one_by_one", one_by_one}, {"together", together}, {"saved", one_by_one - together}});
}

}  // namespace lessons
