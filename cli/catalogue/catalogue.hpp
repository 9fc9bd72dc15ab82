#pragma once
// lessons.json, read and checked: parts, lessons, their params and texts. Anything wrong in
// it is a CatalogueError (exit 65), found when the catalogue is loaded, not mid-lesson.
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "i18n/messages.hpp"

namespace catalogue {

using i18n::Localized;

// The only lessons.json layout this program reads ("format_version" at the top).
inline constexpr int supported_format_version = 1;

// What is wrong and where: the file, the lesson (its slug; empty for the file as a whole),
// the field ("params.delay.default"), and the problem as a message key with its values, so
// that it is worded in the user's language when it is shown.
struct CatalogueError : std::runtime_error {
    using Args = std::vector<std::pair<std::string, lesson::Value>>;
    CatalogueError(std::string lesson_slug, std::string field_path, std::string message_key,
                   Args values = {});
    std::string message(i18n::Language language) const;

    std::string file;  // empty: the catalogue built into the binary
    std::string lesson, field, key;
    Args args;
};

// seconds: a span of lesson time, given in seconds and kept as a duration (see params.hpp);
// seconds_list: a list of them. list: a list of plain numbers.
enum class ParamType { number, seconds, integer, list, seconds_list, choice };

struct ParamSpec {
    std::string name;
    ParamType type = ParamType::number;
    nlohmann::json default_value;
    double min = 0, max = 0;                   // number, seconds, integer, list items
    std::size_t min_items = 1, max_items = 0;  // list, seconds_list
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

// Reads and checks a catalogue; a CatalogueError (with an empty `file`) names what is wrong.
Catalogue parse(std::string_view json_text);
// The same from a file; the error names `path`.
Catalogue load_file(const std::string& path);
// The catalogue built into the binary, unchecked text (for `check` and `show`).
std::string_view embedded_text();
// The file given with --catalog, which wins over ASYNCDEMO_CATALOGUE; call it before the
// first builtin(), which reads the catalogue once.
void use_file(std::string path);
// The file --catalog named, if any (for `check` without a FILE of its own).
const std::optional<std::string>& file_option();
// The catalogue built into the binary, or the file named by --catalog or ASYNCDEMO_CATALOGUE.
const Catalogue& builtin();

// The same catalogue as far as `list` and `run` need it, read faster: the parts, the common
// lines, and of each lesson only its number, slug, part and title, except the lesson that
// `full_lesson` names (a slug or a number, as find() takes them; none when empty), which is
// read and checked in full. It parses the parts of the built-in catalogue that the build
// split off (embedded::lessons_part): parsing the whole file was most of a start-up's time.
// A file given with --catalog or ASYNCDEMO_CATALOGUE is read and checked whole, as by
// builtin(), so that its errors are the same whatever the command.
const Catalogue& outline(std::string_view full_lesson);
// The text of the lesson at an index of the catalogue's "lessons".
using LessonText = std::function<std::string_view(std::size_t index)>;
// A catalogue from the text of its outline (format_version, lines, parts, and of each lesson
// its number, slug, part and title), with the lesson `full_lesson` names read in full from
// lesson_json(its index); nullopt when either is not what parse() accepts (parse() then says
// what is wrong).
std::optional<Catalogue> parse_outline(std::string_view outline_json, std::string_view full_lesson,
                                       const LessonText& lesson_json);

}  // namespace catalogue
