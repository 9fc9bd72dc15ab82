#pragma once
// The job most lessons start from: announce, wait `delay` without blocking the loop, announce
// the end, hand back the delay in seconds. Its lines (job_start, job_done) are the catalogue's
// common lines, so every lesson says them the same way.
#include <chrono>
#include <vector>

#include "lesson.hpp"
#include "random.hpp"

namespace lessons {

// Seconds a lesson worked out itself (delays drawn from a seed), once into the timers' unit,
// to the nearest nanosecond as the --set parser rounds what was typed.
inline std::vector<asyncio::Duration> durations_of(const std::vector<double>& seconds) {
    std::vector<asyncio::Duration> durations;
    durations.reserve(seconds.size());
    for (double s : seconds)
        durations.push_back(
            std::chrono::round<asyncio::Duration>(std::chrono::duration<double>(s)));
    return durations;
}

// Times in seconds, for the words ({delays}); the waits take the durations as they are.
inline std::vector<double> seconds_of(const std::vector<asyncio::Duration>& durations) {
    std::vector<double> seconds;
    seconds.reserve(durations.size());
    for (auto d : durations) seconds.push_back(asyncio::to_seconds(d));
    return seconds;
}

// The job waits its delay as it was given; the seconds are for the words and for the value it
// hands back (Python's job returns its delay, a float).
inline asyncio::Coroutine<double> job(lesson::Context& ctx, int n, asyncio::Duration delay) {
    const double seconds = asyncio::to_seconds(delay);
    ctx.say("job_start", {{"n", n}, {"delay", seconds}});
    co_await asyncio::sleep(delay);
    ctx.say("job_done", {{"n", n}});
    co_return seconds;
}

// The plain job that also says when it is cancelled while it waits (and lets the cancellation
// go on), and raises ValueError instead of returning when `fails`. Common lines too.
inline asyncio::Coroutine<double> risky_job(lesson::Context& ctx, int n, asyncio::Duration delay,
                                            bool fails) {
    const double seconds = asyncio::to_seconds(delay);
    ctx.say("job_start", {{"n", n}, {"delay", seconds}});
    try {
        co_await asyncio::sleep(delay);
    } catch (const asyncio::CancelledError&) {
        ctx.say("job_cancelled", {{"n", n}});
        throw;
    }
    if (fails) {
        ctx.say("job_raises", {{"n", n}});
        throw asyncio::ValueError("job-" + std::to_string(n));
    }
    ctx.say("job_done", {{"n", n}});
    co_return seconds;
}

inline asyncio::Coroutine<double> cancellable_job(lesson::Context& ctx, int n,
                                                  asyncio::Duration delay) {
    return risky_job(ctx, n, delay, false);
}

// The lesson's `delays`, or, when none are given, five "unpredictable" ones drawn from `seed`
// alike in C++ and in the twin; says which (lines seeded_delays / given_delays).
inline std::vector<asyncio::Duration> delays_or_seeded(lesson::Context& ctx) {
    auto delays = ctx.durations("delays");
    const auto seed = ctx.integer("seed");
    if (delays.empty()) {
        const auto seeded = seeded_delays(static_cast<std::uint64_t>(seed), 5, 1, 5);
        ctx.say("seeded_delays", {{"seed", seed}, {"delays", seeded}});
        delays = durations_of(seeded);
    } else {
        ctx.say("given_delays", {{"delays", seconds_of(delays)}});
    }
    return delays;
}

// "job-1", "job-2"...: the names tasks get on the timeline.
inline std::string job_name(int n) {
    return "job-" + std::to_string(n);
}

}  // namespace lessons
