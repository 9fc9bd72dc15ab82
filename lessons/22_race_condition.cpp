// Lesson 22 · race-condition: tasks that read a shared counter, await, and then write it back
// lose each other's updates. No threads are needed for that: an await in the middle is enough.
#include <vector>

#include "jobs.hpp"

namespace lessons {

namespace {
constexpr double pause = 1;  // what each task awaits between reading and writing

asyncio::Coroutine<> increment(lesson::Context& ctx, int& counter) {
    const int seen = counter;  // read
    ctx.say("read", {{"value", seen}});
    // While this task waits, the others run, and each of them reads the same old value.
    co_await asyncio::sleep(pause);
    counter = seen + 1;  // write: whatever the others wrote meanwhile is overwritten
    ctx.say("wrote", {{"value", counter}});
}
}  // namespace

asyncio::Coroutine<> race_condition(lesson::Context& ctx) {
    const auto tasks = static_cast<int>(ctx.integer("tasks"));
    int counter = 0;
    std::vector<asyncio::Task<>> workers;
    for (int n = 1; n <= tasks; ++n) {
        workers.push_back(asyncio::create_task(increment(ctx, counter), job_name(n)));
    }
    co_await asyncio::gather(workers);
    ctx.say("final", {{"counter", counter}, {"tasks", tasks}, {"lost", tasks - counter}});
}

}  // namespace lessons
