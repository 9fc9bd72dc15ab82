#pragma once
// The timeline in Chrome's trace-event format, for Perfetto (ui.perfetto.dev) and
// chrome://tracing: one track per task, a complete event ("X") per segment, an instant event
// ("i") per printed line and per task end. Perfetto cannot draw events that overlap on one
// track, which is why every task has a track (tid) of its own.
#include <nlohmann/json.hpp>

#include <string>

#include "i18n/language.hpp"
#include "timeline/model.hpp"

namespace render {

// What the trace says about the run besides its timeline.
struct TraceInfo {
    std::string lesson;  // the slug
    int number = 0;
    std::string title;  // shown as the process name: "Lesson 11 · Running jobs together"
    i18n::Language language = i18n::Language::en;
    std::string clock;  // "virtual" or "real"
    double speed = 1;
    nlohmann::json params = nlohmann::json::object();
    std::string outcome;
};

// Ordered, so that traceEvents comes before the metadata: Perfetto reads the keys in file
// order and stops at one it does not know.
nlohmann::ordered_json chrome_trace(const timeline::Timeline& timeline, const TraceInfo& info);

// Lesson seconds to whole microseconds, the unit of ts and dur.
std::int64_t trace_microseconds(double seconds);

}  // namespace render
