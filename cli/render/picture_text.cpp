#include "render/picture_text.hpp"

#include <array>
#include <cstdint>

namespace render::picture {

namespace {

// Advance widths of DejaVu Sans (Book) for ' ' to '~', in thousandths of the font size.
constexpr std::array<std::uint16_t, 95> ascii_advance{
    318,  401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,  // ' '../
    636,  636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,  // 0..?
    1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,  // @..O
    603,  787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,  // P.._
    500,  613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,  // `..o
    635,  635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838};      // p..~

// Bold DejaVu Sans is about 12% wider; a little more room covers rounding and kerning.
constexpr double bold_factor = 1.12;
constexpr double safety = 1.03;

// Decodes one UTF-8 code point at `i` and moves past it; a broken byte counts as one wide
// character (the SVG shows U+FFFD there).
char32_t next_code_point(std::string_view s, std::size_t& i) {
    const auto c = static_cast<unsigned char>(s[i]);
    int length = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    if (length == 0 || i + static_cast<std::size_t>(length) > s.size()) {
        ++i;
        return 0xFFFD;
    }
    char32_t cp = length == 1 ? c : c & (0xFF >> (length + 1));
    for (int k = 1; k < length; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += static_cast<std::size_t>(length);
    return cp;
}

double advance(char32_t cp) {
    if (cp >= 0x20 && cp < 0x7F) return ascii_advance[cp - 0x20] / 1000.0;
    if (cp == 0xB7) return 0.318;                  // the middle dot between figures
    if (cp == 0x2026 || cp == 0x2014) return 1.0;  // … and —
    if (cp >= 0x410 && cp < 0x430) return 0.78;    // Cyrillic capitals
    if (cp >= 0x400 && cp < 0x500) return 0.66;    // Cyrillic small letters (ш, ж: wider)
    if (cp >= 0xC0 && cp < 0x250) return 0.66;     // accented Latin letters: ç, ã, é
    return 0.84;                                   // arrows, signs, anything else
}

}  // namespace

double text_width(std::string_view utf8, double size, bool bold) {
    double em = 0;
    for (std::size_t i = 0; i < utf8.size();) em += advance(next_code_point(utf8, i));
    return em * size * safety * (bold ? bold_factor : 1.0);
}

std::string fit_text(std::string_view utf8, double size, double width, bool bold) {
    // A hair of slack: a width computed as a difference of the same sums must still fit.
    if (text_width(utf8, size, bold) <= width + 0.01) return std::string(utf8);
    const double room = width - text_width("…", size, bold);
    std::size_t end = 0;
    for (std::size_t i = 0; i < utf8.size();) {
        next_code_point(utf8, i);
        if (text_width(utf8.substr(0, i), size, bold) > room) break;
        end = i;
    }
    return std::string(utf8.substr(0, end)) + "…";
}

}  // namespace render::picture
