#pragma once
// A mistake in what the user typed (exit 64). It carries a message key and its values, not
// text, because the words depend on the language chosen for the run.
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "i18n/messages.hpp"

struct UsageError : std::runtime_error {
    using Args = std::vector<std::pair<std::string, lesson::Value>>;
    UsageError(std::string message_key, Args values)
        : std::runtime_error(message_key), key(std::move(message_key)), args(std::move(values)) {}
    std::string message(i18n::Language language) const;

    std::string key;
    Args args;
};
