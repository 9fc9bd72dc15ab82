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
    bool step = false;                      // --step: stop after every pass of the loop
    std::optional<std::string> svg_path;    // --svg FILE: the timeline as a picture
    std::optional<std::string> svg_size;    // --size WxH: its page, 1600x900 unless given
    std::optional<std::string> trace_path;  // --trace FILE: for Perfetto or chrome://tracing
};

// asyncdemo run LESSON: narration, live lines, the timeline and the summary.
int command_run(const CommandContext& context, const RunRequest& request);

// The parts of a run's page, shared with the tour: the introduction (and the correction of
// a tutorial, if any), the run itself with its live lines, timeline and summary, and the
// "what to notice" text.
void print_intro(const CommandContext& context, const catalogue::Lesson& lesson,
                 const catalogue::ParamValues& params);
RunResult run_and_show(const CommandContext& context, const catalogue::Lesson& lesson,
                       const catalogue::ParamValues& params, const RunSettings& settings,
                       asyncio::Observer* step = nullptr);
void print_notice(const CommandContext& context, const catalogue::Lesson& lesson,
                  const catalogue::ParamValues& params);

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
