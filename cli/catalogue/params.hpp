#pragma once
// A lesson's params: their defaults from the catalogue, and `--set NAME=VALUE` checked
// against the declared type and range before anything runs.
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "catalogue/catalogue.hpp"

namespace catalogue {

// A "seconds" param is a std::chrono::nanoseconds from here on, the type the runtime's timers
// take (asyncio::Duration), and a "seconds_list" param a list of them: parsed once from what
// was typed, never turned back into seconds on their way to the loop.
using ParamValue = std::variant<double, std::int64_t, std::vector<double>, std::string,
                                std::chrono::nanoseconds, std::vector<std::chrono::nanoseconds>>;
using ParamValues = std::map<std::string, ParamValue, std::less<>>;

ParamValues defaults(const Lesson& lesson);
// Applies one NAME=VALUE; throws UsageError naming what would be valid.
void apply_setting(const Lesson& lesson, ParamValues& values, std::string_view setting);
// A value as texts show it ({delay} in an intro): a duration in seconds (a list of them as a
// list of seconds), the rest as it is.
using ShownValue = std::variant<double, std::int64_t, std::vector<double>, std::string>;
ShownValue shown(const ParamValue& value);
nlohmann::json to_json(const ParamValues& values);
// "delays = 1, 5, 3" for the header of a run.
std::string describe(i18n::Language language, const ParamValues& values);
// What the declared range of a param is, in words ("a number from 0 to 3600").
std::string describe_range(i18n::Language language, const ParamSpec& spec);

}  // namespace catalogue
