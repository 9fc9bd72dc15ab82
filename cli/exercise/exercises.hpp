#pragma once
// The exercises of `asyncdemo exercise` (exercises/exercises.json, built into the binary): each
// a starter program with a TODO and a reference solution, both templates whose «key» marks
// are the comments and printed words in the class's language, and the facts about the
// timeline that a solution must make hold.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "i18n/messages.hpp"

namespace exercise {

// One fact a solution must make hold; `kind` names how it is checked (facts.hpp).
struct Fact {
    std::string kind;
    std::string constant;  // for at_most: the constant that holds the limit
    i18n::Localized hint;
};

struct Exercise {
    std::string name;
    int part = 0;
    std::string lesson;  // the lesson that shows what the exercise practises
    i18n::Localized title, task;
    // Other values of the program's constants, each set checked as well as the file's own.
    std::vector<std::map<std::string, std::string>> variants;
    std::vector<Fact> facts;
    std::map<std::string, i18n::Localized, std::less<>> text;  // the templates' «key» words
};

// Every exercise, in the order of the syllabus; throws std::runtime_error when the built-in
// file is damaged (a build problem, found by the tests).
const std::vector<Exercise>& all();
const Exercise* find(std::string_view name);
// "await, create-task, gather, …": the names, for an unknown one.
std::string names();

// The starter (or the reference solution) in `language`, ready to be written to a file.
std::string program(const Exercise& exercise, bool solution, i18n::Language language);

// One more set of constants, seeded by the student's file: the first variant with each of its
// lists ("[2, 1, 4, 1]") in another order, so that a file cannot be written for the listed
// sets alone. None when the exercise has no list, or no other order of it.
std::optional<std::map<std::string, std::string>> seeded_variant(const Exercise& exercise,
                                                                 std::string_view source);

// `source` with the top-level assignment of each constant (a line "NAME = …") given the new
// value; a constant the source does not assign is left out.
std::string with_constants(std::string source, const std::map<std::string, std::string>& values);
// The number a top-level constant is set to ("LIMIT = 3"), if it is one.
std::optional<double> constant_value(std::string_view source, std::string_view name);

}  // namespace exercise
