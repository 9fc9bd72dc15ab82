#pragma once
#include "commands/command.hpp"

// asyncdemo list [--json | --names | --params LESSON]: the lessons, numbered and grouped by
// part; --names and --params are plain words for shell completion.
Command add_list_command(CLI::App& app, const CommandSetup& setup);
int command_list(const CommandContext& context, bool as_json);
