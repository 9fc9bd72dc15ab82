#include "render/style.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>

namespace render {

std::string Style::paint(std::string_view text, std::string_view ansi_code) const {
    if (!color) return std::string(text);
    return "\x1b[" + std::string(ansi_code) + "m" + std::string(text) + "\x1b[0m";
}

int terminal_width() {
    if (const char* columns = std::getenv("COLUMNS")) {
        const int value = std::atoi(columns);
        if (value >= 20 && value <= 1000) return value;
    }
    winsize size{};
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col >= 20)
        return size.ws_col;
    return 80;
}

Style detect_style(ColorMode mode) {
    Style style;
    style.width = terminal_width();
    switch (mode) {
        case ColorMode::always:
            style.color = true;
            break;
        case ColorMode::never:
            style.color = false;
            break;
        case ColorMode::automatic:
            style.color = std::getenv("NO_COLOR") == nullptr && isatty(STDOUT_FILENO);
            break;
    }
    return style;
}

}  // namespace render
