#include <algorithm>
#include <cmath>

#include "i18n/messages.hpp"
#include "render/picture_parts.hpp"
#include "render/picture_text.hpp"

namespace render::picture::parts {

namespace {

constexpr double swatch_width = 34;
constexpr double swatch_gap = 10;
constexpr double legend_item_gap = 36;
constexpr double legend_line = 36;
constexpr double min_title_size = 26;

}  // namespace

double Scale::x(double t) const {
    return x0 + std::clamp(t, 0.0, span) / span * (x1 - x0);
}

bool Scale::visible(const timeline::Segment& s) const {
    if (end <= 0) return false;
    return x(std::min(s.end, end)) - x(std::max(s.start, 0.0)) >= 0.5;
}

double place_header(Layout& layout, const std::string& title, const std::string& subtitle) {
    const double room = layout.width - 2 * margin;
    // A long title first gets smaller, down to a size still read from the back, then is cut.
    double size = title_size;
    while (size > min_title_size && text_width(title, size, true) > room) size -= 1;
    layout.title = Text{.words = fit_text(title, size, room, true),
                        .x = margin,
                        .y = margin + size,
                        .size = size,
                        .bold = true,
                        .role = "title"};
    double y = layout.title.y;
    if (!subtitle.empty()) {
        y += 12 + subtitle_size;
        layout.subtitle = Text{.words = fit_text(subtitle, subtitle_size, room),
                               .x = margin,
                               .y = y,
                               .size = subtitle_size,
                               .colour = soft_ink,
                               .role = "subtitle"};
    }
    return y;
}

std::vector<LegendItem> place_legend(const std::array<bool, kind_count>& shown, bool deadlock,
                                     i18n::Language language, double left, double right,
                                     double top) {
    std::vector<std::pair<LegendItem, const char*>> entries;
    auto add = [&](Symbol symbol, Kind kind, const char* key) {
        LegendItem item;
        item.symbol = symbol;
        item.kind = kind;
        entries.emplace_back(std::move(item), key);
    };
    for (int k = 0; k < kind_count; ++k) {
        const auto kind = static_cast<Kind>(k);
        if (shown[static_cast<std::size_t>(k)]) add(Symbol::kind, kind, look(kind).legend_key);
    }
    if (deadlock) {
        add(Symbol::stuck, Kind::failed, "legend.stuck");
        add(Symbol::wait_for, Kind::failed, "legend.wait_for");
    }
    std::vector<LegendItem> items;
    double x = left, cy = top + legend_line / 2;
    const double text_room = right - left - swatch_width - swatch_gap;
    for (auto& [item, key] : entries) {
        const std::string words = fit_text(i18n::tr(language, key), body_size, text_room);
        const double width = swatch_width + swatch_gap + text_width(words, body_size);
        if (x > left && x + width > right) {
            x = left;
            cy += legend_line;
        }
        item.x = x;
        item.cy = cy;
        item.words = Text{.words = words,
                          .x = x + swatch_width + swatch_gap,
                          .y = cy + body_size * 0.35,
                          .role = "legend"};
        items.push_back(std::move(item));
        x += width + legend_item_gap;
    }
    return items;
}

double legend_height(const std::vector<LegendItem>& items, double top) {
    if (items.empty()) return 0;
    return items.back().cy + legend_line / 2 - top;
}

double summary_height(const Summary& summary) {
    double h = summary_size * line_spacing;
    if (!summary.verdict.empty()) h += verdict_size * line_spacing + 4;
    return h;
}

double place_summary(Layout& layout, const Summary& summary, double top) {
    const double room = layout.width - 2 * margin;
    double y = top + summary_size;
    Line figures{summary.figures, margin, y, summary_size, 32, false, "figures"};
    // Figures that do not fit side by side go one under the other.
    double wide = 0;
    for (const auto& f : summary.figures) wide += text_width(f, summary_size) + figures.gap;
    if (wide > room && summary.figures.size() > 1) {
        for (const auto& f : summary.figures) {
            layout.summary.push_back(Line{
                {fit_text(f, summary_size, room)}, margin, y, summary_size, 0, false, "figures"});
            y += summary_size * line_spacing;
        }
        y -= summary_size * line_spacing;
    } else {
        layout.summary.push_back(std::move(figures));
    }
    if (!summary.verdict.empty()) {
        y += verdict_size * line_spacing + 4;
        layout.summary.push_back(Line{{fit_text(summary.verdict, verdict_size, room, true)},
                                      margin,
                                      y,
                                      verdict_size,
                                      0,
                                      true,
                                      "verdict"});
    }
    return y;
}

double axis_height() {
    return 8 + body_size * line_spacing + 6 + body_size;
}

double end_room(const Scale& scale, i18n::Language language) {
    const double last = text_width(format_seconds(language, scale.end), body_size);
    return std::max(18.0, last / 2 + 6);
}

void place_axis(Layout& layout, const Scale& scale, double y, i18n::Language language) {
    Axis& axis = layout.axis;
    axis.x0 = scale.x0;
    axis.x1 = scale.x1;
    axis.y = y;
    axis.label_y = y + 8 + body_size * line_spacing;
    axis.ticks.clear();
    if (scale.end > 0) {
        const std::string last = format_seconds(language, scale.end);
        const double gap = std::max(110.0, text_width(last, body_size) + 40);
        const double step = tick_step(scale.end, scale.x1 - scale.x0, gap);
        for (int k = 0; k * step <= scale.end + 1e-9; ++k) {
            const double t = k * step;
            axis.ticks.push_back({scale.x(t), format_seconds(language, t)});
        }
    } else {
        axis.ticks.push_back({scale.x0, format_seconds(language, 0)});
    }
    axis.caption = Text{.words = i18n::tr(language, "picture.axis"),
                        .x = (scale.x0 + scale.x1) / 2,
                        .y = axis.label_y + 6 + body_size,
                        .anchor = Anchor::middle,
                        .colour = soft_ink,
                        .role = "caption"};
}

}  // namespace render::picture::parts
