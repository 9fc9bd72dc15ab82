// Syllabus facts of part 6, blocking code and threads (lessons 28 to 31: blocking-call,
// to-thread, thread-pool, cpu-bound), for the defaults and for other param values, under the
// virtual clock; and the thread pool and core count of cpu-bound under the real clock.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <thread>

#include "asyncio/threads.hpp"
#include "i18n/format.hpp"
#include "support.hpp"

using lesson_testing::job;
using lesson_testing::lines_of;
using lesson_testing::number;
using lesson_testing::run;
using lesson_testing::Run;
using lesson_testing::same_time;
using lesson_testing::setting;
using timeline::SegmentKind;
using timeline::TaskState;

namespace {

// Does the task wait on `on` from `start` to `end` (one segment, or several in a row)?
bool waits_on(const timeline::Task& task, asyncio::WaitOn on, double start, double end) {
    double covered_to = start;
    for (const auto& s : task.segments) {
        if (s.kind != SegmentKind::wait || s.on != on) continue;
        if (s.start <= covered_to + 1e-9 && s.end > covered_to) covered_to = s.end;
    }
    return covered_to >= end - 1e-9;
}

bool has_segment(const timeline::Task& task, SegmentKind kind,
                 std::optional<asyncio::WaitOn> on = std::nullopt) {
    for (const auto& s : task.segments)
        if (s.kind == kind && (!on || s.on == on) && s.end > s.start) return true;
    return false;
}

std::size_t slow_steps(const Run& r, std::string_view subject) {
    std::size_t n = 0;
    for (const auto& d : r.result.diagnostics)
        if (d.kind == asyncio::DiagnosticKind::slow_step && d.subject == subject) ++n;
    return n;
}

}  // namespace

TEST_CASE(
    "blocking-call: the other task ends at blocking + other; CPU work is no faster as "
    "coroutines") {
    struct Case {
        double blocking, other;
    };
    for (const auto& c : std::vector<Case>{{5, 1}, {2, 3}, {0.5, 0.25}, {0, 1}, {3, 0}}) {
        CAPTURE(c.blocking);
        CAPTURE(c.other);
        auto r = run("blocking-call", {setting("blocking", c.blocking), setting("other", c.other)});
        const double b = c.blocking, o = c.other;
        CHECK(lines_of(r, "blocking_start", "blocking").at(0).t == 0);
        CHECK(lines_of(r, "blocking_done", "blocking").at(0).t == b);
        // The other task could not even start while the loop was held.
        CHECK(*r.task("other").started == b);
        CHECK(lines_of(r, "other_start", "other").at(0).t == b);
        const auto done = lines_of(r, "other_done", "other").at(0);
        CHECK(same_time(done.t, b + o));
        CHECK(done.text ==
              "awake after " + number(o) + " s of sleep, begun at t=" + number(b) + " s");
        CHECK(same_time(*r.task("other").finished, b + o));
        CHECK(same_time(r.lines("both_done").at(0).t, b + o));
        // The timeline shows the loop blocked by that task, and the slow step is reported.
        if (b >= 0.1) {
            CHECK(has_segment(r.task("blocking"), SegmentKind::blocked));
            CHECK(slow_steps(r, "blocking") == 1);
        }

        // Two pieces of `other` seconds: plain calls and coroutines take the same time.
        const auto totals = r.lines("cpu_total");
        REQUIRE(totals.size() == 2);
        CHECK(same_time(totals[0].t, b + 3 * o));
        CHECK(same_time(totals[1].t, b + 5 * o));
        CHECK(totals[0].text == "took " + number(2 * o) + " s");
        CHECK(totals[1].text == totals[0].text);
        CHECK(same_time(*r.task("cpu-1").finished, b + 4 * o));
        CHECK(same_time(*r.task("cpu-2").finished, b + 5 * o));
        CHECK(same_time(r.elapsed(), b + 5 * o));
    }
}

