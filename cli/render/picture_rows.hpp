#pragma once
// Which tasks of a run get a row of their own and which share a band, so that a picture of 40
// tasks still fits a slide with rows tall enough to read. Tasks next to each other that do the
// same thing collapse into one band ("job-5 … job-36, 32 tasks, same pattern"); a few tasks at
// each end of such a stretch keep their rows, so that the class still sees names and bars.
#include <cstddef>
#include <string>
#include <vector>

namespace render::picture {

// How alike the tasks of a band are, from the strictest grouping to the loosest.
enum class Likeness {
    same,     // the same states in the same order (the times may differ)
    similar,  // the same states, in any order or number
    mixed,    // anything: the last resort when even similar tasks do not fit
};

// tasks[first, first + count): one row, or a band when count > 1.
struct RowPlan {
    std::size_t first = 0, count = 1;
    bool band() const { return count > 1; }
};

// Each task's pattern at the two strict levels, in the order the tasks are drawn.
struct RunPatterns {
    std::vector<std::string> same, similar;
};

struct Plan {
    Likeness likeness = Likeness::same;
    std::vector<std::vector<RowPlan>> runs;  // one list per run, top to bottom
    double units = 0;                        // rows, a band counting `band_units`
};

// A band is drawn as tall as this many rows.
inline constexpr double band_units = 2;

// Every task on its own row when they fit in `budget` rows; otherwise the plan that collapses
// least: the strictest likeness first, and within it as many tasks kept at each end of a
// stretch as fit (4 at most). When nothing fits, the tightest plan there is.
Plan plan_rows(const std::vector<RunPatterns>& runs, double budget);

}  // namespace render::picture
