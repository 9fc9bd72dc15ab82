// Syllabus facts of part 2, tasks (lessons 7 to 10: create-task, tasks-then-coroutines,
// cancel, task-state), for the defaults and for other param values, under the virtual clock.
#include <algorithm>
#include <numeric>
#include <string>

#include "support.hpp"

using lesson_testing::delay_sets;
using lesson_testing::job;
using lesson_testing::join;
using lesson_testing::lines_of;
using lesson_testing::max_of;
using lesson_testing::run;
using lesson_testing::sum_of;

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

TEST_CASE("tasks-then-coroutines: the tasks overlap, then the coroutines make a staircase") {
    struct Case {
        std::vector<double> task_delays, coro_delays;
    };
    const std::vector<Case> cases{
        {{1, 2}, {3, 4}}, {{3, 1}, {0.5, 0.5}}, {{1, 2, 4}, {2}},
        {{5}, {1, 1, 1}}, {{0, 0}, {0}},        {{2.25, 0.5}, {1.5, 0.25}},
    };
    for (const auto& c : cases) {
        CAPTURE(join(c.task_delays));
        CAPTURE(join(c.coro_delays));
        auto r = run("tasks-then-coroutines",
                     {"task_delays=" + join(c.task_delays), "coro_delays=" + join(c.coro_delays)});
        const double tasks_end = max_of(c.task_delays);

        // Tasks: created before any of them runs, all started at 0, each done at its delay.
        CHECK(r.lines("tasks_created").at(0).t == 0);
        CHECK(r.index_of("tasks_created") < r.index_of("job_start"));
        for (std::size_t i = 0; i < c.task_delays.size(); ++i) {
            const auto& task = r.task(job(i + 1));
            CHECK(*task.started == 0);
            CHECK(*task.finished == c.task_delays[i]);
        }
        CHECK(r.lines("coroutines_next").at(0).t == tasks_end);

        // Coroutines: awaited by main itself, each starting when the previous one ended.
        const auto starts = lines_of(r, "job_start", "main");
        const auto ends = lines_of(r, "job_done", "main");
        REQUIRE(starts.size() == c.coro_delays.size());
        REQUIRE(ends.size() == c.coro_delays.size());
        double before = tasks_end;
        for (std::size_t i = 0; i < c.coro_delays.size(); ++i) {
            CHECK(starts[i].t == doctest::Approx(before));
            before += c.coro_delays[i];
            CHECK(ends[i].t == doctest::Approx(before));
        }
        const double expected = tasks_end + sum_of(c.coro_delays);
        CHECK(r.lines("finished").at(0).t == doctest::Approx(expected));
        CHECK(r.elapsed() == doctest::Approx(expected));
        CHECK(r.task_count() == c.task_delays.size() + 1);
    }
    CHECK(run("tasks-then-coroutines").elapsed() == 9);
    CHECK(run("tasks-then-coroutines").lines("finished").at(0).text == "finished at t=9 s");
}

TEST_CASE("cancel: the task at `cancel` ends cancelled when main reaches it; no wait for it") {
    struct Case {
        std::vector<double> delays;
        std::size_t cancel;
    };
    const std::vector<Case> cases{
        {{3, 1, 20000}, 2}, {{3, 1, 20000}, 0},  {{2, 5, 1}, 1}, {{1, 2, 3, 4}, 3},
        {{0, 5}, 1},        {{4, 0.5, 7, 2}, 2}, {{9}, 0},
    };
    for (const auto& c : cases) {
        CAPTURE(join(c.delays));
        CAPTURE(c.cancel);
        auto r = run("cancel", {"delays=" + join(c.delays), "cancel=" + std::to_string(c.cancel)});
        const std::size_t n = c.delays.size();
        // main reaches the task once it has awaited every task before it.
        const double reached =
            max_of(std::vector<double>(c.delays.begin(), c.delays.begin() + c.cancel));
        std::vector<double> others = c.delays;
        others.erase(others.begin() + c.cancel);
        REQUIRE(c.delays[c.cancel] > reached);  // these cases cancel a task still waiting

        const auto& cancelled = r.task(job(c.cancel + 1));
        CHECK(cancelled.state == timeline::TaskState::cancelled);
        CHECK(*cancelled.finished == reached);
        CHECK(r.lines("cancelling").at(0).t == reached);
        CHECK(r.lines("cancelling").at(0).text ==
              job(c.cancel + 1) + ".cancel(): cancel requested, no waiting for its delay");
        if (c.cancel == 0) {
            // Cancelled before its first step: its body never ran.
            CHECK(r.lines("job_cancelled").empty());
            CHECK(r.lines("job_start").size() == n - 1);
        } else {
            REQUIRE(r.lines("job_cancelled").size() == 1);
            CHECK(r.lines("job_cancelled")[0].t == reached);
            CHECK(r.lines("job_cancelled")[0].task == cancelled.id);
        }
        for (std::size_t i = 0; i < n; ++i) {
            if (i == c.cancel) continue;
            CHECK(r.task(job(i + 1)).state == timeline::TaskState::done);
            CHECK(*r.task(job(i + 1)).finished == c.delays[i]);
        }
        // The program never waits for the cancelled task's delay.
        CHECK(r.elapsed() == max_of(others));
        CHECK(r.lines("finished").at(0).t == max_of(others));

        // gather(return_exceptions): a CancelledError in its slot, results in the others.
        const auto errors = r.lines("slot_error");
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].text == "slot " + std::to_string(c.cancel) + ": exception CancelledError");
        CHECK(r.lines("slot_value").size() == n - 1);
        CHECK(r.lines("too_late").empty());
    }
    // The tutorial's point: 3 s, not 20000.
    CHECK(run("cancel").elapsed() == 3);

    SUBCASE("a task that already ended cannot be cancelled: cancel() returns False") {
        auto r = run("cancel", {"delays=5,1", "cancel=1"});
        CHECK(r.task("job-2").state == timeline::TaskState::done);
        CHECK(*r.task("job-2").finished == 1);
        CHECK(r.lines("too_late").at(0).t == 5);
        CHECK(r.lines("cancelling").empty());
        CHECK(r.lines("slot_error").empty());
        CHECK(r.lines("slot_value").size() == 2);
        CHECK(r.elapsed() == 5);
    }
    SUBCASE("an index past the end cancels nothing") {
        auto r = run("cancel", {"cancel=7"});
        CHECK(r.lines("no_such_task").at(0).t == 0);
        CHECK(r.lines("cancelling").empty());
        CHECK(r.lines("slot_value").size() == 3);
        CHECK(r.elapsed() == 20000);
    }
}

