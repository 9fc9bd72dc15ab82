#pragma once
// What a lesson program sees: its params and a way to say things, as plain values. A lesson
// never formats a timeline or reads the catalogue; `say` hands the runner the key of a line
// (declared under the lesson's "lines" in lessons.json) and its values, and the runner words
// it in the user's language and records it with the time and the running task. This header
// knows nothing of the runtime or of formatting: the i18n code fills lines from the same
// Value and Arg.
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "asyncio/duration.hpp"

namespace lesson {

// A value for a placeholder in a line: {n}, {delay}, {results}...
using Value =
    std::variant<std::int64_t, double, std::string, std::vector<double>, std::vector<std::string>>;

struct Arg {
    std::string_view name;
    Value value;
    Arg(std::string_view n, int v) : name(n), value(static_cast<std::int64_t>(v)) {}
    Arg(std::string_view n, long v) : name(n), value(static_cast<std::int64_t>(v)) {}
    Arg(std::string_view n, long long v) : name(n), value(static_cast<std::int64_t>(v)) {}
    Arg(std::string_view n, unsigned long v) : name(n), value(static_cast<std::int64_t>(v)) {}
    Arg(std::string_view n, double v) : name(n), value(v) {}
    Arg(std::string_view n, const char* v) : name(n), value(std::string(v)) {}
    Arg(std::string_view n, std::string v) : name(n), value(std::move(v)) {}
    Arg(std::string_view n, std::vector<double> v) : name(n), value(std::move(v)) {}
    Arg(std::string_view n, std::vector<int> v)
        : name(n), value(std::vector<double>(v.begin(), v.end())) {}
    Arg(std::string_view n, std::vector<std::string> v) : name(n), value(std::move(v)) {}
};

class Context {
  public:
    virtual ~Context() = default;
    // Params, already validated against the catalogue (type and range).
    virtual double number(std::string_view param) const = 0;
    // A "seconds" param, in the unit the loop's timers take: hand it to sleep or wait_for as is.
    virtual asyncio::Duration duration(std::string_view param) const = 0;
    virtual std::int64_t integer(std::string_view param) const = 0;
    virtual std::vector<double> numbers(std::string_view param) const = 0;
    // A "seconds_list" param (delays, latencies), each time in the timers' unit, as duration().
    virtual std::vector<asyncio::Duration> durations(std::string_view param) const = 0;
    virtual std::string choice(std::string_view param) const = 0;
    // Prints the line `key` with its placeholders filled, as the running task.
    virtual void say(std::string_view key, std::initializer_list<Arg> args = {}) = 0;
};

}  // namespace lesson
