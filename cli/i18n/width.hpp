#pragma once
// Terminal columns of UTF-8 text. printf and std::setw count bytes, and a Cyrillic letter is
// two bytes but one column; labels are padded by what the terminal shows instead.
#include <string>
#include <string_view>

namespace i18n {

int display_width(std::string_view utf8);
// Pads with spaces on the right up to `width` columns (never cuts).
std::string pad_right(std::string_view utf8, int width);
std::string pad_left(std::string_view utf8, int width);
// Cuts to at most `width` columns, ending with "…" (or another ellipsis, "..." where the
// terminal is ASCII) when something was cut.
std::string truncate(std::string_view utf8, int width, std::string_view ellipsis = "…");
// The text without its terminal escape sequences (colours), to measure what is shown.
std::string strip_escapes(std::string_view text);
// Breaks prose into lines of at most `width` columns at spaces.
std::string wrap(std::string_view utf8, int width, std::string_view indent = {});

}  // namespace i18n
