#pragma once
#include <optional>
#include <string>
#include <vector>

#include "commands/command.hpp"
#include "lesson_runner.hpp"

struct RunRequest {
    std::string lesson;
    std::vector<std::string> settings;  // NAME=VALUE
    RunSettings run;
    bool as_json = false;
    std::optional<std::string> svg_path;    // --svg FILE: the timeline as a picture
    std::optional<std::string> trace_path;  // --trace FILE: for Perfetto or chrome://tracing
};

// asyncdemo run LESSON: narration, live lines, the timeline and the summary.
int command_run(const CommandContext& context, const RunRequest& request);

// Shared with other commands that run lessons (compare, tour).
catalogue::ParamValues resolve_params(const catalogue::Lesson& lesson,
                                      const std::vector<std::string>& settings);
// "   1.000 s  job-1  │ job 1 done"
std::string format_line(const CommandContext& context, const timeline::OutputLine& line,
                        std::string_view task_name, int name_width);
std::string format_diagnostic(i18n::Language language, const timeline::Recorder::Diagnostic& d);
// The subtitle of a picture: the params (if any), then the clock.
std::string picture_subtitle(i18n::Language language, const catalogue::ParamValues& params,
                             const RunSettings& settings);
// Exit status for a finished run: 0 when it ended as the catalogue expects.
int outcome_status(const catalogue::Lesson& lesson, const RunResult& result);
