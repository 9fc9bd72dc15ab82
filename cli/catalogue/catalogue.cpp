#include "catalogue/catalogue.hpp"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "embedded.hpp"
#include "i18n/language.hpp"
#include "usage_error.hpp"

namespace catalogue {

CatalogueError::CatalogueError(std::string lesson_slug, std::string field_path,
                               std::string message_key, Args values)
    : std::runtime_error(message_key),
      lesson(std::move(lesson_slug)),
      field(std::move(field_path)),
      key(std::move(message_key)),
      args(std::move(values)) {}

std::string CatalogueError::message(i18n::Language language) const {
    // The problem is worded the way a usage error is (a key and its values), which also lets
    // an example's bad setting keep the words `--set` would use for it.
    const std::string problem = UsageError(key, args).message(language);
    const std::string where = file.empty() ? i18n::tr(language, "catalogue.embedded") : file;
    if (lesson.empty() && field.empty()) return where + ": " + problem;  // no words to translate
    if (lesson.empty()) {
        return i18n::tr(language, "catalogue.at_field",
                        {{"file", where}, {"field", field}, {"problem", problem}});
    }
    return i18n::tr(language, "catalogue.at_lesson",
                    {{"file", where}, {"lesson", lesson}, {"field", field}, {"problem", problem}});
}

const ParamSpec* Lesson::param(std::string_view name) const {
    for (const auto& p : params)
        if (p.name == name) return &p;
    return nullptr;
}

const Lesson* Catalogue::find(std::string_view slug_or_number) const {
    int number = 0;
    auto [end, ec] = std::from_chars(slug_or_number.data(),
                                     slug_or_number.data() + slug_or_number.size(), number);
    const bool numeric = ec == std::errc{} && end == slug_or_number.data() + slug_or_number.size();
    for (const auto& l : lessons) {
        if (numeric ? l.number == number : l.slug == slug_or_number) return &l;
    }
    return nullptr;
}

const Localized* Catalogue::line(const Lesson& lesson, std::string_view key) const {
    if (auto it = lesson.lines.find(key); it != lesson.lines.end()) return &it->second;
    if (auto it = common_lines.find(key); it != common_lines.end()) return &it->second;
    return nullptr;
}

const Part* Catalogue::part(int number) const {
    for (const auto& p : parts)
        if (p.number == number) return &p;
    return nullptr;
}

Catalogue load_file(const std::string& path) {
    try {
        std::error_code ignored;
        const auto status = std::filesystem::status(path, ignored);
        if (status.type() == std::filesystem::file_type::not_found)
            throw CatalogueError("", "", "catalogue.no_file");
        // A folder opens as a stream that reads nothing: say it cannot be read, not "not JSON".
        std::ifstream in(path, std::ios::binary);
        if (!in || status.type() == std::filesystem::file_type::directory)
            throw CatalogueError("", "", "catalogue.cannot_read");
        std::stringstream text;
        text << in.rdbuf();
        return parse(text.str());
    } catch (CatalogueError& e) {
        e.file = path;
        throw;
    }
}

std::string_view embedded_text() {
    return embedded::lessons_json();
}

namespace {
std::optional<std::string>& chosen_file() {
    static std::optional<std::string> path;
    return path;
}
}  // namespace

void use_file(std::string path) {
    chosen_file() = std::move(path);
}

const std::optional<std::string>& file_option() {
    return chosen_file();
}

const Catalogue& builtin() {
    static const Catalogue catalogue = [] {
        if (const auto& path = chosen_file()) return load_file(*path);
        if (auto path = i18n::system_getenv("ASYNCDEMO_CATALOGUE")) return load_file(*path);
        return parse(embedded_text());
    }();
    return catalogue;
}

const Catalogue& outline(std::string_view full_lesson) {
    if (chosen_file() || i18n::system_getenv("ASYNCDEMO_CATALOGUE")) return builtin();
    // One command per process: a second name is kept beside the first, never instead of it,
    // since the first may still be in use.
    static std::map<std::string, Catalogue, std::less<>> outlines;
    if (auto it = outlines.find(full_lesson); it != outlines.end()) return it->second;
    const auto lesson_json = [](std::size_t index) {
        return embedded::lessons_part(std::to_string(index));
    };
    auto read = parse_outline(embedded::lessons_part("outline"), full_lesson, lesson_json);
    if (!read) return builtin();
    return outlines.emplace(std::string(full_lesson), std::move(*read)).first->second;
}

}  // namespace catalogue
