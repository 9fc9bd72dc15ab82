#include "render/svg_timeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>
#include <utility>
#include <vector>

#include "i18n/messages.hpp"
#include "i18n/width.hpp"
#include "render/common.hpp"
#include "render/marks.hpp"

namespace render {

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    auto continuation = [&](std::size_t i) {
        return i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
    };
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            switch (c) {
                case '&':
                    out += "&amp;";
                    break;
                case '<':
                    out += "&lt;";
                    break;
                case '>':
                    out += "&gt;";
                    break;
                case '"':
                    out += "&quot;";
                    break;
                case '\'':
                    out += "&apos;";
                    break;
                default:
                    // XML 1.0 has no way to write the other control characters, not even
                    // as references.
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
                        out += static_cast<char>(c);
            }
            ++i;
            continue;
        }
        // The shortest well-formed sequence for each lead byte (RFC 3629): no overlong forms,
        // no surrogates, nothing above U+10FFFF.
        std::size_t length = 0;
        unsigned char low = 0x80, high = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            if (c == 0xE0) low = 0xA0;
            if (c == 0xED) high = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            if (c == 0xF0) low = 0x90;
            if (c == 0xF4) high = 0x8F;
        }
        bool valid = length > 0 && i + 1 < text.size();
        if (valid) {
            const auto second = static_cast<unsigned char>(text[i + 1]);
            valid = second >= low && second <= high;
            for (std::size_t k = 2; valid && k < length; ++k) valid = continuation(i + k);
            // U+FFFE and U+FFFF are not characters XML allows either.
            if (valid && c == 0xEF && second == 0xBF)
                valid = static_cast<unsigned char>(text[i + 2]) < 0xBE;
        }
        if (valid) {
            out.append(text.substr(i, length));
            i += length;
        } else {
            out += "\xEF\xBF\xBD";  // U+FFFD, in place of the one byte that did not fit
            ++i;
        }
    }
    return out;
}

namespace {

constexpr const char* font_family =
    "DejaVu Sans, Noto Sans, Liberation Sans, Arial, Helvetica, sans-serif";

// Sizes in pixels, chosen for a slide: the smallest text is still readable from the back
// of a classroom when the picture fills the width of the screen.
constexpr double margin = 36;
constexpr double title_size = 28;
constexpr double subtitle_size = 17;
constexpr double heading_size = 18;
constexpr double label_size = 17;
constexpr double tick_size = 15;
constexpr double legend_size = 16;
constexpr double summary_size = 18;
constexpr double row_height = 40;
constexpr double busy_bar = 26;  // the task has the CPU: running, blocking, on a thread
constexpr double wait_bar = 16;  // the task waits: a thinner bar, a second cue besides colour
constexpr double plot_width_min = 880;
constexpr double end_mark_radius = 9;
constexpr int max_label_columns = 32;

const std::string ink = "#1a1a1a";
const std::string soft_ink = "#4d4d4d";
const std::string grid = "#d5d9e0";
const std::string zebra = "#f2f4f7";

// The viewer picks the font, so the text's real width is unknown when the SVG is written.
// These factors are on the wide side of DejaVu Sans, Cyrillic and capitals included, so that
// a label ends short of the space kept for it rather than running into the bars.
double text_width(std::string_view text, double size, bool bold = false) {
    return i18n::display_width(text) * size * (bold ? 0.70 : 0.62);
}

// Coordinates with one decimal, always with a point, whatever the locale.
std::string px(double value) {
    std::string text = fmt::format("{:.1f}", value);
    if (text.ends_with(".0")) text.resize(text.size() - 2);
    return text == "-0" ? "0" : text;
}

struct Rgb {
    double r, g, b;
};

Rgb parse_rgb(std::string_view hex) {
    auto channel = [&](std::size_t at) {
        return static_cast<double>(std::stoi(std::string(hex.substr(at, 2)), nullptr, 16));
    };
    return {channel(1), channel(3), channel(5)};
}

// `amount` of the way from the colour to `toward` (white lightens, black darkens).
std::string mix(std::string_view hex, double toward, double amount) {
    const Rgb c = parse_rgb(hex);
    auto blend = [&](double v) { return static_cast<int>(std::lround(v + (toward - v) * amount)); };
    return fmt::format("#{:02x}{:02x}{:02x}", blend(c.r), blend(c.g), blend(c.b));
}

using Attr = std::pair<std::string_view, std::string>;
using Attrs = std::initializer_list<Attr>;

// Writes elements so that everything opened is closed: open() pairs with close(), and
// finish() closes whatever is still open. Text and attribute values are always escaped.
class SvgWriter {
  public:
    void open(std::string_view tag, Attrs attrs = {}) {
        start(tag, attrs);
        out_ += ">\n";
        open_.emplace_back(tag);
    }
    void close() {
        if (open_.empty()) return;
        const std::string tag = std::move(open_.back());
        open_.pop_back();
        indent();
        out_ += "</" + tag + ">\n";
    }
    void leaf(std::string_view tag, Attrs attrs) {
        start(tag, attrs);
        out_ += "/>\n";
    }
    void text(std::string_view tag, Attrs attrs, std::string_view content) {
        start(tag, attrs);
        out_ += ">" + xml_escape(content) + "</" + std::string(tag) + ">\n";
    }
    std::string finish() {
        while (!open_.empty()) close();
        return std::move(out_);
    }

