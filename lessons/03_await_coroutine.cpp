// Lesson 3 · await-coroutine: awaiting a coroutine runs it to the end and hands back its value.
#include <vector>

#include "lesson.hpp"

namespace lessons {

namespace {
// A slow catalogue service: answers after `delay` seconds with a list of product codes.
asyncio::Coroutine<std::vector<int>> fetch_products(lesson::Context& ctx, asyncio::Duration delay) {
    ctx.say("fetching", {{"delay", asyncio::to_seconds(delay)}});
    co_await asyncio::sleep(delay);
    std::vector<int> products{101, 205, 317};
    ctx.say("fetched", {{"count", products.size()}});
    co_return products;
}
}  // namespace

asyncio::Coroutine<> await_coroutine(lesson::Context& ctx) {
    const asyncio::Duration delay = ctx.duration("delay");
    ctx.say("asking");
    // The body of fetch_products runs here, inside main; await hands back what it returns.
    const std::vector<int> products = co_await fetch_products(ctx, delay);
    ctx.say("got_products", {{"count", products.size()}, {"products", products}});
}

}  // namespace lessons
