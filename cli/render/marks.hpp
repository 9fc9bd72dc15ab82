#pragma once
// What a task's state looks like, for every renderer. The terminal glyphs, the SVG bars and
// the legends of both read this one table, so that a colour or a legend entry always means
// the same thing whether the class sees the terminal or the slide.
#include <optional>
#include <string_view>

#include "timeline/model.hpp"

namespace render {

// Declaration order is the order of the legend.
enum class Mark { run, blocked, sleep, task, sync, thread, io, done, failed, cancelled };
inline constexpr int mark_count = 10;

struct MarkLook {
    std::string_view id;     // "sleep": a stable name for exports and SVG classes
    const char* glyph;       // the terminal's symbol
    const char* ascii;       // the same in ASCII, where the terminal cannot show the other
    const char* ansi;        // the terminal's colour (an SGR code)
    const char* rgb;         // the picture's colour, "#rrggbb"
    const char* legend_key;  // in messages.json
};

const MarkLook& look(Mark mark);
Mark mark_for(const timeline::Segment& segment);
// No mark for a task that has not ended.
std::optional<Mark> mark_for(timeline::TaskState state);
// done, failed and cancelled are drawn where a task ended, not as a span of time.
constexpr bool is_end_mark(Mark mark) {
    return mark >= Mark::done;
}

}  // namespace render
