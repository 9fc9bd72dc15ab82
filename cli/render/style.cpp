#include "render/style.hpp"

#include <langinfo.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <clocale>
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

namespace {

std::string lower_alnum(std::string_view text) {
    std::string out;
    for (char c : text)
        if (std::isalnum(static_cast<unsigned char>(c)))
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// The codeset of a locale as setlocale sees it; nullopt where that locale is not installed.
std::optional<std::string> installed_codeset(const std::string& name) {
    const char* current = std::setlocale(LC_CTYPE, nullptr);
    const std::string saved = current ? current : "C";
    if (!std::setlocale(LC_CTYPE, name.c_str())) return std::nullopt;
    std::string codeset = nl_langinfo(CODESET);
    // Back to what it was: the rest of the program formats and reads in the "C" locale.
    std::setlocale(LC_CTYPE, saved.c_str());
    return codeset;
}

}  // namespace

bool locale_is_utf8(const Getenv& getenv) {
    std::optional<std::string> name;
    for (const char* variable : {"LC_ALL", "LC_CTYPE", "LANG"})
        if ((name = getenv(variable))) break;
    if (!name) return true;
    if (*name == "C" || *name == "POSIX") return false;
    if (auto codeset = installed_codeset(*name)) return lower_alnum(*codeset) == "utf8";
    const auto dot = name->find('.');
    if (dot == std::string::npos) return true;  // not installed, no codeset named: unknown
    const std::string codeset = lower_alnum(name->substr(dot + 1, name->find('@') - dot - 1));
    return codeset == "utf8";
}

Style detect_style(ColorMode mode, bool force_ascii) {
    Style style;
    style.width = terminal_width();
    style.ascii = force_ascii || !locale_is_utf8([](const char* variable) {
                      const char* value = std::getenv(variable);
                      return value && *value ? std::optional<std::string>(value) : std::nullopt;
                  });
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
