#include "render/svg_timeline.hpp"

#include <fmt/format.h>

#include "i18n/messages.hpp"
#include "render/common.hpp"
#include "render/svg_marks.hpp"
#include "render/svg_writer.hpp"

namespace render {

namespace {

using namespace svg;
using namespace picture;

constexpr const char* font_family =
    "DejaVu Sans, Noto Sans, Liberation Sans, Arial, Helvetica, sans-serif";

const char* anchor_name(Anchor anchor) {
    return anchor == Anchor::middle ? "middle" : anchor == Anchor::end ? "end" : "start";
}

void write_text(Writer& svg, const Text& t) {
    if (t.words.empty()) return;
    svg.text("text",
             {{"class", t.role},
              {"x", px(t.x)},
              {"y", px(t.y)},
              {"font-size", px(t.size)},
              {"font-weight", t.bold ? "bold" : "normal"},
              {"text-anchor", anchor_name(t.anchor)},
              {"fill", t.colour}},
             t.words);
}

// Behind everything: a shade on every other row to lead the eye from name to bars, then the
// grid lines of the ticks through each run's rows (not through the headings of a comparison).
void write_backdrop(Writer& svg, const Layout& layout) {
    for (const auto& row : layout.rows) {
        if (!row.shaded) continue;
        svg.leaf("rect", {{"x", px(32)},
                          {"y", px(row.top)},
                          {"width", px(layout.width - 64)},
                          {"height", px(row.height)},
                          {"fill", shade}});
    }
    for (const auto& [top, bottom] : layout.axis.grid) {
        for (const auto& tick : layout.axis.ticks) {
            svg.leaf("line", {{"x1", px(tick.x)},
                              {"y1", px(top)},
                              {"x2", px(tick.x)},
                              {"y2", px(bottom)},
                              {"stroke", grid_ink},
                              {"stroke-width", "1"}});
        }
    }
}

void write_headings(Writer& svg, const Layout& layout) {
    for (const auto& h : layout.headings) {
        svg.open("text", {{"class", "run"},
                          {"x", px(h.x)},
                          {"y", px(h.y)},
                          {"font-size", px(h.size)},
                          {"fill", ink}});
        svg.text("tspan", {{"font-weight", "bold"}}, h.label);
        if (!h.description.empty())
            svg.text("tspan", {{"dx", "16"}, {"fill", soft_ink}}, h.description);
        svg.close();
    }
}

void write_bar(Writer& svg, const Bar& bar, i18n::Language language) {
    const auto& l = look(bar.kind);
    svg.open("rect", {{"class", "bar " + std::string(l.id)},
                      {"x", px(bar.x0)},
                      {"y", px(bar.cy - bar.height / 2)},
                      {"width", px(bar.x1 - bar.x0)},
                      {"height", px(bar.height)},
                      {"fill", fill_of(bar.kind, bar.height)},
                      {"stroke", l.rgb},
                      {"stroke-width", bar.height < 6 ? "0" : "1"}});
    // A tooltip in browsers: who, doing what, from when to when.
    svg.text("title", {},
             fmt::format("{}: {}, {}–{} {}", bar.task, i18n::tr(language, l.legend_key),
                         format_seconds(language, bar.start), format_seconds(language, bar.end),
                         i18n::tr(language, "timeline.unit")));
    svg.close();
}

void write_row(Writer& svg, const Row& row, i18n::Language language) {
    if (row.members > 1) {
        svg.open("g", {{"class", "band"}, {"data-tasks", std::to_string(row.members)}});
    } else {
        svg.open("g", {{"class", "task"}});
    }
    // A band's lanes are too thin to point at one by one: its tooltip is the band's names.
    if (row.members > 1) svg.text("title", {}, row.tooltip);
    for (const auto& t : row.label) write_text(svg, t);
    for (const auto& bar : row.bars) write_bar(svg, bar, language);
    for (const auto& end : row.ends) write_end_mark(svg, end);
    svg.close();
}

}  // namespace

namespace {

void write_axis(Writer& svg, const Axis& axis) {
    svg.open("g", {{"class", "axis"}});
    svg.leaf("line", {{"x1", px(axis.x0)},
                      {"y1", px(axis.y)},
                      {"x2", px(axis.x1)},
                      {"y2", px(axis.y)},
                      {"stroke", soft_ink},
                      {"stroke-width", "1.5"}});
    for (const auto& tick : axis.ticks) {
        svg.leaf("line", {{"x1", px(tick.x)},
                          {"y1", px(axis.y)},
                          {"x2", px(tick.x)},
                          {"y2", px(axis.y + 7)},
                          {"stroke", soft_ink},
                          {"stroke-width", "1.5"}});
        write_text(svg, Text{tick.label, tick.x, axis.label_y, axis.label_size, false,
                             Anchor::middle, soft_ink, "tick"});
    }
    write_text(svg, axis.caption);
    svg.close();
}

// The figures flow as one line of text, so the viewer's own font metrics space them.
void write_summary(Writer& svg, const std::vector<Line>& lines) {
    svg.open("g", {{"class", "summary"}});
    for (const auto& line : lines) {
        svg.open("text", {{"class", line.role},
                          {"x", px(line.x)},
                          {"y", px(line.y)},
                          {"font-size", px(line.size)},
                          {"font-weight", line.bold ? "bold" : "normal"},
                          {"fill", ink}});
        for (std::size_t i = 0; i < line.pieces.size(); ++i)
            svg.text("tspan", {{"dx", i == 0 ? "0" : px(line.gap)}}, line.pieces[i]);
        svg.close();
    }
    svg.close();
}

void write_arrow(Writer& svg, const Arrow& a) {
    const double tip = a.bulge;
    svg.leaf("path",
             {{"class", "wait-for"},
              {"d", fmt::format("M{} {}C{} {} {} {} {} {}", px(a.x), px(a.from_y), px(a.x + tip),
                                px(a.from_y), px(a.x + tip), px(a.to_y), px(a.x + 2), px(a.to_y))},
              {"fill", "none"},
              {"stroke", alarm},
              {"stroke-width", "2.5"},
              {"marker-end", std::string("url(#") + arrowhead_id + ")"}});
    write_text(svg, a.label);
}

void write_legend(Writer& svg, const std::vector<LegendItem>& legend) {
    svg.open("g", {{"class", "legend"}});
    for (const auto& item : legend) {
        if (item.symbol == Symbol::stuck) {
            write_stuck_mark(svg, EndMark{Kind::failed, item.x + 17, item.cy, 11, false});
        } else if (item.symbol == Symbol::wait_for) {
            svg.leaf("path",
                     {{"d", fmt::format("M{} {}H{}", px(item.x), px(item.cy), px(item.x + 30))},
                      {"stroke", alarm},
                      {"stroke-width", "2.5"},
                      {"marker-end", std::string("url(#") + arrowhead_id + ")"}});
        } else {
            write_swatch(svg, item.kind, item.x, item.cy);
        }
        write_text(svg, item.words);
    }
    svg.close();
}

// The moment the deadlock was found, who got stuck there, and the wait-for graph.
void write_deadlock(Writer& svg, const DeadlockOverlay& d) {
    svg.open("g", {{"class", "deadlock"}});
    svg.leaf("line", {{"x1", px(d.x)},
                      {"y1", px(d.top)},
                      {"x2", px(d.x)},
                      {"y2", px(d.bottom)},
                      {"stroke", alarm},
                      {"stroke-width", "3"}});
    write_text(svg, d.caption);
    for (const auto& a : d.arrows) write_arrow(svg, a);
    for (const auto& m : d.stuck) write_stuck_mark(svg, m);
    for (const auto& n : d.notes) write_text(svg, n);
    svg.close();
}

void write_defs(Writer& svg, const Layout& layout) {
    svg.open("defs");
    for (int k = 0; k < kind_count; ++k)
        if (layout.shown[static_cast<std::size_t>(k)]) write_pattern(svg, static_cast<Kind>(k));
    if (!layout.deadlocks.empty()) write_arrowhead(svg);
    svg.close();
}

}  // namespace

std::string svg_picture(const Layout& layout, i18n::Language language) {
    Writer svg;
    svg.open("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                     {"width", std::to_string(layout.page.width)},
                     {"height", std::to_string(layout.page.height)},
                     {"viewBox", fmt::format("0 0 {} {}", px(layout.width), px(layout.height))},
                     {"xml:lang", std::string(i18n::code(language))},
                     {"font-family", font_family}});
    svg.text("title", {}, layout.title.words);
    write_defs(svg, layout);
    // Slides are often dark: the picture brings its own white page.
    svg.leaf("rect",
             {{"width", px(layout.width)}, {"height", px(layout.height)}, {"fill", "#ffffff"}});
    write_text(svg, layout.title);
    write_text(svg, layout.subtitle);
    write_backdrop(svg, layout);
    write_headings(svg, layout);
    for (const auto& row : layout.rows) write_row(svg, row, language);
    write_axis(svg, layout.axis);
    for (const auto& d : layout.deadlocks) write_deadlock(svg, d);
    write_legend(svg, layout.legend);
    write_summary(svg, layout.summary);
    return svg.finish();
}

std::string svg_timeline(const timeline::Timeline& timeline, const SvgHeading& heading,
                         i18n::Language language, const SvgOptions& options) {
    const auto layout =
        lay_out({RunInput{&timeline, {}, {}, options.deadlock}}, heading.title, heading.subtitle,
                run_summary(timeline, language), language, options.page);
    return svg_picture(layout, language);
}

std::string svg_timeline(const SvgSide& a, const SvgSide& b, const SvgHeading& heading,
                         i18n::Language language, PageSize page) {
    const auto summary = compare_summary(a.label, *a.timeline, b.label, *b.timeline, language);
    const auto layout = lay_out({RunInput{a.timeline, a.label, a.description, a.deadlock},
                                 RunInput{b.timeline, b.label, b.description, b.deadlock}},
                                heading.title, heading.subtitle, summary, language, page);
    return svg_picture(layout, language);
}

}  // namespace render