  private:
    void indent() { out_.append(open_.size() * 2, ' '); }
    void start(std::string_view tag, Attrs attrs) {
        indent();
        out_ += "<" + std::string(tag);
        for (const auto& [name, value] : attrs) {
            out_ += " " + std::string(name) + "=\"" + xml_escape(value) + "\"";
        }
    }

    std::string out_ = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    std::vector<std::string> open_;
};

// The rows of one run, under its heading when the picture compares two.
struct Group {
    const timeline::Timeline* timeline = nullptr;
    std::string label, description;
};

// Where one time span lands on the plot.
struct Scale {
    double x0 = 0, width = 0, span = 1, end = 0;
    double x(double t) const { return x0 + std::clamp(t, 0.0, span) / span * width; }
};

// A segment too short to show at this scale is left out, of the bars and of the legend
// alike, as the terminal leaves out what fills no column.
bool visible(const timeline::Segment& s, const Scale& scale) {
    if (scale.end <= 0) return false;
    return scale.x(std::min(s.end, scale.end)) - scale.x(std::max(s.start, 0.0)) >= 0.5;
}

bool busy(Mark mark) {
    return mark == Mark::run || mark == Mark::blocked || mark == Mark::thread;
}

std::string pattern_id(Mark mark) {
    return "pattern-" + std::string(look(mark).id);
}

std::string fill_of(Mark mark) {
    return mark == Mark::run ? std::string(look(mark).rgb) : "url(#" + pattern_id(mark) + ")";
}

// The texture of each waiting or busy state, echoing the terminal glyph where one can: dense
// stripes for ▓, light stripes for ░, dots for ·, a crosshatch for ▒, bars for ≡, waves for ~.
void write_pattern(SvgWriter& svg, Mark mark) {
    const std::string colour = look(mark).rgb;
    const std::string light = mix(colour, 255, 0.72);
    const std::string dark = mix(colour, 0, 0.45);
    const std::string id = pattern_id(mark);
    switch (mark) {
        case Mark::blocked:
            svg.open("pattern", {{"id", id},
                                 {"width", "9"},
                                 {"height", "9"},
                                 {"patternUnits", "userSpaceOnUse"},
                                 {"patternTransform", "rotate(45)"}});
            svg.leaf("rect", {{"width", "9"}, {"height", "9"}, {"fill", colour}});
            svg.leaf("rect", {{"width", "3"}, {"height", "9"}, {"fill", dark}});
            break;
        case Mark::sleep:
            svg.open("pattern", {{"id", id},
                                 {"width", "8"},
                                 {"height", "8"},
                                 {"patternUnits", "userSpaceOnUse"},
                                 {"patternTransform", "rotate(45)"}});
            svg.leaf("rect", {{"width", "8"}, {"height", "8"}, {"fill", light}});
            svg.leaf("rect", {{"width", "3.5"}, {"height", "8"}, {"fill", colour}});
            break;
        case Mark::task:
            svg.open(
                "pattern",
                {{"id", id}, {"width", "8"}, {"height", "8"}, {"patternUnits", "userSpaceOnUse"}});
            svg.leaf("rect", {{"width", "8"}, {"height", "8"}, {"fill", mix(colour, 255, 0.8)}});
            svg.leaf("circle", {{"cx", "4"}, {"cy", "4"}, {"r", "1.8"}, {"fill", dark}});
            break;
        case Mark::sync:
            svg.open("pattern", {{"id", id},
                                 {"width", "8"},
                                 {"height", "8"},
                                 {"patternUnits", "userSpaceOnUse"},
                                 {"patternTransform", "rotate(45)"}});
            svg.leaf("rect", {{"width", "8"}, {"height", "8"}, {"fill", light}});
            svg.leaf("rect", {{"width", "2.5"}, {"height", "8"}, {"fill", colour}});
            svg.leaf("rect", {{"width", "8"}, {"height", "2.5"}, {"fill", colour}});
            break;
        case Mark::thread:
            svg.open(
                "pattern",
                {{"id", id}, {"width", "8"}, {"height", "7"}, {"patternUnits", "userSpaceOnUse"}});
            svg.leaf("rect", {{"width", "8"}, {"height", "7"}, {"fill", light}});
            svg.leaf("rect", {{"width", "8"}, {"height", "3.5"}, {"fill", colour}});
            break;
        case Mark::io:
            svg.open(
                "pattern",
                {{"id", id}, {"width", "12"}, {"height", "8"}, {"patternUnits", "userSpaceOnUse"}});
            svg.leaf("rect", {{"width", "12"}, {"height", "8"}, {"fill", light}});
            svg.leaf("path", {{"d", "M0 4 Q3 0 6 4 T12 4"},
                              {"fill", "none"},
                              {"stroke", dark},
                              {"stroke-width", "1.8"}});
            break;
        default:
            return;  // running is a solid bar; the end marks are shapes
    }
    svg.close();
}

// done, failed and cancelled: a circle with a tick, a square with a cross, a struck ring.
void write_end_mark(SvgWriter& svg, Mark mark, double cx, double cy) {
    const std::string colour = look(mark).rgb;
    const double r = end_mark_radius;
    svg.open("g", {{"class", "end " + std::string(look(mark).id)}});
    switch (mark) {
        case Mark::failed:
            svg.leaf("rect", {{"x", px(cx - r)},
                              {"y", px(cy - r)},
                              {"width", px(2 * r)},
                              {"height", px(2 * r)},
                              {"rx", "2"},
                              {"fill", colour}});
            svg.leaf("path",
                     {{"d", fmt::format("M{} {}L{} {}M{} {}L{} {}", px(cx - 4.5), px(cy - 4.5),
                                        px(cx + 4.5), px(cy + 4.5), px(cx + 4.5), px(cy - 4.5),
                                        px(cx - 4.5), px(cy + 4.5))},
                      {"stroke", "#ffffff"},
                      {"stroke-width", "2.6"},
                      {"stroke-linecap", "round"}});
            break;
        case Mark::cancelled:
            svg.leaf("circle", {{"cx", px(cx)},
                                {"cy", px(cy)},
                                {"r", px(r - 1.5)},
                                {"fill", "#ffffff"},
                                {"stroke", colour},
                                {"stroke-width", "3"}});
            svg.leaf(
                "path",
                {{"d", fmt::format("M{} {}L{} {}", px(cx - 5), px(cy + 5), px(cx + 5), px(cy - 5))},
                 {"stroke", colour},
                 {"stroke-width", "3"},
                 {"stroke-linecap", "round"}});
            break;
        default:
            svg.leaf("circle", {{"cx", px(cx)}, {"cy", px(cy)}, {"r", px(r)}, {"fill", colour}});
            svg.leaf("path",
                     {{"d", fmt::format("M{} {}L{} {}L{} {}", px(cx - 4.5), px(cy + 0.5),
                                        px(cx - 1.2), px(cy + 4), px(cx + 4.8), px(cy - 3.5))},
                      {"fill", "none"},
                      {"stroke", "#ffffff"},
                      {"stroke-width", "2.6"},
                      {"stroke-linecap", "round"},
                      {"stroke-linejoin", "round"}});
    }
    svg.close();
}

// The legend's sample of a state: a short bar, or the end mark itself.
void write_swatch(SvgWriter& svg, Mark mark, double x, double cy) {
    if (is_end_mark(mark)) {
        write_end_mark(svg, mark, x + 15, cy);
        return;
    }
    const double h = busy(mark) ? 18 : 12;
    svg.leaf("rect", {{"x", px(x)},
                      {"y", px(cy - h / 2)},
                      {"width", "30"},
                      {"height", px(h)},
                      {"fill", fill_of(mark)},
                      {"stroke", look(mark).rgb}});
}

struct LegendItem {
    Mark mark;
    std::string words;
    double x = 0, y = 0;  // y: the middle of its line
};

std::string render(const std::vector<Group>& groups, const SvgHeading& heading,
                   const Summary& summary, i18n::Language language) {
    // Horizontally: margin, task names (right-aligned), the plot, room for the last end mark
    // and tick label, margin.
    double label_width = 60;
    double end = 0;
    for (const auto& g : groups) {
        end = std::max(end, g.timeline->elapsed);
        for (const auto& task : g.timeline->tasks) {
            label_width = std::max(
                label_width, text_width(i18n::truncate(task.name, max_label_columns), label_size));
        }
    }
    const std::string last_tick = format_seconds(language, end);
    const double end_room = std::max(end_mark_radius + 6, text_width(last_tick, tick_size) / 2 + 4);
    const double x0 = margin + label_width + 18;

    double width = x0 + plot_width_min + end_room + margin;
    width = std::max(width, 2 * margin + text_width(heading.title, title_size, true));
    width = std::max(width, 2 * margin + text_width(heading.subtitle, subtitle_size));
    for (const auto& g : groups) {
        width = std::max(width, 2 * margin + text_width(g.label, heading_size, true) + 16 +
                                    text_width(g.description, heading_size));
    }
    double figures_width = 0;
    for (const auto& f : summary.figures) figures_width += text_width(f, summary_size) + 40;
    width = std::max(width, 2 * margin + figures_width);
    width = std::max(width, 2 * margin + text_width(summary.verdict, summary_size + 2, true));
    // Any legend entry fits on a line of its own, however long its translation.
    for (int m = 0; m < mark_count; ++m) {
        const auto& words = i18n::tr(language, look(static_cast<Mark>(m)).legend_key);
        width = std::max(width, 2 * margin + 40 + text_width(words, legend_size));
    }
    width = std::ceil(width);

    Scale scale;
    scale.x0 = x0;
    scale.width = width - x0 - end_room - margin;
    scale.end = end;
    scale.span = end > 0 ? end : 1;

    // The states shown, for the legend.
    std::array<bool, mark_count> shown{};
    for (const auto& g : groups) {
        for (const auto& task : g.timeline->tasks) {
            for (const auto& s : task.segments)
                if (visible(s, scale)) shown[static_cast<std::size_t>(mark_for(s))] = true;
            if (auto m = mark_for(task.state)) shown[static_cast<std::size_t>(*m)] = true;
        }
    }

    // Vertically, top to bottom.
    double y = margin;
    const double title_y = y + title_size;
    y = title_y + 12;
    double subtitle_y = 0;
    if (!heading.subtitle.empty()) {
        subtitle_y = y + subtitle_size;
        y = subtitle_y + 8;
    }
    y += 18;
    struct RowPlace {
        const timeline::Task* task;
        const timeline::Timeline* timeline;
        double top;
        bool banded;  // every other row of a run, starting with its first
    };
    struct HeadingPlace {
        const Group* group;
        double baseline;
    };
    std::vector<RowPlace> rows;
    std::vector<HeadingPlace> headings;
    std::vector<std::pair<double, double>> blocks;  // the rows of each run, top to bottom
    for (const auto& g : groups) {
        if (!g.label.empty()) {
            if (&g != &groups.front()) y += 14;
            headings.push_back({&g, y + heading_size});
            y += heading_size + 12;
        }
        const double block_top = y;
        bool banded = true;
        for (const auto& task : g.timeline->tasks) {
            rows.push_back({&task, g.timeline, y, banded});
            banded = !banded;
            y += row_height;
        }
        blocks.emplace_back(block_top, y);
    }
    const double axis_y = y + 6;
    const double tick_label_y = axis_y + 8 + tick_size;
    const double caption_y = tick_label_y + 8 + tick_size;
    y = caption_y + 26;

    std::vector<LegendItem> legend;
    {
        double x = margin;
        const double line_height = 30;
        double line_y = y + line_height / 2;
        for (int m = 0; m < mark_count; ++m) {
            if (!shown[static_cast<std::size_t>(m)]) continue;
            const auto mark = static_cast<Mark>(m);
            LegendItem item{mark, i18n::tr(language, look(mark).legend_key)};
            const double item_width = 30 + 10 + text_width(item.words, legend_size) + 30;
            if (x > margin && x + item_width - 30 > width - margin) {
                x = margin;
                line_y += line_height;
            }
            item.x = x;
            item.y = line_y;
            legend.push_back(std::move(item));
            x += item_width;
        }
        if (!legend.empty()) y = line_y + line_height / 2;
    }
    y += 16;
    const double figures_y = y + summary_size;
    y = figures_y;
    double verdict_y = 0;
    if (!summary.verdict.empty()) {
        verdict_y = y + 12 + summary_size + 2;
        y = verdict_y;
    }
    const double height = std::ceil(y + margin);

    // Ticks, no closer than a label and a gap.
    std::vector<double> ticks{0};
    if (end > 0) {
        const double gap = std::max(100.0, text_width(last_tick, tick_size) + 36);
        const double step = tick_step(end, scale.width, gap);
        ticks.clear();
        for (int k = 0; k * step <= end + 1e-9; ++k) ticks.push_back(k * step);
    }

    SvgWriter svg;
    svg.open("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                     {"width", px(width)},
                     {"height", px(height)},
                     {"viewBox", fmt::format("0 0 {} {}", px(width), px(height))},
                     {"xml:lang", std::string(i18n::code(language))},
                     {"font-family", font_family}});
    svg.text("title", {}, heading.title);
    svg.open("defs");
    for (int m = 0; m < mark_count; ++m)
        if (shown[static_cast<std::size_t>(m)]) write_pattern(svg, static_cast<Mark>(m));
    svg.close();
    // Slides are often dark: the picture brings its own white page.
    svg.leaf("rect", {{"width", px(width)}, {"height", px(height)}, {"fill", "#ffffff"}});

