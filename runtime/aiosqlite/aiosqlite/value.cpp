#include <cmath>
#include <cstdio>

#include "aiosqlite/aiosqlite.hpp"

namespace aiosqlite {

namespace {
std::string float_repr(double x) {
    if (std::isnan(x)) return "nan";
    if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
    // The shortest text that reads back as the same double, as Python's repr finds it.
    char buffer[32];
    for (int digits = 1; digits <= 17; ++digits) {
        std::snprintf(buffer, sizeof buffer, "%.*g", digits, x);
        if (std::strtod(buffer, nullptr) == x) break;
    }
    std::string text = buffer;
    if (text.find_first_of(".eni") == std::string::npos) text += ".0";
    return text;
}

std::string string_repr(const std::string& s) {
    const char quote =
        s.find('\'') != std::string::npos && s.find('"') == std::string::npos ? '"' : '\'';
    std::string text(1, quote);
    for (char c : s) {
        if (c == quote || c == '\\') text += '\\';
        if (c == '\n') {
            text += "\\n";
            continue;
        }
        text += c;
    }
    return text + quote;
}
}  // namespace

std::string repr(const Value& value) {
    struct Visitor {
        std::string operator()(std::nullptr_t) const { return "None"; }
        std::string operator()(std::int64_t i) const { return std::to_string(i); }
        std::string operator()(double d) const { return float_repr(d); }
        std::string operator()(const std::string& s) const { return string_repr(s); }
    };
    return std::visit(Visitor{}, value);
}

std::string repr(const Row& row) {
    std::string text = "(";
    for (std::size_t i = 0; i < row.size(); ++i) {
        if (i) text += ", ";
        text += repr(row[i]);
    }
    if (row.size() == 1) text += ",";
    return text + ")";
}

}  // namespace aiosqlite
