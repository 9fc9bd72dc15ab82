#pragma once
// The JSON run report of docs/CONTRACT.md, "The JSON run report" ("asyncdemo run LESSON --json").
#include <nlohmann/json.hpp>

#include "catalogue/catalogue.hpp"
#include "catalogue/params.hpp"
#include "timeline/run_report.hpp"

namespace render {

nlohmann::json json_report(const catalogue::Lesson& lesson, const catalogue::ParamValues& params,
                           const RunSettings& settings, const RunResult& result);
// The part of the report that comes from the timeline alone: elapsed, work, comparison,
// tasks, output (shared with `asyncdemo trace`).
nlohmann::json timeline_json(const timeline::Timeline& timeline);
// Times in the report: lesson seconds, to the microsecond.
double report_time(double seconds);

}  // namespace render
