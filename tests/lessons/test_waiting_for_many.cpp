// Syllabus facts of part 3, waiting for many (lessons 11 to 19: gather and its variants,
// TaskGroup, as_completed, wait), for the defaults and for other param values, under the
// virtual clock.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "i18n/format.hpp"
#include "random.hpp"
#include "support.hpp"

using lesson_testing::delay_sets;
using lesson_testing::job;
using lesson_testing::join;
using lesson_testing::max_of;
using lesson_testing::number;
using lesson_testing::run;
using lesson_testing::Run;
using lesson_testing::same_time;
using timeline::TaskState;

namespace {

double min_of(const std::vector<double>& values) {
    return *std::min_element(values.begin(), values.end());
}

std::string list(const std::vector<double>& values) {
    return i18n::format_value(i18n::Language::en, values);
}

// Every task called `name`, in creation order (a lesson may run two rounds of job-1...).
std::vector<const timeline::Task*> tasks_named(const Run& r, std::string_view name) {
    std::vector<const timeline::Task*> found;
    for (const auto& t : r.result.timeline.tasks)
        if (t.name == name) found.push_back(&t);
    return found;
}

std::string task_name(const Run& r, std::uint64_t id) {
    const auto* t = r.result.timeline.find(id);
    return t ? t->name : std::string();
}

// Indices of `delays` in the order the jobs finish (ties: in the order they were given).
std::vector<std::size_t> finishing_order(const std::vector<double>& delays) {
    std::vector<std::size_t> order(delays.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return delays[a] < delays[b]; });
    return order;
}

}  // namespace

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

TEST_CASE("gather-comprehension: await in a loop takes len x delay, gather takes delay") {
    struct Case {
        std::vector<double> numbers;
        double delay;
    };
    for (const auto& c : {Case{{1, 2, 4, 8, 16, 32}, 1}, Case{{3, 5}, 2}, Case{{7}, 0.25},
                          Case{{-2, 0.5, 3, 10}, 1.5}}) {
        CAPTURE(join(c.numbers));
        CAPTURE(c.delay);
        auto r = run("gather-comprehension",
                     {"numbers=" + join(c.numbers), "delay=" + std::to_string(c.delay)});
        const double count = static_cast<double>(c.numbers.size());
        std::vector<double> expected;
        for (double n : c.numbers) expected.push_back(n * n);

        const auto squared = r.lines("squared");
        REQUIRE(squared.size() == 2 * c.numbers.size());
        for (std::size_t i = 0; i < c.numbers.size(); ++i) {
            // One after another, inside main: square i ends at (i + 1) x delay.
            CHECK(same_time(squared[i].t, static_cast<double>(i + 1) * c.delay));
            CHECK(task_name(r, squared[i].task) == "main");
            // Through gather, each in a task gather made: all end one delay later.
            const auto& concurrent = squared[c.numbers.size() + i];
            CHECK(same_time(concurrent.t, (count + 1) * c.delay));
            CHECK(task_name(r, concurrent.task) == "Task-" + std::to_string(i + 2));
        }
        const auto squares = r.lines("squares");
        REQUIRE(squares.size() == 2);
        CHECK(same_time(squares[0].t, count * c.delay));
        CHECK(same_time(squares[1].t, (count + 1) * c.delay));
        // Both print the same list; only the time differs.
        CHECK(squares[0].text ==
              "squares " + list(expected) + ", after " + number(count * c.delay) + " s");
        CHECK(squares[1].text == "squares " + list(expected) + ", after " + number(c.delay) + " s");
        CHECK(same_time(r.elapsed(), (count + 1) * c.delay));
        CHECK(r.task_count() == 1 + c.numbers.size());
    }
}

