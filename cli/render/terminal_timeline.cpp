#include "render/terminal_timeline.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string_view>
#include <vector>

#include "i18n/messages.hpp"
#include "i18n/width.hpp"
#include "render/common.hpp"

namespace render {

namespace {

constexpr int max_label_width = 16;

Glyph glyph_of(Mark mark) {
    const auto& l = look(mark);
    return {mark, l.glyph, l.ansi, l.legend_key};
}

}  // namespace

Glyph glyph_for(const timeline::Segment& segment) {
    return glyph_of(mark_for(segment));
}

Glyph glyph_for(timeline::TaskState state) {
    return glyph_of(mark_for(state).value_or(Mark::done));
}

Layout layout_for(const std::vector<const timeline::Timeline*>& timelines, const Style& style) {
    Layout layout;
    for (const auto* t : timelines) {
        layout.end = std::max(layout.end, t->elapsed);
        for (const auto& task : t->tasks)
            layout.label_width = std::max(layout.label_width, i18n::display_width(task.name));
    }
    layout.label_width = std::min(layout.label_width, max_label_width);
    // One column spare: a line as wide as the terminal makes some terminals wrap.
    layout.columns = std::max(10, style.width - layout.label_width - 5);
    return layout;
}

void Legend::note(const Glyph& glyph) {
    for (const auto& g : glyphs_)
        if (g.mark == glyph.mark) return;
    glyphs_.push_back(glyph);
}

std::string Legend::draw(i18n::Language language, const Style& style) const {
    // One fixed order, whatever order the glyphs first appeared in.
    auto sorted = glyphs_;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const Glyph& a, const Glyph& b) { return a.mark < b.mark; });
    std::string out, line;
    int used = 0;
    for (const auto& g : sorted) {
        const std::string words = i18n::tr(language, g.legend_key);
        const int w = i18n::display_width(words) + 2;
        if (used > 0 && used + 3 + w > style.width) {
            out += line + "\n";
            line.clear();
            used = 0;
        }
        if (used > 0) {
            line += "   ";
            used += 3;
        }
        line += style.paint(g.symbol, g.color) + " " + words;
        used += w;
    }
    if (!line.empty()) out += line + "\n";
    return out;
}

std::string draw_axis(const Layout& layout, i18n::Language language, const Style& style) {
    const double end = layout.end;
    const int columns = layout.columns;
    std::string labels(static_cast<std::size_t>(layout.label_width + 2), ' ');
    std::vector<std::string> ruler(static_cast<std::size_t>(columns + 1), "─");
    if (end > 0) {
        const double step = tick_step(end, columns, 8);
        int next_free = 0;
        std::string label_row;
        int row_width = 0;
        for (int k = 0; k * step <= end + 1e-9; ++k) {
            const double t = k * step;
            const int col = static_cast<int>(std::lround(t / end * columns));
            ruler[static_cast<std::size_t>(col)] = "┼";
            const std::string text = format_seconds(language, t);
            // The last label ends at the ruler's end instead of running past it.
            int start = std::min(col, columns + 1 - i18n::display_width(text));
            if (start < next_free) continue;
            while (row_width < start) {
                label_row += ' ';
                ++row_width;
            }
            label_row += text;
            row_width += i18n::display_width(text);
            next_free = row_width + 1;
        }
        ruler.front() = "├";
        ruler.back() = "┤";
        labels += label_row;
        // The unit goes after the numbers only where it fits: a wrapped line would break the
        // picture (and the live view's redrawing).
        const std::string unit = " " + i18n::tr(language, "timeline.unit");
        if (row_width + i18n::display_width(unit) <= columns + 1) labels += unit;
    } else {
        // Nothing took any time: one column, no scale to draw.
        ruler.assign(1, "├");
        labels += "0 " + i18n::tr(language, "timeline.unit");
    }
    std::string ruler_text(static_cast<std::size_t>(layout.label_width + 2), ' ');
    for (const auto& piece : ruler) ruler_text += piece;
    return style.dim(labels) + "\n" + style.dim(ruler_text) + "\n";
}

std::string draw_rows(const timeline::Timeline& timeline, const Layout& layout, const Style& style,
                      Legend& legend) {
    const double end = layout.end;
    const int columns = layout.columns;
    std::string out;
    for (const auto& task : timeline.tasks) {
        std::vector<std::optional<Glyph>> cells(static_cast<std::size_t>(columns + 1));
        const double finished = task.finished.value_or(timeline.elapsed);
        for (int col = 0; col < columns && end > 0; ++col) {
            const double t0 = end * col / columns, t1 = end * (col + 1) / columns;
            if (t1 <= task.created || t0 >= finished) continue;
            // The state that fills most of this column's slice of time.
            const timeline::Segment* best = nullptr;
            double best_overlap = 0;
            for (const auto& s : task.segments) {
                const double overlap = std::min(t1, s.end) - std::max(t0, s.start);
                if (overlap > best_overlap) {
                    best_overlap = overlap;
                    best = &s;
                }
            }
            if (best) cells[static_cast<std::size_t>(col)] = glyph_for(*best);
        }
        if (task.state != timeline::TaskState::pending) {
            // The end mark sits on the column where the task ended.
            const int col = end > 0 ? static_cast<int>(std::lround(finished / end * columns)) : 0;
            cells[static_cast<std::size_t>(std::clamp(col, 0, columns))] = glyph_for(task.state);
        }
        std::string row =
            i18n::pad_right(i18n::truncate(task.name, layout.label_width), layout.label_width) +
            "  ";
        for (const auto& cell : cells) {
            if (!cell) {
                row += ' ';
                continue;
            }
            legend.note(*cell);  // only what is really drawn gets into the legend
            row += style.paint(cell->symbol, cell->color);
        }
        while (!row.empty() && row.back() == ' ') row.pop_back();
        out += row + "\n";
    }
    return out;
}

std::string draw_timeline(const timeline::Timeline& timeline, i18n::Language language,
                          const Style& style) {
    const Layout layout = layout_for({&timeline}, style);
    Legend legend;
    std::string out = draw_axis(layout, language, style);
    out += draw_rows(timeline, layout, style, legend);
    return out + legend.draw(language, style);
}

std::string draw_summary(const timeline::Timeline& timeline, i18n::Language language,
                         const Style& style) {
    const Summary summary = run_summary(timeline, language);
    std::string figures;
    for (const auto& f : summary.figures) figures += (figures.empty() ? "" : " · ") + f;
    std::string out = style.bold(figures) + "\n";
    // The verdict is a sentence, often longer than the terminal in pt-BR and uk: wrapped like
    // the narration, each line painted on its own so no escape code spans a line break.
    const std::string verdict = i18n::wrap(summary.verdict, style.width);
    std::size_t start = 0;
    while (!summary.verdict.empty() && start < verdict.size()) {
        const auto end = verdict.find('\n', start);
        out += style.bold(verdict.substr(start, end - start)) + "\n";
        start = end == std::string::npos ? verdict.size() : end + 1;
    }
    return out;
}

}  // namespace render
