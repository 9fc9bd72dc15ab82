#pragma once
// What the replay page's script needs besides the run reports, as JSON: where the time axis
// lies on the picture, the words and colours of each state (those of the picture's legend),
// which of those each segment of each task is, and the moments something happens.
#include <nlohmann/json.hpp>

#include <vector>

#include "i18n/language.hpp"
#include "render/html/html_replay.hpp"
#include "render/picture_layout.hpp"

namespace render::html {

nlohmann::json replay_data(const std::vector<HtmlRun>& runs, const picture::Layout& layout,
                           i18n::Language language);

// Every moment at which a line appears or a task changes state, from 0 to the end, once each
// and in order: the stops of the → and ← keys.
std::vector<double> event_times(const std::vector<HtmlRun>& runs);

}  // namespace render::html
