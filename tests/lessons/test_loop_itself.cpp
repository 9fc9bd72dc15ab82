// Syllabus facts of part 8, the loop itself (lessons 40 to 42: event-loop, testing,
// common-mistakes), for the defaults and for other param values.
#include <chrono>
#include <cmath>
#include <string>
#include <vector>

#include "random.hpp"
#include "support.hpp"

using lesson_testing::lines_of;
using lesson_testing::run;
using lesson_testing::run_with_clock;

namespace {

// The loop keeps deadlines in whole nanoseconds.
std::int64_t ns(double seconds) {
    return std::llround(seconds * 1e9);
}

}  // namespace

TEST_CASE("event-loop: run_until_complete returns with main; run_forever ticks until stop()") {
    struct Case {
        std::vector<std::string> settings;
        double duration;
        std::uint64_t seed;
    };
    const std::vector<Case> cases{
        {{}, 5, 1},
        {{"duration=7", "seed=4"}, 7, 4},  // ticker-b's 5th tick falls on t=7, with stop()
        {{"duration=2", "seed=5"}, 2, 5},  // both periods above 2 s: no tick at all
        {{"duration=3.6"}, 3.6, 1},        // 3 × 1.2 = 3.6: a tick due with stop()
        {{"duration=0"}, 0, 1},            // stop() in run_forever's first pass
        {{"duration=12.5", "seed=99"}, 12.5, 99},
    };
    for (const auto& c : cases) {
        CAPTURE(c.duration);
        CAPTURE(c.seed);
        const auto periods = lessons::seeded_delays(c.seed, 2, 1, 3);
        auto r = run("event-loop", c.settings);

        // The tickers were made first, then main (run_until_complete), then shutdown.
        REQUIRE(r.task_count() == 4);
        CHECK(r.result.timeline.tasks[0].name == "ticker-a");
        CHECK(r.result.timeline.tasks[1].name == "ticker-b");
        CHECK(r.result.timeline.tasks[2].name == "main");
        CHECK(r.result.timeline.tasks[3].name == "shutdown");

        // run_until_complete(main): main ends at t=0, and the tickers, ready before it, took
        // their first step in the same pass, before main.
        const auto& main = r.task("main");
        CHECK(main.state == timeline::TaskState::done);
        CHECK(*main.started == 0);
        CHECK(*main.finished == 0);
        const auto starts = r.lines("ticker_start");
        REQUIRE(starts.size() == 2);
        for (const auto& line : starts) CHECK(line.t == 0);
        CHECK(r.index_of("ticker_start") < r.index_of("until_complete"));
        for (const char* key :
             {"until_complete", "backend", "one_pass", "phases_wait", "phases_poll"}) {
            CAPTURE(key);
            REQUIRE(r.lines(key).size() == 1);
            CHECK(r.lines(key)[0].t == 0);
            CHECK(r.lines(key)[0].task == main.id);
        }
#if defined(__linux__)
        CHECK(r.lines("backend")[0].text ==
              "libuv waits for I/O and timers with epoll: uv_backend_fd() is "
              "anon_inode:[eventpoll]");
#endif

        // After run_until_complete returned: callbacks, on the loop but in no task.
        const auto returned = r.lines("returned");
        REQUIRE(returned.size() == 1);
        CHECK(returned[0].t == 0);
        CHECK(returned[0].task == 0);
        CHECK(r.index_of("phases_poll") < r.index_of("returned"));
        CHECK(r.index_of("returned") + 1 == r.index_of("forever"));
        CHECK(r.lines("forever")[0].task == 0);

        // run_forever: each ticker prints at every multiple of its period before stop().
        const auto stop = r.lines("stop");
        REQUIRE(stop.size() == 1);
        CHECK(stop[0].t == doctest::Approx(c.duration));
        CHECK(stop[0].task == 0);
        for (std::size_t i = 0; i < 2; ++i) {
            const std::string name = i == 0 ? "ticker-a" : "ticker-b";
            CAPTURE(name);
            int expected = 0;
            while (ns((expected + 1) * periods[i]) < ns(c.duration)) ++expected;
            const auto ticks = lines_of(r, "tick", name);
            REQUIRE(ticks.size() == static_cast<std::size_t>(expected));
            for (std::size_t k = 0; k < ticks.size(); ++k) {
                CHECK(ticks[k].t == doctest::Approx(static_cast<double>(k + 1) * periods[i]));
                CHECK(ticks[k].t < c.duration);
            }
            // Cancelled once run_forever has returned, the way asyncio.run() ends: at stop().
            const auto& ticker = r.task(name);
            CHECK(ticker.state == timeline::TaskState::cancelled);
            CHECK(*ticker.started == 0);
            CHECK(*ticker.finished == doctest::Approx(c.duration));
            const auto cancelled = lines_of(r, "ticker_cancelled", name);
            REQUIRE(cancelled.size() == 1);
            CHECK(cancelled[0].t == doctest::Approx(c.duration));
            CHECK(cancelled[0].text == name + ": cancelled " +
                                           (expected == 0 ? std::string("before its first tick")
                                            : expected == 1
                                                ? "after 1 tick"
                                                : "after " + std::to_string(expected) + " ticks"));
            CHECK(r.index_of("stop") < r.index_of("ticker_cancelled"));
        }

        // shutdown waits for the cancelled tickers; then the loop closes.
        const auto& shutdown = r.task("shutdown");
        CHECK(shutdown.state == timeline::TaskState::done);
        CHECK(*shutdown.started == doctest::Approx(c.duration));
        CHECK(*shutdown.finished == doctest::Approx(c.duration));
        const auto closing = r.lines("closing");
        REQUIRE(closing.size() == 1);
        CHECK(closing[0].t == doctest::Approx(c.duration));
        CHECK(closing[0].text ==
              "2 cancelled tasks have ended: nothing is left on the loop, and loop.close() can "
              "free it");
        CHECK(r.index_of("closing") == r.result.timeline.output.size() - 1);
        CHECK(r.elapsed() == doctest::Approx(c.duration));
        CHECK(r.result.diagnostics.empty());
    }
}

