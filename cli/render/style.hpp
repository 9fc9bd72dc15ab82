#pragma once
// How the terminal output looks: its width and whether it may use colour. Colour is off when
// NO_COLOR is set or stdout is not a terminal, unless --color=always.
#include <string>
#include <string_view>

namespace render {

struct Style {
    int width = 80;
    bool color = false;

    std::string paint(std::string_view text, std::string_view ansi_code) const;
    std::string bold(std::string_view text) const { return paint(text, "1"); }
    std::string dim(std::string_view text) const { return paint(text, "2"); }
};

enum class ColorMode { automatic, always, never };

// COLUMNS, else the terminal's size, else 80.
int terminal_width();
Style detect_style(ColorMode mode);

}  // namespace render
