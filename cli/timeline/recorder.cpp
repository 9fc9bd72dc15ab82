#include "timeline/recorder.hpp"

namespace timeline {

namespace {
// Open segments are marked by end < start until they close.
constexpr double open_end = -1;
}  // namespace

Task* Recorder::find(asyncio::TaskId id) {
    auto it = index_.find(id);
    return it == index_.end() ? nullptr : &timeline_.tasks[it->second];
}

void Recorder::close_open_segment(Task& task, double t) {
    if (task.segments.empty()) return;
    auto& last = task.segments.back();
    if (last.end != open_end) return;
    last.end = t;
    if (last.kind == SegmentKind::run && last.end - last.start >= blocking_threshold)
        last.kind = SegmentKind::blocked;
}

void Recorder::task_created(asyncio::TaskId id, std::string_view name, asyncio::TaskId parent,
                            double t) {
    Task task;
    task.id = id;
    task.name = std::string(name);
    if (parent != asyncio::no_task) task.parent = parent;
    task.created = t;
    index_.insert_or_assign(id, timeline_.tasks.size());
    timeline_.tasks.push_back(std::move(task));
}

void Recorder::task_step_began(asyncio::TaskId id, double t) {
    Task* task = find(id);
    if (!task) return;
    close_open_segment(*task, t);
    if (!task->started) task->started = t;
    task->segments.push_back(Segment{SegmentKind::run, t, open_end, {}, -1});
}

void Recorder::task_suspended(const asyncio::WaitInfo& wait, double t) {
    Task* task = find(wait.task);
    if (!task) return;
    close_open_segment(*task, t);
    const SegmentKind kind =
        wait.on == asyncio::WaitOn::thread ? SegmentKind::thread : SegmentKind::wait;
    task->segments.push_back(Segment{kind, t, open_end, wait.on, wait.wakes_at});
}

void Recorder::task_finished(asyncio::TaskId id, asyncio::TaskOutcome outcome,
                             std::string_view error, double t) {
    Task* task = find(id);
    if (!task) return;
    close_open_segment(*task, t);
    task->finished = t;
    task->error = std::string(error);
    switch (outcome) {
        case asyncio::TaskOutcome::done:
            task->state = TaskState::done;
            break;
        case asyncio::TaskOutcome::failed:
            task->state = TaskState::failed;
            break;
        case asyncio::TaskOutcome::cancelled:
            task->state = TaskState::cancelled;
            break;
    }
}

void Recorder::diagnostic(asyncio::DiagnosticKind kind, std::string_view subject,
                          std::string_view detail) {
    diagnostics_.push_back(Diagnostic{kind, std::string(subject), std::string(detail)});
    if (on_diagnostic) on_diagnostic(diagnostics_.back());
}

void Recorder::add_output(double t, std::uint64_t task, std::string key, std::string text) {
    timeline_.output.push_back(OutputLine{t, task, std::move(key), std::move(text)});
}

Timeline Recorder::finish(double elapsed, Outcome outcome) {
    for (auto& task : timeline_.tasks) close_open_segment(task, elapsed);
    timeline_.elapsed = elapsed;
    timeline_.outcome = outcome;
    return timeline_;
}

}  // namespace timeline