TEST_CASE("task-state: too early result() raises InvalidStateError; later value and error") {
    struct Case {
        double ok_delay, fail_delay, check_at;
    };
    const std::vector<Case> cases{
        {3, 5, 1}, {3, 5, 0}, {6, 2, 1.5}, {0.5, 0.25, 0.125}, {3, 3, 2.75}};
    for (const auto& c : cases) {
        CAPTURE(c.ok_delay);
        CAPTURE(c.fail_delay);
        CAPTURE(c.check_at);
        auto r = run("task-state", {"ok_delay=" + std::to_string(c.ok_delay),
                                    "fail_delay=" + std::to_string(c.fail_delay),
                                    "check_at=" + std::to_string(c.check_at)});
        const double end = std::max(c.ok_delay, c.fail_delay);

        // At check_at neither task is done, and result() says so instead of waiting.
        CHECK(r.lines("checking").at(0).t == c.check_at);
        const auto pending = r.lines("pending");
        const auto invalid = r.lines("invalid_state");
        REQUIRE(pending.size() == 2);
        REQUIRE(invalid.size() == 2);
        CHECK(pending[0].text == "ok.done() is False: still running");
        CHECK(pending[1].text == "fail.done() is False: still running");
        CHECK(invalid[0].text == "ok.result() raised InvalidStateError: Result is not set.");
        CHECK(invalid[1].text == "fail.result() raised InvalidStateError: Result is not set.");
        for (const auto& line : invalid) CHECK(line.t == c.check_at);

        // Once both have ended: one holds its value, the other the ValueError it raised.
        const auto results = r.lines("has_result");
        const auto errors = r.lines("has_error");
        REQUIRE(results.size() == 1);
        REQUIRE(errors.size() == 1);
        CHECK(results[0].t == end);
        CHECK(results[0].text == "ok.done() is True, result() is 42");
        CHECK(errors[0].t == end);
        CHECK(errors[0].text == "fail.done() is True, exception() is ValueError: invalid data");
        CHECK(r.task("ok").state == timeline::TaskState::done);
        CHECK(*r.task("ok").finished == c.ok_delay);
        CHECK(r.task("fail").state == timeline::TaskState::failed);
        CHECK(*r.task("fail").finished == c.fail_delay);
        CHECK(r.task("fail").error == "ValueError: invalid data");
        CHECK(r.elapsed() == end);
        // The error was retrieved through exception(): no "never retrieved" warning.
        CHECK(r.result.diagnostics.empty());
    }

    SUBCASE("a check after one task ended sees its value while the other is still pending") {
        auto r = run("task-state", {"check_at=4"});
        const auto results = r.lines("has_result");
        REQUIRE(results.size() == 2);
        CHECK(results[0].t == 4);
        CHECK(results[1].t == 5);
        REQUIRE(r.lines("invalid_state").size() == 1);
        CHECK(r.lines("invalid_state")[0].text ==
              "fail.result() raised InvalidStateError: Result is not set.");
        CHECK(r.elapsed() == 5);
    }
}
