#pragma once
// Fills a localized template: `{name}` placeholders (fmt's named arguments) and
// `{name|form|form...}` plural blocks, with an optional zero form first and '#' for the
// number: `{lost|=0:no update lost|# update lost|# updates lost}`.
//
// The rule for numbers, everywhere in the program:
// - Prose uses the language's decimal separator: 2.5 in English, 2,5 in Portuguese and
//   Ukrainian, to the millisecond at most (format_number: "t = 1,5 s"). Timestamps are
//   prose too, with the same separator; the time column of the tasks' lines and the
//   durations of the loop's warnings always show three decimals (format_timestamp):
//   "5.000 s" in English, "5,000 s" in Portuguese and Ukrainian, never both in one run.
// - Code keeps Python's spelling in every language: a number inside backticks, inside a
//   call's parentheses (`asyncio.wait(jobs, timeout=1.5)`) or shown as a call's value
//   (`loop.time() = 1.2`), a list ([1, 5, 3]: it stands for a program's value), and the
//   examples of what to type (--speed 0.5, --set delays=1,5,3, where the comma separates
//   items). A single number may still be typed with a decimal comma: --speed 0,5.
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

#include "i18n/language.hpp"
#include "lesson_context.hpp"

namespace i18n {

// Raised for a template that does not fit its arguments (a catalogue error).
struct FormatError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::string format_number(Language language, double value);
// Seconds with three decimals and the language's separator: 5.000 / 5,000.
std::string format_timestamp(Language language, double seconds);
std::string format_value(Language language, const lesson::Value& value);
std::string fill(Language language, std::string_view text, std::span<const lesson::Arg> args);
inline std::string fill(Language language, std::string_view text,
                        std::initializer_list<lesson::Arg> args = {}) {
    return fill(language, text, std::span<const lesson::Arg>(args.begin(), args.size()));
}

}  // namespace i18n