TEST_CASE("event-loop: the defaults, periods 1.2 s and 1.7 s from seed 1, four ticks and two") {
    {
        auto r = run("event-loop");
        CHECK(lessons::seeded_delays(1, 2, 1, 3) == std::vector<double>{1.2, 1.7});
        CHECK(lines_of(r, "tick", "ticker-a").size() == 4);
        CHECK(lines_of(r, "tick", "ticker-b").size() == 2);
        CHECK(r.lines("tick").back().text == "ticker-a: tick 4, loop.time() = 4.8");
        CHECK(r.lines("stop")[0].text ==
              "t=5 s: a timer callback calls loop.stop(); run_forever() returns once this pass "
              "is over");
        CHECK(r.lines("returned")[0].text ==
              "run_until_complete() returned 'epoll': main is done, and ticker-a and ticker-b "
              "are still waiting");
    }
}

TEST_CASE("event-loop: the loop is made with the run's options, real clock included") {
    const auto started = std::chrono::steady_clock::now();
    const auto result = run_with_clock("event-loop", asyncio::ClockKind::real, {"duration=0.2"});
    const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - started;
    CHECK(result.outcome == timeline::Outcome::ok);
    // The real clock waited for the timer that calls stop(); no tick is due that early.
    CHECK(wall.count() >= 0.2);
    CHECK(result.timeline.elapsed >= 0.2);
    CHECK(result.timeline.elapsed < 5);
    std::size_t ticks = 0;
    for (const auto& line : result.timeline.output) ticks += line.key == "tick" ? 1 : 0;
    CHECK(ticks == 0);
}

TEST_CASE("testing: under the virtual clock the test sees `delay` pass and ends at once") {
    for (double delay : {2.0, 0.5, 3600.0, 1.25, 7.3}) {
        CAPTURE(delay);
        const auto started = std::chrono::steady_clock::now();
        auto r = run("testing", {"delay=" + std::to_string(delay)});
        const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - started;
        const double end = delay + delay / 2;

        REQUIRE(r.task_count() == 3);
        CHECK(r.lines("session").at(0).t == 0);
        const auto starts = r.lines("test_start");
        REQUIRE(starts.size() == 2);
        CHECK(starts[0].text == "running test_fetch_report");
        CHECK(starts[0].t == 0);
        CHECK(starts[1].text == "running test_fetch_report_timeout");
        CHECK(starts[1].t == doctest::Approx(delay));

        // Test 1 awaits the whole delay, and the loop's clock says so.
        const auto& first = r.task("test-1");
        CHECK(first.state == timeline::TaskState::done);
        CHECK(*first.started == 0);
        CHECK(*first.finished == doctest::Approx(delay));
        CHECK(r.lines("got_report").at(0).t == doctest::Approx(delay));
        CHECK(r.lines("got_report").at(0).text == "✓ fetch_report returned 'ready'");
        CHECK(r.lines("waited").at(0).t == doctest::Approx(delay));
        CHECK(r.lines("waited").at(0).task == first.id);

        // Test 2 gets TimeoutError exactly when half the delay has passed.
        const auto& second = r.task("test-2");
        CHECK(second.state == timeline::TaskState::done);
        CHECK(*second.started == doctest::Approx(delay));
        CHECK(*second.finished == doctest::Approx(end));
        CHECK(r.lines("timed_out").at(0).t == doctest::Approx(end));
        CHECK(r.lines("timed_out").at(0).task == second.id);

        CHECK(r.lines("test_passed").size() == 2);
        CHECK(r.lines("test_failed").empty());
        CHECK(r.lines("summary").at(0).t == doctest::Approx(end));
        CHECK(r.lines("summary").at(0).text.rfind("2 passed, 0 failed, in ", 0) == 0);
        CHECK(r.elapsed() == doctest::Approx(end));
        CHECK(r.task("main").state == timeline::TaskState::done);
        CHECK(r.result.diagnostics.empty());

        // The wall clock: only a generous bound, never an exact number.
        CHECK(r.lines("wall_fast").size() == 1);
        CHECK(r.lines("wall_slow").empty());
        CHECK(wall.count() < end / 2);
    }
    CHECK(run("testing").lines("waited").at(0).text ==
          "✓ loop.time() moved 2 s while the test awaited: the whole 2 s");
    CHECK(run("testing").lines("timed_out").at(0).text ==
          "✓ TimeoutError after 1 s, just as the 1 s limit ran out");
}

