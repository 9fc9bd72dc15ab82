#pragma once
// Simulated blocking work that still shows as blocking under the virtual clock
// (docs/CONTRACT.md, "Clocks").
//
// Where it is called decides what it blocks:
// - in a task or callback on the loop thread, it holds the loop: under the real clock the
//   thread really waits (or burns CPU), under the virtual clock the loop's time jumps by the
//   cost at once, so every other task sees the loop was held that long, and the slow-step
//   alarm fires as it would for real;
// - inside a to_thread job it holds that worker: real clock, the worker waits; virtual clock,
//   the cost is added to the job's, which ends that much later in virtual time;
// - on any other thread it really waits, at speed 1.
// Under the real clock, times are lesson seconds, scaled by the loop's --speed.
//
// Each takes Python's float seconds or a Duration (a lesson's time param). They are objects
// rather than overloaded functions so that either spelling still passes by name, as in
// to_thread(asyncio::blocking_sleep, d).
#include "asyncio/duration.hpp"

namespace asyncio {

namespace detail {
void blocking_sleep_seconds(double seconds);
double burn_cpu_seconds(double seconds);
}  // namespace detail

// Python's time.sleep(seconds): blocks the thread, not just the task.
struct BlockingSleep {
    void operator()(double seconds) const { detail::blocking_sleep_seconds(seconds); }
    void operator()(Duration d) const { detail::blocking_sleep_seconds(to_seconds(d)); }
};
inline constexpr BlockingSleep blocking_sleep{};

// Keeps a CPU busy for `seconds` (real clock) or costs that much time (virtual clock), like
// a loop of arithmetic in a lesson. Returns a value derived from the work so that it cannot
// be optimised away.
struct BurnCpu {
    double operator()(double seconds) const { return detail::burn_cpu_seconds(seconds); }
    double operator()(Duration d) const { return detail::burn_cpu_seconds(to_seconds(d)); }
};
inline constexpr BurnCpu burn_cpu{};

}  // namespace asyncio
