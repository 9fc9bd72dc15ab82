#pragma once
#include <string>

#include "commands/command.hpp"
#include "lesson_runner.hpp"

// asyncdemo compare A B: two runs (two lessons, or one lesson with two param sets,
// "gather:delays=1,5,3") on one time axis, with the ratio of their elapsed times.
int command_compare(const CommandContext& context, const std::string& first,
                    const std::string& second, const RunSettings& settings);

// "gather:delays=1,5,3,other=2" -> lesson "gather", settings {"delays=1,5,3", "other=2"}.
struct RunSpec {
    std::string lesson;
    std::vector<std::string> settings;
};
RunSpec parse_run_spec(const std::string& text);
