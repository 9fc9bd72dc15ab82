// Lesson 10 · task-state: done(), result() and exception() tell where a task stands. Asked too
// early, result() raises InvalidStateError; once ended, a task holds its value or its error.
#include <vector>

#include "lesson.hpp"

namespace lessons {

namespace {
asyncio::Coroutine<int> succeed(lesson::Context& ctx, asyncio::Duration delay) {
    ctx.say("working", {{"delay", asyncio::to_seconds(delay)}});
    co_await asyncio::sleep(delay);
    ctx.say("returning", {{"value", 42}});
    co_return 42;
}

asyncio::Coroutine<int> fail(lesson::Context& ctx, asyncio::Duration delay) {
    ctx.say("working", {{"delay", asyncio::to_seconds(delay)}});
    co_await asyncio::sleep(delay);
    ctx.say("raising");
    throw asyncio::ValueError("invalid data");
}

// What main can learn about a task without awaiting it.
void report(lesson::Context& ctx, const asyncio::Task<int>& task) {
    const std::string name = task.get_name();
    if (!task.done()) {
        ctx.say("pending", {{"name", name}});
        try {
            task.result();
        } catch (const asyncio::InvalidStateError&) {
            ctx.say("invalid_state",
                    {{"name", name}, {"error", asyncio::describe(std::current_exception())}});
        }
    } else if (!task.exception()) {
        ctx.say("has_result", {{"name", name}, {"value", task.result()}});
    } else {
        ctx.say("has_error", {{"name", name}, {"error", asyncio::describe(task.exception())}});
    }
}
}  // namespace

asyncio::Coroutine<> task_state(lesson::Context& ctx) {
    const asyncio::Duration ok_delay = ctx.duration("ok_delay");
    const asyncio::Duration fail_delay = ctx.duration("fail_delay");
    const asyncio::Duration check_at = ctx.duration("check_at");
    auto ok = asyncio::create_task(succeed(ctx, ok_delay), "ok");
    auto bad = asyncio::create_task(fail(ctx, fail_delay), "fail");

    co_await asyncio::sleep(check_at);
    ctx.say("checking");
    report(ctx, ok);
    report(ctx, bad);

    ctx.say("waiting");
    // wait() returns when both have ended; it raises nothing, whatever they did. (The list is
    // named first: GCC 12 cannot keep a braced list alive across a co_await.)
    const std::vector tasks{ok, bad};
    co_await asyncio::wait(tasks);
    ctx.say("ended");
    report(ctx, ok);
    report(ctx, bad);
}

}  // namespace lessons
