#pragma once
#include "commands/command.hpp"

enum class ShowWhich { both, python, cpp };

// asyncdemo show LESSON: the Python twin and the C++ program, side by side when the terminal
// is wide enough for both, one after the other when not.
int command_show(const CommandContext& context, const std::string& lesson, ShowWhich which);
// The sources alone, without the lesson's header (the tour prints its own).
void print_sources(const CommandContext& context, const catalogue::Lesson& lesson, ShowWhich which);
