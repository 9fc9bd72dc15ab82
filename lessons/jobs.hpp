#pragma once
// The job most lessons start from: announce, wait `delay` seconds without blocking the loop,
// announce the end, hand back the delay. Its lines (job_start, job_done) are the catalogue's
// common lines, so every lesson says them the same way.
#include "lesson.hpp"
#include "random.hpp"

namespace lessons {

// A delay's seconds, for the words and the value a job hands back; the wait itself takes the
// delay as it was given (a Duration reaches the timer without a trip through seconds).
inline double seconds_of(double delay) {
    return delay;
}
inline double seconds_of(asyncio::Duration delay) {
    return asyncio::to_seconds(delay);
}

inline asyncio::Coroutine<double> job(lesson::Context& ctx, int n, double delay) {
    ctx.say("job_start", {{"n", n}, {"delay", delay}});
    co_await asyncio::sleep(delay);
    ctx.say("job_done", {{"n", n}});
    co_return delay;
}

// The plain job that also says when it is cancelled while it waits (and lets the cancellation
// go on), and raises ValueError instead of returning when `fails`. Common lines too.
template <class Delay>  // double seconds or asyncio::Duration
asyncio::Coroutine<double> risky_job(lesson::Context& ctx, int n, Delay delay, bool fails) {
    ctx.say("job_start", {{"n", n}, {"delay", seconds_of(delay)}});
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
    co_return seconds_of(delay);
}

template <class Delay>
asyncio::Coroutine<double> cancellable_job(lesson::Context& ctx, int n, Delay delay) {
    return risky_job(ctx, n, delay, false);
}

// The lesson's `delays`, or, when none are given, five "unpredictable" ones drawn from `seed`
// alike in C++ and in the twin; says which (lines seeded_delays / given_delays).
inline std::vector<double> delays_or_seeded(lesson::Context& ctx) {
    auto delays = ctx.numbers("delays");
    const auto seed = ctx.integer("seed");
    if (delays.empty()) {
        delays = seeded_delays(static_cast<std::uint64_t>(seed), 5, 1, 5);
        ctx.say("seeded_delays", {{"seed", seed}, {"delays", delays}});
    } else {
        ctx.say("given_delays", {{"delays", delays}});
    }
    return delays;
}

// "job-1", "job-2"...: the names tasks get on the timeline.
inline std::string job_name(int n) {
    return "job-" + std::to_string(n);
}

}  // namespace lessons