TEST_CASE("gather-filter: only even positions are printed, in argument order") {
    struct Case {
        std::vector<std::string> settings;
        std::vector<double> delays;
    };
    const std::vector<Case> cases{
        {{}, lessons::seeded_delays(1, 5, 1, 5)},
        {{"seed=7"}, lessons::seeded_delays(7, 5, 1, 5)},
        {{"seed=3"}, lessons::seeded_delays(3, 5, 1, 5)},  // two equal delays
        {{"delays=1,5,3,2,4"}, {1, 5, 3, 2, 4}},
        {{"delays=2,1"}, {2, 1}},
        {{"delays=0.5,2.25,1,3,0,1.5"}, {0.5, 2.25, 1, 3, 0, 1.5}},
    };
    for (const auto& c : cases) {
        CAPTURE(join(c.delays));
        auto r = run("gather-filter", c.settings);
        const bool seeded = c.settings.empty() || c.settings[0].rfind("seed=", 0) == 0;
        CHECK(r.lines(seeded ? "seeded_delays" : "given_delays").size() == 1);
        const double longest = max_of(c.delays);
        for (std::size_t i = 0; i < c.delays.size(); ++i)
            CHECK(same_time(*r.task(job(i + 1)).finished, c.delays[i]));
        const auto results = r.lines("results");
        REQUIRE(results.size() == 1);
        CHECK(same_time(results[0].t, longest));
        CHECK(results[0].text == "gather returned, in argument order: " + list(c.delays));
        const auto kept = r.lines("kept");
        REQUIRE(kept.size() == (c.delays.size() + 1) / 2);
        for (std::size_t k = 0; k < kept.size(); ++k) {
            CHECK(same_time(kept[k].t, longest));
            CHECK(kept[k].text ==
                  "position " + std::to_string(2 * k) + ": " + number(c.delays[2 * k]));
        }
        CHECK(r.index_of("results") < r.index_of("kept"));
        CHECK(same_time(r.elapsed(), longest));
    }
}

TEST_CASE(
    "gather-errors: the error reaches main at delays[fail], the others run on; "
    "with return_exceptions it sits in its slot") {
    struct Case {
        std::vector<double> delays;
        std::size_t fail;
    };
    for (const auto& c : {Case{{1, 2, 3}, 1}, Case{{1, 2, 3}, 0}, Case{{3, 1, 2}, 2},
                          Case{{2, 0.5}, 0}, Case{{1, 2, 2, 4}, 1}, Case{{1, 2, 3}, 5}}) {
        CAPTURE(join(c.delays));
        CAPTURE(c.fail);
        auto r =
            run("gather-errors", {"delays=" + join(c.delays), "fail=" + std::to_string(c.fail)});
        const double longest = max_of(c.delays);
        const bool fails = c.fail < c.delays.size();
        CHECK(r.lines("nobody_fails").size() == (fails ? 0u : 1u));

        // Round 1: plain gather.
        for (std::size_t i = 0; i < c.delays.size(); ++i) {
            const auto round = tasks_named(r, job(i + 1));
            REQUIRE(round.size() == 2);
            const auto& t = *round[0];
            // Every job ends at its own delay; none is cancelled by gather.
            CHECK(same_time(*t.finished, c.delays[i]));
            CHECK(t.state == (i == c.fail ? TaskState::failed : TaskState::done));
        }
        if (fails) {
            const auto caught = r.lines("caught");
            REQUIRE(caught.size() == 1);
            CHECK(same_time(caught[0].t, c.delays[c.fail]));
            const auto running = std::count_if(c.delays.begin(), c.delays.end(),
                                               [&](double d) { return d > c.delays[c.fail]; });
            CHECK(caught[0].text == "main caught ValueError: " + job(c.fail + 1) + "; " +
                                        (running == 0   ? std::string("no job is")
                                         : running == 1 ? "1 job is"
                                                        : std::to_string(running) + " jobs are") +
                                        " still running");
            CHECK(r.lines("results").empty());
        } else {
            CHECK(r.lines("caught").empty());
            REQUIRE(r.lines("results").size() == 1);
            CHECK(same_time(r.lines("results")[0].t, longest));
        }
        CHECK(same_time(r.lines("all_ended").at(0).t, longest));

        // Round 2: return_exceptions. It starts when round 1 is over and takes max(delays).
        const auto values = r.lines("slot_value");
        const auto errors = r.lines("slot_error");
        CHECK(values.size() == c.delays.size() - (fails ? 1 : 0));
        REQUIRE(errors.size() == (fails ? 1u : 0u));
        for (const auto& line : values) CHECK(same_time(line.t, 2 * longest));
        if (fails) {
            CHECK(same_time(errors[0].t, 2 * longest));
            CHECK(errors[0].text ==
                  "slot " + std::to_string(c.fail) + ": exception ValueError: " + job(c.fail + 1));
            CHECK(same_time(*tasks_named(r, job(c.fail + 1))[1]->finished,
                            longest + c.delays[c.fail]));
        }
        std::size_t v = 0;
        for (std::size_t i = 0; i < c.delays.size(); ++i) {
            if (i == c.fail) continue;
            CHECK(values.at(v++).text ==
                  "slot " + std::to_string(i) + ": result " + number(c.delays[i]));
        }
        CHECK(same_time(r.elapsed(), 2 * longest));
        CHECK(r.result.diagnostics.empty());  // every error was retrieved
    }
}

