#pragma once
// The safety net of ASCII drawing: a stream filter that turns the typographic glyphs of the
// program's own words (the "·" of "Lesson 11 · gather", the "×" of "2× faster", "…", "—",
// arrows, boxes) into ASCII, for a terminal whose locale is not UTF-8. Letters are left as
// they are: Portuguese and Ukrainian asked for by name keep their words in UTF-8.
#include <ostream>
#include <string_view>

namespace render {

// The ASCII stand-in of one UTF-8 glyph, or an empty view when it has none (a letter).
std::string_view ascii_for(std::string_view glyph);

// From now on `out` writes through the filter. For text meant to be read on a terminal, not
// for data (JSON) or source code, which must stay byte for byte. The filter lives as long as
// the program, since the standard streams are flushed after main returns.
void use_ascii_glyphs(std::ostream& out);

}  // namespace render
