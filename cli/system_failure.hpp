#pragma once
// A failure of the system rather than of what the user typed: a file that could not be written
// to the end (exit 74), a folder that could not be created (exit 73). Like UsageError it carries
// a message key and its values, worded once the language is known; main() ends with `code`.
#include <string>

#include "exit_codes.hpp"
#include "i18n/language.hpp"
#include "usage_error.hpp"

struct SystemFailure : UsageError {
    SystemFailure(ExitCode exit_code, std::string message_key, Args values)
        : UsageError(std::move(message_key), std::move(values)), code(exit_code) {}
    ExitCode code;
};

// Why a call failed, from its errno: the usual reasons in the user's language, the rarer ones
// as the system words them.
std::string os_reason(i18n::Language language, int error);
