#pragma once
// The JSON run report of docs/CONTRACT.md, "The JSON run report" ("asyncdemo run LESSON --json").
#include <nlohmann/json.hpp>

#include "catalogue/catalogue.hpp"
#include "catalogue/params.hpp"
#include "lesson_runner.hpp"

namespace render {

nlohmann::json json_report(const catalogue::Lesson& lesson, const catalogue::ParamValues& params,
                           const RunSettings& settings, const RunResult& result);
// Times in the report: lesson seconds, to the microsecond.
double report_time(double seconds);

}  // namespace render
