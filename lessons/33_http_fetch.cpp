// Lesson 33 · http-fetch: real HTTP requests to the local test server, whose routes answer
// after their latency. One after another they take the sum of the latencies; together, with
// gather, the longest one.
#include <vector>

#include "http_lessons.hpp"

namespace lessons {

namespace {
asyncio::Coroutine<double> fetch(lesson::Context& ctx, aiohttp::ClientSession& session,
                                 const LessonServer& server, int n, double latency) {
    const std::string path = delay_path(latency);
    ctx.say("fetching", {{"n", n}, {"path", path}});
    aiohttp::ClientResponse response = co_await session.get(server.url(path));
    const std::string body = co_await response.text();
    ctx.say("fetched", {{"n", n}, {"status", response.status()}});
    co_return latency;
}
}  // namespace

asyncio::Coroutine<> http_fetch(lesson::Context& ctx) {
    const auto latencies = ctx.numbers("latencies");
    auto& loop = asyncio::EventLoop::current();
    LessonServer server(loop);  // 127.0.0.1, a free port (or `asyncdemo serve`)
    aiohttp::ClientSession session;
    ctx.say("server_ready", {{"count", latencies.size()}});

    const double start = loop.time();
    for (std::size_t i = 0; i < latencies.size(); ++i)
        co_await fetch(ctx, session, server, static_cast<int>(i + 1), latencies[i]);
    ctx.say("one_by_one", {{"seconds", loop.time() - start}});

    const double together = loop.time();
    std::vector<asyncio::Task<double>> requests;
    for (std::size_t i = 0; i < latencies.size(); ++i) {
        const int n = static_cast<int>(i + 1);
        requests.push_back(asyncio::create_task(fetch(ctx, session, server, n, latencies[i]),
                                                "fetch-" + std::to_string(n)));
    }
    co_await asyncio::gather(requests);
    ctx.say("together", {{"seconds", loop.time() - together}});
    co_await session.close();
}

}  // namespace lessons
