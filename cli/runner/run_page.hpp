#pragma once
// A lesson's run as a page of text, shared by every command that runs lessons (run, tour,
// compare): the introduction (and the correction of a tutorial, if any), the run itself
// with its live lines, timeline and summary, and the "what to notice" text. A screen of the
// caller's own (--step's view) is handed in as an observer, never included here.
// The model and the renderers (asyncdemo_view) work on plain data and are below this layer.
#ifdef ASYNCDEMO_VIEW_LAYER
#error "asyncdemo_view may not include the runner or the commands (README.md, How it is built)"
#endif
#include <string>
#include <string_view>
#include <vector>

#include "asyncio/observer.hpp"
#include "catalogue/catalogue.hpp"
#include "catalogue/params.hpp"
#include "runner/context.hpp"
#include "timeline/run_report.hpp"

void print_intro(const CommandContext& context, const catalogue::Lesson& lesson,
                 const catalogue::ParamValues& params);
// Runs the lesson (runner/lesson_runner.hpp) and prints it as it goes; `screen`, when given,
// hears every event of the run and may end it early (RunStopped).
RunResult run_and_show(const CommandContext& context, const catalogue::Lesson& lesson,
                       const catalogue::ParamValues& params, const RunSettings& settings,
                       asyncio::Observer* screen = nullptr);
void print_notice(const CommandContext& context, const catalogue::Lesson& lesson,
                  const catalogue::ParamValues& params);

// A lesson text with the values of its params in place of {name}.
std::string fill_with_params(i18n::Language language, const std::string& text,
                             const catalogue::ParamValues& params);
// The lesson's defaults with the NAME=VALUE settings applied.
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
