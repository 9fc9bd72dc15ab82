#include "i18n/json_scan.hpp"

#include <cstdint>
#include <cstring>

namespace json_scan {

namespace {

bool is_space(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

class Cursor {
  public:
    explicit Cursor(std::string_view text) : text_(text) {}

    void skip_space() {
        while (at_ < text_.size() && is_space(text_[at_])) ++at_;
    }
    bool done() const { return at_ >= text_.size(); }
    char peek() const { return done() ? '\0' : text_[at_]; }
    bool take(char c) {
        skip_space();
        if (peek() != c) return false;
        ++at_;
        return true;
    }
    std::size_t position() const { return at_; }

    // Past a string whose opening quote is at the cursor; false when it never closes. Most of
    // the text is inside strings: memchr jumps to each quote, which closes the string unless
    // an odd run of backslashes escapes it.
    bool skip_string() {
        std::size_t from = at_ + 1;  // past the opening quote
        while (from < text_.size()) {
            const void* found = std::memchr(text_.data() + from, '"', text_.size() - from);
            if (!found) return false;
            const auto quote =
                static_cast<std::size_t>(static_cast<const char*>(found) - text_.data());
            std::size_t backslashes = 0;
            while (quote - backslashes > at_ + 1 && text_[quote - backslashes - 1] == '\\')
                ++backslashes;
            from = quote + 1;
            if (backslashes % 2 == 0) {
                at_ = from;
                return true;
            }
        }
        return false;
    }

    // Past one value of any kind; the strings inside are skipped whole, so that their
    // brackets do not count.
    bool skip_value() {
        skip_space();
        if (done()) return false;
        const char first = peek();
        if (first == '"') return skip_string();
        if (first != '{' && first != '[') {
            // A number, true, false or null: up to the next separator.
            const std::size_t start = at_;
            while (at_ < text_.size() && !is_space(text_[at_]) && text_[at_] != ',' &&
                   text_[at_] != '}' && text_[at_] != ']')
                ++at_;
            return at_ > start;
        }
        int depth = 0;
        while (at_ < text_.size()) {
            const char c = text_[at_];
            if (c == '"') {
                if (!skip_string()) return false;
                continue;
            }
            ++at_;
            if (c == '{' || c == '[') ++depth;
            if ((c == '}' || c == ']') && --depth == 0) return true;
        }
        return false;
    }

    // The value starting at the cursor, as text.
    std::optional<std::string_view> value() {
        skip_space();
        const std::size_t start = at_;
        if (!skip_value()) return std::nullopt;
        return text_.substr(start, at_ - start);
    }

  private:
    std::string_view text_;
    std::size_t at_ = 0;
};

// Reads a list or an object: `one` reads an item, the cursor then at a comma or the end.
template <typename One>
bool sequence(Cursor& cursor, char open, char close, One one) {
    if (!cursor.take(open)) return false;
    if (cursor.take(close)) return true;
    do {
        if (!one()) return false;
    } while (cursor.take(','));
    if (!cursor.take(close)) return false;
    cursor.skip_space();
    return cursor.done();
}

void put_utf8(std::string& out, std::uint32_t code) {
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code >> 18));
        out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    }
}

std::optional<std::uint32_t> hex4(std::string_view text, std::size_t at) {
    if (at + 4 > text.size()) return std::nullopt;
    std::uint32_t value = 0;
    for (std::size_t i = at; i < at + 4; ++i) {
        const char c = text[i];
        value <<= 4;
        if (c >= '0' && c <= '9')
            value |= static_cast<std::uint32_t>(c - '0');
        else if (c >= 'a' && c <= 'f')
            value |= static_cast<std::uint32_t>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            value |= static_cast<std::uint32_t>(c - 'A' + 10);
        else
            return std::nullopt;
    }
    return value;
}

}  // namespace

std::optional<std::vector<Member>> members(std::string_view text) {
    Cursor cursor(text);
    std::vector<Member> out;
    const bool ok = sequence(cursor, '{', '}', [&] {
        cursor.skip_space();
        if (cursor.peek() != '"') return false;
        const std::size_t start = cursor.position();
        if (!cursor.skip_string()) return false;
        const auto key = text.substr(start + 1, cursor.position() - start - 2);
        if (!cursor.take(':')) return false;
        const auto value = cursor.value();
        if (!value) return false;
        out.push_back({key, *value});
        return true;
    });
    if (!ok) return std::nullopt;
    return out;
}

std::optional<std::vector<std::string_view>> items(std::string_view text) {
    Cursor cursor(text);
    std::vector<std::string_view> out;
    const bool ok = sequence(cursor, '[', ']', [&] {
        const auto value = cursor.value();
        if (!value) return false;
        out.push_back(*value);
        return true;
    });
    if (!ok) return std::nullopt;
    return out;
}

std::optional<std::string> string_value(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    if (text.size() < 2 || text.front() != '"' || text.back() != '"') return std::nullopt;
    std::string out;
    out.reserve(text.size() - 2);
    const std::size_t end = text.size() - 1;
    for (std::size_t i = 1; i < end; ++i) {
        const char c = text[i];
        if (c != '\\') {
            if (c == '"' || static_cast<unsigned char>(c) < 0x20) return std::nullopt;
            out += c;
            continue;
        }
        if (++i >= end) return std::nullopt;
        switch (text[i]) {
            case '"':
            case '\\':
            case '/':
                out += text[i];
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'u': {
                auto code = hex4(text, i + 1);
                if (!code || i + 4 >= end + 1) return std::nullopt;
                i += 4;
                if (*code >= 0xD800 && *code <= 0xDBFF) {
                    // A surrogate pair: the low half must follow as \uDC00..\uDFFF.
                    if (i + 6 >= end + 1 || text[i + 1] != '\\' || text[i + 2] != 'u')
                        return std::nullopt;
                    const auto low = hex4(text, i + 3);
                    if (!low || *low < 0xDC00 || *low > 0xDFFF) return std::nullopt;
                    code = 0x10000 + ((*code - 0xD800) << 10) + (*low - 0xDC00);
                    i += 6;
                } else if (*code >= 0xDC00 && *code <= 0xDFFF) {
                    return std::nullopt;
                }
                put_utf8(out, *code);
                break;
            }
            default:
                return std::nullopt;
        }
    }
    return out;
}

}  // namespace json_scan
