#include "render/picture_layout.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "i18n/messages.hpp"
#include "render/picture_parts.hpp"
#include "render/picture_rows.hpp"
#include "render/picture_text.hpp"

namespace render::picture {

using namespace parts;

namespace {

constexpr double min_row = 33;  // a name at 18 with air around it: 16 rows on a 16:9 slide
constexpr double max_row = 84;  // three tasks do not need a third of the slide each
constexpr double label_gap = 16;
constexpr double label_share = 0.25;  // of the page width, at most, for the task names
constexpr double caption_room = 34;   // above the rows of a run that deadlocked
constexpr double bottom_margin = 32;
constexpr double legend_gap = 28;  // from the axis caption to the legend's first line

// Every task of a run, in the order they are drawn.
const std::vector<timeline::Task>& tasks_of(const RunInput& run) {
    return run.timeline->tasks;
}

bool any_deadlock(const std::vector<RunInput>& runs) {
    return std::any_of(runs.begin(), runs.end(), [](const auto& r) { return r.deadlock; });
}

double end_of(const std::vector<RunInput>& runs) {
    double end = 0;
    for (const auto& r : runs) end = std::max(end, r.timeline->elapsed);
    return end;
}

// What the legend may need before the scale is known: every kind that takes any time.
std::array<bool, kind_count> kinds_present(const std::vector<RunInput>& runs) {
    std::array<bool, kind_count> shown{};
    for (const auto& run : runs) {
        for (const auto& task : tasks_of(run)) {
            for (const auto& s : task.segments)
                if (s.end > s.start) shown[static_cast<std::size_t>(kind_for(s))] = true;
            const auto end = kind_for(task.state);
            if (end && !is_stuck(run.deadlock, task.id))
                shown[static_cast<std::size_t>(*end)] = true;
        }
    }
    return shown;
}

// What a task did, as the row plan compares it: its visible states in order (a state repeated
// back to back counts once), then how it ended.
RunPatterns patterns_of(const RunInput& run, const Scale& scale) {
    RunPatterns patterns;
    for (const auto& task : tasks_of(run)) {
        std::string same;
        std::set<char> kinds;
        for (const auto& s : task.segments) {
            if (!scale.visible(s)) continue;
            const char k = static_cast<char>('a' + static_cast<int>(kind_for(s)));
            if (same.empty() || same.back() != k) same += k;
            kinds.insert(k);
        }
        const auto end = kind_for(task.state);
        const char last = is_stuck(run.deadlock, task.id) ? '!'
                          : end ? static_cast<char>('A' + static_cast<int>(*end))
                                : '?';
        patterns.same.push_back(same + last);
        patterns.similar.push_back(std::string(kinds.begin(), kinds.end()) + last);
    }
    return patterns;
}

// "32 tasks, same pattern": how many, and how alike they really are.
std::string band_count(const RunPatterns& p, const RowPlan& r, i18n::Language language) {
    auto all_equal = [&](const std::vector<std::string>& v) {
        return std::all_of(v.begin() + static_cast<long>(r.first),
                           v.begin() + static_cast<long>(r.first + r.count),
                           [&](const std::string& s) { return s == v[r.first]; });
    };
    const char* key = all_equal(p.same)      ? "picture.band_same"
                      : all_equal(p.similar) ? "picture.band_similar"
                                             : "picture.band_mixed";
    return i18n::tr(language, key, {{"count", static_cast<std::int64_t>(r.count)}});
}

std::vector<std::string> label_words(const RunInput& run, const RunPatterns& patterns,
                                     const RowPlan& r, i18n::Language language) {
    const auto& tasks = tasks_of(run);
    if (!r.band()) return {tasks[r.first].name};
    return {tasks[r.first].name + " … " + tasks[r.first + r.count - 1].name,
            band_count(patterns, r, language)};
}

double label_column(const std::vector<RunInput>& runs, const std::vector<RunPatterns>& patterns,
                    const Plan* plan, i18n::Language language) {
    double width = 60;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        if (!plan) {
            for (const auto& t : tasks_of(runs[i]))
                width = std::max(width, text_width(t.name, body_size));
            continue;
        }
        for (const auto& r : plan->runs[i])
            for (const auto& w : label_words(runs[i], patterns[i], r, language))
                width = std::max(width, text_width(w, body_size));
    }
    return std::min(width, design_width * label_share);
}

// The plot's horizontal extent: names on the left, the deadlock's notes (if any) on the right.
Scale frame(const std::vector<RunInput>& runs, double label_width, double end,
            i18n::Language language) {
    Scale scale;
    scale.end = end;
    scale.span = end > 0 ? end : 1;
    scale.x0 = margin + label_width + label_gap;
    double right = end_room(scale, language);
    // The deadlock's notes go right of the moment it was found. At the end of the axis they
    // need a column of their own; earlier (a comparison with a longer run) the plot may leave
    // them room already: the line at `f` of a plot `whole - right` wide must be `panel` short
    // of the edge.
    const double whole = design_width - margin - scale.x0;
    for (const auto& run : runs) {
        if (!run.deadlock || end <= 0) continue;
        const double panel = deadlock_panel_width(*run.deadlock, *run.timeline, language);
        const double f = std::clamp(run.deadlock->found_at / end, 1e-3, 1.0);
        right = std::max(right, whole - (whole - panel) / f);
    }
    scale.x1 = design_width - margin - right;
    return scale;
}

// Heights within a row, from the row's height: thick bars for work, thin ones for waits.
struct RowMetrics {
    double height = min_row, text = body_size, busy = 0, wait = 0, radius = 0;
};

RowMetrics metrics_for(double height) {
    RowMetrics m;
    m.height = height;
    // Below min_row nothing else fitted: the names shrink with the rows.
    m.text = height >= min_row ? body_size : std::max(8.0, height * 0.55);
    m.busy = std::clamp(height * 0.6, 2.0, 40.0);
    m.wait = std::clamp(height * 0.36, 1.0, 24.0);
    m.radius = std::clamp(height * 0.28, 2.0, 12.0);
    return m;
}

struct Placing {
    const Scale& scale;
    std::array<bool, kind_count>& shown;
};

void add_bars(Row& row, const timeline::Task& task, double cy, double busy, double wait,
              Placing& p) {
    for (const auto& s : task.segments) {
        if (!p.scale.visible(s)) continue;
        const Kind kind = kind_for(s);
        p.shown[static_cast<std::size_t>(kind)] = true;
        const double x0 = p.scale.x(std::max(s.start, 0.0));
        const double x1 = p.scale.x(std::min(s.end, p.scale.end));
        row.bars.push_back(
            Bar{kind, x0, x1, cy, is_busy(kind) ? busy : wait, s.start, s.end, task.name});
    }
}

void add_end(Row& row, const RunInput& run, const timeline::Task& task, EndMark mark, Placing& p) {
    const auto kind = kind_for(task.state);
    if (!kind || is_stuck(run.deadlock, task.id)) return;
    p.shown[static_cast<std::size_t>(*kind)] = true;
    mark.kind = *kind;
    mark.cx =
        p.scale.end > 0 ? p.scale.x(task.finished.value_or(run.timeline->elapsed)) : p.scale.x0;
    row.ends.push_back(mark);
}

// One task per lane, as thin as the band allows: the lanes together show the pattern the
// tasks share (a staircase, a fan of lengths) without a name for each.
void fill_band(Row& row, const RunInput& run, const RowPlan& r, Placing& p) {
    const double pad = 4;
    const double pitch = (row.height - 2 * pad) / static_cast<double>(r.count);
    for (std::size_t i = 0; i < r.count; ++i) {
        const auto& task = tasks_of(run)[r.first + i];
        const double cy = row.top + pad + pitch * (static_cast<double>(i) + 0.5);
        add_bars(row, task, cy, std::max(1.0, pitch * 0.9), std::max(1.0, pitch * 0.7), p);
        add_end(row, run, task, EndMark{Kind::done, 0, cy, std::max(2.0, pitch * 0.9), true}, p);
    }
}

Row place_row(const RunInput& run, const RunPatterns& patterns, const RowPlan& r, double top,
              const RowMetrics& m, double label_x, i18n::Language language, Placing& p) {
    Row row;
    row.top = top;
    row.height = r.band() ? m.height * band_units : m.height;
    row.members = r.count;
    const auto words = label_words(run, patterns, r, language);
    row.tooltip = words.front();
    const double cy = top + row.height / 2;
    const double room = label_x - margin;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const double offset =
            (static_cast<double>(i) - (words.size() - 1) / 2.0) * m.text * line_spacing;
        row.label.push_back(Text{.words = fit_text(words[i], m.text, room),
                                 .x = label_x,
                                 .y = cy + offset + 0.35 * m.text,
                                 .size = m.text,
                                 .anchor = Anchor::end,
                                 .colour = i == 0 ? ink : soft_ink,
                                 .role = r.band() ? "band" : "label"});
    }
    if (r.band()) {
        fill_band(row, run, r, p);
    } else {
        const auto& task = tasks_of(run)[r.first];
        add_bars(row, task, cy, m.busy, m.wait, p);
        add_end(row, run, task, EndMark{Kind::done, 0, cy, m.radius, false}, p);
    }
    return row;
}

