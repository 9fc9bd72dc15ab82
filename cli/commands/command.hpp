#pragma once
// What a command is made of. Each subcommand lives in its own file (commands/NAME.cpp), which
// declares its options and its action in one function:
//
//     Command add_NAME_command(CLI::App& app, const CommandSetup& setup);
//
// It adds the subcommand to the app (setup.add: localized description, group and --help),
// keeps the option values where its action can read them, and returns the action. main()
// gathers the commands (one line each), parses, and runs the one that was asked for with the
// CommandContext (language, style, catalogue, output).
// The model and the renderers (asyncdemo_view) work on plain data and are below this layer.
#ifdef ASYNCDEMO_VIEW_LAYER
#error "asyncdemo_view may not include the runner or the commands (README.md, How it is built)"
#endif
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asyncio/clock_kind.hpp"
#include "runner/context.hpp"
#include "timeline/run_report.hpp"

namespace CLI {
class App;
}

// The words every subcommand's declaration shares, in the user's language.
struct CommandSetup {
    i18n::Language language = i18n::Language::en;
    // The localized text for a messages.json key.
    std::string text(const char* key) const;
    // Adds the subcommand `name` described by the key "help.NAME", in the localized group of
    // subcommands, with the localized -h,--help.
    CLI::App* add(CLI::App& app, const char* name) const;
};

struct Command {
    CLI::App* app = nullptr;  // app->parsed(): this is the command that was asked for
    std::function<int(const CommandContext&)> run;
    // True when its output is data (JSON, names, source code) that the --ascii filter must
    // leave as it is.
    std::function<bool()> writes_data = [] { return false; };
    // False for a command that reads the catalogue itself (check): the others get the
    // built-in one, loaded and checked before they run.
    bool loads_catalogue = true;
    // Set by a command that needs only the catalogue's outline (catalogue::outline): it
    // returns the lesson to read in full ("" for none), or nullopt for the whole catalogue.
    std::function<std::optional<std::string>()> outline;
};

// The lesson named by a slug or a number, or a UsageError that says what would be valid.
const catalogue::Lesson& find_lesson(const catalogue::Catalogue& catalogue, std::string_view name);
// The lesson numbers as ranges, "1–31, 40–42", for a number that names no lesson.
std::string lesson_number_ranges(const std::vector<catalogue::Lesson>& lessons);

// The values of --clock and --speed, shared by the commands that run lessons; a UsageError
// naming what would be valid otherwise.
asyncio::ClockKind parse_clock(const std::string& value);
double parse_speed(const std::string& value);
// The settings of a run asked for from the command line: the context's language, --clock and
// --speed parsed, Ctrl-C handled.
RunSettings run_settings(const CommandContext& context, const std::string& clock,
                         const std::string& speed);
