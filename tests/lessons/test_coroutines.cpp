// Syllabus facts of part 1, coroutines and the event loop (lessons 1 to 6: hello, sleep,
// await-coroutine, sequential, simulated-io, never-awaited), for the defaults and for other
// param values, under the virtual clock.
#include <algorithm>
#include <numeric>
#include <string>

#include "random.hpp"
#include "support.hpp"

using lesson_testing::delay_sets;
using lesson_testing::job;
using lesson_testing::join;
using lesson_testing::lines_of;
using lesson_testing::max_of;
using lesson_testing::run;
using lesson_testing::sum_of;

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

TEST_CASE("await-coroutine: awaiting runs the coroutine to its end and hands back its list") {
    for (double delay : {5.0, 0.5, 12.0, 0.0, 0.25}) {
        CAPTURE(delay);
        auto r = run("await-coroutine", {"delay=" + std::to_string(delay)});
        CHECK(r.lines("asking").at(0).t == 0);
        CHECK(r.lines("fetching").at(0).t == 0);
        CHECK(r.lines("fetched").at(0).t == delay);
        // main goes on only once fetch_products has returned, with its return value.
        CHECK(r.index_of("fetched") < r.index_of("got_products"));
        const auto got = r.lines("got_products");
        REQUIRE(got.size() == 1);
        CHECK(got[0].t == delay);
        CHECK(got[0].text == "await handed back 3 products: [101, 205, 317]");
        CHECK(r.elapsed() == delay);
        // The coroutine ran inside main: no task was created for it.
        CHECK(r.task_count() == 1);
        CHECK(r.task("main").state == timeline::TaskState::done);
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

TEST_CASE("simulated-io: seeded delays; one after another takes the sum, together the max") {
    struct Case {
        std::vector<std::string> settings;
        std::uint64_t seed;
        std::size_t count;
        double low, high;
    };
    const std::vector<Case> cases{
        {{}, 1, 5, 1, 5},
        {{"seed=7"}, 7, 5, 1, 5},
        {{"count=3", "min=0.5", "max=2", "seed=42"}, 42, 3, 0.5, 2},
        {{"count=8", "min=2", "max=2"}, 1, 8, 2, 2},
        {{"min=5", "max=1", "seed=3"}, 3, 5, 1, 5},  // swapped bounds are put in order
        {{"count=1", "min=0", "max=0"}, 1, 1, 0, 0},
    };
    for (const auto& c : cases) {
        CAPTURE(join({static_cast<double>(c.seed), static_cast<double>(c.count), c.low, c.high}));
        const auto delays = lessons::seeded_delays(c.seed, c.count, c.low, c.high);
        auto r = run("simulated-io", c.settings);
        REQUIRE(delays.size() == c.count);
        for (double d : delays) {
            CHECK(d >= c.low);
            CHECK(d <= c.high);
        }
        const double sum = sum_of(delays);
        const double longest = max_of(delays);

        // First run: the jobs are coroutines main awaits in turn.
        const auto starts = lines_of(r, "job_start", "main");
        const auto ends = lines_of(r, "job_done", "main");
        REQUIRE(starts.size() == c.count);
        REQUIRE(ends.size() == c.count);
        double before = 0;
        for (std::size_t i = 0; i < c.count; ++i) {
            CHECK(starts[i].t == doctest::Approx(before));
            before += delays[i];
            CHECK(ends[i].t == doctest::Approx(before));
        }
        CHECK(r.lines("one_by_one_total").at(0).t == doctest::Approx(sum));

        // Second run: the same delays as tasks, all waiting at once.
        CHECK(r.lines("together").at(0).t == doctest::Approx(sum));
        for (std::size_t i = 0; i < c.count; ++i) {
            const auto& task = r.task(job(i + 1));
            CHECK(*task.started == doctest::Approx(sum));
            CHECK(*task.finished == doctest::Approx(sum + delays[i]));
        }
        CHECK(r.lines("together_total").at(0).t == doctest::Approx(sum + longest));
        CHECK(r.elapsed() == doctest::Approx(sum + longest));
        CHECK(r.task_count() == c.count + 1);
    }

    // The default seed gives these delays, in C++ and in the twin (twin.seeded_delays).
    auto r = run("simulated-io");
    CHECK(r.lines("delays").at(0).text == "seed 1 gives the delays [3.7, 2.2, 2.6, 1.2, 4.5]");
    CHECK(r.lines("one_by_one_total").at(0).text ==
          "one after another: 14.2 s, the sum of the delays");
    CHECK(r.lines("together_total").at(0).text == "all together: 4.5 s, the longest delay");
    CHECK(r.lines("saved").at(0).text == "14.2 s against 4.5 s: running them together saved 9.7 s");
}

TEST_CASE("never-awaited: the body never runs, no task is made, the runtime names it") {
    auto r = run("never-awaited");
    // The correction: a bare call creates no task, only main exists.
    CHECK(r.task_count() == 1);
    REQUIRE(r.result.diagnostics.size() == 1);
    CHECK(r.result.diagnostics[0].kind == asyncio::DiagnosticKind::coroutine_never_awaited);
    CHECK(r.result.diagnostics[0].subject == "send_email");

    // The body ran once: for the awaited call, never for the forgotten one.
    REQUIRE(r.lines("sending").size() == 1);
    REQUIRE(r.lines("sent").size() == 1);
    CHECK(r.index_of("fixing") < r.index_of("sending"));
    CHECK(r.lines("calling").at(0).t == 0);
    CHECK(r.lines("called").at(0).t == 0);
    CHECK(r.lines("still_nothing").at(0).t == 1);
    CHECK(r.lines("sending").at(0).t == 1);
    CHECK(r.lines("sent").at(0).t == 2);
    CHECK(r.elapsed() == 2);

    // The warning comes when the dropped object is destroyed: right after the call.
    const auto& catalogue = catalogue::builtin();
    const auto* lesson = catalogue.find("never-awaited");
    REQUIRE(lesson != nullptr);
    std::vector<std::string> events;
    RunCallbacks callbacks;
    callbacks.on_line = [&](const timeline::OutputLine& line, std::string_view) {
        events.push_back(line.key);
    };
    callbacks.on_diagnostic = [&](const timeline::Recorder::Diagnostic& d) {
        events.push_back("warning:" + d.subject);
    };
    run_lesson(catalogue, *lesson, catalogue::defaults(*lesson), RunSettings{}, callbacks);
    CHECK(events == std::vector<std::string>{"calling", "warning:send_email", "called",
                                             "still_nothing", "fixing", "sending", "sent"});
}
