#include "timeline/model.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace timeline {

const Task* Timeline::find(std::uint64_t id) const {
    for (const auto& t : tasks)
        if (t.id == id) return &t;
    return nullptr;
}

bool is_own_work(WaitKind kind) {
    return kind == WaitKind::sleep || kind == WaitKind::io || kind == WaitKind::thread;
}

bool is_turn_taking(WaitKind kind) {
    return kind == WaitKind::lock || kind == WaitKind::semaphore || kind == WaitKind::condition ||
           kind == WaitKind::barrier || kind == WaitKind::pool;
}

double own_part(const Segment& segment) {
    // A job queued for a pool slot waits, whatever kind of segment carries it.
    if (segment.on == WaitKind::pool) return 0;
    switch (segment.kind) {
        case SegmentKind::run:
        case SegmentKind::blocked:
        case SegmentKind::thread:
            return segment.end - segment.start;
        case SegmentKind::wait:
            break;
    }
    if (!segment.on || !is_own_work(*segment.on)) return 0;
    const double end = segment.due >= 0 ? std::min(segment.end, segment.due) : segment.end;
    return std::max(0.0, end - segment.start);
}

double own_time(const Task& task) {
    double total = 0;
    for (const auto& s : task.segments) total += own_part(s);
    return total;
}

double total_own_time(const Timeline& timeline) {
    double total = 0;
    for (const auto& t : timeline.tasks) total += own_time(t);
    return total;
}

const char* to_string(SegmentKind kind) {
    switch (kind) {
        case SegmentKind::wait:
            return "wait";
        case SegmentKind::thread:
            return "thread";
        case SegmentKind::blocked:
            return "blocked";
        case SegmentKind::run:
            break;
    }
    return "run";
}

const char* to_string(TaskState state) {
    switch (state) {
        case TaskState::done:
            return "done";
        case TaskState::failed:
            return "failed";
        case TaskState::cancelled:
            return "cancelled";
        case TaskState::pending:
            break;
    }
    return "pending";
}

const char* to_string(Outcome outcome) {
    switch (outcome) {
        case Outcome::error:
            return "error";
        case Outcome::deadlock:
            return "deadlock";
        case Outcome::interrupted:
            return "interrupted";
        case Outcome::stopped:
            return "stopped";
        case Outcome::ok:
            break;
    }
    return "ok";
}

Outcome outcome_named(std::string_view name) {
    for (Outcome o :
         {Outcome::ok, Outcome::error, Outcome::deadlock, Outcome::interrupted, Outcome::stopped})
        if (name == to_string(o)) return o;
    return Outcome::error;
}

}  // namespace timeline
