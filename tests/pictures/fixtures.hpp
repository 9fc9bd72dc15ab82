#pragma once
// Timelines built by hand for the picture tests: what a run would record, without running it.
// They draw what the lessons cannot produce yet or at all: forty gathered jobs (the gather
// lesson takes at most 20 delays), jobs queued for a pool slot ({"kind": "wait", "on":
// "pool"}), and a deadlock with its wait-for graph.
#include <cstdint>
#include <string>
#include <vector>

#include "render/picture_layout.hpp"
#include "timeline/model.hpp"

namespace fixtures {

using timeline::Segment;
using timeline::SegmentKind;
using timeline::TaskState;

inline timeline::Task task(std::uint64_t id, std::string name, std::vector<Segment> segments,
                           TaskState state = TaskState::done) {
    timeline::Task t;
    t.id = id;
    t.name = std::move(name);
    if (id != 1) t.parent = 1;
    t.started = segments.empty() ? 0 : segments.front().start;
    t.finished = segments.empty() ? 0 : segments.back().end;
    t.segments = std::move(segments);
    t.state = state;
    return t;
}

// main gathers one job per delay; each job sleeps its delay.
inline timeline::Timeline gather(const std::vector<double>& delays) {
    double end = 0;
    for (double d : delays) end = std::max(end, d);
    timeline::Timeline t;
    t.tasks.push_back(task(1, "main",
                           {{SegmentKind::run, 0, 0, {}},
                            {SegmentKind::wait, 0, end, timeline::WaitKind::gather},
                            {SegmentKind::run, end, end, {}}}));
    for (std::size_t i = 0; i < delays.size(); ++i) {
        t.tasks.push_back(task(i + 2, "job-" + std::to_string(i + 1),
                               {{SegmentKind::wait, 0, delays[i], timeline::WaitKind::sleep}}));
    }
    t.elapsed = end;
    return t;
}

// Forty jobs of 1 to 8 seconds, in a repeating order.
inline timeline::Timeline gather_40() {
    std::vector<double> delays;
    for (int i = 0; i < 40; ++i) delays.push_back(1 + (i * 3) % 8);
    return gather(delays);
}

// `jobs` blocking jobs of `duration` seconds on a pool of `threads`: each job queues for a
// slot, then runs on a worker thread; main gathers them.
inline timeline::Timeline pool(int jobs, int threads, double duration) {
    timeline::Timeline t;
    const double end = duration * ((jobs + threads - 1) / threads);
    t.tasks.push_back(task(1, "main",
                           {{SegmentKind::run, 0, 0, {}},
                            {SegmentKind::wait, 0, end, timeline::WaitKind::gather},
                            {SegmentKind::run, end, end, {}}}));
    for (int i = 0; i < jobs; ++i) {
        const double slot = duration * (i / threads);
        std::vector<Segment> segments{{SegmentKind::run, 0, 0, {}}};
        if (slot > 0) segments.push_back({SegmentKind::wait, 0, slot, timeline::WaitKind::pool});
        segments.push_back(
            {SegmentKind::thread, slot, slot + duration, timeline::WaitKind::thread});
        segments.push_back({SegmentKind::run, slot + duration, slot + duration, {}});
        t.tasks.push_back(task(static_cast<std::uint64_t>(i) + 2, "job-" + std::to_string(i + 1),
                               std::move(segments)));
    }
    t.elapsed = end;
    return t;
}

// Lesson 27's run: two workers take locks A and B in opposite order and deadlock at `at`.
inline timeline::Timeline deadlock(double at = 0.5) {
    timeline::Timeline t;
    t.tasks.push_back(
        task(1, "main",
             {{SegmentKind::run, 0, 0, {}}, {SegmentKind::wait, 0, at, timeline::WaitKind::gather}},
             TaskState::cancelled));
    t.tasks.push_back(task(2, "worker-1",
                           {{SegmentKind::wait, 0, at, timeline::WaitKind::sleep},
                            {SegmentKind::wait, at, at, timeline::WaitKind::lock}},
                           TaskState::cancelled));
    t.tasks.push_back(task(3, "worker-2",
                           {{SegmentKind::wait, 0, at, timeline::WaitKind::sleep},
                            {SegmentKind::wait, at, at, timeline::WaitKind::lock}},
                           TaskState::cancelled));
    t.elapsed = at;
    return t;
}

// What the runtime reports about that deadlock: who waits for what, and who holds it.
inline render::picture::Deadlock deadlock_report(double at = 0.5) {
    using timeline::WaitKind;
    return {at,
            {{1, WaitKind::gather, "worker-1, worker-2", 0},
             {2, WaitKind::lock, "B", 3},
             {3, WaitKind::lock, "A", 2}}};
}

}  // namespace fixtures
