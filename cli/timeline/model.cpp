#include "timeline/model.hpp"

#include <string_view>

namespace timeline {

const Task* Timeline::find(std::uint64_t id) const {
    for (const auto& t : tasks)
        if (t.id == id) return &t;
    return nullptr;
}

bool waits_on_other_tasks(const Segment& segment) {
    if (segment.kind != SegmentKind::wait) return false;
    const std::string_view on = segment.on;
    return on == "task" || on == "gather" || on == "taskgroup" || on == "wait" || on == "ready";
}

double own_time(const Task& task) {
    double total = 0;
    for (const auto& s : task.segments)
        if (!waits_on_other_tasks(s)) total += s.end - s.start;
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

}  // namespace timeline
