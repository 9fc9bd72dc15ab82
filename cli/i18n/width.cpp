#include "i18n/width.hpp"

#include <locale.h>
#include <clocale>
#include <cwchar>
#include <vector>

namespace i18n {

namespace {

// glibc's wcwidth() with the C.UTF-8 character classes, whatever the user's locale is.
locale_t utf8_locale() {
    static locale_t locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
    return locale;
}

struct Decoded {
    char32_t code;
    std::size_t length;
};

Decoded decode(std::string_view s, std::size_t i) {
    const auto byte = static_cast<unsigned char>(s[i]);
    std::size_t length = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xE ? 3 : 4;
    if (i + length > s.size()) length = 1;
    char32_t code = length == 1   ? byte
                    : length == 2 ? byte & 0x1F
                    : length == 3 ? byte & 0x0F
                                  : byte & 0x07;
    for (std::size_t k = 1; k < length; ++k)
        code = (code << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    return {code, length};
}

int code_width(char32_t code) {
    if (code < 0x20) return 0;
    if (code < 0x7F) return 1;
    if (locale_t locale = utf8_locale()) {
        locale_t previous = uselocale(locale);
        int w = wcwidth(static_cast<wchar_t>(code));
        uselocale(previous);
        return w < 0 ? 1 : w;
    }
    return 1;
}

}  // namespace

int display_width(std::string_view utf8) {
    int width = 0;
    for (std::size_t i = 0; i < utf8.size();) {
        auto d = decode(utf8, i);
        width += code_width(d.code);
        i += d.length;
    }
    return width;
}

std::string pad_right(std::string_view utf8, int width) {
    std::string out(utf8);
    for (int w = display_width(utf8); w < width; ++w) out += ' ';
    return out;
}

std::string pad_left(std::string_view utf8, int width) {
    std::string out;
    for (int w = display_width(utf8); w < width; ++w) out += ' ';
    return out + std::string(utf8);
}

std::string truncate(std::string_view utf8, int width, std::string_view ellipsis) {
    if (display_width(utf8) <= width) return std::string(utf8);
    std::string out;
    int used = 0;
    const int room = width - display_width(ellipsis);
    for (std::size_t i = 0; i < utf8.size();) {
        auto d = decode(utf8, i);
        int w = code_width(d.code);
        if (used + w > room) break;
        out.append(utf8.substr(i, d.length));
        used += w;
        i += d.length;
    }
    return out + std::string(ellipsis);
}

std::string strip_escapes(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\x1b' && i + 1 < text.size() && text[i + 1] == '[') {
            // CSI: parameters and intermediates up to a final byte in @..~
            i += 2;
            while (i < text.size() && !(text[i] >= '@' && text[i] <= '~')) ++i;
            continue;
        }
        out += text[i];
    }
    return out;
}

std::string wrap(std::string_view utf8, int width, std::string_view indent) {
    std::string out, line;
    int line_width = 0;
    const int indent_width = display_width(indent);
    auto flush = [&] {
        out += std::string(indent) + line + "\n";
        line.clear();
        line_width = 0;
    };
    std::size_t start = 0;
    while (start <= utf8.size()) {
        auto end = utf8.find_first_of(" \n", start);
        auto word = utf8.substr(
            start, end == std::string_view::npos ? std::string_view::npos : end - start);
        int w = display_width(word);
        if (line_width > 0 && indent_width + line_width + 1 + w > width) flush();
        if (!word.empty()) {
            if (line_width > 0) {
                line += ' ';
                ++line_width;
            }
            line += word;
            line_width += w;
        }
        if (end == std::string_view::npos) break;
        if (utf8[end] == '\n') {
            flush();
            // A blank line in the source is a paragraph break.
            if (end + 1 < utf8.size() && utf8[end + 1] == '\n') {
                out += "\n";
                ++end;
            }
        }
        start = end + 1;
    }
    if (line_width > 0) flush();
    return out;
}

}  // namespace i18n
