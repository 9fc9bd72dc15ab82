#include "render/marks.hpp"

#include <array>

namespace render {

namespace {

// The colours come from the Okabe-Ito palette, which stays distinguishable for the most
// common colour blindness; the terminal keeps the nearest of the 16 standard ANSI colours.
// Neither is the only cue: glyphs in the terminal, patterns and shapes in the picture.
// The ASCII glyphs (for a locale that is not UTF-8, or --ascii) keep the same idea: dense
// for work, light for waiting, a letter-like mark for the end.
constexpr std::array<MarkLook, mark_count> looks{{
    {"run", "█", "#", "32", "#009e73", "legend.run"},
    {"blocked", "▓", "@", "31;1", "#d55e00", "legend.blocked"},
    {"sleep", "░", ".", "34", "#0072b2", "legend.sleep"},
    {"task", "·", "-", "2", "#8c8c8c", "legend.task"},
    {"sync", "▒", "=", "33", "#e69f00", "legend.sync"},
    {"thread", "≡", "%", "35", "#cc79a7", "legend.thread"},
    {"io", "~", "~", "36", "#56b4e9", "legend.io"},
    {"done", "✓", "v", "32", "#009e73", "legend.done"},
    {"failed", "✗", "x", "31;1", "#d55e00", "legend.failed"},
    {"cancelled", "⊘", "/", "33", "#e69f00", "legend.cancelled"},
}};

// A primitive's wait: tasks coordinating through a lock, an event, a queue...
bool is_sync(asyncio::WaitOn on) {
    using asyncio::WaitOn;
    return on == WaitOn::lock || on == WaitOn::semaphore || on == WaitOn::event ||
           on == WaitOn::condition || on == WaitOn::queue || on == WaitOn::barrier;
}

}  // namespace

const MarkLook& look(Mark mark) {
    return looks[static_cast<std::size_t>(mark)];
}

Mark mark_for(const timeline::Segment& segment) {
    using timeline::SegmentKind;
    switch (segment.kind) {
        case SegmentKind::run:
            return Mark::run;
        case SegmentKind::blocked:
            return Mark::blocked;
        case SegmentKind::thread:
            return Mark::thread;
        case SegmentKind::wait:
            break;
    }
    if (!segment.on) return Mark::task;
    if (*segment.on == asyncio::WaitOn::sleep) return Mark::sleep;
    if (is_sync(*segment.on)) return Mark::sync;
    if (*segment.on == asyncio::WaitOn::io) return Mark::io;
    return Mark::task;
}

std::optional<Mark> mark_for(timeline::TaskState state) {
    switch (state) {
        case timeline::TaskState::done:
            return Mark::done;
        case timeline::TaskState::failed:
            return Mark::failed;
        case timeline::TaskState::cancelled:
            return Mark::cancelled;
        case timeline::TaskState::pending:
            break;
    }
    return std::nullopt;
}

}  // namespace render
