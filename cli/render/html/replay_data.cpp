#include "render/html/replay_data.hpp"

#include <algorithm>
#include <set>

#include "i18n/messages.hpp"
#include "render/common.hpp"
#include "render/json_report.hpp"
#include "render/picture_kinds.hpp"

namespace render::html {

namespace {

using nlohmann::json;

// Each segment's kind as the picture draws it ("sleep", "pool"...), task by task, so that the
// page names a state with the legend's words without a second copy of that mapping.
json looks_of(const timeline::Timeline& timeline) {
    json tasks = json::array();
    for (const auto& task : timeline.tasks) {
        json looks = json::array();
        for (const auto& s : task.segments)
            looks.push_back(std::string(picture::look(picture::kind_for(s)).id));
        tasks.push_back(std::move(looks));
    }
    return tasks;
}

json states(i18n::Language language) {
    json words = json::object(), colours = json::object();
    for (int k = 0; k < picture::kind_count; ++k) {
        const auto& l = picture::look(static_cast<picture::Kind>(k));
        words[std::string(l.id)] = i18n::tr(language, l.legend_key);
        colours[std::string(l.id)] = l.rgb;
    }
    words["ready"] = i18n::tr(language, "replay.ready");
    words["absent"] = i18n::tr(language, "replay.not_yet");
    return {{"words", std::move(words)}, {"colours", std::move(colours)}};
}

}  // namespace

std::vector<double> event_times(const std::vector<HtmlRun>& runs) {
    std::set<double> times;
    for (const auto& run : runs) {
        const auto& t = *run.timeline;
        for (const auto& task : t.tasks) {
            times.insert(report_time(task.created));
            if (task.finished) times.insert(report_time(*task.finished));
            for (const auto& s : task.segments) {
                times.insert(report_time(s.start));
                times.insert(report_time(s.end));
            }
        }
        for (const auto& line : t.output) times.insert(report_time(line.t));
        times.insert(report_time(t.elapsed));
    }
    times.erase(times.begin(), times.upper_bound(0.0));
    return {times.begin(), times.end()};
}

json replay_data(const std::vector<HtmlRun>& runs, const picture::Layout& layout,
                 i18n::Language language) {
    double end = 0;
    for (const auto& run : runs) end = std::max(end, run.timeline->elapsed);
    // The cursor spans the rows: from the first row's top (or its run's heading) to the axis.
    double top = layout.axis.y;
    for (const auto& [from, to] : layout.axis.grid) top = std::min(top, from);
    json looks = json::array();
    for (const auto& run : runs) looks.push_back(looks_of(*run.timeline));
    return {
        {"lang", std::string(i18n::code(language))},
        {"unit", i18n::tr(language, "timeline.unit")},
        {"decimal", format_seconds(language, 0.5).find(',') != std::string::npos ? "," : "."},
        {"axis",
         {{"x0", layout.axis.x0},
          {"x1", layout.axis.x1},
          {"top", top},
          {"bottom", layout.axis.y},
          {"end", report_time(end)}}},
        {"states", states(language)},
        {"looks", std::move(looks)},
        {"events", event_times(runs)},
        {"play", i18n::tr(language, "replay.play")},
        {"pause", i18n::tr(language, "replay.pause")},
    };
}

}  // namespace render::html