TEST_CASE("taskgroup: 'all created' before any child runs; the block ends at max(delays)") {
    auto sets = delay_sets;
    sets.push_back({1, 2, 3});
    for (const auto& delays : sets) {
        CAPTURE(join(delays));
        auto r = run("taskgroup", {"delays=" + join(delays)});
        CHECK(r.lines("all_created").at(0).t == 0);
        CHECK(r.index_of("all_created") < r.index_of("job_start"));
        for (std::size_t i = 0; i < delays.size(); ++i) {
            const auto& t = r.task(job(i + 1));
            CHECK(*t.started == 0);
            CHECK(same_time(*t.finished, delays[i]));
        }
        const auto done = r.lines("group_done");
        REQUIRE(done.size() == 1);
        CHECK(same_time(done[0].t, max_of(delays)));
        CHECK(done[0].text == "the block has ended: every task is done; results " + list(delays));
        // The block's end is the last line: nothing runs after the last child.
        CHECK(r.index_of("group_done") == r.result.timeline.output.size() - 1);
        CHECK(same_time(r.elapsed(), max_of(delays)));
    }
}

TEST_CASE(
    "taskgroup-callbacks: jobs go in batches, one TaskGroup after another; each callback runs "
    "as its task ends, fastest first in its batch; by value keeps each job, by reference sees "
    "the last job of its batch") {
    struct Case {
        std::vector<std::string> settings;
        std::vector<double> delays;
        std::size_t batch;  // as the lesson uses it: 0 or more than the jobs is one batch
    };
    const std::vector<Case> cases{
        {{}, lessons::seeded_delays(1, 5, 1, 5), 3},
        {{"seed=7"}, lessons::seeded_delays(7, 5, 1, 5), 3},
        {{"seed=3"}, lessons::seeded_delays(3, 5, 1, 5), 3},  // two equal delays
        {{"batch=0"}, lessons::seeded_delays(1, 5, 1, 5), 5},
        {{"batch=0", "seed=3"}, lessons::seeded_delays(3, 5, 1, 5), 5},
        {{"delays=3,1,2"}, {3, 1, 2}, 3},
        {{"delays=3,1,2", "batch=1"}, {3, 1, 2}, 1},
        {{"delays=2,1,0.5,3", "batch=2"}, {2, 1, 0.5, 3}, 2},
        {{"delays=0.5", "batch=7"}, {0.5}, 1},
    };
    for (const auto& c : cases) {
        CAPTURE(join(c.delays));
        CAPTURE(c.batch);
        auto r = run("taskgroup-callbacks", c.settings);
        const auto handled = r.lines("handled");
        const auto by_value = r.lines("by_value");
        const auto by_reference = r.lines("by_reference");
        const auto group_done = r.lines("group_done");
        REQUIRE(handled.size() == c.delays.size());
        REQUIRE(by_value.size() == c.delays.size());
        REQUIRE(by_reference.size() == c.delays.size());
        const std::size_t batches = (c.delays.size() + c.batch - 1) / c.batch;
        REQUIRE(group_done.size() == batches);
        CHECK(r.lines("batch_start").size() == (batches > 1 ? batches : 0));
        std::size_t k = 0;  // callbacks seen so far, in output order
        double batch_start = 0;
        for (std::size_t first = 0; first < c.delays.size(); first += c.batch) {
            const std::size_t end = std::min(first + c.batch, c.delays.size());
            const std::vector<double> delays(c.delays.begin() + first, c.delays.begin() + end);
            // A batch starts when the one before has ended, with every one of its jobs.
            for (std::size_t i = first; i < end; ++i)
                CHECK(same_time(*r.task(job(i + 1)).started, batch_start));
            for (const std::size_t j : finishing_order(delays)) {
                const std::size_t i = first + j;
                // The moment the task ends, on the loop itself (no task).
                CHECK(same_time(handled[k].t, batch_start + c.delays[i]));
                CHECK(handled[k].task == 0);
                CHECK(handled[k].text ==
                      "callback: " + job(i + 1) + " ended with result " + number(c.delays[i]));
                CHECK(same_time(by_value[k].t, batch_start + c.delays[i]));
                CHECK(by_value[k].text ==
                      "by value, the callback remembers job " + std::to_string(i + 1));
                CHECK(same_time(by_reference[k].t, batch_start + c.delays[i]));
                // The variable holds the last job created so far: the last of this batch.
                CHECK(by_reference[k].text ==
                      "by reference, the callback reads job " + std::to_string(end));
                ++k;
            }
            batch_start += max_of(delays);
            CHECK(same_time(group_done[first / c.batch].t, batch_start));
        }
        // Nothing runs after the last batch's group has ended.
        CHECK(r.result.timeline.output.back().key == "group_done");
        // The batches add up: each lasts as long as its slowest job.
        CHECK(same_time(r.elapsed(), batch_start));
    }
}

