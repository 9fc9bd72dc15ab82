#pragma once
// asyncdemo check [FILE]: a lesson catalogue checked the way a lesson's author needs it
// before a class sees it: every field (as any command's load checks it), then each lesson's
// program, its Python twin, and every line its C++ program says declared with its texts.
#include <optional>
#include <string>
#include <vector>

#include "commands/command.hpp"

// The problems of each lesson of `catalogue` against this binary, one worded line each.
std::vector<std::string> lesson_problems(const catalogue::Catalogue& catalogue,
                                         i18n::Language language);

// Checks FILE, or the catalogue built into the binary; one line per problem, then a summary.
// Exit 0 when clean, 65 (exit_data) otherwise.
Command add_check_command(CLI::App& app, const CommandSetup& setup);
int command_check(const CommandContext& context, const std::optional<std::string>& file);
