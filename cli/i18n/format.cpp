#include "i18n/format.hpp"

#include <fmt/args.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>
#include <vector>

#include "i18n/plural.hpp"

namespace i18n {

namespace {

constexpr std::string_view zero_prefix = "=0:";

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
            const double count = as_count(arg->value);
            // An optional first form "=0:..." is the wording for exactly zero ("nenhuma
            // atualização perdida" rather than "0 atualização perdida").
            std::optional<std::string_view> zero;
            if (forms.front().starts_with(zero_prefix)) {
                zero = forms.front().substr(zero_prefix.size());
                forms.erase(forms.begin());
            }
            std::string_view form;
            if (zero && count == 0) {
                form = *zero;
            } else if (forms.empty()) {
                throw FormatError("a plural block with a zero form only");
            } else {
                auto index = static_cast<std::size_t>(plural_form(language, count));
                if (index >= forms.size()) index = language == Language::uk ? 1 : forms.size() - 1;
                form = forms[index];
            }
            // '#' in a form stands for the number itself, filled like {name} below.
            for (char c : form) {
                if (c == '#')
                    out.append("{").append(name).append("}");
                else
                    out += c;
            }
        }
        i = close;
    }
    return out;
}

bool is_name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
}

// Code keeps Python's spelling inside prose of any language: `asyncio.sleep(1.5)` stays
// `asyncio.sleep(1.5)` in Portuguese and Ukrainian, where prose writes "1,5 s". A number is
// code when it stands inside backticks, inside the parentheses of a call (an opening
// parenthesis right after a name: `wait(jobs, timeout={timeout})`), or as the value of a
// call (`loop.time() = {time}`). Elsewhere it is prose and gets the language's decimal comma.
// The numbers of code are written into the template here; fmt fills the prose ones.
std::string spell_code_numbers(std::string_view text, std::span<const lesson::Arg> args) {
    std::string out;
    bool backticks = false;
    std::vector<bool> parens;  // per open parenthesis: does it belong to a call?
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '{' && i + 1 < text.size() && text[i + 1] == '{') {
            out.append("{{");
            ++i;
            continue;
        }
        if (c == '{') {
            const auto close = text.find('}', i);
            if (close == std::string_view::npos) {  // fmt reports it below
                out.append(text.substr(i));
                break;
            }
            const auto name = text.substr(i + 1, close - i - 1);
            const auto* arg = find_arg(args, name);
            const double* number = arg ? std::get_if<double>(&arg->value) : nullptr;
            const std::string_view before = std::string_view(out);
            const bool value_of_call = before.ends_with(") = ") || before.ends_with(")=");
            const bool in_call = std::find(parens.begin(), parens.end(), true) != parens.end();
            if (number && (backticks || in_call || value_of_call)) {
                out += python_number(*number);
            } else {
                out.append(text.substr(i, close - i + 1));
            }
            i = close;
            continue;
        }
        if (c == '`') backticks = !backticks;
        if (c == '(') parens.push_back(!out.empty() && is_name_char(out.back()));
        if (c == ')' && !parens.empty()) parens.pop_back();
        out += c;
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

std::string format_timestamp(Language language, double seconds) {
    std::string text = fmt::format("{:.3f}", seconds);
    if (language != Language::en) std::replace(text.begin(), text.end(), '.', ',');
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
    const std::string resolved = spell_code_numbers(resolve_plurals(language, text, args), args);
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
