// Lesson 24 · semaphore: a Semaphore(limit) lets at most `limit` tasks into a block at once;
// the others wait their turn, first come, first served.
#include <algorithm>
#include <vector>

#include "jobs.hpp"

namespace lessons {

namespace {
struct Room {
    asyncio::Semaphore places;
    int inside = 0;  // tasks inside the block right now
    int peak = 0;    // the most there ever were at once
    explicit Room(int limit) : places(limit, "places") {}
};

asyncio::Coroutine<> visit(lesson::Context& ctx, Room& room, int limit, asyncio::Duration hold) {
    co_await asyncio::async_with(room.places, [&]() -> asyncio::Coroutine<> {
        ++room.inside;
        room.peak = std::max(room.peak, room.inside);
        ctx.say("entered", {{"inside", room.inside}, {"limit", limit}});
        co_await asyncio::sleep(hold);
        --room.inside;
        ctx.say("leaving", {{"inside", room.inside}});
    });
}
}  // namespace

asyncio::Coroutine<> semaphore(lesson::Context& ctx) {
    const auto tasks = static_cast<int>(ctx.integer("tasks"));
    const auto limit = static_cast<int>(ctx.integer("limit"));
    const asyncio::Duration hold = ctx.duration("hold");
    Room room(limit);
    std::vector<asyncio::Task<>> visitors;
    for (int n = 1; n <= tasks; ++n) {
        visitors.push_back(asyncio::create_task(visit(ctx, room, limit, hold), job_name(n)));
    }
    ctx.say("created", {{"tasks", tasks}, {"limit", limit}});
    co_await asyncio::gather(visitors);
    ctx.say("peak", {{"peak", room.peak}, {"limit", limit}});
    ctx.say("finished", {{"seconds", asyncio::EventLoop::current().time()}});
}

}  // namespace lessons
