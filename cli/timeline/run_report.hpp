#pragma once
// What a run of a lesson hands back, as plain data: the settings it ran with, how it ended,
// its timeline and what the runtime reported. The runner fills it; the commands and the
// renderers (JSON report, pictures, trace) read it without seeing the runtime.
#include <string>
#include <vector>

#include "asyncio/clock_kind.hpp"
#include "asyncio/observer.hpp"
#include "i18n/language.hpp"
#include "timeline/model.hpp"
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
    // to_string(outcome) is its name in the JSON report and in lessons.json's
    // expected_outcome; stopped is --step's q.
    timeline::Outcome outcome = timeline::Outcome::ok;
    std::string error;  // for Outcome::error: what was raised
    std::vector<asyncio::WaitInfo> deadlock;
    std::vector<timeline::Recorder::Diagnostic> diagnostics;
};
