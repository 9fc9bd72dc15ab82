// Lesson 35 · http-retry: a route that fails `fail_times` times before it answers. A retry
// loop tries again after a pause, up to `max_tries` tries, and only gives up after the last
// one (a loop that returns after the first failure never retries at all).
#include "http_lessons.hpp"

namespace lessons {

namespace {
// True as soon as a try succeeds; false once every try has failed.
asyncio::Coroutine<bool> fetch_with_retries(lesson::Context& ctx, aiohttp::ClientSession& session,
                                            std::string url, int max_tries, double backoff) {
    for (int attempt = 1; attempt <= max_tries; ++attempt) {
        ctx.say("trying", {{"attempt", attempt}, {"max_tries", max_tries}});
        aiohttp::ClientResponse response = co_await session.get(url);
        if (response.ok()) {
            ctx.say("succeeded", {{"attempt", attempt}, {"status", response.status()}});
            co_return true;
        }
        ctx.say("failed", {{"attempt", attempt}, {"status", response.status()}});
        // Not `return` here: that is the mistake the lesson corrects. Pause, then go round.
        if (attempt < max_tries) {
            ctx.say("pausing", {{"seconds", backoff}});
            co_await asyncio::sleep(backoff);
        }
    }
    ctx.say("gave_up", {{"max_tries", max_tries}});
    co_return false;
}
}  // namespace

asyncio::Coroutine<> http_retry(lesson::Context& ctx) {
    const auto max_tries = static_cast<int>(ctx.integer("max_tries"));
    const auto fail_times = static_cast<int>(ctx.integer("fail_times"));
    const double backoff = ctx.number("backoff");
    LessonServer server(asyncio::EventLoop::current());
    // The lesson's own route: 503 for the first fail_times requests, then 200.
    lesson_server::Answer unstable;
    unstable.fail_times = fail_times;
    server.set_route("/unstable", unstable);
    aiohttp::ClientSession session;

    ctx.say("route", {{"fail_times", fail_times}});
    const bool ok =
        co_await fetch_with_retries(ctx, session, server.url("/unstable"), max_tries, backoff);
    co_await session.close();
    const auto& seen = server.stats("/unstable");
    ctx.say("server_counts", {{"requests", static_cast<long>(seen.requests)},
                              {"failures", static_cast<long>(seen.failures)}});
    if (ok)
        ctx.say("result_ok");
    else
        ctx.say("result_failed");
}

}  // namespace lessons
