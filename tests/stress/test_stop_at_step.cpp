// "Stop at step k": every lesson is run under the virtual clock and stopped after k passes of
// its loop, for k from 1 to the passes a whole run takes (every k for short runs, a spread of
// them for long ones), the way --step's q stops it. Each stop must end the run as "stopped"
// and tear everything down: no crash, no exception out of the runner, uv_loop_close succeeding
// every time. Under ASan (CI's second pass) a leak or a dangling callback fails it too.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>

#include "asyncio/diagnostics.hpp"
#include "asyncio/observer.hpp"
#include "catalogue/catalogue.hpp"
#include "catalogue/params.hpp"
#include "runner/lesson_runner.hpp"
#include "runner/stopped.hpp"
#include "support.hpp"

namespace {

// Ends the run after pass k as --step's q does.
using StopAfter = testing::StopAfter<RunStopped>;

RunResult run_stopped(const catalogue::Lesson& lesson, StopAfter& observer) {
    RunSettings settings;
    settings.clock = asyncio::ClockKind::virtual_time;
    RunCallbacks callbacks;
    callbacks.observer = &observer;
    return run_lesson(catalogue::builtin(), lesson, catalogue::defaults(lesson), settings,
                      callbacks);
}

// Every k up to 40, then about 40 more spread up to `passes`, and the last pass itself.
std::set<long> steps_for(long passes) {
    std::set<long> steps;
    for (long k = 1; k <= passes && k <= 40; ++k) steps.insert(k);
    for (long k = 40; k < passes; k += std::max(1L, passes / 40)) steps.insert(k);
    if (passes > 0) steps.insert(passes);
    return steps;
}

}  // namespace

TEST_CASE("stop at step k: every lesson stopped after each k passes tears down cleanly") {
    const auto failed_closes = asyncio::diagnostics::failed_loop_closes();
    std::size_t lessons = 0, stops = 0;
    for (const auto& lesson : catalogue::builtin().lessons) {
        if (!has_program(lesson.slug)) continue;
        if (const char* only = std::getenv("STRESS_ONLY"); only && lesson.slug != only) continue;
        INFO("lesson " << lesson.slug);
        StopAfter whole(-1);  // never stops: counts the passes of a whole run
        const auto full = run_stopped(lesson, whole);
        CHECK(to_string(full.outcome) == lesson.expected_outcome);
        ++lessons;
        for (const long k : steps_for(whole.passes)) {
            INFO("stopped after pass " << k << " of " << whole.passes);
            if (std::getenv("STRESS_TRACE"))
                std::fprintf(stderr, "%s %ld\n", lesson.slug.c_str(), k);
            StopAfter observer(k);
            const auto result = run_stopped(lesson, observer);
            // Stopped at pass k, or ended as the lesson does: a run whose threads or real work
            // end it in fewer passes this time, or one whose end (deadlock's) is found in the
            // pass it was stopped in.
            CHECK((result.outcome == timeline::Outcome::stopped ||
                   to_string(result.outcome) == lesson.expected_outcome));
            if (observer.passes < k) CHECK(to_string(result.outcome) == lesson.expected_outcome);
            CHECK(result.timeline.elapsed <= full.timeline.elapsed + 1e-9);
            ++stops;
        }
        CHECK(asyncio::diagnostics::failed_loop_closes() == failed_closes);
    }
    if (std::getenv("STRESS_ONLY"))
        CHECK(lessons == 1);  // the one named, and it has a program
    else
        CHECK(lessons >= 30);
    MESSAGE(lessons << " lessons, " << stops << " stopped runs");
}
