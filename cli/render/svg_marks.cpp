#include "render/svg_marks.hpp"

#include <fmt/format.h>

namespace render::svg {

using picture::Kind;

namespace {

std::string pattern_id(Kind kind) {
    return "pattern-" + std::string(picture::look(kind).id);
}

bool textured(Kind kind) {
    return kind != Kind::run && !picture::is_end(kind);
}

// A tile of `w`×`h` over a background, turned 45° for stripes.
void open_tile(Writer& svg, Kind kind, int w, int h, bool diagonal, const std::string& ground) {
    const std::string width = std::to_string(w), height = std::to_string(h);
    if (diagonal) {
        svg.open("pattern", {{"id", pattern_id(kind)},
                             {"width", width},
                             {"height", height},
                             {"patternUnits", "userSpaceOnUse"},
                             {"patternTransform", "rotate(45)"}});
    } else {
        svg.open("pattern", {{"id", pattern_id(kind)},
                             {"width", width},
                             {"height", height},
                             {"patternUnits", "userSpaceOnUse"}});
    }
    svg.leaf("rect", {{"width", width}, {"height", height}, {"fill", ground}});
}

void stripe(Writer& svg, const char* w, const char* h, const std::string& colour) {
    svg.leaf("rect", {{"width", w}, {"height", h}, {"fill", colour}});
}

}  // namespace

std::string fill_of(Kind kind, double height) {
    if (!textured(kind) || height < 6) return picture::look(kind).rgb;
    return "url(#" + pattern_id(kind) + ")";
}

// The textures echo the terminal's glyphs where they can: dense stripes for ▓, light stripes
// for ░, dots for ·, a crosshatch for ▒, bars for ≡, waves for ~; a queue of upright bars for
// a job waiting its turn in the pool.
void write_pattern(Writer& svg, Kind kind) {
    if (!textured(kind)) return;
    const std::string colour = picture::look(kind).rgb;
    const std::string light = mix(colour, 255, 0.72);
    const std::string dark = mix(colour, 0, 0.45);
    switch (kind) {
        case Kind::blocked:
            open_tile(svg, kind, 9, 9, true, colour);
            stripe(svg, "3", "9", dark);
            break;
        case Kind::sleep:
            open_tile(svg, kind, 8, 8, true, light);
            stripe(svg, "3.5", "8", colour);
            break;
        case Kind::task:
            open_tile(svg, kind, 8, 8, false, mix(colour, 255, 0.8));
            svg.leaf("circle", {{"cx", "4"}, {"cy", "4"}, {"r", "1.8"}, {"fill", dark}});
            break;
        case Kind::sync:
            open_tile(svg, kind, 8, 8, true, light);
            stripe(svg, "2.5", "8", colour);
            stripe(svg, "8", "2.5", colour);
            break;
        case Kind::pool:
            open_tile(svg, kind, 7, 8, false, mix(colour, 255, 0.82));
            svg.leaf("rect", {{"x", "2"}, {"width", "2.5"}, {"height", "8"}, {"fill", dark}});
            break;
        case Kind::thread:
            open_tile(svg, kind, 8, 7, false, light);
            stripe(svg, "8", "3.5", colour);
            break;
        default:  // io
            open_tile(svg, kind, 12, 8, false, light);
            svg.leaf("path", {{"d", "M0 4 Q3 0 6 4 T12 4"},
                              {"fill", "none"},
                              {"stroke", dark},
                              {"stroke-width", "1.8"}});
    }
    svg.close();
}

void write_arrowhead(Writer& svg) {
    svg.open("marker", {{"id", arrowhead_id},
                        {"viewBox", "0 0 10 10"},
                        {"refX", "8"},
                        {"refY", "5"},
                        {"markerWidth", "7"},
                        {"markerHeight", "7"},
                        {"markerUnits", "strokeWidth"},
                        {"orient", "auto"}});
    svg.leaf("path", {{"d", "M0 0L10 5L0 10z"}, {"fill", picture::alarm}});
    svg.close();
}

namespace {

void write_end_tick(Writer& svg, const picture::EndMark& m) {
    svg.leaf("rect", {{"class", "end " + std::string(picture::look(m.kind).id)},
                      {"x", px(m.cx - 1.5)},
                      {"y", px(m.cy - m.size / 2)},
                      {"width", "3"},
                      {"height", px(m.size)},
                      {"fill", picture::look(m.kind).rgb}});
}

// The shapes are drawn for a radius of 9 and scaled, so that a thinner row gets a smaller mark.
std::string scaled(const picture::EndMark& m) {
    return fmt::format("translate({} {}) scale({:.3f})", px(m.cx), px(m.cy), m.size / 9);
}

}  // namespace

void write_end_mark(Writer& svg, const picture::EndMark& m) {
    if (m.tick) return write_end_tick(svg, m);
    const std::string colour = picture::look(m.kind).rgb;
    svg.open("g",
             {{"class", "end " + std::string(picture::look(m.kind).id)}, {"transform", scaled(m)}});
    switch (m.kind) {
        case Kind::failed:
            svg.leaf("rect", {{"x", "-9"},
                              {"y", "-9"},
                              {"width", "18"},
                              {"height", "18"},
                              {"rx", "2"},
                              {"fill", colour}});
            svg.leaf("path", {{"d", "M-4.5 -4.5L4.5 4.5M4.5 -4.5L-4.5 4.5"},
                              {"stroke", "#ffffff"},
                              {"stroke-width", "2.6"},
                              {"stroke-linecap", "round"}});
            break;
        case Kind::cancelled:
            svg.leaf(
                "circle",
                {{"r", "7.5"}, {"fill", "#ffffff"}, {"stroke", colour}, {"stroke-width", "3"}});
            svg.leaf("path", {{"d", "M-5 5L5 -5"},
                              {"stroke", colour},
                              {"stroke-width", "3"},
                              {"stroke-linecap", "round"}});
            break;
        default:
            svg.leaf("circle", {{"r", "9"}, {"fill", colour}});
            svg.leaf("path", {{"d", "M-4.5 0.5L-1.2 4L4.8 -3.5"},
                              {"fill", "none"},
                              {"stroke", "#ffffff"},
                              {"stroke-width", "2.6"},
                              {"stroke-linecap", "round"},
                              {"stroke-linejoin", "round"}});
    }
    svg.close();
}

void write_stuck_mark(Writer& svg, const picture::EndMark& m) {
    svg.open("g", {{"class", "stuck"}, {"transform", scaled(m)}});
    svg.leaf("circle", {{"r", "9"}, {"fill", picture::alarm}});
    svg.leaf(
        "rect",
        {{"x", "-5.5"}, {"y", "-1.6"}, {"width", "11"}, {"height", "3.2"}, {"fill", "#ffffff"}});
    svg.close();
}

void write_swatch(Writer& svg, Kind kind, double x, double cy) {
    if (picture::is_end(kind)) {
        write_end_mark(svg, picture::EndMark{kind, x + 17, cy, 11, false});
        return;
    }
    const double h = picture::is_busy(kind) ? 22 : 14;
    svg.leaf("rect", {{"x", px(x)},
                      {"y", px(cy - h / 2)},
                      {"width", "34"},
                      {"height", px(h)},
                      {"fill", fill_of(kind, h)},
                      {"stroke", picture::look(kind).rgb}});
}

}  // namespace render::svg