    svg.text("text",
             {{"class", "title"},
              {"x", px(margin)},
              {"y", px(title_y)},
              {"font-size", px(title_size)},
              {"font-weight", "bold"},
              {"fill", ink}},
             heading.title);
    if (!heading.subtitle.empty()) {
        svg.text("text",
                 {{"class", "subtitle"},
                  {"x", px(margin)},
                  {"y", px(subtitle_y)},
                  {"font-size", px(subtitle_size)},
                  {"fill", soft_ink}},
                 heading.subtitle);
    }

    // Behind everything: a band on every other row to lead the eye from name to bars, then
    // the grid lines of the ticks, through the rows but not through the headings of a
    // comparison, and down to the axis from the last run.
    for (const auto& row : rows) {
        if (!row.banded) continue;
        svg.leaf("rect", {{"x", px(margin - 8)},
                          {"y", px(row.top)},
                          {"width", px(width - 2 * margin + 16)},
                          {"height", px(row_height)},
                          {"fill", zebra}});
    }
    for (std::size_t b = 0; b < blocks.size(); ++b) {
        const double bottom = b + 1 == blocks.size() ? axis_y : blocks[b].second;
        for (double t : ticks) {
            svg.leaf("line", {{"x1", px(scale.x(t))},
                              {"y1", px(blocks[b].first)},
                              {"x2", px(scale.x(t))},
                              {"y2", px(bottom)},
                              {"stroke", grid},
                              {"stroke-width", "1"}});
        }
    }

