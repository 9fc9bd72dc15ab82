#include "trace/trace_reader.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string_view>

#include "asyncio/wait_on.hpp"
#include "timeline/recorder.hpp"

namespace trace {

namespace {
// Open segments are marked by end < start until they close, as the Recorder marks them.
constexpr double open_end = -1;

timeline::TaskState state_named(std::string_view name) {
    if (name == "failed") return timeline::TaskState::failed;
    if (name == "cancelled") return timeline::TaskState::cancelled;
    return timeline::TaskState::done;
}

// The kind a Python wait names (asyncdemo_trace.py uses the runtime's names); a name this
// build does not know, from a newer module, is shown as a plain future.
asyncio::WaitOn wait_kind_named(std::string_view name) {
    return asyncio::wait_on_named(name).value_or(asyncio::WaitOn::future);
}

// As timeline::Recorder closes a segment: a run that held the loop long is "blocked".
void close_open(timeline::Task& task, double t) {
    if (task.segments.empty()) return;
    auto& last = task.segments.back();
    if (last.end != open_end) return;
    last.end = std::max(t, last.start);
    if (last.kind == timeline::SegmentKind::run &&
        last.end - last.start >= timeline::Recorder::blocking_threshold)
        last.kind = timeline::SegmentKind::blocked;
}

}  // namespace

timeline::Task* TraceReader::find(std::uint64_t id) {
    const auto it = index_.find(id);
    return it == index_.end() ? nullptr : &tasks_[it->second];
}

std::optional<timeline::OutputLine> TraceReader::feed(std::string_view line) {
    // A line that is not an event (a stray write on the events descriptor) is not ours.
    const auto event = nlohmann::json::parse(line, nullptr, false);
    if (!event.is_object() || !event.contains("e")) return std::nullopt;
    const std::string kind = event.value("e", "");
    const double t = event.value("t", last_t_);
    if (limit_ >= 0 && t > limit_) {
        past_limit_ = true;
        return std::nullopt;
    }
    last_t_ = std::max(last_t_, t);
    const std::uint64_t id = event.value("id", std::uint64_t{0});
    if (kind == "start") {
        started_ = true;
        python_ = event.value("python", "");
    } else if (kind == "task") {
        timeline::Task task;
        task.id = id;
        task.name = event.value("name", "");
        const std::uint64_t parent = event.value("parent", std::uint64_t{0});
        if (parent != 0) task.parent = parent;
        task.created = t;
        index_[id] = tasks_.size();
        tasks_.push_back(std::move(task));
    } else if (kind == "name") {
        if (auto* task = find(id)) task->name = event.value("name", task->name);
    } else if (kind == "step") {
        if (auto* task = find(id)) {
            close_open(*task, t);
            if (!task->started) task->started = t;
            task->segments.push_back({timeline::SegmentKind::run, t, open_end, {}, -1});
        }
    } else if (kind == "wait") {
        if (auto* task = find(id)) {
            close_open(*task, t);
            const auto on = wait_kind_named(event.value("on", ""));
            const auto segment_kind = on == asyncio::WaitOn::thread ? timeline::SegmentKind::thread
                                                                    : timeline::SegmentKind::wait;
            task->segments.push_back({segment_kind, t, open_end, on, event.value("due", -1.0)});
        }
    } else if (kind == "end") {
        if (auto* task = find(id)) {
            close_open(*task, t);
            task->finished = t;
            task->state = state_named(event.value("state", "done"));
            task->error = event.value("error", "");
        }
    } else if (kind == "line") {
        timeline::OutputLine out{t, event.value("task", std::uint64_t{0}), "",
                                 event.value("text", "")};
        output_.push_back(out);
        if (output_.size() > kept_lines) {
            output_.pop_front();
            ++dropped_;
        }
        return out;
    } else if (kind == "error") {
        error_ = ProgramError{event.value("kind", "raised"), event.value("error", ""),
                              event.value("traceback", "")};
    } else if (kind == "deadlock") {
        deadlocked_ = true;
        for (const auto& w : event.value("waits", nlohmann::json::array())) {
            asyncio::WaitInfo wait;
            wait.task = w.value("task", std::uint64_t{0});
            wait.name = task_name(wait.task);
            if (wait.name.empty()) wait.name = w.value("name", "");
            wait.on = wait_kind_named(w.value("on", ""));
            wait.detail = w.value("detail", "");
            wait.on_task = w.value("on_task", std::uint64_t{0});
            deadlock_.push_back(std::move(wait));
        }
    } else if (kind == "exit") {
        exit_code_ = event.value("code", 0);
    }
    return std::nullopt;
}

std::string TraceReader::task_name(std::uint64_t id) const {
    const auto it = index_.find(id);
    return it == index_.end() ? std::string() : tasks_[it->second].name;
}

timeline::Timeline TraceReader::finish(timeline::Outcome outcome, double elapsed) const {
    timeline::Timeline out;
    out.elapsed = std::max(elapsed, last_t_);
    out.outcome = outcome;
    out.tasks = tasks_;
    out.output.assign(output_.begin(), output_.end());
    if (out.tasks.empty()) {
        // Not an asyncio program at all: the program itself is the one thing that ran.
        timeline::Task main;
        main.id = 1;
        main.name = "main";
        main.started = 0.0;
        main.finished = out.elapsed;
        main.state = error_ ? timeline::TaskState::failed : timeline::TaskState::done;
        if (error_) main.error = error_->error;
        if (outcome == timeline::Outcome::interrupted) {
            main.finished.reset();
            main.state = timeline::TaskState::pending;
        }
        main.segments.push_back({timeline::SegmentKind::run, 0.0, out.elapsed, {}, -1});
        out.tasks.push_back(std::move(main));
        for (auto& line : out.output) line.task = 1;
    }
    for (auto& task : out.tasks) close_open(task, out.elapsed);
    return out;
}

}  // namespace trace
