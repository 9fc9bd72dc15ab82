#pragma once
// Whether "N× faster than one after another" holds for a run, and when it does not, why.
//
// The comparison is the sum of the tasks' own time (own_time) against the elapsed time. It
// holds only when that sum is what the same program would take one task after another: the
// run ended normally, and no task's own work was cut short by another task (a cancellation
// at a timeout, at a sibling's failure, at the end of run()). Where it holds but the run is
// no faster, the reason comes from what the timeline shows: a blocking call, turns taken at
// a lock or a pool, or work that sat in one task.
#include <string>

#include "timeline/model.hpp"

namespace timeline {

enum class Verdict {
    faster,            // the tasks' own work overlapped: `ratio` > 1
    instant,           // the run took no time: nothing to compare
    deadlock,          // the run deadlocked at `at`
    stopped,           // interrupted or stopped at `at`, before its end
    error,             // the run ended with an error at `at`
    failure_cancels,   // `task` failed at `at` and `count` tasks still working were cancelled
    cancelled,         // `count` tasks were cancelled before their own work was done; the
                       // first was `task`, at `at`
    blocked,           // no faster: a blocking call held the loop while others waited for it
    took_turns,        // no faster: they took turns at a `turns` (lock, semaphore, pool...)
    barely_faster,     // the overlap saved too little to show in the ratio (work - elapsed)
    one_task,          // no faster: all the own work was in one task
    never_overlapped,  // no faster: each task worked while the others waited
};

struct Comparison {
    Verdict verdict = Verdict::instant;
    double work = 0;                // total_own_time
    double elapsed = 0;             // Timeline::elapsed
    double ratio = 0;               // work / elapsed, rounded to hundredths; 0 when elapsed is 0
    std::string task;               // the task a reason names
    double at = 0;                  // when it happened
    int count = 0;                  // how many tasks a reason counts
    std::optional<WaitKind> turns;  // for Verdict::took_turns: the wait they took turns at

    // The ratio is meaningful and shown only for Verdict::faster.
    bool holds() const { return verdict == Verdict::faster; }
};

Comparison compare_with_one_after_another(const Timeline& timeline);

const char* to_string(Verdict verdict);

}  // namespace timeline
