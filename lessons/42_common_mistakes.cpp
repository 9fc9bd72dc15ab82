// Lesson 42 · common-mistakes: four traps, each one run. A coroutine never awaited; calling
// the coroutine object; a task whose error nobody retrieves; main returning while a task
// still runs. The runtime warns about the first and the third; the last task is cancelled
// at run()'s exit.
#include <type_traits>

#include "lesson.hpp"

namespace lessons {

namespace {

asyncio::Coroutine<> send_receipt(lesson::Context& ctx) {
    ctx.say("sending");
    co_await asyncio::sleep(1);
    ctx.say("sent");
}

asyncio::Coroutine<double> fetch_total(lesson::Context& ctx) {
    ctx.say("adding_up");
    co_await asyncio::sleep(1);
    co_return 42.5;
}

// Fails after `delay` seconds. Nobody will ask for its error.
asyncio::Coroutine<> charge_card(lesson::Context& ctx, double delay) {
    ctx.say("charging", {{"delay", delay}});
    co_await asyncio::sleep(delay);
    ctx.say("declined");
    throw asyncio::ValueError("card declined");
}

// Needs `delay` seconds, more than main will give it; says so when it is cancelled.
asyncio::Coroutine<> write_report(lesson::Context& ctx, double delay) {
    auto& loop = asyncio::EventLoop::current();
    const double end = loop.time() + delay;
    ctx.say("writing", {{"delay", delay}});
    try {
        co_await asyncio::sleep(delay);
    } catch (const asyncio::CancelledError&) {
        ctx.say("report_cancelled", {{"left", end - loop.time()}});
        throw;
    }
    ctx.say("report_written");
}

}  // namespace

asyncio::Coroutine<> common_mistakes(lesson::Context& ctx) {
    // Trap 1: a coroutine called without await. The call only builds a coroutine object,
    // dropped at once, unstarted: the runtime warns and names it. (Cast to void: C++ warns
    // about the dropped result at compile time, [[nodiscard]], and the build stays quiet.)
    ctx.say("trap_not_awaited");
    static_cast<void>(send_receipt(ctx));
    ctx.say("nothing_ran");
    ctx.say("fix_await");
    co_await send_receipt(ctx);

    // Trap 2: calling the coroutine object. coro() is no way to run it: in Python it raises
    // TypeError ('coroutine' object is not callable); in C++ it does not even compile, since
    // a Coroutine has no call operator. The program checks that at compile time.
    ctx.say("trap_call_object");
    auto coro = fetch_total(ctx);
    static_assert(!std::is_invocable_v<decltype(coro)&>, "a coroutine object is not callable");
    ctx.say("not_callable");
    ctx.say("fix_await_object");
    const double total = co_await std::move(coro);
    ctx.say("got_total", {{"total", total}});

    // Trap 3: a task that fails while nobody awaits it. Its error waits inside the task; the
    // runtime warns when the task is destroyed with the error never retrieved, here when
    // main returns and drops `payment`.
    ctx.say("trap_unretrieved");
    auto payment = asyncio::create_task(charge_card(ctx, 1), "payment");

    // Trap 4: main returns while a task still runs. run() does not wait for it: it cancels
    // every task left when main ends.
    ctx.say("trap_main_returns");
    auto report = asyncio::create_task(write_report(ctx, 5), "report");

    co_await asyncio::sleep(2);
    // done() does not retrieve the error; result() or exception() would.
    if (payment.done()) ctx.say("payment_done", {{"name", payment.get_name()}});
    if (!report.done()) ctx.say("main_returns", {{"name", report.get_name()}});
}

}  // namespace lessons
