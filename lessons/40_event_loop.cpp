// Lesson 40 · event-loop: a loop driven by hand, as Python code does with new_event_loop(),
// run_until_complete(), run_forever(), stop() and close(). Two periodic tasks print the time
// while it runs, and main says what the loop is made of.
#include <uv.h>

#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "lesson.hpp"
#include "random.hpp"

namespace lessons {

namespace {

// Prints loop.time() at every multiple of `period` until it is cancelled. It sleeps until the
// next multiple, not `period` after the last tick, so the ticks do not drift.
asyncio::Coroutine<> ticker(lesson::Context& ctx, double period) {
    auto& loop = asyncio::EventLoop::current();
    const std::string name = asyncio::current_task()->get_name();
    ctx.say("ticker_start", {{"name", name}, {"period", period}});
    int ticks = 0;
    try {
        while (true) {
            const double next_tick = (ticks + 1) * period;
            co_await asyncio::sleep(next_tick - loop.time());
            ++ticks;
            ctx.say("tick", {{"name", name}, {"n", ticks}, {"time", loop.time()}});
        }
    } catch (const asyncio::CancelledError&) {
        ctx.say("ticker_cancelled", {{"name", name}, {"ticks", ticks}});
        throw;
    }
}

// What the loop waits with: libuv hands its backend out as uv_backend_fd(). On Linux that is
// an epoll instance, which the kernel lists as anon_inode:[eventpoll]; macOS and the BSDs
// use kqueue.
struct Backend {
    std::string name;  // epoll, kqueue...
    std::string kind;  // what the kernel calls the file descriptor
};

Backend backend_of(asyncio::EventLoop& loop) {
    const int fd = uv_backend_fd(loop.uv());
#if defined(__linux__)
    const std::string name = "epoll";
#elif defined(__APPLE__) || defined(__FreeBSD__) || defined(__OpenBSD__) || defined(__NetBSD__)
    const std::string name = "kqueue";
#else
    const std::string name = "poll";
#endif
    std::error_code error;
    const auto target = std::filesystem::read_symlink("/proc/self/fd/" + std::to_string(fd), error);
    return {name, error ? "fd " + std::to_string(fd) : target.string()};
}

// The main coroutine of run_until_complete: it says what the loop is made of and returns
// the name of its backend.
asyncio::Coroutine<std::string> inspect(lesson::Context& ctx) {
    auto& loop = asyncio::EventLoop::current();
    ctx.say("until_complete");
    const Backend backend = backend_of(loop);
    ctx.say("backend", {{"backend", backend.name}, {"kind", backend.kind}});
    // One pass of asyncdemo's loop (EventLoop::run_once), the same shape as CPython's
    // _run_once: wait for I/O or for the next timer, move the due timers to the ready queue,
    // run what was ready when the pass began.
    ctx.say("one_pass");
    // The wait is one turn of libuv (uv_run with UV_RUN_ONCE or UV_RUN_NOWAIT), which goes
    // through libuv's own phases.
    ctx.say("phases_wait");
    ctx.say("phases_poll", {{"backend", backend.name}});
    co_return backend.name;
}

// The end of the story: waits until the cancelled tickers have ended.
asyncio::Coroutine<> shutdown(lesson::Context& ctx, std::vector<asyncio::Task<>> tickers) {
    co_await asyncio::wait(tickers);
    ctx.say("closing", {{"count", tickers.size()}});
}

}  // namespace

void event_loop(lesson::Context& ctx, const asyncio::LoopOptions& options) {
    const asyncio::Duration duration = ctx.duration("duration");
    const auto seed = ctx.integer("seed");
    const std::vector<double> periods = seeded_delays(static_cast<std::uint64_t>(seed), 2, 1, 3);

    // loop = asyncio.new_event_loop(): made, not running. (The options carry the run's clock
    // and the observer that draws the timeline.) Not get_event_loop() at module level: see the
    // lesson's correction.
    asyncio::EventLoop loop(options);
    // Tasks made before the loop runs wait in its ready queue for its first pass.
    auto ticker_a = asyncio::create_task(loop, ticker(ctx, periods[0]), "ticker-a");
    auto ticker_b = asyncio::create_task(loop, ticker(ctx, periods[1]), "ticker-b");

    // 1. run_until_complete(main): the loop runs until main is done, and every task that is
    //    ready runs meanwhile, the tickers too.
    auto main_task = asyncio::create_task(loop, inspect(ctx), "main");
    loop.run_until_complete(main_task.core());
    const std::string backend = main_task.result();

    // 2. run_forever(): the loop runs until something calls stop(), here a timer callback.
    //    Callbacks run on the loop outside any task; they speak for the code out here.
    loop.call_soon([&] {
        ctx.say("returned", {{"backend", backend}});
        ctx.say("forever", {{"duration", asyncio::to_seconds(duration)}});
    });
    loop.call_later(duration, [&] {
        ctx.say("stop", {{"time", loop.time()}});
        loop.stop();
    });
    loop.run_forever();

    // 3. What asyncio.run() does before closing its loop: cancel the tasks still alive, then
    //    run the loop until they have ended.
    ticker_a.cancel();
    ticker_b.cancel();
    const std::vector tickers{ticker_a, ticker_b};
    auto shutdown_task = asyncio::create_task(loop, shutdown(ctx, tickers), "shutdown");
    loop.run_until_complete(shutdown_task.core());
    shutdown_task.result();

    // 4. loop.close(): frees libuv's handles; uv_loop_close must succeed.
    loop.close();
    if (!loop.closed_cleanly())
        throw asyncio::RuntimeError("uv_loop_close failed: a libuv handle was left open");
}

}  // namespace lessons
