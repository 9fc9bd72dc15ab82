#pragma once
// The timeline drawn with characters: one row per task on a shared time axis, a glyph per
// state so that it reads without colour, then the legend of the glyphs that appear.
#include <string>

#include "i18n/language.hpp"
#include "render/style.hpp"
#include "timeline/model.hpp"

namespace render {

struct Glyph {
    const char* symbol;
    const char* color;      // ANSI code
    const char* legend_key;  // in messages.json
};

// What a segment is drawn with.
Glyph glyph_for(const timeline::Segment& segment);
Glyph glyph_for(timeline::TaskState state);

// The rows, the axis and the legend. `scale_end` lets two runs share one axis (compare);
// zero means the timeline's own elapsed time.
std::string draw_timeline(const timeline::Timeline& timeline, i18n::Language language,
                          const Style& style, double scale_end = 0, int label_width = 0);
// Elapsed, the sum of the tasks' own time and the speed-up between them.
std::string draw_summary(const timeline::Timeline& timeline, i18n::Language language,
                         const Style& style);

}  // namespace render
