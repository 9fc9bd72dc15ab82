// Lesson 34 · http-limit: a Semaphore caps the requests in flight. The server counts how many
// it holds at once and never sees more than the limit; the run takes about
// ceil(requests / limit) × latency.
#include <vector>

#include "http_lessons.hpp"

namespace lessons {

namespace {
asyncio::Coroutine<> limited_fetch(aiohttp::ClientSession& session, asyncio::Semaphore& limit,
                                   std::string url) {
    co_await asyncio::async_with(limit, [&]() -> asyncio::Coroutine<> {
        aiohttp::ClientResponse response = co_await session.get(url);
        response.raise_for_status();
    });
}
}  // namespace

asyncio::Coroutine<> http_limit(lesson::Context& ctx) {
    const auto requests = static_cast<int>(ctx.integer("requests"));
    const auto limit = static_cast<int>(ctx.integer("limit"));
    const double latency = ctx.number("latency");
    auto& loop = asyncio::EventLoop::current();
    const double start = loop.time();
    LessonServer server(loop);
    aiohttp::ClientSession session;
    asyncio::Semaphore places(limit, "limit");

    std::vector<asyncio::Task<>> tasks;
    for (int n = 1; n <= requests; ++n)
        tasks.push_back(
            asyncio::create_task(limited_fetch(session, places, delay_url(server, latency)),
                                 "request-" + std::to_string(n)));
    ctx.say("sending", {{"requests", requests}, {"limit", limit}, {"latency", latency}});
    co_await asyncio::gather(tasks);
    co_await session.close();

    const auto& seen = server.stats("/delay");
    ctx.say("server_counts", {{"answered", static_cast<long>(seen.requests)},
                              {"peak", static_cast<long>(seen.peak_in_flight)},
                              {"limit", limit}});
    ctx.say("finished", {{"seconds", loop.time() - start}});
}

}  // namespace lessons
