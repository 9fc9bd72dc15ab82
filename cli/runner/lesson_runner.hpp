#pragma once
// Runs one lesson program on a fresh loop and returns what happened as plain data (the run
// report): the timeline, the outcome, and whatever the runtime reported. This is the one place
// that sees both the runtime and the lessons on one side and the model on the other. Printing
// is left to the caller, which gets each line as it is said (for the live view) through
// `on_line`, and may give a screen of its own (live view, --step) as `observer`.
// The model and the renderers (asyncdemo_view) work on plain data and are below this layer.
#ifdef ASYNCDEMO_VIEW_LAYER
#error "asyncdemo_view may not include the runner or the commands (README.md, How it is built)"
#endif
#include <functional>
#include <string_view>

#include "asyncio/observer.hpp"
#include "catalogue/catalogue.hpp"
#include "catalogue/params.hpp"
#include "timeline/run_report.hpp"

struct RunCallbacks {
    std::function<void(const timeline::OutputLine&, std::string_view task_name)> on_line;
    std::function<void(const timeline::Recorder::Diagnostic&)> on_diagnostic;
    // Extra observer (live views, step mode); may be null. It may throw RunStopped
    // (runner/stopped.hpp) to end the run.
    asyncio::Observer* observer = nullptr;
};

RunResult run_lesson(const catalogue::Catalogue& catalogue, const catalogue::Lesson& lesson,
                     const catalogue::ParamValues& params, const RunSettings& settings,
                     const RunCallbacks& callbacks = {});

// Whether this binary has a program for the lesson `slug` (asyncdemo check).
bool has_program(std::string_view slug);
