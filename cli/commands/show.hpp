#pragma once
#include <string>
#include <vector>

#include "commands/command.hpp"

enum class ShowWhich { both, python, cpp };

// asyncdemo show LESSON: the Python twin and the C++ program, side by side when the terminal
// is wide enough for both, one after the other when not. With --python: the twin as a program
// of its own (python_export.hpp), its constants set from `settings` (NAME=VALUE).
Command add_show_command(CLI::App& app, const CommandSetup& setup);
int command_show(const CommandContext& context, const std::string& lesson, ShowWhich which,
                 const std::vector<std::string>& settings = {});
// The sources alone, without the lesson's header (the tour prints its own).
void print_sources(const CommandContext& context, const catalogue::Lesson& lesson, ShowWhich which);
