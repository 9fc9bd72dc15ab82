#pragma once
// A run (or two, for a comparison) as one self-contained HTML page that replays it: the
// timeline picture of the SVG export with a cursor, the lines the tasks printed appearing as
// the cursor passes them, each task's state at the cursor's time, keyboard controls, and the
// summary at the end. Script and style come from replay.js and replay.css beside this file,
// built into the binary; the page asks nothing of the network.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "i18n/language.hpp"
#include "render/picture_layout.hpp"
#include "timeline/model.hpp"

namespace render {

struct HtmlRun {
    const timeline::Timeline* timeline = nullptr;
    nlohmann::json report;    // the run's JSON report, embedded as data
    std::string label;        // "A · sequential" in a comparison; empty for one run
    std::string description;  // after the label: the lesson's title, its params
    const picture::Deadlock* deadlock = nullptr;
};

struct HtmlPage {
    std::string title;     // "Lesson 11 · Running jobs together"
    std::string subtitle;  // params and clock
    std::string intro;     // the lesson's texts, params filled in; may be empty
    std::string notice;
    std::vector<HtmlRun> runs;  // one, or two for a comparison
};

std::string html_replay(const HtmlPage& page, i18n::Language language);

}  // namespace render
