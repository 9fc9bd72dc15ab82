#pragma once
// The picture's symbols in SVG: the texture of each state's bar, the marks where a task ended
// or got stuck, the legend's samples and the deadlock's arrowhead. Every state has a pattern
// or a shape besides its colour, so that a greyscale print or a washed-out projector still
// tells them apart.
#include <string>

#include "render/picture_kinds.hpp"
#include "render/picture_layout.hpp"
#include "render/svg_writer.hpp"

namespace render::svg {

// The fill of a bar: solid for running, else its texture (too fine for a lane a pixel or two
// high, which takes the plain colour).
std::string fill_of(picture::Kind kind, double height);
// A <pattern> for each textured kind (nothing for the others), inside <defs>.
void write_pattern(Writer& svg, picture::Kind kind);
// The arrowhead of the deadlock's arrows, inside <defs>.
void write_arrowhead(Writer& svg);
inline constexpr const char* arrowhead_id = "arrowhead-deadlock";

// done, failed, cancelled: a circle with a tick, a square with a cross, a struck ring; a thin
// upright tick on a band's lane.
void write_end_mark(Writer& svg, const picture::EndMark& mark);
// A task stuck for good: a stop sign (a disc with a bar) in the alarm colour.
void write_stuck_mark(Writer& svg, const picture::EndMark& mark);
// The legend's sample of a kind: a short bar, or the end mark itself.
void write_swatch(Writer& svg, picture::Kind kind, double x, double cy);

}  // namespace render::svg
