#pragma once
// The timeline as an SVG picture for a slide: a title, one row per task (or a band for many
// tasks doing the same thing) with coloured, textured bars per state, a time axis in lesson
// seconds, the legend of the states shown, the summary and, for a run that deadlocked, who
// holds what and waits for what. The geometry comes from picture_layout; this only writes it.
// The words come already localized or from messages.json.
#include <string>
#include <string_view>

#include "i18n/language.hpp"
#include "render/picture_layout.hpp"
#include "timeline/model.hpp"

namespace render {

struct SvgHeading {
    std::string title;     // "Lesson 11 · Running jobs together"
    std::string subtitle;  // params and clock; may be empty
};

struct SvgOptions {
    picture::PageSize page;                       // 1600×900 unless asked otherwise (--size)
    const picture::Deadlock* deadlock = nullptr;  // when the run ended in a deadlock
};

// One of the two runs of a comparison.
struct SvgSide {
    const timeline::Timeline* timeline = nullptr;
    std::string label;        // "A · sequential", as the summary names it
    std::string description;  // drawn after the label: the lesson's title, its params
    const picture::Deadlock* deadlock = nullptr;
};

// One run, with its elapsed time, the sum of the tasks' own time and the speed-up.
std::string svg_timeline(const timeline::Timeline& timeline, const SvgHeading& heading,
                         i18n::Language language, const SvgOptions& options = {});
// Two runs on one time axis, each under its label, with each one's elapsed time and the ratio.
std::string svg_timeline(const SvgSide& a, const SvgSide& b, const SvgHeading& heading,
                         i18n::Language language, picture::PageSize page = {});

// The markup of a picture already laid out.
std::string svg_picture(const picture::Layout& layout, i18n::Language language);

// Text made safe for XML content and attribute values: markup characters become entities,
// characters XML forbids are dropped and broken UTF-8 becomes U+FFFD.
std::string xml_escape(std::string_view text);

}  // namespace render