    for (const auto& h : headings) {
        svg.open("text", {{"class", "run"},
                          {"x", px(margin)},
                          {"y", px(h.baseline)},
                          {"font-size", px(heading_size)},
                          {"fill", ink}});
        svg.text("tspan", {{"font-weight", "bold"}}, h.group->label);
        if (!h.group->description.empty())
            svg.text("tspan", {{"dx", "16"}, {"fill", soft_ink}}, h.group->description);
        svg.close();
    }

    for (const auto& row : rows) {
        const auto& task = *row.task;
        const double cy = row.top + row_height / 2;
        svg.open("g", {{"class", "task"}});
        svg.text("text",
                 {{"x", px(x0 - 18)},
                  {"y", px(cy + label_size * 0.35)},
                  {"font-size", px(label_size)},
                  {"text-anchor", "end"},
                  {"fill", ink}},
                 i18n::truncate(task.name, max_label_columns));
        for (const auto& s : task.segments) {
            if (!visible(s, scale)) continue;
            const Mark mark = mark_for(s);
            const double left = scale.x(std::max(s.start, 0.0));
            const double right = scale.x(std::min(s.end, end));
            const double h = busy(mark) ? busy_bar : wait_bar;
            svg.open("rect", {{"class", "bar " + std::string(look(mark).id)},
                              {"x", px(left)},
                              {"y", px(cy - h / 2)},
                              {"width", px(right - left)},
                              {"height", px(h)},
                              {"fill", fill_of(mark)},
                              {"stroke", look(mark).rgb},
                              {"stroke-width", "1"}});
            // A tooltip in browsers: who, doing what, from when to when.
            svg.text("title", {},
                     fmt::format("{}: {}, {}–{} {}", task.name,
                                 i18n::tr(language, look(mark).legend_key),
                                 format_seconds(language, s.start), format_seconds(language, s.end),
                                 i18n::tr(language, "timeline.unit")));
            svg.close();
        }
        if (auto m = mark_for(task.state)) {
            const double finished = task.finished.value_or(row.timeline->elapsed);
            write_end_mark(svg, *m, scale.x(end > 0 ? finished : 0), cy);
        }
        svg.close();
    }

