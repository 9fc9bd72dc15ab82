#pragma once
// Runs a lesson the way `asyncdemo run` does, under the virtual clock, and gives the tests
// easy access to its lines and tasks so they can check the syllabus facts exactly.
#include <doctest/doctest.h>

#include <numeric>
#include <string>
#include <vector>

#include "catalogue/params.hpp"
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

inline Run run(std::string_view slug, std::vector<std::string> settings = {},
               i18n::Language language = i18n::Language::en) {
    const auto& catalogue = catalogue::builtin();
    const auto* lesson = catalogue.find(slug);
    REQUIRE(lesson != nullptr);
    auto params = catalogue::defaults(*lesson);
    for (const auto& s : settings) catalogue::apply_setting(*lesson, params, s);
    RunSettings settings_for_run;
    settings_for_run.language = language;
    settings_for_run.clock = asyncio::ClockKind::virtual_time;
    Run r{run_lesson(catalogue, *lesson, params, settings_for_run)};
    CHECK(to_string(r.result.outcome) == lesson->expected_outcome);
    return r;
}

inline std::string join(const std::vector<double>& values) {
    std::string text;
    for (double v : values) text += (text.empty() ? "" : ",") + std::to_string(v);
    return text;
}

// Several param sets per lesson: the defaults and others, edge cases included.
inline const std::vector<std::vector<double>> delay_sets{{1, 3, 2}, {1, 5, 3}, {0.5, 2.25, 1},
                                                         {2},       {0, 0, 1}, {3, 2, 1, 0.25}};

}  // namespace lesson_testing
