// Lesson 39 · run-in-executor: a library that only knows how to block (requests in Python,
// libcurl's easy interface here) still fits in an asyncio program: loop.run_in_executor hands
// the blocking GET to a worker thread and gives back a future to await, while another task
// keeps ticking on the loop. The GET goes to the lessons' local test server, whose
// /delay?seconds=S route answers after S seconds.
#include <sstream>
#include <string>

#include "aiohttp/blocking.hpp"
#include "http_lessons.hpp"
#include "lesson.hpp"

namespace lessons {

namespace {
constexpr double tick_every = 0.25;

// Ticks every 0.25 s until the GET is done: the loop is free while the thread blocks.
asyncio::Coroutine<> ticker(lesson::Context& ctx, asyncio::Future<aiohttp::ClientResponse> get) {
    int n = 0;
    for (;;) {
        co_await asyncio::sleep(tick_every);
        if (get.done()) break;
        ++n;
        ctx.say("tick", {{"n", n}});
    }
}

// A number as Python's f-string writes it in a URL: 1, 0.5, 1.25.
std::string url_number(double x) {
    std::ostringstream text;
    text << x;
    return text.str();
}
}  // namespace

asyncio::Coroutine<> run_in_executor(lesson::Context& ctx) {
    const double latency = ctx.number("latency");
    auto& loop = asyncio::EventLoop::current();
    LessonServer server(loop);  // `asyncdemo serve`, inside this program (or a running one)

    // Under the virtual clock the loop stops time while a real call runs on a thread, so a
    // server that answers late would never answer: the route answers at once and the call
    // is given the latency as its simulated cost (DESIGN.md, "Virtual time with real I/O").
    const bool virtual_clock = loop.clock() == asyncio::ClockKind::virtual_time;
    const double answer_after = virtual_clock ? 0.0 : latency;
    const std::string url = server.url("/delay?seconds=" + url_number(answer_after));
    auto blocking_get = [url, cost = latency - answer_after] {
        asyncio::blocking_sleep(cost);      // nothing under the real clock
        return aiohttp::blocking_get(url);  // requests.get(url): blocks its thread
    };

    ctx.say("get_start", {{"latency", latency}});
    const double start = loop.time();
    auto get = asyncio::run_in_executor(loop, blocking_get);
    auto ticking = asyncio::create_task(ticker(ctx, get), "ticker");
    const auto response = co_await get;
    ctx.say("get_done", {{"status", response.status()}, {"seconds", loop.time() - start}});
    co_await ticking;
}

}  // namespace lessons
