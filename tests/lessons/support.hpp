#pragma once
// Runs a lesson the way `asyncdemo run` does, under the virtual clock, and gives the tests
// easy access to its lines and tasks so they can check the syllabus facts exactly.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "catalogue/params.hpp"
#include "i18n/format.hpp"
#include "runner/lesson_runner.hpp"

namespace lesson_testing {

struct Run {
    RunResult result;

    double elapsed() const { return result.timeline.elapsed; }
    // Every line said with `key`, in order.
    std::vector<timeline::OutputLine> lines(std::string_view key) const {
        std::vector<timeline::OutputLine> found;
        for (const auto& line : result.timeline.output)
            if (line.key == key) found.push_back(line);
        return found;
    }
    // Position of the first line with `key` in the whole output.
    std::size_t index_of(std::string_view key) const {
        for (std::size_t i = 0; i < result.timeline.output.size(); ++i)
            if (result.timeline.output[i].key == key) return i;
        FAIL("no line " << key);
        return 0;
    }
    const timeline::Task& task(std::string_view name) const {
        for (const auto& t : result.timeline.tasks)
            if (t.name == name) return t;
        FAIL("no task " << name);
        throw std::logic_error("unreachable");
    }
    std::size_t task_count() const { return result.timeline.tasks.size(); }
};

// The lesson with its defaults and `settings` ("name=value", as --set takes them), run as
// `how` says.
inline RunResult run_as(std::string_view slug, const std::vector<std::string>& settings,
                        const RunSettings& how) {
    const auto& catalogue = catalogue::builtin();
    const auto* lesson = catalogue.find(slug);
    REQUIRE(lesson != nullptr);
    auto params = catalogue::defaults(*lesson);
    for (const auto& s : settings) catalogue::apply_setting(*lesson, params, s);
    return run_lesson(catalogue, *lesson, params, how);
}

inline Run run(std::string_view slug, std::vector<std::string> settings = {},
               i18n::Language language = i18n::Language::en) {
    RunSettings how;
    how.language = language;
    how.clock = asyncio::ClockKind::virtual_time;
    Run r{run_as(slug, settings, how)};
    CHECK(to_string(r.result.outcome) == catalogue::builtin().find(slug)->expected_outcome);
    return r;
}

// The same on the clock asked for, without checking the outcome (a real-clock run may be late).
inline RunResult run_with_clock(std::string_view slug, asyncio::ClockKind clock,
                                std::vector<std::string> settings = {}) {
    RunSettings how;
    how.clock = clock;
    return run_as(slug, settings, how);
}

inline std::string join(const std::vector<double>& values) {
    std::string text;
    for (double v : values) text += (text.empty() ? "" : ",") + std::to_string(v);
    return text;
}

// Virtual time counts whole nanoseconds: a sum of delays may differ from the double sum in
// its last bits, never by more than this.
inline bool same_time(double a, double b) {
    return std::fabs(a - b) < 1e-9;
}

inline double max_of(const std::vector<double>& values) {
    return values.empty() ? 0.0 : *std::max_element(values.begin(), values.end());
}

inline double sum_of(const std::vector<double>& values) {
    return std::accumulate(values.begin(), values.end(), 0.0);
}

// The task name the lessons give their n-th job.
inline std::string job(std::size_t n) {
    return "job-" + std::to_string(n);
}

// A number as the English narration writes it ("2.5").
inline std::string number(double value) {
    return i18n::format_number(i18n::Language::en, value);
}

// "--set" text for a number param: setting("delay", 2.5) is "delay=2.5".
inline std::string setting(const char* name, double value) {
    return std::string(name) + "=" + number(value);
}

// The lines said with `key` by the task called `name`.
inline std::vector<timeline::OutputLine> lines_of(const Run& r, std::string_view key,
                                                  std::string_view name) {
    std::vector<timeline::OutputLine> found;
    const auto id = r.task(name).id;
    for (const auto& line : r.lines(key))
        if (line.task == id) found.push_back(line);
    return found;
}

// Several param sets per lesson: the defaults and others, edge cases included.
inline const std::vector<std::vector<double>> delay_sets{{1, 3, 2}, {1, 5, 3}, {0.5, 2.25, 1},
                                                         {2},       {0, 0, 1}, {3, 2, 1, 0.25}};

}  // namespace lesson_testing