TEST_CASE(
    "taskgroup-failure: the failing child cancels every sibling still running; the group "
    "raises an ExceptionGroup at delays[fail]") {
    struct Case {
        std::vector<double> delays;
        std::size_t fail;
    };
    for (const auto& c :
         {Case{{1, 2, 3}, 0}, Case{{1, 2, 3}, 1}, Case{{1, 2, 3}, 2}, Case{{4, 1, 2, 3}, 2},
          Case{{2, 2, 3}, 0}, Case{{0.5, 2.25, 1}, 2}, Case{{1, 2, 3}, 9}}) {
        CAPTURE(join(c.delays));
        CAPTURE(c.fail);
        auto r = run("taskgroup-failure",
                     {"delays=" + join(c.delays), "fail=" + std::to_string(c.fail)});
        CHECK(r.index_of("all_created") < r.index_of("job_start"));
        if (c.fail >= c.delays.size()) {
            CHECK(r.lines("nobody_fails").size() == 1);
            CHECK(same_time(r.lines("group_done").at(0).t, max_of(c.delays)));
            CHECK(r.lines("group_raised").empty());
            CHECK(r.lines("job_cancelled").empty());
            CHECK(same_time(r.elapsed(), max_of(c.delays)));
            continue;
        }
        const double failed_at = c.delays[c.fail];
        std::size_t cancelled = 0;
        for (std::size_t i = 0; i < c.delays.size(); ++i) {
            CAPTURE(i);
            const auto& t = r.task(job(i + 1));
            if (i == c.fail) {
                CHECK(t.state == TaskState::failed);
                CHECK(same_time(*t.finished, failed_at));
            } else if (c.delays[i] <= failed_at) {
                // Already finished (an equal delay ends in the same pass, before the group
                // hears of the failure).
                CHECK(t.state == TaskState::done);
                CHECK(same_time(*t.finished, c.delays[i]));
            } else {
                // Still running: cancelled at that very moment, not at its own delay.
                CHECK(t.state == TaskState::cancelled);
                CHECK(same_time(*t.finished, failed_at));
                ++cancelled;
            }
        }
        const auto cancelled_lines = r.lines("job_cancelled");
        CHECK(cancelled_lines.size() == cancelled);
        for (const auto& line : cancelled_lines) CHECK(same_time(line.t, failed_at));
        CHECK(r.lines("group_done").empty());
        const auto raised = r.lines("group_raised");
        REQUIRE(raised.size() == 1);
        CHECK(same_time(raised[0].t, failed_at));
        CHECK(raised[0].text == "the group raised an ExceptionGroup with 1 error");
        const auto held = r.lines("group_error");
        REQUIRE(held.size() == 1);
        CHECK(held[0].text == "inside it: ValueError: " + job(c.fail + 1));
        CHECK(r.lines("ended_cancelled").size() == cancelled);
        CHECK(same_time(r.elapsed(), failed_at));
        CHECK(r.task("main").state == TaskState::done);  // main caught the group
    }
}

