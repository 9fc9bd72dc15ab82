#pragma once
// lessons.json, read and checked: parts, lessons, their params and texts. Anything wrong in
// it is a CatalogueError (exit 65), found when the catalogue is loaded, not mid-lesson.
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "i18n/messages.hpp"

namespace catalogue {

using i18n::Localized;

struct CatalogueError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

enum class ParamType { number, integer, list, choice };

struct ParamSpec {
    std::string name;
    ParamType type = ParamType::number;
    nlohmann::json default_value;
    double min = 0, max = 0;                   // number, integer, list items
    std::size_t min_items = 1, max_items = 0;  // list
    std::vector<std::string> choices;          // choice
    Localized help;
};

struct Question {
    Localized prompt;
    std::vector<Localized> options;  // empty: the answer is a number of seconds
    std::string answer;              // option index ("0".."n") or "elapsed"
    Localized explanation;
};

struct Lesson {
    int number = 0;
    std::string slug;
    int part = 0;
    Localized title, intro, notice;
    std::vector<Localized> steps;  // what the program does, in order, told before it runs
    std::optional<Localized> correction;
    std::vector<ParamSpec> params;
    std::map<std::string, Localized, std::less<>> lines;
    std::vector<std::string> sources;
    std::string expected_outcome = "ok";
    std::optional<Question> question;

    const ParamSpec* param(std::string_view name) const;
};

struct Part {
    int number = 0;
    Localized title;
};

struct Catalogue {
    std::vector<Part> parts;
    std::vector<Lesson> lessons;
    // Lines every lesson may say (job_start, job_done...).
    std::map<std::string, Localized, std::less<>> common_lines;

    // The lesson's own line, else the common one; nullptr when neither exists.
    const Localized* line(const Lesson& lesson, std::string_view key) const;

    // By slug ("gather") or number ("11", "011").
    const Lesson* find(std::string_view slug_or_number) const;
    const Part* part(int number) const;
};

Catalogue parse(std::string_view json_text);
// The catalogue built into the binary, or the file named by ASYNCDEMO_CATALOGUE.
const Catalogue& builtin();

}  // namespace catalogue