    svg.open("g", {{"class", "axis"}});
    svg.leaf("line", {{"x1", px(scale.x0)},
                      {"y1", px(axis_y)},
                      {"x2", px(scale.x0 + scale.width)},
                      {"y2", px(axis_y)},
                      {"stroke", soft_ink},
                      {"stroke-width", "1.5"}});
    for (double t : ticks) {
        svg.leaf("line", {{"x1", px(scale.x(t))},
                          {"y1", px(axis_y)},
                          {"x2", px(scale.x(t))},
                          {"y2", px(axis_y + 6)},
                          {"stroke", soft_ink},
                          {"stroke-width", "1.5"}});
        svg.text("text",
                 {{"x", px(scale.x(t))},
                  {"y", px(tick_label_y)},
                  {"font-size", px(tick_size)},
                  {"text-anchor", "middle"},
                  {"fill", soft_ink}},
                 format_seconds(language, t));
    }
    svg.text("text",
             {{"x", px(scale.x0 + scale.width / 2)},
              {"y", px(caption_y)},
              {"font-size", px(tick_size)},
              {"text-anchor", "middle"},
              {"fill", soft_ink}},
             i18n::tr(language, "picture.axis"));
    svg.close();

    svg.open("g", {{"class", "legend"}});
    for (const auto& item : legend) {
        write_swatch(svg, item.mark, item.x, item.y);
        svg.text("text",
                 {{"x", px(item.x + 40)},
                  {"y", px(item.y + legend_size * 0.35)},
                  {"font-size", px(legend_size)},
                  {"fill", ink}},
                 item.words);
    }
    svg.close();