TEST_CASE("as-completed: results in completion order, each at its own delay") {
    auto sets = delay_sets;
    sets.push_back({2, 1});
    sets.push_back({1, 1, 0.5, 4});
    for (const auto& delays : sets) {
        CAPTURE(join(delays));
        auto r = run("as-completed", {"delays=" + join(delays)});
        const auto order = finishing_order(delays);
        const auto arrived = r.lines("arrived");
        REQUIRE(arrived.size() == delays.size());
        for (std::size_t k = 0; k < order.size(); ++k) {
            CHECK(same_time(arrived[k].t, delays[order[k]]));
            CHECK(task_name(r, arrived[k].task) == "main");
            CHECK(arrived[k].text ==
                  "result number " + std::to_string(k + 1) + ": " + number(delays[order[k]]));
        }
        CHECK(same_time(r.elapsed(), max_of(delays)));
    }
}

TEST_CASE(
    "wait: returns (done, pending) at min(timeout, return_when met); never raises or "
    "cancels; the lesson cancels what is pending") {
    struct Case {
        std::vector<double> delays;
        double timeout;
        std::string when;
        int fail;
    };
    const std::vector<Case> cases{
        {{2, 1}, 1.5, "ALL_COMPLETED", -1},       {{2, 1}, 1.5, "FIRST_COMPLETED", -1},
        {{2, 1}, 5, "ALL_COMPLETED", -1},         {{2, 1}, 5, "FIRST_EXCEPTION", -1},
        {{2, 1, 3}, 5, "FIRST_EXCEPTION", 0},     {{4, 3}, 2, "FIRST_EXCEPTION", 1},
        {{3, 0.5, 2}, 10, "FIRST_COMPLETED", -1}, {{3, 0.5, 2}, 2.5, "ALL_COMPLETED", 2},
    };
    for (const auto& c : cases) {
        CAPTURE(join(c.delays));
        CAPTURE(c.timeout);
        CAPTURE(c.when);
        CAPTURE(c.fail);
        auto r = run("wait", {"delays=" + join(c.delays), "timeout=" + std::to_string(c.timeout),
                              "return_when=" + c.when, "fail=" + std::to_string(c.fail)});
        const bool fails = c.fail >= 0 && static_cast<std::size_t>(c.fail) < c.delays.size();
        double met = max_of(c.delays);  // ALL_COMPLETED, and FIRST_EXCEPTION without an error
        if (c.when == "FIRST_COMPLETED") met = min_of(c.delays);
        if (c.when == "FIRST_EXCEPTION" && fails) met = c.delays[static_cast<std::size_t>(c.fail)];
        const double returned_at = std::min(c.timeout, met);

        std::size_t done = 0, pending = 0;
        for (std::size_t i = 0; i < c.delays.size(); ++i) {
            CAPTURE(i);
            const auto& t = r.task(job(i + 1));
            if (c.delays[i] <= returned_at) {
                ++done;
                CHECK(same_time(*t.finished, c.delays[i]));
                CHECK(t.state ==
                      (static_cast<int>(i) == c.fail ? TaskState::failed : TaskState::done));
            } else {
                // Still running when wait returned; cancelled by the lesson right then.
                ++pending;
                CHECK(t.state == TaskState::cancelled);
                CHECK(same_time(*t.finished, returned_at));
            }
        }
        const auto returned = r.lines("returned");
        REQUIRE(returned.size() == 1);
        CHECK(same_time(returned[0].t, returned_at));
        CHECK(returned[0].text == "wait() returned: done has " + std::to_string(done) +
                                      ", pending has " + std::to_string(pending));
        CHECK(r.lines("done_ok").size() + r.lines("done_failed").size() == done);
        const auto still = r.lines("still_running");
        CHECK(still.size() == pending);
        // wait cancelled nothing itself: every cancellation comes after main says so.
        for (const auto& line : r.lines("job_cancelled")) {
            CHECK(same_time(line.t, returned_at));
            CHECK(r.index_of("still_running") < r.index_of("job_cancelled"));
        }
        CHECK(r.lines("pending_cancelled").size() == (pending ? 1u : 0u));
        CHECK(same_time(r.elapsed(), returned_at));
        CHECK(r.task("main").state == TaskState::done);
    }
}
