#include "exercise/facts.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>
#include <vector>

namespace exercise {

namespace {

constexpr double epsilon = 1e-9;

bool ends_ok(const RunResult& run) {
    return run.outcome == timeline::Outcome::ok;
}

// The longest step any task took on the loop (a run, or a run long enough to be "blocked").
double longest_run(const timeline::Timeline& t) {
    double longest = 0;
    for (const auto& task : t.tasks)
        for (const auto& s : task.segments)
            if (s.kind == timeline::SegmentKind::run || s.kind == timeline::SegmentKind::blocked)
                longest = std::max(longest, s.end - s.start);
    return longest;
}

std::vector<std::string> printed(const timeline::Timeline& t) {
    std::vector<std::string> lines;
    for (const auto& line : t.output) lines.push_back(line.text);
    return lines;
}

// Every task the program made has ended by its own end (awaited), none cancelled or lost, and
// none after the first task (main) was over.
bool all_awaited(const timeline::Timeline& t) {
    if (t.tasks.empty()) return true;
    const auto main_end = t.tasks.front().finished;
    for (const auto& task : t.tasks) {
        if (task.state != timeline::TaskState::done || !task.finished) return false;
        if (main_end && *task.finished > *main_end + epsilon) return false;
    }
    return true;
}

bool own_work(const timeline::Segment& s) {
    return s.kind == timeline::SegmentKind::thread ||
           (s.kind == timeline::SegmentKind::wait && s.on && timeline::is_own_work(*s.on));
}

// Two different tasks did their own work (a sleep, I/O, a thread call) at the same time.
bool overlap(const timeline::Timeline& t) {
    for (std::size_t i = 0; i < t.tasks.size(); ++i)
        for (std::size_t j = i + 1; j < t.tasks.size(); ++j)
            for (const auto& a : t.tasks[i].segments)
                for (const auto& b : t.tasks[j].segments)
                    if (own_work(a) && own_work(b) &&
                        std::min(a.end, b.end) - std::max(a.start, b.start) > epsilon)
                        return true;
    return false;
}

// The most tasks doing their own work (a sleep, I/O such as an HTTP request, a thread call)
// at one moment: the limited work. A task waiting for a semaphore's slot does not count.
int most_at_work(const timeline::Timeline& t) {
    std::vector<std::pair<double, int>> edges;  // (time, +1 / -1); ends sort before starts
    for (const auto& task : t.tasks)
        for (const auto& s : task.segments)
            if (own_work(s) && s.end - s.start > epsilon) {
                edges.emplace_back(s.start, 1);
                edges.emplace_back(s.end, -1);
            }
    std::sort(edges.begin(), edges.end());
    int now = 0, most = 0;
    for (const auto& [when, step] : edges) most = std::max(most, now += step);
    return most;
}

// The same lines as the reference, each printed at the same moment: a result shown as soon as
// it is known, not kept back until the others are in.
bool same_times(const timeline::Timeline& t, const timeline::Timeline& reference) {
    if (t.output.size() != reference.output.size()) return false;
    for (std::size_t i = 0; i < t.output.size(); ++i)
        if (t.output[i].text != reference.output[i].text ||
            std::abs(t.output[i].t - reference.output[i].t) > 1e-6)
            return false;
    return true;
}

bool waits_on(const timeline::Timeline& t, timeline::WaitKind kind) {
    for (const auto& task : t.tasks)
        for (const auto& s : task.segments)
            if (s.on == kind) return true;
    return false;
}

bool on_thread(const timeline::Timeline& t) {
    for (const auto& task : t.tasks)
        for (const auto& s : task.segments)
            if (s.kind == timeline::SegmentKind::thread) return true;
    return false;
}

constexpr std::array kinds{"ends_ok",    "no_blocking", "same_output", "same_times",
                           "elapsed",    "all_awaited", "overlap",     "at_most",
                           "waits_lock", "waits_event", "on_thread"};

}  // namespace

bool known_fact(std::string_view kind) {
    return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

FactResult check_fact(std::string_view kind, const RunResult& student, const RunResult& reference,
                      std::optional<double> limit) {
    const auto& t = student.timeline;
    if (kind == "ends_ok") return {ends_ok(student)};
    if (kind == "no_blocking") {
        const double longest = longest_run(t);
        return {longest <= longest_step + epsilon, longest};
    }
    if (kind == "same_output") return {printed(t) == printed(reference.timeline)};
    if (kind == "same_times") return {same_times(t, reference.timeline)};
    if (kind == "elapsed")
        return {std::abs(t.elapsed - reference.timeline.elapsed) < 1e-6, t.elapsed};
    if (kind == "all_awaited") return {all_awaited(t)};
    if (kind == "overlap") return {overlap(t)};
    if (kind == "at_most") {
        const int most = most_at_work(t);
        return {limit.has_value() && most <= *limit + epsilon, static_cast<double>(most)};
    }
    if (kind == "waits_lock") return {waits_on(t, timeline::WaitKind::lock)};
    if (kind == "waits_event") return {waits_on(t, timeline::WaitKind::event)};
    if (kind == "on_thread") return {on_thread(t)};
    return {false};
}

}  // namespace exercise
