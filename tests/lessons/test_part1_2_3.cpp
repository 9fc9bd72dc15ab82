// Syllabus facts of the first lessons, for the defaults and for other param values.
#include <algorithm>
#include <string>

#include "support.hpp"

using lesson_testing::delay_sets;
using lesson_testing::join;
using lesson_testing::run;

TEST_CASE("hello: one line at t=0, one task, elapsed 0") {
    auto r = run("hello");
    REQUIRE(r.result.timeline.output.size() == 1);
    CHECK(r.result.timeline.output[0].t == 0);
    CHECK(r.elapsed() == 0);
    CHECK(r.task_count() == 1);
    CHECK(r.task("main").state == timeline::TaskState::done);
}

TEST_CASE("sleep: the second line comes `delay` after the first; the loop was free") {
    for (double delay : {1.0, 2.5, 0.0, 0.001, 600.0}) {
        CAPTURE(delay);
        auto r = run("sleep", {"delay=" + std::to_string(delay)});
        CHECK(r.lines("before").at(0).t == 0);
        CHECK(r.lines("after").at(0).t == doctest::Approx(delay));
        CHECK(r.elapsed() == doctest::Approx(delay));
        // Waiting on a timer is not running: main's own run segments take no time.
        for (const auto& s : r.task("main").segments)
            if (s.kind == timeline::SegmentKind::run) CHECK(s.end - s.start == 0);
    }
}

TEST_CASE("sequential: job i starts at the sum of the delays before it; elapsed = sum") {
    for (const auto& delays : delay_sets) {
        CAPTURE(join(delays));
        auto r = run("sequential", {"delays=" + join(delays)});
        auto starts = r.lines("job_start");
        auto ends = r.lines("job_done");
        REQUIRE(starts.size() == delays.size());
        double before = 0;
        for (std::size_t i = 0; i < delays.size(); ++i) {
            CHECK(starts[i].t == doctest::Approx(before));
            before += delays[i];
            CHECK(ends[i].t == doctest::Approx(before));
        }
        CHECK(r.elapsed() == doctest::Approx(before));
        CHECK(r.task_count() == 1);  // coroutines awaited in turn: no other task
    }
}

TEST_CASE(
    "create-task: tasks start when main gives the loop back, not at an await that does not "
    "suspend; task i ends at delays[i]") {
    for (const auto& delays : delay_sets) {
        CAPTURE(join(delays));
        auto r = run("create-task", {"delays=" + join(delays)});
        CHECK(r.index_of("tasks_created") < r.index_of("job_start"));
        CHECK(r.lines("tasks_created")[0].t == 0);
        // Awaiting a coroutine that never suspends starts nothing: every task is still pending.
        CHECK(r.index_of("awaited_no_suspend") < r.index_of("job_start"));
        CHECK(r.lines("awaited_no_suspend").at(0).text ==
              "await count_pending() returned " + std::to_string(delays.size()) +
                  " without suspending main: the loop got no turn, so no task has started yet");
        // sleep(0) gives the loop back: main resumes after every task's first step, at t=0.
        const auto given_back = r.index_of("loop_given_back");
        const auto& output = r.result.timeline.output;
        std::size_t starts_before = 0;
        for (std::size_t i = 0; i < given_back; ++i)
            if (output[i].key == "job_start") ++starts_before;
        CHECK(starts_before == delays.size());
        CHECK(r.lines("loop_given_back").at(0).t == 0);
        for (std::size_t i = 0; i < delays.size(); ++i) {
            const auto& task = r.task("job-" + std::to_string(i + 1));
            CHECK(*task.started == 0);
            CHECK(*task.finished == doctest::Approx(delays[i]));
        }
        CHECK(r.elapsed() == doctest::Approx(*std::max_element(delays.begin(), delays.end())));
    }
}

TEST_CASE("gather: results in argument order; each job ends at its delay; elapsed = max") {
    for (const auto& delays : delay_sets) {
        CAPTURE(join(delays));
        auto r = run("gather", {"delays=" + join(delays)});
        for (std::size_t i = 0; i < delays.size(); ++i) {
            CHECK(*r.task("job-" + std::to_string(i + 1)).finished == doctest::Approx(delays[i]));
        }
        const double longest = *std::max_element(delays.begin(), delays.end());
        CHECK(r.elapsed() == doctest::Approx(longest));
        auto results = r.lines("results");
        REQUIRE(results.size() == 1);
        CHECK(results[0].t == doctest::Approx(longest));
        std::string expected = "[";
        for (std::size_t i = 0; i < delays.size(); ++i) {
            expected +=
                (i ? ", " : "") +
                i18n::format_value(i18n::Language::en, std::vector<double>{delays[i]}).substr(1);
            expected.pop_back();
        }
        CHECK(results[0].text == "results, in argument order: " + expected + "]");
    }
}

TEST_CASE("the same run in every language has the same events at the same times") {
    auto en = run("gather", {}, i18n::Language::en);
    for (auto language : {i18n::Language::pt_BR, i18n::Language::uk}) {
        auto other = run("gather", {}, language);
        REQUIRE(other.result.timeline.output.size() == en.result.timeline.output.size());
        for (std::size_t i = 0; i < en.result.timeline.output.size(); ++i) {
            CHECK(other.result.timeline.output[i].key == en.result.timeline.output[i].key);
            CHECK(other.result.timeline.output[i].t == en.result.timeline.output[i].t);
            CHECK(other.result.timeline.output[i].text != en.result.timeline.output[i].text);
        }
    }
}
