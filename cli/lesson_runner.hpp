#pragma once
// Runs one lesson program on a fresh loop and returns what happened: the timeline, the
// outcome, and whatever the runtime reported. Printing is left to the caller, which gets each
// line as it is said (for the live view) through `on_line`.
#include <functional>
#include <string>
#include <vector>

#include "asyncio/loop.hpp"
#include "catalogue/catalogue.hpp"
#include "catalogue/params.hpp"
#include "timeline/recorder.hpp"

struct RunSettings {
    i18n::Language language = i18n::Language::en;
    asyncio::ClockKind clock = asyncio::ClockKind::virtual_time;
    double speed = 1.0;
    bool handle_sigint = false;
    // Draw the timeline while the run goes on (real clock, on a terminal only).
    bool live = true;
};

struct RunResult {
    timeline::Timeline timeline;
    std::string outcome = "ok";  // ok | error | deadlock | interrupted | stopped (--step, q)
    std::string error;           // for "error": what was raised
    std::vector<asyncio::WaitInfo> deadlock;
    std::vector<timeline::Recorder::Diagnostic> diagnostics;
};

struct RunCallbacks {
    std::function<void(const timeline::OutputLine&, std::string_view task_name)> on_line;
    std::function<void(const timeline::Recorder::Diagnostic&)> on_diagnostic;
    // Extra observer (live views, step mode); may be null.
    asyncio::Observer* observer = nullptr;
};

RunResult run_lesson(const catalogue::Catalogue& catalogue, const catalogue::Lesson& lesson,
                     const catalogue::ParamValues& params, const RunSettings& settings,
                     const RunCallbacks& callbacks = {});
