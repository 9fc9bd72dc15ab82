#pragma once
// Fills a localized template: `{name}` placeholders (fmt's named arguments) and
// `{name|form|form...}` plural blocks. Numbers follow the language: 2.5 in English,
// 2,5 in Portuguese and Ukrainian. Lists are shown the way Python prints them ([1, 5, 3]),
// since they stand for a program's output, not for prose.
#include <span>
#include <string>
#include <string_view>

#include "i18n/language.hpp"
#include "lesson.hpp"

namespace i18n {

// Raised for a template that does not fit its arguments (a catalogue error).
struct FormatError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::string format_number(Language language, double value);
std::string format_value(Language language, const lesson::Value& value);
std::string fill(Language language, std::string_view text, std::span<const lesson::Arg> args);
inline std::string fill(Language language, std::string_view text,
                        std::initializer_list<lesson::Arg> args = {}) {
    return fill(language, text, std::span<const lesson::Arg>(args.begin(), args.size()));
}

}  // namespace i18n
