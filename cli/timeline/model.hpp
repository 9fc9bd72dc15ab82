#pragma once
// The timeline of one run as plain data: what every task did when, and what was printed.
// Renderers (terminal, JSON, SVG, trace) read only this, never runtime objects.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asyncio/wait_on.hpp"

namespace timeline {

enum class SegmentKind { run, wait, thread, blocked };

// What a task waits on: the runtime's one enum (asyncio/wait_on.hpp, a plain header), whose
// to_string gives the JSON report's "on".
using WaitKind = asyncio::WaitOn;
// A task's own work: a sleep, I/O or thread call it started. Everything else is waiting for
// another task, for a primitive, or for the loop.
bool is_own_work(WaitKind kind);
// Waits that make tasks take turns at a shared resource (lock, semaphore, condition,
// barrier, worker pool).
bool is_turn_taking(WaitKind kind);

struct Segment {
    SegmentKind kind = SegmentKind::run;
    double start = 0, end = 0;
    std::optional<WaitKind> on;  // for waits and thread calls; none for time on the loop
    // For a timer: when it was due. A sleep that ends later than that (the loop was held
    // elsewhere) spent the rest waiting for the loop. Negative: not a timer.
    double due = -1;
};

// How long a segment counts as the task's own work: time on the loop, on a worker thread,
// or in a sleep / I/O the task started (a sleep up to its due time); 0 for any other wait.
double own_part(const Segment& segment);

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

// How the run as a whole ended (RunResult's outcome, kept here for the renderers).
enum class Outcome { ok, error, deadlock, interrupted, stopped };

struct Timeline {
    std::vector<Task> tasks;
    std::vector<OutputLine> output;
    double elapsed = 0;
    Outcome outcome = Outcome::ok;

    const Task* find(std::uint64_t id) const;
};

// Time a task spent on its own work: the sum of own_part over its segments.
double own_time(const Task& task);
// The sum of every task's own time: how long the run would take one job after another.
double total_own_time(const Timeline& timeline);

const char* to_string(SegmentKind kind);
const char* to_string(TaskState state);
const char* to_string(Outcome outcome);
// "deadlock" -> Outcome::deadlock; an unknown name -> Outcome::error.
Outcome outcome_named(std::string_view name);

}  // namespace timeline
