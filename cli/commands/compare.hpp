#pragma once
#include <optional>
#include <string>

#include "commands/command.hpp"
#include "timeline/run_report.hpp"

// asyncdemo compare A B: two runs (two lessons, or one lesson with two param sets,
// "gather:delays=1,5,3") on one time axis, with the ratio of their elapsed times; with
// `svg_path`, the same as a picture, on a page of `svg_size` ("1600x900") when given; with
// `html_path`, both runs on one replay page.
Command add_compare_command(CLI::App& app, const CommandSetup& setup);
int command_compare(const CommandContext& context, const std::string& first,
                    const std::string& second, const RunSettings& settings,
                    const std::optional<std::string>& svg_path = std::nullopt,
                    const std::optional<std::string>& svg_size = std::nullopt,
                    const std::optional<std::string>& html_path = std::nullopt);

// "gather:delays=1,5,3,other=2" -> lesson "gather", settings {"delays=1,5,3", "other=2"}.
struct RunSpec {
    std::string lesson;
    std::vector<std::string> settings;
};
RunSpec parse_run_spec(const std::string& text);
