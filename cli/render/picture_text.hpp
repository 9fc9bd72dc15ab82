#pragma once
// How wide a line of text will be on the picture. The viewer picks the font, so the real width
// is unknown when the layout is made; these are the advance widths of DejaVu Sans, the widest
// of the fonts the SVG asks for (Noto Sans, Liberation Sans and Arial are narrower), so that
// text placed by them ends short of its neighbour rather than running into it.
#include <string>
#include <string_view>

namespace render::picture {

double text_width(std::string_view utf8, double size, bool bold = false);

// The text cut (with "…") to at most `width` at `size`; unchanged when it fits.
std::string fit_text(std::string_view utf8, double size, double width, bool bold = false);

}  // namespace render::picture