TEST_CASE("testing: the test loop uses the virtual clock whatever clock the run was given") {
    const auto started = std::chrono::steady_clock::now();
    const auto result = run_with_clock("testing", asyncio::ClockKind::real);
    const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - started;
    CHECK(result.outcome == timeline::Outcome::ok);
    CHECK(result.timeline.elapsed == 3);
    CHECK(wall.count() < 1.5);
}

TEST_CASE("common-mistakes: each trap runs; two warnings; the task left is cancelled") {
    auto r = run("common-mistakes");
    REQUIRE(r.task_count() == 3);

    // Trap 1: the bare call runs nothing; the runtime names the coroutine.
    REQUIRE(r.result.diagnostics.size() == 2);
    CHECK(r.result.diagnostics[0].kind == asyncio::DiagnosticKind::coroutine_never_awaited);
    CHECK(r.result.diagnostics[0].subject == "send_receipt");
    REQUIRE(r.lines("sending").size() == 1);  // the awaited call only
    REQUIRE(r.lines("sent").size() == 1);
    CHECK(r.index_of("fix_await") < r.index_of("sending"));
    CHECK(r.lines("nothing_ran").at(0).t == 0);
    CHECK(r.lines("sent").at(0).t == 1);

    // Trap 2: calling the object is refused; awaiting it, once, gives its value.
    CHECK(r.lines("not_callable").at(0).t == 1);
    CHECK(r.index_of("not_callable") < r.index_of("adding_up"));
    CHECK(r.lines("got_total").at(0).t == 2);
    CHECK(r.lines("got_total").at(0).text == "await coro gave 42.5");

    // Trap 3: the failing task ends at t=3 holding its error; the warning comes when main
    // returns and drops it.
    const auto& payment = r.task("payment");
    CHECK(payment.state == timeline::TaskState::failed);
    CHECK(*payment.started == 2);
    CHECK(*payment.finished == 3);
    CHECK(payment.error == "ValueError: card declined");
    CHECK(r.result.diagnostics[1].kind == asyncio::DiagnosticKind::exception_never_retrieved);
    CHECK(r.result.diagnostics[1].subject == "Task payment");
    CHECK(r.result.diagnostics[1].detail == "ValueError: card declined");
    CHECK(r.lines("payment_done").at(0).t == 4);

    // Trap 4: main returns at t=4; run() cancels the report task then, 3 s short.
    const auto& main = r.task("main");
    CHECK(main.state == timeline::TaskState::done);
    CHECK(*main.finished == 4);
    const auto& report = r.task("report");
    CHECK(report.state == timeline::TaskState::cancelled);
    CHECK(*report.started == 2);
    CHECK(*report.finished == 4);
    REQUIRE(r.lines("report_cancelled").size() == 1);
    CHECK(r.lines("report_cancelled")[0].t == 4);
    CHECK(r.lines("report_cancelled")[0].task == report.id);
    CHECK(r.lines("report_cancelled")[0].text ==
          "cancelled at run()'s exit, 3 s short of the end: the report was never written");
    CHECK(r.lines("report_written").empty());
    CHECK(r.index_of("main_returns") < r.index_of("report_cancelled"));
    CHECK(r.elapsed() == 4);

    // The order of lines and warnings, as the terminal shows them.
    const auto& catalogue = catalogue::builtin();
    const auto* lesson = catalogue.find("common-mistakes");
    REQUIRE(lesson != nullptr);
    std::vector<std::string> events;
    RunCallbacks callbacks;
    callbacks.on_line = [&](const timeline::OutputLine& line, std::string_view) {
        events.push_back(line.key);
    };
    callbacks.on_diagnostic = [&](const timeline::Recorder::Diagnostic& d) {
        events.push_back("warning:" + d.subject);
    };
    RunSettings settings;
    settings.clock = asyncio::ClockKind::virtual_time;
    run_lesson(catalogue, *lesson, catalogue::defaults(*lesson), settings, callbacks);
    CHECK(events == std::vector<std::string>{"trap_not_awaited",
                                             "warning:send_receipt",
                                             "nothing_ran",
                                             "fix_await",
                                             "sending",
                                             "sent",
                                             "trap_call_object",
                                             "not_callable",
                                             "fix_await_object",
                                             "adding_up",
                                             "got_total",
                                             "trap_unretrieved",
                                             "trap_main_returns",
                                             "charging",
                                             "writing",
                                             "declined",
                                             "payment_done",
                                             "main_returns",
                                             "warning:Task payment",
                                             "report_cancelled"});
}
