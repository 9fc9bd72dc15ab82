#pragma once
// asyncdemo exercise: practice. The next unsolved exercise, the list, a starter written to a
// file, the check of a student's file by its timeline (exercise/checker.hpp), and the
// reference solution once solved.
#include "commands/command.hpp"

Command add_exercise_command(CLI::App& app, const CommandSetup& setup);
