#include "commands/check.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <memory>
#include <ostream>
#include <regex>
#include <set>

#include "embedded.hpp"
#include "exit_codes.hpp"
#include "runner/lesson_runner.hpp"

namespace {

// lessons/NN_slug.EXT as the lesson files are named: "gather-errors" 14 -> 14_gather_errors.
std::string lesson_file(const catalogue::Lesson& lesson, std::string_view extension) {
    std::string stem = lesson.slug;
    std::replace(stem.begin(), stem.end(), '-', '_');
    return fmt::format("{:02}_{}.{}", lesson.number, stem, extension);
}

// The keys a program passes to ctx.say as a literal, in the order they first appear. Every
// lesson says its lines that way, so a key missing from the catalogue shows here before a
// class hits it as an error in the middle of a run.
std::vector<std::string> said_keys(std::string_view source) {
    static const std::regex say(R"re(\bsay\(\s*"([^"]+)")re");
    std::vector<std::string> keys;
    std::set<std::string> seen;
    const std::string text(source);
    for (auto it = std::sregex_iterator(text.begin(), text.end(), say);
         it != std::sregex_iterator(); ++it) {
        if (seen.insert((*it)[1]).second) keys.push_back((*it)[1]);
    }
    return keys;
}

}  // namespace

std::vector<std::string> lesson_problems(const catalogue::Catalogue& catalogue,
                                         i18n::Language language) {
    std::vector<std::string> problems;
    auto problem = [&](const char* key, std::initializer_list<lesson::Arg> args) {
        problems.push_back(i18n::tr(language, key, args));
    };
    for (const auto& l : catalogue.lessons) {
        if (!has_program(l.slug))
            problem("check.no_program", {{"lesson", l.slug}, {"slug", l.slug}});
        const std::string twin = lesson_file(l, "py");
        if (embedded::lesson_source(twin).empty())
            problem("check.no_twin", {{"lesson", l.slug}, {"file", "lessons/" + twin}});
        const std::string program = lesson_file(l, "cpp");
        const std::string_view source = embedded::lesson_source(program);
        if (source.empty()) {
            problem("check.no_source", {{"lesson", l.slug}, {"file", "lessons/" + program}});
            continue;
        }
        for (const auto& key : said_keys(source)) {
            if (!catalogue.line(l, key)) {
                problem("check.undeclared_line",
                        {{"lesson", l.slug}, {"file", "lessons/" + program}, {"key", key}});
            }
        }
    }
    return problems;
}

int command_check(const CommandContext& context, const std::optional<std::string>& file) {
    auto& out = *context.out;
    const auto language = context.language;
    std::vector<std::string> problems;
    std::size_t lessons = 0;
    try {
        // Its own FILE, else the one --catalog names, else the built-in one.
        const auto& path = file ? file : catalogue::file_option();
        const catalogue::Catalogue catalogue =
            path ? catalogue::load_file(*path) : catalogue::parse(catalogue::embedded_text());
        lessons = catalogue.lessons.size();
        problems = lesson_problems(catalogue, language);
    } catch (const catalogue::CatalogueError& e) {
        // Reading stops at the first damaged field: what follows it cannot be trusted.
        problems.push_back(e.message(language));
    }
    for (const auto& p : problems) out << p << "\n";
    const auto count = static_cast<std::int64_t>(lessons);
    if (problems.empty()) {
        out << i18n::tr(language, "check.clean", {{"count", count}}) << "\n";
        return exit_ok;
    }
    out << i18n::tr(language, "check.problems",
                    {{"count", count}, {"problems", static_cast<std::int64_t>(problems.size())}})
        << "\n";
    return exit_data;
}

Command add_check_command(CLI::App& app, const CommandSetup& setup) {
    auto file = std::make_shared<std::optional<std::string>>();
    auto* check = setup.add(app, "check");
    check->add_option(setup.text("help.type.file"), *file, setup.text("help.opt.check.file"))
        ->type_name("");
    Command command;
    command.app = check;
    command.run = [file](const CommandContext& context) { return command_check(context, *file); };
    command.loads_catalogue = false;
    return command;
}