TEST_CASE("to-thread: the other task ends at `other`; each part takes max(blocking, other)") {
    struct Case {
        double blocking, other;
    };
    for (const auto& c : std::vector<Case>{{5, 1}, {1, 3}, {2.5, 0.5}, {0, 1}, {2, 2}}) {
        CAPTURE(c.blocking);
        CAPTURE(c.other);
        auto r = run("to-thread", {setting("blocking", c.blocking), setting("other", c.other)});
        const double b = c.blocking, o = c.other, m = std::max(b, o);

        // 1. The whole function on a thread.
        CHECK(lines_of(r, "other_start", "other-1").at(0).t == 0);
        CHECK(lines_of(r, "other_done", "other-1").at(0).t == o);
        const auto& reader = r.task("blocking");
        CHECK(*reader.finished == b);
        CHECK(reader.state == TaskState::done);
        if (b > 0) CHECK(has_segment(reader, SegmentKind::thread, asyncio::WaitOn::thread));
        CHECK(r.lines("rows").at(0).text == "read_rows returned 250 rows");
        const auto parts = r.lines("part_done");
        REQUIRE(parts.size() == 2);
        CHECK(parts[0].t == m);
        CHECK(parts[0].text == "this part took " + number(m) + " s");

        // 2. A coroutine that awaits to_thread for its one blocking call.
        CHECK(lines_of(r, "report_start", "report").at(0).t == m);
        CHECK(lines_of(r, "other_start", "other-2").at(0).t == m);
        CHECK(same_time(lines_of(r, "other_done", "other-2").at(0).t, m + o));
        CHECK(same_time(lines_of(r, "report_done", "report").at(0).t, m + b));
        if (b > 0)
            CHECK(has_segment(r.task("report"), SegmentKind::thread, asyncio::WaitOn::thread));
        CHECK(same_time(parts[1].t, 2 * m));
        CHECK(parts[1].text == "this part took " + number(m) + " s");
        CHECK(same_time(r.elapsed(), 2 * m));
        // The loop was never held.
        for (const auto& task : r.result.timeline.tasks)
            CHECK_FALSE(has_segment(task, SegmentKind::blocked));
        CHECK(r.result.diagnostics.empty());
    }
}

TEST_CASE("thread-pool: jobs beyond the pool queue; ceil(jobs/pool) x duration") {
    struct Case {
        int jobs;
        double duration;
        int pool;
    };
    // Pools above libuv's 4 included: the executor has threads of its own.
    for (const auto& c : std::vector<Case>{{8, 1, 4},
                                           {8, 1, 2},
                                           {5, 0.5, 4},
                                           {3, 2, 1},
                                           {9, 0.25, 3},
                                           {4, 1, 8},
                                           {8, 0.5, 8},
                                           {12, 1, 32},
                                           {64, 0.5, 32},
                                           {20, 1, 6}}) {
        CAPTURE(c.jobs);
        CAPTURE(c.duration);
        CAPTURE(c.pool);
        auto r =
            run("thread-pool", {"jobs=" + std::to_string(c.jobs), setting("duration", c.duration),
                                "pool=" + std::to_string(c.pool)});
        CHECK(r.lines("submitting").at(0).text ==
              std::to_string(c.jobs) + (c.jobs == 1 ? " job" : " jobs") + " of " +
                  number(c.duration) + " s, at most " + std::to_string(c.pool) + " at a time");
        const auto done = r.lines("job_done");
        REQUIRE(done.size() == static_cast<std::size_t>(c.jobs));
        for (int n = 1; n <= c.jobs; ++n) {
            CAPTURE(n);
            const double round = std::ceil(static_cast<double>(n) / c.pool);
            // First come, first served: the n-th line is job n's, in round ceil(n / pool).
            CHECK(done[static_cast<std::size_t>(n - 1)].task == r.task(job(n)).id);
            CHECK(same_time(done[static_cast<std::size_t>(n - 1)].t, round * c.duration));
            const auto& task = r.task(job(n));
            if (c.duration > 0)
                CHECK(has_segment(task, SegmentKind::thread, asyncio::WaitOn::thread));
            // Queued for a slot: waiting for the pool, not on a thread, until its round.
            if (round > 1 && c.duration > 0) {
                CHECK(waits_on(task, asyncio::WaitOn::pool, 0, (round - 1) * c.duration));
            } else {
                CHECK_FALSE(has_segment(task, SegmentKind::wait, asyncio::WaitOn::pool));
            }
        }
        const double rounds = std::ceil(static_cast<double>(c.jobs) / c.pool);
        const double expected = rounds * c.duration;
        const auto all = r.lines("all_done");
        REQUIRE(all.size() == 1);
        CHECK(same_time(all[0].t, expected));
        CHECK(all[0].text.find(": " + number(rounds) + (rounds == 1 ? " round" : " rounds") +
                               " of " + number(c.duration) + " s") != std::string::npos);
        CHECK(same_time(r.elapsed(), expected));
        // Blocking work on threads never holds the loop.
        for (const auto& task : r.result.timeline.tasks)
            CHECK_FALSE(has_segment(task, SegmentKind::blocked));
    }
}

TEST_CASE("thread-pool on the real clock: a pool above libuv's 4 really runs that many at once") {
    const auto& catalogue = catalogue::builtin();
    const auto* lesson = catalogue.find("thread-pool");
    REQUIRE(lesson != nullptr);
    struct Case {
        int jobs, pool;
    };
    for (const auto& c : std::vector<Case>{{8, 8}, {12, 6}, {5, 2}}) {
        CAPTURE(c.jobs);
        CAPTURE(c.pool);
        auto params = catalogue::defaults(*lesson);
        for (const auto& s : {"jobs=" + std::to_string(c.jobs), std::string("duration=0.2"),
                              "pool=" + std::to_string(c.pool)})
            catalogue::apply_setting(*lesson, params, s);
        RunSettings settings;
        settings.clock = asyncio::ClockKind::real;
        const auto result = run_lesson(catalogue, *lesson, params, settings);
        const double expected = std::ceil(static_cast<double>(c.jobs) / c.pool) * 0.2;
        // Never early; late only by what a busy machine adds (generous).
        CHECK(result.timeline.elapsed >= expected - 1e-3);
        CHECK(result.timeline.elapsed < expected + 0.5);
    }
}

