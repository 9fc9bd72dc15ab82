// Syllabus facts of part 4, time limits (lessons 20 and 21: wait-for, timeout), for the
// defaults and for other param values, under the virtual clock.
#include <algorithm>
#include <cmath>

#include "i18n/format.hpp"
#include "support.hpp"

using lesson_testing::number;
using lesson_testing::run;
using lesson_testing::same_time;
using timeline::TaskState;

TEST_CASE(
    "wait-for: TimeoutError at the timeout with the task already cancelled, else the "
    "result at the delay; around gather every child still running is cancelled") {
    struct Case {
        double delay, timeout;
    };
    for (const auto& c : {Case{10, 2}, Case{1, 2}, Case{3, 5}, Case{2.5, 1}, Case{0.5, 0.25},
                          Case{7, 10}, Case{2, 2}, Case{10, 0}, Case{0, 0}}) {
        CAPTURE(c.delay);
        CAPTURE(c.timeout);
        auto r = run("wait-for",
                     {"delay=" + std::to_string(c.delay), "timeout=" + std::to_string(c.timeout)});
        const auto timed_out = r.lines("timed_out");
        const auto& first = r.task("job-1");
        const auto& short_job = r.task("job-2");
        const auto& long_job = r.task("job-3");
        CHECK(r.task_count() == 4);  // main and the three jobs: wait_for made no task of its own
        if (c.timeout == 0) {
            // A zero limit cancels at once: no job even starts, and TimeoutError comes at 0.
            REQUIRE(timed_out.size() == 2);
            for (const auto* t : {&first, &short_job, &long_job}) {
                CHECK(t->state == TaskState::cancelled);
                CHECK(*t->finished == 0);
            }
            CHECK(r.lines("job_start").empty());
            CHECK(r.elapsed() == 0);
            continue;
        }
        // On a tie the limit wins: its timer was set before the job's own.
        const bool too_slow = c.delay >= c.timeout;
        // 1. One task.
        const double t1 = std::min(c.delay, c.timeout);
        if (too_slow) {
            REQUIRE(timed_out.size() == 2);
            CHECK(same_time(timed_out[0].t, c.timeout));
            CHECK(first.state == TaskState::cancelled);
            CHECK(same_time(*first.finished, c.timeout));  // ended before TimeoutError came
            CHECK(r.lines("job_cancelled").at(0).t == timed_out[0].t);
            CHECK(r.index_of("job_cancelled") < r.index_of("timed_out"));
            CHECK(r.lines("in_time").empty());
        } else {
            CHECK(timed_out.empty());
            CHECK(same_time(r.lines("in_time").at(0).t, c.delay));
            CHECK(first.state == TaskState::done);
        }
        // 2. A gather of job-2 (timeout/2) and job-3 (delay), under the same limit.
        CHECK(same_time(*short_job.started, t1));
        CHECK(short_job.state == TaskState::done);
        CHECK(same_time(*short_job.finished, t1 + c.timeout / 2));
        if (too_slow) {
            CHECK(same_time(timed_out[1].t, t1 + c.timeout));
            CHECK(long_job.state == TaskState::cancelled);
            CHECK(same_time(*long_job.finished, t1 + c.timeout));
            CHECK(r.lines("gather_in_time").empty());
            CHECK(same_time(r.elapsed(), t1 + c.timeout));
        } else {
            const double end = t1 + std::max(c.timeout / 2, c.delay);
            CHECK(long_job.state == TaskState::done);
            CHECK(same_time(r.lines("gather_in_time").at(0).t, end));
            CHECK(same_time(r.elapsed(), end));
        }
    }
}

TEST_CASE(
    "timeout: one deadline for a block of awaits; the time left is visible and the "
    "deadline can be moved") {
    struct Block {
        bool in_time;
        double end, done;
        std::vector<double> step_ends;
    };
    // The lesson's work: steps of at most 1 s. A step that would end at or after the deadline
    // is cut by it (the deadline's timer was set first, so it fires first on a tie).
    auto simulate = [](double start, double delay, double timeout, bool moving) {
        Block b{true, start, 0, {}};
        double deadline = start + timeout;
        while (b.done < delay) {
            const double piece = std::min(1.0, delay - b.done);
            if (b.end + piece >= deadline) return Block{false, deadline, b.done, b.step_ends};
            b.end += piece;
            b.done += piece;
            b.step_ends.push_back(b.end);
            if (moving) deadline = b.end + timeout;
        }
        return b;
    };
    struct Case {
        double delay, timeout;
    };
    for (const auto& c :
         {Case{10, 2}, Case{1.5, 2}, Case{3, 0.5}, Case{2.5, 4}, Case{4, 1.5}, Case{3.25, 1.75}}) {
        CAPTURE(c.delay);
        CAPTURE(c.timeout);
        auto r = run("timeout",
                     {"delay=" + std::to_string(c.delay), "timeout=" + std::to_string(c.timeout)});
        const auto fixed = simulate(0, c.delay, c.timeout, false);
        const auto moving = simulate(fixed.end, c.delay, c.timeout, true);

        // Block 1: the deadline is set once; the time left shrinks at every step.
        CHECK(r.lines("deadline").at(0).text == "block 1: the deadline is t=" + number(c.timeout) +
                                                    " s, " + number(c.timeout) + " s from now");
        const auto progress = r.lines("progress");
        REQUIRE(progress.size() == fixed.step_ends.size());
        double done = 0;
        for (std::size_t k = 0; k < progress.size(); ++k) {
            done += std::min(1.0, c.delay - done);
            CHECK(same_time(progress[k].t, fixed.step_ends[k]));
            CHECK(progress[k].text ==
                  number(done) + " of " + number(c.delay) + " s of work done; " +
                      number(c.timeout - fixed.step_ends[k]) + " s left before the deadline");
        }
        // Block 2: every step moves the deadline `timeout` ahead of now.
        const auto moved = r.lines("moved");
        REQUIRE(moved.size() == moving.step_ends.size());
        for (std::size_t k = 0; k < moved.size(); ++k) {
            CHECK(same_time(moved[k].t, moving.step_ends[k]));
            CHECK(moved[k].text.find(
                      "deadline moved to t=" + number(moving.step_ends[k] + c.timeout) + " s") !=
                  std::string::npos);
        }
        const auto timed_out = r.lines("timed_out");
        const auto in_time = r.lines("in_time");
        std::size_t k_timed = 0, k_in = 0;
        for (const auto& block : {fixed, moving}) {
            if (block.in_time) {
                CHECK(same_time(in_time.at(k_in++).t, block.end));
            } else {
                // TimeoutError exactly at the deadline, in the middle of an await.
                const auto& line = timed_out.at(k_timed++);
                CHECK(same_time(line.t, block.end));
                CHECK(line.text == "TimeoutError: the deadline passed with " + number(block.done) +
                                       " of " + number(c.delay) + " s of work done");
            }
        }
        CHECK(k_timed == timed_out.size());
        CHECK(k_in == in_time.size());
        CHECK(same_time(r.elapsed(), moving.end));
        CHECK(r.task_count() == 1);
    }
    // The defaults: block 1 times out at 2 s with 1 s done; block 2 does all 10 s, to 12 s.
    auto r = run("timeout");
    CHECK(r.lines("timed_out").at(0).t == 2);
    CHECK(r.lines("in_time").at(0).t == 12);
    CHECK(r.elapsed() == 12);
}
