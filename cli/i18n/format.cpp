#include "i18n/format.hpp"

#include <fmt/args.h>
#include <fmt/format.h>

#include <cmath>
#include <vector>

#include "i18n/plural.hpp"

namespace i18n {

namespace {

std::string python_number(double value) {
    if (std::isfinite(value) && std::floor(value) == value && std::fabs(value) < 1e15)
        return fmt::format("{}", static_cast<long long>(value));
    return fmt::format("{}", value);
}

const lesson::Arg* find_arg(std::span<const lesson::Arg> args, std::string_view name) {
    for (const auto& a : args)
        if (a.name == name) return &a;
    return nullptr;
}

double as_count(const lesson::Value& value) {
    if (auto* i = std::get_if<std::int64_t>(&value)) return static_cast<double>(*i);
    if (auto* d = std::get_if<double>(&value)) return *d;
    if (auto* v = std::get_if<std::vector<double>>(&value)) return static_cast<double>(v->size());
    if (auto* s = std::get_if<std::vector<std::string>>(&value))
        return static_cast<double>(s->size());
    throw FormatError("a plural block needs a number");
}

// Replaces every {name|a|b|c} block by the form the number `name` asks for.
std::string resolve_plurals(Language language, std::string_view text,
                            std::span<const lesson::Arg> args) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '{' || (i + 1 < text.size() && text[i + 1] == '{')) {
            out += text[i];
            if (text[i] == '{') out += text[++i];
            continue;
        }
        auto close = text.find('}', i);
        if (close == std::string_view::npos) throw FormatError("unclosed '{' in a template");
        auto field = text.substr(i + 1, close - i - 1);
        auto bar = field.find('|');
        if (bar == std::string_view::npos) {
            out.append(text.substr(i, close - i + 1));
        } else {
            auto name = field.substr(0, bar);
            const auto* arg = find_arg(args, name);
            if (!arg)
                throw FormatError("no value for the plural block '" + std::string(name) + "'");
            std::vector<std::string_view> forms;
            auto rest = field.substr(bar + 1);
            for (;;) {
                auto next = rest.find('|');
                forms.push_back(rest.substr(0, next));
                if (next == std::string_view::npos) break;
                rest.remove_prefix(next + 1);
            }
            auto index = static_cast<std::size_t>(plural_form(language, as_count(arg->value)));
            if (index >= forms.size()) index = language == Language::uk ? 1 : forms.size() - 1;
            out.append(forms[index]);
        }
        i = close;
    }
    return out;
}

}  // namespace

std::string format_number(Language language, double value) {
    std::string text;
    if (std::isfinite(value) && std::floor(value) == value && std::fabs(value) < 1e15) {
        text = fmt::format("{}", static_cast<long long>(value));
    } else {
        // At most three decimals, trailing zeros dropped: 2.25, 0.5, 1.333.
        text = fmt::format("{:.3f}", value);
        while (text.back() == '0') text.pop_back();
        if (text.back() == '.') text.pop_back();
    }
    if (language != Language::en) {
        for (auto& c : text)
            if (c == '.') c = ',';
    }
    return text;
}

std::string format_value(Language language, const lesson::Value& value) {
    if (auto* i = std::get_if<std::int64_t>(&value)) return std::to_string(*i);
    if (auto* d = std::get_if<double>(&value)) return format_number(language, *d);
    if (auto* s = std::get_if<std::string>(&value)) return *s;
    if (auto* list = std::get_if<std::vector<double>>(&value)) {
        std::vector<std::string> items;
        for (double x : *list) items.push_back(python_number(x));
        return fmt::format("[{}]", fmt::join(items, ", "));
    }
    const auto& words = std::get<std::vector<std::string>>(value);
    return fmt::format("[{}]", fmt::join(words, ", "));
}

std::string fill(Language language, std::string_view text, std::span<const lesson::Arg> args) {
    const std::string resolved = resolve_plurals(language, text, args);
    fmt::dynamic_format_arg_store<fmt::format_context> store;
    // fmt keeps the names by pointer: they must live until vformat returns.
    std::vector<std::string> names;
    names.reserve(args.size());
    for (const auto& a : args) {
        names.emplace_back(a.name);
        store.push_back(fmt::arg(names.back().c_str(), format_value(language, a.value)));
    }
    try {
        return fmt::vformat(resolved, store);
    } catch (const fmt::format_error& e) {
        throw FormatError(std::string(e.what()) + " in \"" + std::string(text) + "\"");
    }
}

}  // namespace i18n
