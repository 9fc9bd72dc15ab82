#include "render/chrome_trace.hpp"

#include <algorithm>
#include <cmath>

#include "i18n/messages.hpp"
#include "render/marks.hpp"

namespace render {

std::int64_t trace_microseconds(double seconds) {
    return std::llround(seconds * 1e6);
}

namespace {

using json = nlohmann::ordered_json;

// Every printed line, as an instant on its task's track.
void add_output_events(json& events, const timeline::Timeline& timeline, int pid) {
    for (const auto& line : timeline.output) {
        events.push_back({{"name", line.text},
                          {"cat", "output"},
                          {"ph", "i"},
                          {"s", "t"},
                          {"ts", trace_microseconds(line.t)},
                          {"pid", pid},
                          {"tid", line.task},
                          {"args", {{"text", line.text}, {"key", line.key}}}});
    }
}

json other_data(const timeline::Timeline& timeline, const TraceInfo& info) {
    return {{"lesson", info.lesson},  {"number", info.number},
            {"title", info.title},    {"lang", std::string(i18n::code(info.language))},
            {"params", info.params},  {"clock", info.clock},
            {"speed", info.speed},    {"elapsed", timeline.elapsed},
            {"outcome", info.outcome}};
}

}  // namespace

nlohmann::ordered_json chrome_trace(const timeline::Timeline& timeline, const TraceInfo& info) {
    constexpr int pid = 1;
    const std::string lang(i18n::code(info.language));
    json events = json::array();
    events.push_back(
        {{"name", "process_name"}, {"ph", "M"}, {"pid", pid}, {"args", {{"name", info.title}}}});

    for (std::size_t index = 0; index < timeline.tasks.size(); ++index) {
        const auto& task = timeline.tasks[index];
        events.push_back({{"name", "thread_name"},
                          {"ph", "M"},
                          {"pid", pid},
                          {"tid", task.id},
                          {"args", {{"name", task.name}}}});
        // The tracks keep the order of the timeline (main first), not the order of the ids.
        events.push_back({{"name", "thread_sort_index"},
                          {"ph", "M"},
                          {"pid", pid},
                          {"tid", task.id},
                          {"args", {{"sort_index", index}}}});

        // Rounding each boundary once, rather than each duration, keeps a segment's end
        // exactly at the next one's start; a segment that starts before the previous one
        // ended is cut, because Perfetto cannot show a partial overlap on one track.
        std::int64_t previous_end = 0;
        for (const auto& s : task.segments) {
            const std::int64_t start = std::max(trace_microseconds(s.start), previous_end);
            const std::int64_t stop = std::max(trace_microseconds(s.end), start);
            previous_end = stop;
            const Mark mark = mark_for(s);
            json args = {{"state", look(mark).id},
                         {"legend", i18n::tr(info.language, look(mark).legend_key)},
                         {"task", task.name},
                         {"lesson", info.lesson},
                         {"lang", lang}};
            if (s.on) args["on"] = std::string(to_string(*s.on));
            events.push_back({{"name", look(mark).id},
                              {"cat", timeline::to_string(s.kind)},
                              {"ph", "X"},
                              {"ts", start},
                              {"dur", stop - start},
                              {"pid", pid},
                              {"tid", task.id},
                              {"args", std::move(args)}});
        }

        if (auto mark = mark_for(task.state)) {
            json args = {{"state", look(*mark).id},
                         {"legend", i18n::tr(info.language, look(*mark).legend_key)},
                         {"task", task.name}};
            if (!task.error.empty()) args["error"] = task.error;
            events.push_back({{"name", look(*mark).id},
                              {"cat", "end"},
                              {"ph", "i"},
                              {"s", "t"},
                              {"ts", trace_microseconds(task.finished.value_or(timeline.elapsed))},
                              {"pid", pid},
                              {"tid", task.id},
                              {"args", std::move(args)}});
        }
    }

    add_output_events(events, timeline, pid);
    return {{"displayTimeUnit", "ms"},
            {"traceEvents", std::move(events)},
            // The trace-event format's place for metadata; viewers show it as is.
            {"otherData", other_data(timeline, info)}};
}

}  // namespace render
