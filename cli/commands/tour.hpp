#pragma once
// asyncdemo tour: the lessons in order, as a class goes through them. For each: the
// introduction, the Python twin and the C++ side by side, a question to predict the result,
// the live run, then the answer with the timeline and what to notice. Enter moves on; q
// leaves and the place is kept for next time.
#include <iosfwd>
#include <optional>

#include "commands/command.hpp"
#include "progress/progress_store.hpp"
#include "timeline/run_report.hpp"

struct TourOptions {
    std::optional<int> from;  // lesson number to start at, instead of the saved place
    bool no_pause = false;    // scripted runs: ask nothing, wait for nothing
    RunSettings run;
};

Command add_tour_command(CLI::App& app, const CommandSetup& setup);
int command_tour(const CommandContext& context, const TourOptions& options,
                 const ProgressStore& store, std::istream& in);
