#pragma once
// A span of loop time: whole nanoseconds, the unit the loop keeps its clock and timers in.
// A lesson's time param is parsed into this once, at the command line, and reaches the timer
// as it is: sleep, call_later, timeout and wait_for take it besides Python's float seconds.
#include <chrono>

namespace asyncio {

using Duration = std::chrono::nanoseconds;

// Seconds, for the words a lesson prints ("waits 2.5 s") and Python-shaped values (when()).
inline double to_seconds(Duration d) noexcept {
    return std::chrono::duration<double>(d).count();
}

}  // namespace asyncio
