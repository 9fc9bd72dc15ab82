#pragma once
// The timeline of one run as plain data: what every task did when, and what was printed.
// Renderers (terminal, JSON, SVG, trace) read only this, never runtime objects.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace timeline {

enum class SegmentKind { run, wait, thread, blocked };

struct Segment {
    SegmentKind kind = SegmentKind::run;
    double start = 0, end = 0;
    std::string on;  // for waits: sleep, task, gather, lock, ..., ready
};

enum class TaskState { pending, done, failed, cancelled };

struct Task {
    std::uint64_t id = 0;
    std::string name;
    std::optional<std::uint64_t> parent;
    double created = 0;
    std::optional<double> started, finished;
    TaskState state = TaskState::pending;
    std::string error;
    std::vector<Segment> segments;
};

struct OutputLine {
    double t = 0;
    std::uint64_t task = 0;
    std::string key;
    std::string text;
};

struct Timeline {
    std::vector<Task> tasks;
    std::vector<OutputLine> output;
    double elapsed = 0;

    const Task* find(std::uint64_t id) const;
};

// A wait on another task (task, gather, taskgroup, wait...) is not work of one's own.
bool waits_on_other_tasks(const Segment& segment);
// Time a task spent on its own work: its segments less its waits on other tasks.
double own_time(const Task& task);
// The sum of every task's own time: how long the run would take one job after another.
double total_own_time(const Timeline& timeline);

const char* to_string(SegmentKind kind);
const char* to_string(TaskState state);

}  // namespace timeline
