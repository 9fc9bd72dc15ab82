#include "render/common.hpp"

#include <algorithm>
#include <cmath>

#include "i18n/format.hpp"
#include "i18n/messages.hpp"

namespace render {

std::string format_seconds(i18n::Language language, double seconds) {
    return i18n::format_number(language, std::round(seconds * 1000) / 1000);
}

double tick_step(double span, double length, double min_gap) {
    const double raw = span * min_gap / std::max(length, 1.0);
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * power >= raw) return m * power;
    return 10 * power;
}

Summary run_summary(const timeline::Timeline& timeline, i18n::Language language) {
    const double elapsed = timeline.elapsed;
    const double work = timeline::total_own_time(timeline);
    Summary summary;
    summary.figures = {
        i18n::tr(language, "summary.elapsed", {{"elapsed", format_seconds(language, elapsed)}}),
        i18n::tr(language, "summary.work", {{"work", format_seconds(language, work)}})};
    // Without elapsed time there is nothing to divide by, and nothing to claim.
    if (elapsed > 0) {
        const double ratio = work / elapsed;
        summary.verdict = ratio > 1.005 ? i18n::tr(language, "summary.speedup",
                                                   {{"ratio", std::round(ratio * 100) / 100}})
                                        : i18n::tr(language, "summary.no_speedup");
    }
    return summary;
}

Summary compare_summary(const std::string& label_a, double elapsed_a, const std::string& label_b,
                        double elapsed_b, i18n::Language language) {
    Summary summary;
    summary.figures = {
        i18n::tr(language, "summary.elapsed_of",
                 {{"label", label_a}, {"elapsed", format_seconds(language, elapsed_a)}}),
        i18n::tr(language, "summary.elapsed_of",
                 {{"label", label_b}, {"elapsed", format_seconds(language, elapsed_b)}})};
    const double fast = std::min(elapsed_a, elapsed_b), slow = std::max(elapsed_a, elapsed_b);
    const bool a_faster = elapsed_a < elapsed_b;
    if (fast > 0 && slow / fast > 1.005) {
        summary.verdict = i18n::tr(language, "compare.ratio",
                                   {{"faster", a_faster ? label_a : label_b},
                                    {"slower", a_faster ? label_b : label_a},
                                    {"ratio", std::round(slow / fast * 100) / 100}});
    } else if (fast == 0 && slow > 0) {
        summary.verdict =
            i18n::tr(language, "compare.instant", {{"label", a_faster ? label_a : label_b}});
    } else {
        summary.verdict = i18n::tr(language, "compare.same");
    }
    return summary;
}

}  // namespace render
