#include "timeline/comparison.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

namespace timeline {

namespace {

// Below half a millisecond the run shows as "0 s": there is nothing to divide by.
constexpr double no_time = 0.0005;
// Siblings cancelled because a task failed end in the pass after the failure: the same
// instant under the virtual clock, a few microseconds later under the real one.
constexpr double same_moment = 0.01;
constexpr double tiny = 1e-9;

// The wait a cancelled task was in when the cancellation reached it (its last segment is the
// step that ended it); null when it never waited at all.
const Segment* interrupted_wait(const Task& task) {
    for (auto it = task.segments.rbegin(); it != task.segments.rend(); ++it)
        if (it->kind != SegmentKind::run) return &*it;
    return nullptr;
}

// Whether cancelling the task lost some of its own work: it was doing it (a sleep, I/O, a
// thread call, the loop), was about to (ready, or queued for a lock, a semaphore or a pool
// slot) or had not started. A task that waited for another task, an event or a queue item is
// not counted: it may have been waiting for something that would never come.
bool cut_short(const Task& task) {
    if (task.state != TaskState::cancelled) return false;
    const Segment* wait = interrupted_wait(task);
    if (!wait || wait->kind != SegmentKind::wait) return true;
    if (!wait->on) return true;
    const WaitKind kind = *wait->on;
    return is_own_work(kind) || kind == WaitKind::ready || kind == WaitKind::lock ||
           kind == WaitKind::semaphore || kind == WaitKind::pool;
}

double finished_at(const Task& task, const Timeline& timeline) {
    return task.finished.value_or(timeline.elapsed);
}

// A task that could not go on while `block` held the loop: not started yet, due on a timer,
// waiting for I/O, or ready to run.
bool held_by(const Task& other, const Segment& block) {
    if (other.created >= block.end - tiny) return false;
    if (!other.started || *other.started >= block.end - tiny) return true;
    for (const auto& s : other.segments) {
        if (s.kind != SegmentKind::wait) continue;
        if (std::min(s.end, block.end) - std::max(s.start, block.start) <= tiny) continue;
        const auto kind = s.on;
        if (kind == WaitKind::sleep || kind == WaitKind::io || kind == WaitKind::ready) return true;
    }
    return false;
}

bool blocking_held_others(const Timeline& timeline) {
    for (const auto& task : timeline.tasks) {
        for (const auto& block : task.segments) {
            if (block.kind != SegmentKind::blocked || block.end - block.start <= tiny) continue;
            for (const auto& other : timeline.tasks)
                if (&other != &task && held_by(other, block)) return true;
        }
    }
    return false;
}

// The turn-taking wait the tasks spent the most time in, if any.
std::optional<WaitKind> main_turn_taking(const Timeline& timeline) {
    std::map<WaitKind, double> waited;
    for (const auto& task : timeline.tasks)
        for (const auto& s : task.segments)
            if (s.kind == SegmentKind::wait && s.on && is_turn_taking(*s.on))
                waited[*s.on] += s.end - s.start;
    std::optional<WaitKind> most;
    double longest = tiny;
    for (const auto& [kind, seconds] : waited) {
        if (seconds > longest) {
            longest = seconds;
            most = kind;
        }
    }
    return most;
}

// Fills in the reason when some task's own work was cut short; false when none was.
bool explain_cancellations(const Timeline& timeline, Comparison& c) {
    std::vector<const Task*> lost;
    for (const auto& task : timeline.tasks)
        if (cut_short(task)) lost.push_back(&task);
    if (lost.empty()) return false;
    // A failure that took others down with it (a TaskGroup cancelling the siblings).
    const Task* cause = nullptr;
    int taken = 0;
    for (const auto& failed : timeline.tasks) {
        if (failed.state != TaskState::failed) continue;
        const double t = finished_at(failed, timeline);
        if (cause && t >= finished_at(*cause, timeline)) continue;
        int count = 0;
        for (const auto* task : lost) {
            const double ended = finished_at(*task, timeline);
            if (ended >= t - tiny && ended <= t + same_moment) ++count;
        }
        if (count > 0) {
            cause = &failed;
            taken = count;
        }
    }
    if (cause) {
        c.verdict = Verdict::failure_cancels;
        c.task = cause->name;
        c.at = finished_at(*cause, timeline);
        c.count = taken;
        return true;
    }
    const Task* first = lost.front();
    for (const auto* task : lost)
        if (finished_at(*task, timeline) < finished_at(*first, timeline)) first = task;
    c.verdict = Verdict::cancelled;
    c.task = first->name;
    c.at = finished_at(*first, timeline);
    c.count = static_cast<int>(lost.size());
    return true;
}

}  // namespace

Comparison compare_with_one_after_another(const Timeline& timeline) {
    Comparison c;
    c.work = total_own_time(timeline);
    c.elapsed = timeline.elapsed;
    if (c.elapsed > 0) c.ratio = std::round(c.work / c.elapsed * 100) / 100;
    c.at = timeline.elapsed;
    switch (timeline.outcome) {
        case Outcome::deadlock:
            c.verdict = Verdict::deadlock;
            return c;
        case Outcome::interrupted:
        case Outcome::stopped:
            c.verdict = Verdict::stopped;
            return c;
        case Outcome::error:
            c.verdict = Verdict::error;
            return c;
        case Outcome::ok:
            break;
    }
    if (c.elapsed < no_time) {
        c.verdict = Verdict::instant;
        return c;
    }
    if (explain_cancellations(timeline, c)) return c;
    if (c.work / c.elapsed > 1.005) {
        c.verdict = Verdict::faster;
        return c;
    }
    if (blocking_held_others(timeline)) {
        c.verdict = Verdict::blocked;
        return c;
    }
    c.turns = main_turn_taking(timeline);
    if (c.turns) {
        c.verdict = Verdict::took_turns;
        return c;
    }
    // Some overlap, too little for the ratio to show (4 s saved over 20000 s).
    if (c.work - c.elapsed >= no_time) {
        c.verdict = Verdict::barely_faster;
        return c;
    }
    int working = 0;
    for (const auto& task : timeline.tasks) working += own_time(task) > tiny ? 1 : 0;
    c.verdict = working <= 1 ? Verdict::one_task : Verdict::never_overlapped;
    return c;
}

const char* to_string(Verdict verdict) {
    switch (verdict) {
        case Verdict::faster:
            return "faster";
        case Verdict::instant:
            return "instant";
        case Verdict::deadlock:
            return "deadlock";
        case Verdict::stopped:
            return "stopped";
        case Verdict::error:
            return "error";
        case Verdict::failure_cancels:
            return "failure_cancels";
        case Verdict::cancelled:
            return "cancelled";
        case Verdict::blocked:
            return "blocked";
        case Verdict::took_turns:
            return "took_turns";
        case Verdict::barely_faster:
            return "barely_faster";
        case Verdict::one_task:
            return "one_task";
        case Verdict::never_overlapped:
            break;
    }
    return "never_overlapped";
}

}  // namespace timeline
