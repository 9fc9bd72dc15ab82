#pragma once
// What a bar, a band lane or a legend entry of the picture stands for. These are the marks every
// renderer shares (render/marks.hpp), in the same colours, plus what only the picture tells
// apart: a job queued for a worker-thread slot ({"kind": "wait", "on": "pool"}), which is
// waiting, not running on a thread.
#include <optional>
#include <string_view>

#include "timeline/model.hpp"

namespace render::picture {

// Declaration order is the order of the legend.
enum class Kind { run, blocked, sleep, task, sync, pool, thread, io, done, failed, cancelled };
inline constexpr int kind_count = 11;

struct KindLook {
    std::string_view id;     // a stable name for SVG classes: "sleep", "pool"
    const char* rgb;         // "#rrggbb"
    const char* legend_key;  // in messages.json
};

const KindLook& look(Kind kind);
Kind kind_for(const timeline::Segment& segment);
// No kind for a task that has not ended.
std::optional<Kind> kind_for(timeline::TaskState state);

// done, failed and cancelled are drawn where a task ended, not as a span of time.
constexpr bool is_end(Kind kind) {
    return kind >= Kind::done;
}
// The task has the CPU (or a thread does its work): a thicker bar than a wait.
constexpr bool is_busy(Kind kind) {
    return kind == Kind::run || kind == Kind::blocked || kind == Kind::thread;
}

}  // namespace render::picture
