// Lesson 25 · event: one task waits on an Event until another one sets it. The e-mail cannot
// go out before the promotions are ready, and it does not poll for them: it just waits.
#include "lesson.hpp"

namespace lessons {

namespace {
asyncio::Coroutine<> update_promotions(lesson::Context& ctx, asyncio::Event& ready,
                                       asyncio::Duration update) {
    ctx.say("updating", {{"seconds", asyncio::to_seconds(update)}});
    co_await asyncio::sleep(update);
    ctx.say("promotions_ready");
    ready.set();  // wakes every task waiting on the event
}

asyncio::Coroutine<> send_email(lesson::Context& ctx, asyncio::Event& ready,
                                asyncio::Duration fetch, asyncio::Duration send) {
    ctx.say("waiting_promotions");
    co_await ready.wait();
    ctx.say("fetching", {{"seconds", asyncio::to_seconds(fetch)}});
    co_await asyncio::sleep(fetch);
    ctx.say("sending", {{"seconds", asyncio::to_seconds(send)}});
    co_await asyncio::sleep(send);
    ctx.say("sent");
}
}  // namespace

asyncio::Coroutine<> event(lesson::Context& ctx) {
    const asyncio::Duration update = ctx.duration("update");
    const asyncio::Duration fetch = ctx.duration("fetch");
    const asyncio::Duration send = ctx.duration("send");
    asyncio::Event ready("promotions");
    auto email = asyncio::create_task(send_email(ctx, ready, fetch, send), "email");
    auto promo = asyncio::create_task(update_promotions(ctx, ready, update), "promo");
    co_await asyncio::gather(email, promo);
    ctx.say("finished", {{"seconds", asyncio::EventLoop::current().time()}});
}

}  // namespace lessons
