#pragma once
#include <optional>
#include <string>
#include <vector>

#include "commands/command.hpp"
#include "timeline/run_report.hpp"

struct RunRequest {
    std::string lesson;
    std::vector<std::string> settings;  // NAME=VALUE
    RunSettings run;
    bool as_json = false;
    bool step = false;                      // --step: stop after every pass of the loop
    std::optional<std::string> svg_path;    // --svg FILE: the timeline as a picture
    std::optional<std::string> svg_size;    // --size WxH: its page, 1600x900 unless given
    std::optional<std::string> trace_path;  // --trace FILE: for Perfetto or chrome://tracing
    std::optional<std::string> html_path;   // --html FILE: a replay page for a browser
};

// asyncdemo run LESSON: narration, live lines, the timeline and the summary.
Command add_run_command(CLI::App& app, const CommandSetup& setup);
int command_run(const CommandContext& context, const RunRequest& request);
