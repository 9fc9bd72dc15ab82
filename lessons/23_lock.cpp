// Lesson 23 · lock: `async with lock:` lets one task at a time into the critical section, in
// the order they asked; the read, the await and the write are no longer interleaved.
#include <string>
#include <vector>

#include "jobs.hpp"

namespace lessons {

namespace {
struct Shared {
    asyncio::Lock lock{"counter"};
    int counter = 0;
    std::vector<std::string> order;  // who got in, in turn
};

asyncio::Coroutine<> increment(lesson::Context& ctx, Shared& shared, asyncio::Duration hold) {
    ctx.say("wants_lock");
    co_await asyncio::async_with(shared.lock, [&]() -> asyncio::Coroutine<> {
        shared.order.push_back(asyncio::current_task()->get_name());
        const int seen = shared.counter;  // read
        ctx.say("got_lock", {{"value", seen}});
        co_await asyncio::sleep(hold);  // the others wait at the door meanwhile
        shared.counter = seen + 1;      // write
        ctx.say("releasing", {{"value", shared.counter}});
    });
}
}  // namespace

asyncio::Coroutine<> lock(lesson::Context& ctx) {
    const auto tasks = static_cast<int>(ctx.integer("tasks"));
    const asyncio::Duration hold = ctx.duration("hold");
    Shared shared;
    std::vector<asyncio::Task<>> workers;
    for (int n = 1; n <= tasks; ++n) {
        workers.push_back(asyncio::create_task(increment(ctx, shared, hold), job_name(n)));
    }
    co_await asyncio::gather(workers);
    ctx.say("order", {{"order", shared.order}});
    ctx.say("final", {{"counter", shared.counter},
                      {"tasks", tasks},
                      {"seconds", asyncio::EventLoop::current().time()}});
}

}  // namespace lessons
