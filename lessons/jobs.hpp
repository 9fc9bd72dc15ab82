#pragma once
// The job most lessons start from: announce, wait `delay` seconds without blocking the loop,
// announce the end, hand back the delay. Its lines (job_start, job_done) are the catalogue's
// common lines, so every lesson says them the same way.
#include "lesson.hpp"

namespace lessons {

inline asyncio::Coroutine<double> job(lesson::Context& ctx, int n, double delay) {
    ctx.say("job_start", {{"n", n}, {"delay", delay}});
    co_await asyncio::sleep(delay);
    ctx.say("job_done", {{"n", n}});
    co_return delay;
}

// "job-1", "job-2"...: the names tasks get on the timeline.
inline std::string job_name(int n) {
    return "job-" + std::to_string(n);
}

}  // namespace lessons