// Room a run takes besides its rows: its heading in a comparison, the deadlock's caption.
double run_extras(const RunInput& run, bool first) {
    double extra = 0;
    if (!run.label.empty()) extra += (first ? 0 : 8) + heading_size * line_spacing + 8;
    if (run.deadlock) extra += caption_room;
    return extra;
}

// The rows of every run, top to bottom from `y`, each run under its heading; returns the
// bottom of the last row.
double place_runs(Layout& layout, const std::vector<RunInput>& runs, const Plan& plan,
                  const std::vector<RunPatterns>& patterns, const RowMetrics& m, double y,
                  Placing& p, i18n::Language language) {
    const double label_x = p.scale.x0 - label_gap;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const auto& run = runs[i];
        const double start = y;
        if (!run.label.empty()) {
            if (i > 0) y += 8;
            layout.headings.push_back(
                RunHeading{run.label, run.description, margin, y + heading_size, heading_size});
        }
        y = start + run_extras(run, i == 0);
        const double caption_y = y - caption_room + heading_size;
        std::vector<RunRow> run_rows;
        bool shaded = true;
        for (const auto& r : plan.runs[i]) {
            Row row = place_row(run, patterns[i], r, y, m, label_x, language, p);
            row.shaded = shaded;
            shaded = !shaded;
            run_rows.push_back(
                {r.band() ? 0 : tasks_of(run)[r.first].id, y + row.height / 2, row.height});
            y += row.height;
            layout.rows.push_back(std::move(row));
        }
        layout.axis.grid.emplace_back(start + run_extras(run, i == 0), y);
        if (run.deadlock) {
            layout.deadlocks.push_back(place_deadlock(*run.deadlock, *run.timeline, run_rows,
                                                      p.scale, caption_y, y, design_width - margin,
                                                      language));
        }
    }
    return y;
}

}  // namespace