TEST_CASE(
    "cpu-bound: on the loop and on GIL-bound threads jobs x work; C++ threads side by "
    "side: work") {
    // Side by side means one worker thread each: libuv's pool has 4 unless UV_THREADPOOL_SIZE
    // says otherwise, and the lesson allows at most 4 jobs.
    const auto libuv = static_cast<int>(asyncio::thread_pool_size());
    struct Case {
        int jobs;
        double work;
    };
    for (const auto& c : std::vector<Case>{{2, 1}, {4, 1}, {1, 0.5}, {3, 2}, {2, 0.05}}) {
        CAPTURE(c.jobs);
        CAPTURE(c.work);
        auto r = run("cpu-bound", {"jobs=" + std::to_string(c.jobs), setting("work", c.work)});
        const double serial = c.jobs * c.work;
        const double parallel =
            std::ceil(static_cast<double>(c.jobs) / std::min(c.jobs, libuv)) * c.work;
        // The virtual clock asks no machine for its cores.
        CHECK(r.lines("cores").empty());
        CHECK(r.lines("cores_virtual").size() == 1);

        const auto totals = r.lines("total");
        REQUIRE(totals.size() == 3);
        // 1. On the loop's thread: one after another, and the loop is held.
        CHECK(same_time(totals[0].t, serial));
        CHECK(totals[0].text == "took " + number(serial) + " s");
        CHECK(has_segment(r.task("main"), SegmentKind::blocked));
        // 2. Threads taking turns on one lock (the GIL), slice by slice as CPython's do: no
        //    faster, and every thread ends near the end, one slice after the other.
        CHECK(same_time(totals[1].t, 2 * serial));
        CHECK(totals[1].text == totals[0].text);
        const int slices = std::clamp(static_cast<int>(std::ceil(c.work / 0.005)), 1, 50);
        const double slice = c.work / slices;
        for (int n = 1; n <= c.jobs; ++n) {
            const auto& thread = r.task("thread-" + std::to_string(n));
            CHECK(same_time(*thread.finished, 2 * serial - (c.jobs - n) * slice));
            CHECK(has_segment(thread, SegmentKind::thread, asyncio::WaitOn::thread));
            // Its first slice waits for the n - 1 threads before it.
            if (n > 1)
                CHECK(waits_on(thread, asyncio::WaitOn::lock, serial, serial + (n - 1) * slice));
        }
        // 3. C++ threads, side by side: as long as one job (one worker each).
        CHECK(same_time(totals[2].t, 2 * serial + parallel));
        CHECK(totals[2].text == "took " + number(parallel) + " s");
        if (c.jobs <= libuv) CHECK(parallel == c.work);
        for (int n = 1; n <= c.jobs; ++n) {
            const auto& core = r.task("core-" + std::to_string(n));
            CHECK(has_segment(core, SegmentKind::thread, asyncio::WaitOn::thread));
            if (c.jobs <= libuv) CHECK(same_time(*core.finished, 2 * serial + c.work));
        }
        CHECK(r.lines("speedup").at(0).text ==
              "side by side was " + number(serial / parallel) + "× as fast as one after another");
        CHECK(same_time(r.elapsed(), 2 * serial + parallel));
    }
}

TEST_CASE("cpu-bound under the real clock says how many cores the machine has") {
    const auto& catalogue = catalogue::builtin();
    const auto* lesson = catalogue.find("cpu-bound");
    REQUIRE(lesson != nullptr);
    auto params = catalogue::defaults(*lesson);
    catalogue::apply_setting(*lesson, params, "jobs=1");
    catalogue::apply_setting(*lesson, params, "work=0.05");
    RunSettings settings;
    settings.clock = asyncio::ClockKind::real;
    const auto result = run_lesson(catalogue, *lesson, params, settings);
    CHECK(result.outcome == timeline::Outcome::ok);
    const auto cores = static_cast<int>(std::thread::hardware_concurrency());
    std::vector<std::string> said;
    for (const auto& line : result.timeline.output)
        if (line.key == "cores" || line.key == "cores_virtual") said.push_back(line.text);
    REQUIRE(said.size() == 1);
    CHECK(said[0] ==
          "this machine has " + std::to_string(cores) + " CPU " + (cores == 1 ? "core" : "cores"));
    CHECK(result.timeline.elapsed > 0);
}
