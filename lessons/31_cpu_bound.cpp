// Lesson 31 · cpu-bound: work that computes, rather than waits, needs a CPU core for all of
// its time. On the loop's thread such jobs run one after another. CPython's threads take turns
// too, because only the thread holding the GIL runs Python code; its processes do run side by
// side. C++ threads have no GIL: each gets a core of its own.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <ctime>
#include <string>
#include <thread>
#include <vector>

#include "lesson.hpp"

namespace lessons {

namespace {
// Arithmetic the compiler must keep, since its result is returned (the logistic map).
double arithmetic(std::uint64_t steps) {
    double x = 0.5;
    for (std::uint64_t i = 0; i < steps; ++i) x = 3.9 * x * (1.0 - x);
    return x;
}

// How many steps of arithmetic one core does in `seconds`, measured once on 50 ms of this
// process's CPU time (not wall time, which a busy machine would stretch).
std::uint64_t steps_for(double seconds) {
    static const double per_second = [] {
        const std::clock_t start = std::clock();
        const std::uint64_t chunk = 100'000;
        std::uint64_t steps = 0;
        double sink = 0;
        double used = 0;
        do {
            sink += arithmetic(chunk);
            steps += chunk;
            used = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
        } while (used < 0.05);
        // `+ sink * 0`: the result is used, so the compiler keeps the work.
        return static_cast<double>(steps) / used + sink * 0;
    }();
    return static_cast<std::uint64_t>(seconds * per_second);
}

// One job: `seconds` of one core's computing. Under the virtual clock asyncio::burn_cpu charges
// exactly that. Under the real clock it is a fixed number of steps, measured beforehand, so
// that two jobs sharing one core really take twice as long (burn_cpu would stop at its
// deadline, however little it had done).
struct Work {
    asyncio::Duration time;
    std::uint64_t steps;  // 0 under the virtual clock
};

// Where results go so that the optimizer keeps the work that made them (a result nobody
// reads lets a Release build drop the whole computation). Atomic: several worker threads
// store into it at once.
std::atomic<double> kept_result{0};

double compute(Work work) {
    const double result = work.steps == 0 ? asyncio::burn_cpu(work.time) : arithmetic(work.steps);
    kept_result.store(result, std::memory_order_relaxed);
    return result;
}

// What CPython does with threads: only the thread holding the GIL runs Python code, and it
// hands the GIL to a thread that wants it every switch interval (sys.getswitchinterval(),
// 5 ms). Modelled with one Lock, taken for one slice of the job at a time: the threads take
// turns, slice by slice, and all of them end near the end. (At most 50 slices a job, so that
// the timeline stays readable.)
constexpr double switch_interval = 0.005;
constexpr int most_slices = 50;

asyncio::Coroutine<double> python_thread(asyncio::Lock& gil, Work work) {
    const double seconds = asyncio::to_seconds(work.time);
    const int slices =
        std::clamp(static_cast<int>(std::ceil(seconds / switch_interval)), 1, most_slices);
    const Work slice{std::chrono::round<asyncio::Duration>(work.time / static_cast<double>(slices)),
                     work.steps / static_cast<std::uint64_t>(slices)};
    double result = 0;
    for (int i = 0; i < slices; ++i) {
        result += co_await asyncio::async_with(gil, [slice]() -> asyncio::Coroutine<double> {
            co_return co_await asyncio::to_thread(compute, slice);
        });
    }
    co_return result;
}

std::string numbered(const char* prefix, int n) {
    return prefix + std::to_string(n);
}
}  // namespace

asyncio::Coroutine<> cpu_bound(lesson::Context& ctx) {
    const auto jobs = static_cast<int>(ctx.integer("jobs"));
    const asyncio::Duration time = ctx.duration("work");
    const double seconds = asyncio::to_seconds(time);  // for the words and the step count
    auto& loop = asyncio::EventLoop::current();
    const bool virtual_clock = loop.clock() == asyncio::ClockKind::virtual_time;
    if (virtual_clock) {
        ctx.say("cores_virtual");
    } else {
        ctx.say("cores", {{"cores", static_cast<int>(std::thread::hardware_concurrency())}});
    }
    const Work work{time, virtual_clock ? 0 : steps_for(seconds / loop.speed())};

    // 1. On the loop's thread, one after another: plain code, or a coroutine, does this.
    ctx.say("on_loop", {{"jobs", jobs}, {"seconds", seconds}});
    double start = loop.time();
    for (int n = 1; n <= jobs; ++n) compute(work);
    const double on_loop = loop.time() - start;
    ctx.say("total", {{"seconds", on_loop}});

    // 2. On threads that must take turns: what CPython's threads do.
    ctx.say("with_gil");
    asyncio::Lock gil("GIL");
    start = loop.time();
    std::vector<asyncio::Task<double>> threads;
    for (int n = 1; n <= jobs; ++n) {
        threads.push_back(asyncio::create_task(python_thread(gil, work), numbered("thread-", n)));
    }
    co_await asyncio::gather(threads);
    ctx.say("total", {{"seconds", loop.time() - start}});

    // 3. On C++ threads, side by side, one core each (in Python: processes).
    ctx.say("in_parallel");
    start = loop.time();
    std::vector<asyncio::Task<double>> cores;
    for (int n = 1; n <= jobs; ++n) {
        cores.push_back(
            asyncio::create_task(asyncio::to_thread(compute, work), numbered("core-", n)));
    }
    co_await asyncio::gather(cores);
    const double parallel = loop.time() - start;
    ctx.say("total", {{"seconds", parallel}});
    ctx.say("speedup", {{"speedup", parallel > 0 ? on_loop / parallel : 1.0}});
}

}  // namespace lessons
