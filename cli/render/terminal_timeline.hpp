#pragma once
// The timeline drawn with characters: one row per task on a shared time axis, a glyph per
// state so that it reads without colour, then the legend of the glyphs that appear.
#include <string>
#include <vector>

#include "i18n/language.hpp"
#include "render/marks.hpp"
#include "render/style.hpp"
#include "timeline/model.hpp"

namespace render {

struct Glyph {
    Mark mark;
    const char* symbol;
    const char* color;       // ANSI code
    const char* legend_key;  // in messages.json
};

// What a segment is drawn with (the shared table of render/marks.hpp).
Glyph glyph_for(const timeline::Segment& segment);
Glyph glyph_for(timeline::TaskState state);

// Where things go: the time the axis ends at, the width of the task names, the columns.
struct Layout {
    double end = 0;
    int label_width = 0;
    int columns = 0;
};
// One layout for several timelines drawn on one axis (compare).
Layout layout_for(const std::vector<const timeline::Timeline*>& timelines, const Style& style);

// The glyphs used so far, for the legend.
class Legend {
  public:
    void note(const Glyph& glyph);
    std::string draw(i18n::Language language, const Style& style) const;

  private:
    std::vector<Glyph> glyphs_;
};

std::string draw_axis(const Layout& layout, i18n::Language language, const Style& style);
std::string draw_rows(const timeline::Timeline& timeline, const Layout& layout, const Style& style,
                      Legend& legend);
// Axis, rows and legend of one run.
std::string draw_timeline(const timeline::Timeline& timeline, i18n::Language language,
                          const Style& style);
// Elapsed and the sum of the tasks' own time, then the speed-up or why there is none.
std::string draw_summary(const timeline::Timeline& timeline, i18n::Language language,
                         const Style& style);

}  // namespace render
