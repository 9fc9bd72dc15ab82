// Lesson 16 · taskgroup-callbacks: a done-callback handles each result the moment its task
// ends, fastest first. What a callback remembers depends on how it captured its value. The
// jobs go in batches, one TaskGroup after another, so as not to flood a service.
#include <algorithm>
#include <vector>

#include "jobs.hpp"
#include "random.hpp"

namespace lessons {

asyncio::Coroutine<> taskgroup_callbacks(lesson::Context& ctx) {
    const auto delays = delays_or_seeded(ctx);
    // Sending every request at once can flood the service that answers them, so the jobs go
    // in batches: each batch is a TaskGroup of its own, and the next one starts only when it
    // has ended. batch=0 means one batch with every job.
    const auto batch = static_cast<std::size_t>(ctx.integer("batch"));
    const std::size_t size = batch == 0 ? delays.size() : std::min(batch, delays.size());
    const std::size_t batches = (delays.size() + size - 1) / size;

    // One variable that the loop below updates. A callback that captures it by reference
    // reads it when it runs, after its batch has been created: it sees the last value so far.
    // (Capturing the loop's own variable by reference would be worse in C++: that variable is
    // gone by then, and reading it is undefined behaviour.)
    int last_n = 0;
    for (std::size_t first = 0; first < delays.size(); first += size) {
        const std::size_t end = std::min(first + size, delays.size());
        if (batches > 1) {
            ctx.say("batch_start",
                    {{"k", first / size + 1}, {"batches", batches}, {"count", end - first}});
        }
        co_await asyncio::async_with(
            asyncio::TaskGroup(), [&](asyncio::TaskGroup& tg) -> asyncio::Coroutine<> {
                for (std::size_t i = first; i < end; ++i) {
                    const int n = static_cast<int>(i + 1);
                    last_n = n;
                    auto task = tg.create_task(job(ctx, n, delays[i]), job_name(n));
                    // Runs on the loop as soon as the task ends, with the task in hand.
                    task.add_done_callback([&ctx](const asyncio::Task<double>& done) {
                        ctx.say("handled", {{"name", done.get_name()}, {"result", done.result()}});
                    });
                    // Captured by value: a copy of n made now, one per callback.
                    task.add_done_callback([&ctx, n](const asyncio::Task<double>&) {
                        ctx.say("by_value", {{"n", n}});
                    });
                    // Captured by reference: every callback reads the same last_n, later.
                    task.add_done_callback([&ctx, &last_n](const asyncio::Task<double>&) {
                        ctx.say("by_reference", {{"n", last_n}});
                    });
                }
                ctx.say("all_created", {{"count", end - first}});
                co_return;
            });
        ctx.say("group_done");
    }
}

}  // namespace lessons
