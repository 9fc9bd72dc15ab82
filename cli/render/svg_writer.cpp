#include "render/svg_writer.hpp"

#include <fmt/format.h>

#include <cmath>

namespace render {

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    auto continuation = [&](std::size_t i) {
        return i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
    };
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            switch (c) {
                case '&':
                    out += "&amp;";
                    break;
                case '<':
                    out += "&lt;";
                    break;
                case '>':
                    out += "&gt;";
                    break;
                case '"':
                    out += "&quot;";
                    break;
                case '\'':
                    out += "&apos;";
                    break;
                default:
                    // XML 1.0 has no way to write the other control characters, not even
                    // as references.
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
                        out += static_cast<char>(c);
            }
            ++i;
            continue;
        }
        // The shortest well-formed sequence for each lead byte (RFC 3629): no overlong forms,
        // no surrogates, nothing above U+10FFFF.
        std::size_t length = 0;
        unsigned char low = 0x80, high = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            if (c == 0xE0) low = 0xA0;
            if (c == 0xED) high = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            if (c == 0xF0) low = 0x90;
            if (c == 0xF4) high = 0x8F;
        }
        bool valid = length > 0 && i + 1 < text.size();
        if (valid) {
            const auto second = static_cast<unsigned char>(text[i + 1]);
            valid = second >= low && second <= high;
            for (std::size_t k = 2; valid && k < length; ++k) valid = continuation(i + k);
            // U+FFFE and U+FFFF are not characters XML allows either.
            if (valid && c == 0xEF && second == 0xBF)
                valid = static_cast<unsigned char>(text[i + 2]) < 0xBE;
        }
        if (valid) {
            out.append(text.substr(i, length));
            i += length;
        } else {
            out += "\xEF\xBF\xBD";  // U+FFFD, in place of the one byte that did not fit
            ++i;
        }
    }
    return out;
}

namespace svg {

std::string px(double value) {
    std::string text = fmt::format("{:.1f}", value);
    if (text.ends_with(".0")) text.resize(text.size() - 2);
    return text == "-0" ? "0" : text;
}

namespace {

struct Rgb {
    double r, g, b;
};

Rgb parse_rgb(std::string_view hex) {
    auto channel = [&](std::size_t at) {
        return static_cast<double>(std::stoi(std::string(hex.substr(at, 2)), nullptr, 16));
    };
    return {channel(1), channel(3), channel(5)};
}

}  // namespace

std::string mix(std::string_view hex, double toward, double amount) {
    const Rgb c = parse_rgb(hex);
    auto blend = [&](double v) { return static_cast<int>(std::lround(v + (toward - v) * amount)); };
    return fmt::format("#{:02x}{:02x}{:02x}", blend(c.r), blend(c.g), blend(c.b));
}

void Writer::open(std::string_view tag, Attrs attrs) {
    start(tag, attrs);
    out_ += ">\n";
    open_.emplace_back(tag);
}

void Writer::close() {
    if (open_.empty()) return;
    const std::string tag = std::move(open_.back());
    open_.pop_back();
    indent();
    out_ += "</" + tag + ">\n";
}

void Writer::leaf(std::string_view tag, Attrs attrs) {
    start(tag, attrs);
    out_ += "/>\n";
}

void Writer::text(std::string_view tag, Attrs attrs, std::string_view content) {
    start(tag, attrs);
    out_ += '>';
    out_ += xml_escape(content);
    out_ += "</";
    out_ += tag;
    out_ += ">\n";
}

std::string Writer::finish() {
    while (!open_.empty()) close();
    return std::move(out_);
}

void Writer::indent() {
    out_.append(open_.size() * 2, ' ');
}

void Writer::start(std::string_view tag, Attrs attrs) {
    indent();
    // Appended piece by piece: no temporary strings (and none of g++ 12's false
    // -Wstringop-overflow on `"<" + std::string(...)`).
    out_ += '<';
    out_ += tag;
    for (const auto& [name, value] : attrs) {
        out_ += ' ';
        out_ += name;
        out_ += "=\"";
        out_ += xml_escape(value);
        out_ += '"';
    }
}

}  // namespace svg
}  // namespace render
