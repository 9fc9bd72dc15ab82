#include "asyncio/blocking.hpp"

#include <chrono>
#include <cmath>
#include <thread>

#include "asyncio/errors.hpp"
#include "asyncio/loop.hpp"
#include "asyncio/threads.hpp"

namespace asyncio {

namespace {

enum class Where { loop_thread, worker, other };

// Which clock the calling thread answers to, and at what speed.
struct ClockSite {
    Where where;
    ClockKind clock;
    double speed;
};

ClockSite context() {
    if (auto* job = detail::current_thread_job())
        return {Where::worker, job->clock(), job->speed()};
    if (auto* loop = EventLoop::current_or_null())
        return {Where::loop_thread, loop->clock(), loop->speed()};
    return {Where::other, ClockKind::real, 1.0};
}

void check(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0)
        throw ValueError("a duration must be a finite, non-negative number of seconds");
}

// Virtual clock: the cost lands on whatever the work was holding. False under the real clock.
bool simulate(const ClockSite& where, double seconds) {
    if (where.clock != ClockKind::virtual_time) return false;
    if (where.where == Where::worker) {
        detail::current_thread_job()->add_virtual_cost(seconds);
    } else {
        EventLoop::current().advance_virtual_time(seconds);
    }
    return true;
}

std::chrono::duration<double> wall(const ClockSite& where, double seconds) {
    return std::chrono::duration<double>(seconds / where.speed);
}

}  // namespace

void detail::blocking_sleep_seconds(double seconds) {
    check(seconds);
    const ClockSite where = context();
    if (simulate(where, seconds)) return;
    std::this_thread::sleep_for(wall(where, seconds));
}

double detail::burn_cpu_seconds(double seconds) {
    check(seconds);
    const ClockSite where = context();
    if (simulate(where, seconds)) return 0;
    const auto until =
        std::chrono::steady_clock::now() +
        std::chrono::duration_cast<std::chrono::steady_clock::duration>(wall(where, seconds));
    // Arithmetic the compiler must keep: its result is returned.
    double x = 0.5;
    do {
        for (int i = 0; i < 1000; ++i) x = x * 3.7 * (1.0 - x);
    } while (std::chrono::steady_clock::now() < until);
    return x;
}

}  // namespace asyncio
