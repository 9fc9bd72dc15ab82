#pragma once
// The timeline picture as plain geometry: where each title, row, band, bar, tick, legend entry
// and deadlock note goes, computed from the timeline model before anything is drawn. The SVG
// writer (svg_timeline.cpp) only turns this into markup, and an HTML replay can place the same
// things.
//
// The page is a slide: 16:9, 1600×900 unless asked otherwise, whatever the number of tasks.
// The layout always works on a page `design_width` units wide and as tall as the page's shape
// asks, so text sizes are fixed for a 1600-pixel-wide slide (body text 18, never less while
// the rows fit) and the SVG scales the whole to the pixels asked for.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "i18n/language.hpp"
#include "render/common.hpp"
#include "render/picture_kinds.hpp"
#include "timeline/model.hpp"

namespace render::picture {

inline constexpr double design_width = 1600;
inline constexpr double body_size = 18;

// The ink of the picture; the bars take their colours from picture_kinds.
inline constexpr const char* ink = "#1a1a1a";
inline constexpr const char* soft_ink = "#4d4d4d";
inline constexpr const char* grid_ink = "#d5d9e0";
inline constexpr const char* shade = "#f2f4f7";
inline constexpr const char* alarm = "#c8102e";  // the deadlock: its line, notes and arrows

struct PageSize {
    int width = 1600, height = 900;
};

// The deadlock the runtime found, as plain data: every task that waits, on what, and the task
// that holds it when there is one (a lock's owner), which makes it a wait-for graph.
struct DeadlockWait {
    std::uint64_t task = 0;
    asyncio::WaitOn on = asyncio::WaitOn::future;  // lock, semaphore, gather, task...
    std::string detail;                            // the lock's name, the tasks gathered...
    std::uint64_t holder = 0;
};
struct Deadlock {
    double found_at = 0;  // lesson seconds
    std::vector<DeadlockWait> waits;
};

// One run to draw; a comparison has two, each under its label.
struct RunInput {
    const timeline::Timeline* timeline = nullptr;
    std::string label, description;      // both empty for a single run
    const Deadlock* deadlock = nullptr;  // when the run ended in a deadlock
};

enum class Anchor { start, middle, end };

struct Text {
    std::string words;
    double x = 0, y = 0;  // y: the baseline
    double size = body_size;
    bool bold = false;
    Anchor anchor = Anchor::start;
    const char* colour = ink;
    std::string role;  // what it is, for the SVG's class: "title", "label", "tick"...
};

struct Bar {
    Kind kind = Kind::run;
    double x0 = 0, x1 = 0, cy = 0, height = 0;
    double start = 0, end = 0;  // lesson seconds, for the tooltip
    std::string task;           // whose bar it is, for the tooltip
};

// Where a task ended: the full mark on a row, a thin tick on a band's lane.
struct EndMark {
    Kind kind = Kind::done;
    double cx = 0, cy = 0, size = 0;  // size: the radius, or the tick's height
    bool tick = false;
};

struct Row {
    std::string tooltip;  // the task's name; "first … last" for a band
    double top = 0, height = 0;
    bool shaded = false;      // every other row, to lead the eye from name to bars
    std::vector<Text> label;  // one line; two for a band (names, then how many and how alike)
    std::vector<Bar> bars;    // a band: one thin lane per task, top to bottom
    std::vector<EndMark> ends;
    std::size_t members = 1;
};

struct RunHeading {
    std::string label, description;
    double x = 0, y = 0, size = body_size;
};

struct Tick {
    double x = 0;
    std::string label;
};

struct Axis {
    double x0 = 0, x1 = 0, y = 0;
    std::vector<Tick> ticks;
    double label_y = 0, label_size = body_size;
    Text caption;
    std::vector<std::pair<double, double>> grid;  // the vertical spans of each run's rows
};

// A legend entry stands for a kind of bar or end mark, or for one of the deadlock's symbols.
enum class Symbol { kind, stuck, wait_for };

struct LegendItem {
    Symbol symbol = Symbol::kind;
    Kind kind = Kind::run;
    double x = 0, cy = 0;
    Text words;
};

// Words that flow on one line with a gap between pieces (the summary's figures).
struct Line {
    std::vector<std::string> pieces;
    double x = 0, y = 0, size = body_size, gap = 32;
    bool bold = false;
    std::string role;
};

// From the task that waits to the task that holds what it waits for.
struct Arrow {
    double x = 0, from_y = 0, to_y = 0, bulge = 0;
    Text label;
};

struct DeadlockOverlay {
    double x = 0, top = 0, bottom = 0;  // the line at the moment it was found
    Text caption;                       // "Deadlock found at 0.5 s"
    std::vector<Text> notes;            // beside each stuck task: holds..., waits for...
    std::vector<Arrow> arrows;
    std::vector<EndMark> stuck;  // where each task stopped for good (kind unused)
};

struct Layout {
    double width = design_width, height = 900;  // the viewBox
    PageSize page;                              // the pixels asked for
    Text title, subtitle;
    std::vector<RunHeading> headings;
    std::vector<Row> rows;
    Axis axis;
    std::vector<LegendItem> legend;
    std::vector<Line> summary;
    std::vector<DeadlockOverlay> deadlocks;
    std::array<bool, kind_count> shown{};  // the kinds drawn: their textures are defined
};

Layout lay_out(const std::vector<RunInput>& runs, const std::string& title,
               const std::string& subtitle, const Summary& summary, i18n::Language language,
               PageSize page);

}  // namespace render::picture
