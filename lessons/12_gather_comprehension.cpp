// Lesson 12 · gather-comprehension: an await inside a loop waits for each square in turn;
// gather waits for all of them at once. Both give the same list.
#include <vector>

#include "lesson.hpp"

namespace lessons {

namespace {
asyncio::Coroutine<double> square(lesson::Context& ctx, double n, asyncio::Duration delay) {
    co_await asyncio::sleep(delay);
    ctx.say("squared", {{"n", n}, {"square", n * n}});
    co_return n* n;
}
}  // namespace

asyncio::Coroutine<> gather_comprehension(lesson::Context& ctx) {
    const auto numbers = ctx.numbers("numbers");
    const asyncio::Duration delay = ctx.duration("delay");
    auto& loop = asyncio::EventLoop::current();

    // [await square(n) for n in numbers]: each square starts when the one before has ended.
    ctx.say("one_by_one", {{"count", numbers.size()}});
    double start = loop.time();
    std::vector<double> squares;
    for (double n : numbers) squares.push_back(co_await square(ctx, n, delay));
    ctx.say("squares", {{"squares", squares}, {"seconds", loop.time() - start}});

    // await gather(*[square(n) for n in numbers]): gather makes a task of each coroutine,
    // and all of them wait at the same time.
    ctx.say("all_at_once", {{"count", numbers.size()}});
    start = loop.time();
    std::vector<asyncio::Coroutine<double>> coros;
    for (double n : numbers) coros.push_back(square(ctx, n, delay));
    squares = co_await asyncio::gather(std::move(coros));
    ctx.say("squares", {{"squares", squares}, {"seconds", loop.time() - start}});
}

}  // namespace lessons
