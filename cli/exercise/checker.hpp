#pragma once
// asyncdemo exercise check FILE: runs the student's program on the virtual clock through the
// trace machinery, once as written and once for each other set of the exercise's constants,
// runs the reference solution with the same constants, and checks every fact on each run.
#include <optional>
#include <string>

#include "runner/context.hpp"

namespace exercise {

struct CheckRequest {
    std::string file;
    bool as_json = false;
    std::optional<std::string> python;  // --python PATH; python3 on PATH otherwise
};

// Prints the facts (holds / does not hold), the timeline of the file as written and one hint
// for the first fact that does not hold. 0 when every fact holds on every run, 1 otherwise;
// bad input as `trace` reports it (66 no file, 65 a syntax error, 69 no python3), 64 for a
// file that is no exercise.
int check(const CommandContext& context, const CheckRequest& request);

// check, again on every save of the file, until Ctrl-C (exit 130).
int watch(const CommandContext& context, const CheckRequest& request);

}  // namespace exercise
