#include "render/picture_rows.hpp"

namespace render::picture {

namespace {

// A band stands for at least this many tasks: fewer would take more room than their rows.
constexpr std::size_t min_band = 3;
constexpr int most_kept = 4;

// Rows for one run: each stretch of equal patterns long enough keeps `kept` tasks at each end
// and puts the middle in a band.
std::vector<RowPlan> plan_run(const std::vector<std::string>& patterns, int kept) {
    std::vector<RowPlan> rows;
    const std::size_t keep = static_cast<std::size_t>(kept);
    for (std::size_t start = 0; start < patterns.size();) {
        std::size_t end = start + 1;
        while (end < patterns.size() && patterns[end] == patterns[start]) ++end;
        const std::size_t length = end - start;
        if (length >= 2 * keep + min_band) {
            for (std::size_t i = 0; i < keep; ++i) rows.push_back({start + i, 1});
            rows.push_back({start + keep, length - 2 * keep});
            for (std::size_t i = end - keep; i < end; ++i) rows.push_back({i, 1});
        } else {
            for (std::size_t i = start; i < end; ++i) rows.push_back({i, 1});
        }
        start = end;
    }
    return rows;
}

double units_of(const std::vector<RowPlan>& rows) {
    double units = 0;
    for (const auto& r : rows) units += r.band() ? band_units : 1;
    return units;
}

Plan plan_at(const std::vector<RunPatterns>& runs, Likeness likeness, int kept) {
    Plan plan;
    plan.likeness = likeness;
    for (const auto& run : runs) {
        const auto& patterns = likeness == Likeness::same ? run.same
                               : likeness == Likeness::similar
                                   ? run.similar
                                   : std::vector<std::string>(run.same.size(), "");
        plan.runs.push_back(plan_run(patterns, kept));
        plan.units += units_of(plan.runs.back());
    }
    return plan;
}

}  // namespace

Plan plan_rows(const std::vector<RunPatterns>& runs, double budget) {
    Plan plan;
    for (const auto& run : runs) {
        plan.runs.emplace_back();
        for (std::size_t i = 0; i < run.same.size(); ++i) plan.runs.back().push_back({i, 1});
        plan.units += static_cast<double>(run.same.size());
    }
    if (plan.units <= budget) return plan;
    for (auto likeness : {Likeness::same, Likeness::similar, Likeness::mixed}) {
        for (int kept = most_kept; kept >= 0; --kept) {
            plan = plan_at(runs, likeness, kept);
            if (plan.units <= budget) return plan;
        }
    }
    return plan;  // mixed, nothing kept: as tight as it gets
}

}  // namespace render::picture