Layout lay_out(const std::vector<RunInput>& runs, const std::string& title,
               const std::string& subtitle, const Summary& summary, i18n::Language language,
               PageSize page) {
    Layout layout;
    layout.page = page;
    layout.height = std::round(design_width * page.height / page.width);
    const double plot_top = place_header(layout, title, subtitle) + 24;
    const double end = end_of(runs);

    // The bottom of the page first: the legend (sized for whatever may be shown) and the
    // summary. The rows get what is left between them and the title.
    const auto may_show = place_legend(kinds_present(runs), any_deadlock(runs), language, margin,
                                       design_width - margin, 0);
    const double footer = legend_gap + legend_height(may_show, 0) + 20 + summary_height(summary);
    double area = layout.height - bottom_margin - footer - axis_height() - plot_top;
    for (std::size_t i = 0; i < runs.size(); ++i) area -= run_extras(runs[i], i == 0);

    // Which tasks share a band depends on what is visible, so on the scale, which depends on
    // the names' column, which the bands' labels may widen: plan with the task names, then
    // settle the column with the labels planned.
    Scale scale = frame(runs, label_column(runs, {}, nullptr, language), end, language);
    std::vector<RunPatterns> patterns;
    for (const auto& run : runs) patterns.push_back(patterns_of(run, scale));
    const Plan plan = plan_rows(patterns, std::floor(std::max(area, 0.0) / min_row));
    scale = frame(runs, label_column(runs, patterns, &plan, language), end, language);

    area = std::max(area, plan.units * 6);  // a page too small to read still gets a picture
    const double row = plan.units > 0 ? std::min(max_row, area / plan.units) : max_row;
    // With few rows the picture does not fill the page: a third of what is left goes above
    // the rows, the rest below the summary, as a slide's content sits a little high.
    const double top = plot_top + std::max(0.0, area - row * plan.units) / 3;
    Placing placing{scale, layout.shown};
    const double bottom =
        place_runs(layout, runs, plan, patterns, metrics_for(row), top, placing, language);
    place_axis(layout, scale, bottom + 6, language);
    if (!layout.axis.grid.empty()) layout.axis.grid.back().second = layout.axis.y;
    if (!layout.deadlocks.empty() && runs.back().deadlock)
        layout.deadlocks.back().bottom = layout.axis.y;

    const double legend_at = layout.axis.caption.y + legend_gap;
    layout.legend = place_legend(layout.shown, any_deadlock(runs), language, margin,
                                 design_width - margin, legend_at);
    place_summary(layout, summary, legend_at + legend_height(layout.legend, legend_at) + 20);
    return layout;
}

}  // namespace render::picture
