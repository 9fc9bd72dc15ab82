#pragma once
// The facts an exercise states about a run's timeline, checked on the timeline model (never on
// the printed text alone): a student's run against the reference solution's run with the same
// constants, both traced on the virtual clock.
#include <optional>
#include <string>
#include <string_view>

#include "timeline/run_report.hpp"

namespace exercise {

// No step may hold the loop longer than this (seconds): the tutorials' "never block the loop".
inline constexpr double longest_step = 0.010;

// What one run showed for one fact.
struct FactResult {
    bool holds = false;
    // The run's own measure, for the message when it does not hold: the elapsed time, the most
    // at once, the longest step; negative when the fact has none.
    double measured = -1;
};

// Checks the fact `kind` on the student's run, against the reference's run with the same
// constants. `limit` is the value of the fact's constant in the student's file (at_most).
// An unknown kind never holds (the exercises test finds it).
FactResult check_fact(std::string_view kind, const RunResult& student, const RunResult& reference,
                      std::optional<double> limit);

// The kinds check_fact knows, for the exercises' own test.
bool known_fact(std::string_view kind);

}  // namespace exercise
