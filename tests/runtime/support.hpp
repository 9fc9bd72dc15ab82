#pragma once
// Helpers shared by the runtime tests: run a coroutine under the virtual clock and keep a
// log of "t=<seconds> <what>" lines, so a test can assert both order and exact times.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "asyncio/asyncio.hpp"

namespace doctest {
template <>
struct StringMaker<asyncio::WaitOn> {
    static String convert(asyncio::WaitOn on) { return std::string(to_string(on)).c_str(); }
};
template <>
struct StringMaker<std::vector<std::string>> {
    static String convert(const std::vector<std::string>& lines) {
        std::string text = "{";
        for (const auto& line : lines) text += "\"" + line + "\", ";
        return (text + "}").c_str();
    }
};
}  // namespace doctest

namespace testing {

// Loops a test closed with a handle left open on purpose; main() checks that the runtime's
// count of failed uv_loop_close calls is exactly this at the end of the suite.
inline std::size_t expected_failed_loop_closes = 0;

inline double now() {
    return asyncio::EventLoop::current().time();
}

// Exact for the virtual clock: times are whole nanoseconds, shown to the microsecond.
inline std::string stamp(double t) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", std::round(t * 1e6) / 1e6);
    return buffer;
}

struct Log {
    std::vector<std::string> lines;
    void add(const std::string& what) { lines.push_back(stamp(now()) + " " + what); }
};

// Awaits a task that may end cancelled, without letting the CancelledError escape.
inline asyncio::Coroutine<> settle(asyncio::Task<> task) {
    try {
        co_await task;
    } catch (const asyncio::CancelledError&) {
    }
}

template <class T>
T run_virtual(asyncio::Coroutine<T> main, asyncio::Observer* observer = nullptr) {
    asyncio::RunOptions options;
    options.clock = asyncio::ClockKind::virtual_time;
    options.observer = observer;
    return asyncio::run(std::move(main), options);
}

// Counts the loop's passes and throws Stopping{} at the end of pass `stop_at` (never when it is
// 0 or less): a run stopped after pass k, as --step's q stops a lesson. A test runs it after
// each k of a whole run in turn (see test_stream_teardown.cpp, stress/test_stop_at_step.cpp).
template <class Stopping>
class StopAfter : public asyncio::Observer {
  public:
    explicit StopAfter(long stop_at) : stop_at_(stop_at) {}
    void pass_finished(double) override {
        if (++passes == stop_at_) throw Stopping{};
    }
    long passes = 0;

  private:
    long stop_at_;
};

}  // namespace testing
