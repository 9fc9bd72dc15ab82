#pragma once
// What `run` and `compare` hand the picture besides the timeline: the page size asked for
// with --size, and the deadlock the run ended in, as plain data.
#include <optional>
#include <string>
#include <string_view>

#include "render/picture_layout.hpp"
#include "timeline/run_report.hpp"

// "1600x900" -> 1600 by 900. Each side from 200 to 8000 pixels, the width from half to 2.5
// times the height (a slide, a poster, a phone held upright); anything else is a UsageError
// (exit 64) that says so.
render::picture::PageSize parse_page_size(std::string_view text);

// The page for --svg: the default slide, or what --size asked for. --size without --svg is a
// UsageError: the user expected a picture that would not be written.
render::picture::PageSize page_for(const std::optional<std::string>& size,
                                   const std::optional<std::string>& svg_path);

// The runtime's deadlock report (a wait-for graph) and the moment it was found, when the run
// deadlocked.
std::optional<render::picture::Deadlock> deadlock_of(const RunResult& result);
