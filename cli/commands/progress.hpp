#pragma once
#include "commands/command.hpp"
#include "progress/progress_store.hpp"

// asyncdemo progress [--reset]: how far the tour went and which predictions were right, kept
// by the tour in `store`; --reset forgets it.
Command add_progress_command(CLI::App& app, const CommandSetup& setup);
int command_progress(const CommandContext& context, const ProgressStore& store, bool reset);
