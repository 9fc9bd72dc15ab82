#pragma once
// How the terminal output looks: its width, whether it may use colour and whether it may use
// more than ASCII. Colour is off when NO_COLOR is set or stdout is not a terminal, unless
// --color=always. Drawing is ASCII (| - # . v) when the locale's character set is not UTF-8
// (LANG=C, POSIX, ISO-8859-1...) or with --ascii; the words of pt-BR and uk stay UTF-8 even
// then, since a language asked for by name is better shown than spelled without its letters.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace render {

struct Style {
    int width = 80;
    bool color = false;
    bool ascii = false;

    // The glyph to draw: the Unicode one, or its ASCII stand-in.
    const char* pick(const char* unicode, const char* plain) const {
        return ascii ? plain : unicode;
    }

    std::string paint(std::string_view text, std::string_view ansi_code) const;
    std::string bold(std::string_view text) const { return paint(text, "1"); }
    std::string dim(std::string_view text) const { return paint(text, "2"); }
};

enum class ColorMode { automatic, always, never };

// COLUMNS, else the terminal's size, else 80.
int terminal_width();

using Getenv = std::function<std::optional<std::string>(const char*)>;
// Whether the locale of the environment uses UTF-8. The first of LC_ALL, LC_CTYPE and LANG
// that is set decides (as setlocale does); its codeset comes from nl_langinfo(CODESET), or
// from the name itself where that locale is not installed (pt_BR.UTF-8 on a bare system).
// With none of them set nothing was said, and UTF-8 is kept as every current terminal uses it.
bool locale_is_utf8(const Getenv& getenv);

Style detect_style(ColorMode mode, bool force_ascii = false);

}  // namespace render
