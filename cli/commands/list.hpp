#pragma once
#include "commands/command.hpp"

// asyncdemo list [--json]: the lessons, numbered and grouped by part.
int command_list(const CommandContext& context, bool as_json);
