#include "catalogue/params.hpp"

#include <charconv>
#include <cmath>

#include "i18n/format.hpp"
#include "usage_error.hpp"

namespace catalogue {

namespace {

std::vector<std::string> split(std::string_view text, char separator) {
    std::vector<std::string> parts;
    for (;;) {
        auto next = text.find(separator);
        parts.emplace_back(text.substr(0, next));
        if (next == std::string_view::npos) break;
        text.remove_prefix(next + 1);
    }
    return parts;
}

std::string trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return std::string(s);
}

std::optional<double> parse_number(std::string_view text) {
    std::string s = trim(text);
    // A decimal comma is what a Brazilian or Ukrainian teacher may well type inside one value.
    for (auto& c : s)
        if (c == ',') c = '.';
    double value = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc{} || end != s.data() + s.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

// Typed seconds to the nearest nanosecond, the loop's unit.
std::chrono::nanoseconds duration_of(double seconds) {
    return std::chrono::round<std::chrono::nanoseconds>(std::chrono::duration<double>(seconds));
}

double seconds_of(std::chrono::nanoseconds duration) {
    return std::chrono::duration<double>(duration).count();
}

std::vector<std::chrono::nanoseconds> durations_of(const std::vector<double>& seconds) {
    std::vector<std::chrono::nanoseconds> durations;
    durations.reserve(seconds.size());
    for (double s : seconds) durations.push_back(duration_of(s));
    return durations;
}

std::vector<double> seconds_of(const std::vector<std::chrono::nanoseconds>& durations) {
    std::vector<double> seconds;
    seconds.reserve(durations.size());
    for (auto d : durations) seconds.push_back(seconds_of(d));
    return seconds;
}

[[noreturn]] void not_a_number(const ParamSpec& spec, std::string_view value) {
    throw UsageError("error.not_number", {{"param", spec.name},
                                          {"value", std::string(value)},
                                          {"min", spec.min},
                                          {"max", spec.max}});
}

[[noreturn]] void out_of_range(const ParamSpec& spec, std::string_view raw) {
    throw UsageError(
        "error.out_of_range",
        {{"param", spec.name}, {"value", std::string(raw)}, {"min", spec.min}, {"max", spec.max}});
}

// A number (or seconds) in the param's range, or the UsageError that says why not.
double number_in_range(const ParamSpec& spec, std::string_view raw) {
    auto v = parse_number(raw);
    if (!v) not_a_number(spec, raw);
    if (*v < spec.min || *v > spec.max) out_of_range(spec, raw);
    return *v;
}

// Comma-separated numbers (or seconds), each in the param's range, as many as it takes.
std::vector<double> list_in_range(const ParamSpec& spec, std::string_view raw) {
    std::vector<double> items;
    for (const auto& item : split(raw, ',')) {
        auto v = parse_number(item);
        if (!v)
            throw UsageError("error.bad_list", {{"param", spec.name}, {"value", std::string(raw)}});
        if (*v < spec.min || *v > spec.max) out_of_range(spec, raw);
        items.push_back(*v);
    }
    if (items.size() < spec.min_items || items.size() > spec.max_items) {
        throw UsageError("error.list_size", {{"param", spec.name},
                                             {"count", static_cast<std::int64_t>(items.size())},
                                             {"min", static_cast<std::int64_t>(spec.min_items)},
                                             {"max", static_cast<std::int64_t>(spec.max_items)}});
    }
    return items;
}

}  // namespace

ParamValues defaults(const Lesson& lesson) {
    ParamValues values;
    for (const auto& p : lesson.params) {
        switch (p.type) {
            case ParamType::number:
                values[p.name] = p.default_value.get<double>();
                break;
            case ParamType::seconds:
                values[p.name] = duration_of(p.default_value.get<double>());
                break;
            case ParamType::integer:
                values[p.name] = p.default_value.get<std::int64_t>();
                break;
            case ParamType::list:
                values[p.name] = p.default_value.get<std::vector<double>>();
                break;
            case ParamType::seconds_list:
                values[p.name] = durations_of(p.default_value.get<std::vector<double>>());
                break;
            case ParamType::choice:
                values[p.name] = p.default_value.get<std::string>();
                break;
        }
    }
    return values;
}

void apply_setting(const Lesson& lesson, ParamValues& values, std::string_view setting) {
    auto eq = setting.find('=');
    if (eq == std::string_view::npos || eq == 0)
        throw UsageError("error.set_syntax", {{"setting", std::string(setting)}});
    const std::string name = trim(setting.substr(0, eq));
    const std::string_view raw = setting.substr(eq + 1);
    const ParamSpec* spec = lesson.param(name);
    if (!spec) {
        std::vector<std::string> names;
        for (const auto& p : lesson.params) names.push_back(p.name);
        throw UsageError(names.empty() ? "error.no_params" : "error.unknown_param",
                         {{"param", name}, {"lesson", lesson.slug}, {"valid", names}});
    }
    switch (spec->type) {
        case ParamType::number:
            values[name] = number_in_range(*spec, raw);
            break;
        case ParamType::seconds:
            values[name] = duration_of(number_in_range(*spec, raw));
            break;
        case ParamType::integer: {
            auto v = parse_number(raw);
            if (!v || std::floor(*v) != *v) {
                throw UsageError("error.not_integer",
                                 {{"param", spec->name}, {"value", std::string(raw)}});
            }
            if (*v < spec->min || *v > spec->max) out_of_range(*spec, raw);
            values[name] = static_cast<std::int64_t>(*v);
            break;
        }
        case ParamType::list:
            values[name] = list_in_range(*spec, raw);
            break;
        case ParamType::seconds_list:
            values[name] = durations_of(list_in_range(*spec, raw));
            break;
        case ParamType::choice: {
            const std::string value = trim(raw);
            for (const auto& c : spec->choices) {
                if (c == value) {
                    values[name] = value;
                    return;
                }
            }
            throw UsageError("error.bad_choice",
                             {{"param", spec->name}, {"value", value}, {"valid", spec->choices}});
        }
    }
}

ShownValue shown(const ParamValue& value) {
    return std::visit(
        [](const auto& v) -> ShownValue {
            using V = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<V, std::chrono::nanoseconds> ||
                          std::is_same_v<V, std::vector<std::chrono::nanoseconds>>)
                return seconds_of(v);
            else
                return v;
        },
        value);
}

