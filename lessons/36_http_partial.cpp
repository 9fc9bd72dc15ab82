// Lesson 36 · http-partial: asyncio.wait with a timeout takes what has finished by then; the
// requests still pending are cancelled, which closes their connections, and the server sees
// its client go away.
#include <vector>

#include "http_lessons.hpp"

namespace lessons {

namespace {
asyncio::Coroutine<double> fetch(lesson::Context& ctx, aiohttp::ClientSession& session,
                                 const LessonServer& server, int n, double latency) {
    const std::string path = delay_path(latency);
    ctx.say("fetching", {{"n", n}, {"path", path}});
    try {
        aiohttp::ClientResponse response = co_await session.get(server.url(path));
        ctx.say("fetched", {{"n", n}, {"status", response.status()}});
    } catch (const asyncio::CancelledError&) {
        ctx.say("fetch_cancelled", {{"n", n}});
        throw;
    }
    co_return latency;
}
}  // namespace

asyncio::Coroutine<> http_partial(lesson::Context& ctx) {
    const auto latencies = ctx.numbers("latencies");
    const double timeout = ctx.number("timeout");
    LessonServer server(asyncio::EventLoop::current());
    // Set when the server finds a request's client gone before its answer (status 0).
    asyncio::Event client_left("client_left");
    server.on_request([&client_left](const lesson_server::RequestRecord& record) {
        if (record.status == 0) client_left.set();
    });
    aiohttp::ClientSession session;

    std::vector<asyncio::Task<double>> requests;
    for (std::size_t i = 0; i < latencies.size(); ++i) {
        const int n = static_cast<int>(i + 1);
        requests.push_back(asyncio::create_task(fetch(ctx, session, server, n, latencies[i]),
                                                "fetch-" + std::to_string(n)));
    }
    ctx.say("waiting", {{"count", requests.size()}, {"timeout", timeout}});
    auto [done, pending] = co_await asyncio::wait(requests, timeout);
    ctx.say("returned", {{"done", done.size()}, {"pending", pending.size()}});
    for (const auto& task : done)
        ctx.say("kept", {{"name", task.get_name()}, {"result", task.result()}});
    for (const auto& task : pending) task.cancel();
    if (!pending.empty()) {
        co_await asyncio::wait(pending);
        co_await client_left.wait();
        ctx.say("server_saw", {{"abandoned", static_cast<long>(server.stats("/delay").abandoned)}});
    }
    co_await session.close();
}

}  // namespace lessons
