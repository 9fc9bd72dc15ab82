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
namespace asyncio {

// Python's time.sleep(seconds): blocks the thread, not just the task.
void blocking_sleep(double seconds);

// Keeps a CPU busy for `seconds` (real clock) or costs that much time (virtual clock), like
// a loop of arithmetic in a lesson. Returns a value derived from the work so that it cannot
// be optimised away.
double burn_cpu(double seconds);

}  // namespace asyncio
