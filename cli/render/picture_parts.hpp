#pragma once
// The pieces lay_out() assembles, each placing one part of the picture. Internal to the
// picture's layout (picture_layout.cpp, picture_parts.cpp, picture_deadlock.cpp).
#include <array>
#include <string>
#include <vector>

#include "render/picture_layout.hpp"

namespace render::picture::parts {

inline constexpr double margin = 40;
inline constexpr double title_size = 34;
inline constexpr double subtitle_size = 20;
inline constexpr double heading_size = 20;
inline constexpr double summary_size = 20;
inline constexpr double verdict_size = 22;
inline constexpr double line_spacing = 1.25;  // baseline to baseline, in font sizes

// Where lesson seconds land on the plot.
struct Scale {
    double x0 = 0, x1 = 1, span = 1, end = 0;
    double x(double t) const;
    // Too short to show at this scale: left out of the bars and of the legend alike.
    bool visible(const timeline::Segment& segment) const;
};

// Title and subtitle at the top; returns the baseline of the last line.
double place_header(Layout& layout, const std::string& title, const std::string& subtitle);

// The legend's entries for the kinds `shown` (and the deadlock's symbols when there is one),
// in lines between `left` and `right` from `top`.
std::vector<LegendItem> place_legend(const std::array<bool, kind_count>& shown, bool deadlock,
                                     i18n::Language language, double left, double right,
                                     double top);
double legend_height(const std::vector<LegendItem>& items, double top);

// The figures and the verdict, from `top`; returns the bottom of the last line.
double place_summary(Layout& layout, const Summary& summary, double top);
double summary_height(const Summary& summary);

// The time axis under the rows at `y`: ticks no closer than their labels allow, the caption.
void place_axis(Layout& layout, const Scale& scale, double y, i18n::Language language);
double axis_height();

// Room at the right of the plot for the last end mark and the last tick label.
double end_room(const Scale& scale, i18n::Language language);

// What a wait is, in words: "the lock B", "gather of worker-1, worker-2".

// The rows of one run, as the deadlock overlay sees them: the task of each (0 for a band).
struct RunRow {
    std::uint64_t task = 0;
    double cy = 0, height = 0;
};
// The line where the deadlock was found, a stop mark on every stuck task, and beside each one
// what it holds and what it waits for, with an arrow to the task holding it.
DeadlockOverlay place_deadlock(const Deadlock& deadlock, const timeline::Timeline& timeline,
                               const std::vector<RunRow>& rows, const Scale& scale,
                               double caption_y, double bottom, double right,
                               i18n::Language language);
// How wide the notes beside the rows need to be (the arrows' lane included), so that the plot
// leaves them room.
double deadlock_panel_width(const Deadlock& deadlock, const timeline::Timeline& timeline,
                            i18n::Language language);
// Tasks stuck in the deadlock: drawn with a stop mark where it was found, not as ended.
bool is_stuck(const Deadlock* deadlock, std::uint64_t task);

}  // namespace render::picture::parts
