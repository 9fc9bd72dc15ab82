// Lesson 13 · gather-filter: gather hands back every result in argument order; the program
// then keeps only what it needs (here the even positions), and the order still holds.
#include <vector>

#include "jobs.hpp"
#include "random.hpp"

namespace lessons {

asyncio::Coroutine<> gather_filter(lesson::Context& ctx) {
    const auto delays = delays_or_seeded(ctx);

    std::vector<asyncio::Task<double>> jobs;
    for (std::size_t i = 0; i < delays.size(); ++i) {
        const int n = static_cast<int>(i + 1);
        jobs.push_back(asyncio::create_task(job(ctx, n, delays[i]), job_name(n)));
    }
    const std::vector<double> results = co_await asyncio::gather(jobs);
    ctx.say("results", {{"results", results}});

    // Post-processing: only positions 0, 2, 4... are kept, in the order gather gave them.
    ctx.say("filtering");
    for (std::size_t position = 0; position < results.size(); ++position) {
        if (position % 2 == 0) {
            ctx.say("kept", {{"position", position}, {"result", results[position]}});
        }
    }
}

}  // namespace lessons
