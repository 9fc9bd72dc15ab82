#pragma once
// Words and numbers that the terminal and the picture both show: lesson seconds, the steps of
// a time axis, and the summary under a timeline.
#include <string>
#include <vector>

#include "i18n/language.hpp"
#include "timeline/model.hpp"

namespace render {

// Lesson seconds to the millisecond, with the language's decimal separator: 2.25 or 2,25.
std::string format_seconds(i18n::Language language, double seconds);

// A round step (1, 2 or 5 times a power of ten) that puts ticks at least `min_gap` apart
// when `span` seconds take `length` units (columns or pixels).
double tick_step(double span, double length, double min_gap);

struct Summary {
    std::vector<std::string> figures;  // shown on one line
    std::string verdict;               // may be empty
};
// One run: elapsed and the sum of the tasks' own time, then the speed-up between them where
// that comparison holds, or the reason it does not (timeline/comparison.hpp).
Summary run_summary(const timeline::Timeline& timeline, i18n::Language language);
// Two runs on one axis: each one's elapsed time, then which is faster and by how much.
Summary compare_summary(const std::string& label_a, double elapsed_a, const std::string& label_b,
                        double elapsed_b, i18n::Language language);
// The same for two whole runs: no ratio when either run did not get to its end (a deadlock,
// an error, a stop), since its elapsed time is not how long the program takes.
Summary compare_summary(const std::string& label_a, const timeline::Timeline& a,
                        const std::string& label_b, const timeline::Timeline& b,
                        i18n::Language language);

}  // namespace render