nlohmann::json to_json(const ParamValues& values) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [name, value] : values) {
        // A duration is reported in seconds, as it was typed.
        std::visit([&, n = name](const auto& v) { out[n] = v; }, shown(value));
    }
    return out;
}

std::string describe(i18n::Language language, const ParamValues& values) {
    std::string text;
    for (const auto& [name, value] : values) {
        if (!text.empty()) text += "  ";
        text += name + " = ";
        std::visit(
            [&](const auto& v) {
                using V = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<V, std::vector<double>>) {
                    std::string items;
                    for (double x : v) {
                        if (!items.empty()) items += language == i18n::Language::en ? ", " : "; ";
                        items += i18n::format_number(language, x);
                    }
                    // An empty list (a lesson's "not set", e.g. delays drawn from a seed).
                    text += items.empty() ? "[]" : items;
                } else if constexpr (std::is_same_v<V, double>) {
                    text += i18n::format_number(language, v);

                } else if constexpr (std::is_same_v<V, std::int64_t>) {
                    text += std::to_string(v);
                } else {
                    text += v;
                }
            },
            shown(value));
    }
    return text;
}

std::string describe_range(i18n::Language language, const ParamSpec& spec) {
    const std::string min = i18n::format_number(language, spec.min);
    const std::string max = i18n::format_number(language, spec.max);
    switch (spec.type) {
        case ParamType::number:
        case ParamType::seconds:  // typed as a number of seconds
            return i18n::tr(language, "param.range_number", {{"min", min}, {"max", max}});
        case ParamType::integer:
            return i18n::tr(language, "param.range_integer", {{"min", min}, {"max", max}});
        case ParamType::list:
        case ParamType::seconds_list:  // typed as numbers of seconds
            return i18n::tr(language, "param.range_list",
                            {{"min", min},
                             {"max", max},
                             {"min_items", static_cast<std::int64_t>(spec.min_items)},
                             {"max_items", static_cast<std::int64_t>(spec.max_items)}});
        case ParamType::choice:
            return i18n::tr(language, "param.range_choice", {{"valid", spec.choices}});
    }
    return {};
}

}  // namespace catalogue
