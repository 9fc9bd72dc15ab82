#include "render/common.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "i18n/format.hpp"
#include "i18n/messages.hpp"
#include "timeline/comparison.hpp"

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

namespace {

// The line under the figures: the speed-up where the comparison holds, otherwise why not.
std::string verdict_line(const timeline::Comparison& c, i18n::Language language) {
    using timeline::Verdict;
    const std::string time = format_seconds(language, c.at);
    switch (c.verdict) {
        case Verdict::faster:
            return i18n::tr(language, "summary.faster", {{"ratio", c.ratio}});
        case Verdict::instant:
            return i18n::tr(language, "summary.why.instant");
        case Verdict::deadlock:
            return i18n::tr(language, "summary.why.deadlock", {{"time", time}});
        case Verdict::stopped:
            return i18n::tr(language, "summary.why.stopped", {{"time", time}});
        case Verdict::error:
            return i18n::tr(language, "summary.why.error", {{"time", time}});
        case Verdict::failure_cancels:
            return i18n::tr(language, "summary.why.failure_cancels",
                            {{"task", c.task}, {"time", time}, {"count", c.count}});
        case Verdict::cancelled:
            return c.count == 1 ? i18n::tr(language, "summary.why.cancelled_one",
                                           {{"task", c.task}, {"time", time}})
                                : i18n::tr(language, "summary.why.cancelled_many",
                                           {{"task", c.task}, {"time", time}, {"count", c.count}});
        case Verdict::blocked:
            return i18n::tr(language, "summary.why.blocked");
        case Verdict::took_turns:
            return i18n::tr(language,
                            std::string("summary.why.turns.") + std::string(to_string(*c.turns)));
        case Verdict::barely_faster:
            return i18n::tr(language, "summary.why.barely_faster",
                            {{"saved", format_seconds(language, c.work - c.elapsed)},
                             {"work", format_seconds(language, c.work)}});
        case Verdict::one_task:
            return i18n::tr(language, "summary.why.one_task");
        case Verdict::never_overlapped:
            break;
    }
    return i18n::tr(language, "summary.why.never_overlapped");
}

}  // namespace

Summary run_summary(const timeline::Timeline& timeline, i18n::Language language) {
    const auto comparison = timeline::compare_with_one_after_another(timeline);
    Summary summary;
    summary.figures = {
        i18n::tr(language, "summary.elapsed",
                 {{"elapsed", format_seconds(language, comparison.elapsed)}}),
        i18n::tr(language, "summary.work", {{"work", format_seconds(language, comparison.work)}})};
    summary.verdict = verdict_line(comparison, language);
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

Summary compare_summary(const std::string& label_a, const timeline::Timeline& a,
                        const std::string& label_b, const timeline::Timeline& b,
                        i18n::Language language) {
    Summary summary = compare_summary(label_a, a.elapsed, label_b, b.elapsed, language);
    // Ctrl-C during A: B never ran, so it has no time to show.
    if (b.outcome == timeline::Outcome::interrupted && b.tasks.empty())
        summary.figures[1] = i18n::tr(language, "summary.not_started", {{"label", label_b}});
    // A run that did not get to its end has no duration to compare: say which, and why.
    for (const auto& [label, run] : {std::pair{&label_a, &a}, std::pair{&label_b, &b}}) {
        const char* key = nullptr;
        switch (run->outcome) {
            case timeline::Outcome::deadlock:
                key = "compare.why.deadlock";
                break;
            case timeline::Outcome::interrupted:
            case timeline::Outcome::stopped:
                key = "compare.why.stopped";
                break;
            case timeline::Outcome::error:
                key = "compare.why.error";
                break;
            case timeline::Outcome::ok:
                continue;
        }
        summary.verdict = i18n::tr(
            language, key, {{"label", *label}, {"time", format_seconds(language, run->elapsed)}});
        break;
    }
    return summary;
}

}  // namespace render
