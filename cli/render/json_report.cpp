#include "render/json_report.hpp"

#include <cmath>

#include "timeline/comparison.hpp"

namespace render {

double report_time(double seconds) {
    return std::round(seconds * 1e6) / 1e6;
}

namespace {

// What the summary line says, as data: the ratio where the comparison holds, otherwise the
// reason and the details it names.
nlohmann::json comparison_json(const timeline::Comparison& c) {
    using timeline::Verdict;
    nlohmann::json out = {{"verdict", timeline::to_string(c.verdict)}};
    switch (c.verdict) {
        case Verdict::faster:
            out["ratio"] = c.ratio;
            break;
        case Verdict::failure_cancels:
        case Verdict::cancelled:
            out["task"] = c.task;
            out["count"] = c.count;
            out["at"] = report_time(c.at);
            break;
        case Verdict::deadlock:
        case Verdict::stopped:
        case Verdict::error:
            out["at"] = report_time(c.at);
            break;
        case Verdict::took_turns:
            out["on"] = std::string(to_string(*c.turns));
            break;
        default:
            break;
    }
    return out;
}

}  // namespace

nlohmann::json timeline_json(const timeline::Timeline& timeline) {
    using nlohmann::json;
    json tasks = json::array();
    for (const auto& t : timeline.tasks) {
        json segments = json::array();
        for (const auto& s : t.segments) {
            json segment = {{"kind", timeline::to_string(s.kind)},
                            {"start", report_time(s.start)},
                            {"end", report_time(s.end)}};
            if (s.kind == timeline::SegmentKind::wait || s.kind == timeline::SegmentKind::thread)
                segment["on"] = std::string(to_string(*s.on));
            segments.push_back(std::move(segment));
        }
        tasks.push_back({
            {"id", t.id},
            {"name", t.name},
            {"parent", t.parent ? json(*t.parent) : json(nullptr)},
            {"created", report_time(t.created)},
            {"started", t.started ? json(report_time(*t.started)) : json(nullptr)},
            {"finished", t.finished ? json(report_time(*t.finished)) : json(nullptr)},
            {"state", timeline::to_string(t.state)},
            {"error", t.error.empty() ? json(nullptr) : json(t.error)},
            {"own_time", report_time(timeline::own_time(t))},
            {"segments", std::move(segments)},
        });
    }
    json output = json::array();
    for (const auto& line : timeline.output) {
        output.push_back({{"t", report_time(line.t)},
                          {"task", line.task},
                          {"key", line.key},
                          {"text", line.text}});
    }
    const auto comparison = timeline::compare_with_one_after_another(timeline);
    return {
        {"elapsed", report_time(timeline.elapsed)},
        {"work", report_time(comparison.work)},
        {"comparison", comparison_json(comparison)},
        {"tasks", std::move(tasks)},
        {"output", std::move(output)},
    };
}

nlohmann::json json_report(const catalogue::Lesson& lesson, const catalogue::ParamValues& params,
                           const RunSettings& settings, const RunResult& result) {
    using nlohmann::json;
    json report = {
        {"lesson", lesson.slug},
        {"number", lesson.number},
        {"lang", std::string(i18n::code(settings.language))},
        {"clock", settings.clock == asyncio::ClockKind::virtual_time ? "virtual" : "real"},
        {"speed", settings.speed},
        {"params", catalogue::to_json(params)},
    };
    report.update(timeline_json(result.timeline));
    report["outcome"] = to_string(result.outcome);
    if (!result.error.empty()) report["error"] = result.error;
    if (!result.deadlock.empty()) {
        json waits = json::array();
        for (const auto& w : result.deadlock) {
            waits.push_back({{"task", w.task},
                             {"name", w.name},
                             {"on", std::string(to_string(w.on))},
                             {"detail", w.detail}});
        }
        report["deadlock"] = std::move(waits);
    }
    json diagnostics = json::array();
    for (const auto& d : result.diagnostics) {
        static const char* kinds[] = {"coroutine_never_awaited", "exception_never_retrieved",
                                      "slow_step", "callback_raised"};
        diagnostics.push_back({{"kind", kinds[static_cast<int>(d.kind)]},
                               {"subject", d.subject},
                               {"detail", d.detail}});
    }
    report["diagnostics"] = std::move(diagnostics);
    return report;
}

}  // namespace render