    svg.open("g", {{"class", "summary"}});
    // The figures flow as one line of text, so the viewer's own font metrics space them.
    svg.open(
        "text",
        {{"x", px(margin)}, {"y", px(figures_y)}, {"font-size", px(summary_size)}, {"fill", ink}});
    for (const auto& f : summary.figures)
        svg.text("tspan", {{"dx", &f == &summary.figures.front() ? "0" : "32"}}, f);
    svg.close();
    if (!summary.verdict.empty()) {
        svg.text("text",
                 {{"x", px(margin)},
                  {"y", px(verdict_y)},
                  {"font-size", px(summary_size + 2)},
                  {"font-weight", "bold"},
                  {"fill", ink}},
                 summary.verdict);
    }
    svg.close();
    return svg.finish();
}

}  // namespace

std::string svg_timeline(const timeline::Timeline& timeline, const SvgHeading& heading,
                         i18n::Language language) {
    return render({Group{&timeline, {}, {}}}, heading, run_summary(timeline, language), language);
}

std::string svg_timeline(const SvgSide& a, const SvgSide& b, const SvgHeading& heading,
                         i18n::Language language) {
    return render(
        {Group{a.timeline, a.label, a.description}, Group{b.timeline, b.label, b.description}},
        heading,
        compare_summary(a.label, *a.timeline, b.label, *b.timeline, language),
        language);
}

}  // namespace render
