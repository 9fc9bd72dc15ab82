#pragma once
// CLI11 in the user's language: the words of --help (labels, groups, type names) and its
// parser errors. CLI11 writes its errors in English and carries no structured detail, so each
// error type is recognised here and worded again from what the parser knows, naming what
// would have been valid (the commands, the options of that command, the value expected).
#include <CLI/CLI.hpp>
#include <string>

#include "i18n/language.hpp"

// Replaces CLI11's help labels ("Usage", "OPTIONS", "REQUIRED"...) in `app`'s formatter; to be
// called before the subcommands are added, which share that formatter.
void localize_help(CLI::App& app, i18n::Language language);

// The message for a parse error (everything but --help and --version), in the user's language,
// ending with where to read more ("see 'asyncdemo run --help'"). The exit code is 64.
std::string parse_error_message(i18n::Language language, const CLI::ParseError& error,
                                const CLI::App& app);
