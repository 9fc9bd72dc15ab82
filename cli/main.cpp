// asyncdemo: the command line. Picks the language, gathers the subcommands (each declared in
// its own file, commands/NAME.cpp), parses the arguments (CLI11), works out the terminal
// style, and hands over to the one command asked for. Every failure ends here with a message in
// the user's language and a documented exit code (exit_codes.hpp), never a stack trace.
#include <CLI/CLI.hpp>

#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "command_line_text.hpp"
#include "commands/bench.hpp"
#include "commands/check.hpp"
#include "commands/compare.hpp"
#include "commands/exercise.hpp"
#include "commands/list.hpp"
#include "commands/progress.hpp"
#include "commands/run.hpp"
#include "commands/serve.hpp"
#include "commands/show.hpp"
#include "commands/tour.hpp"
#include "commands/trace.hpp"
#include "exit_codes.hpp"
#include "i18n/language.hpp"
#include "i18n/messages.hpp"
#include "render/ascii_stream.hpp"
#include "standard_streams.hpp"
#include "system_failure.hpp"
#include "usage_error.hpp"

#ifndef ASYNCDEMO_VERSION
#define ASYNCDEMO_VERSION "0.0.0"
#endif

namespace {

// The language is needed before CLI11 has parsed anything, to word its errors.
std::optional<std::string> lang_from_argv(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        // "--lang --json" is a --lang without its value, which the parser reports.
        if (arg == "--lang" && i + 1 < argc && argv[i + 1][0] != '-')
            return std::string(argv[i + 1]);
        if (arg.starts_with("--lang=")) return std::string(arg.substr(7));
    }
    return std::nullopt;
}

void print_error(i18n::Language language, const std::string& message) {
    std::cerr << "asyncdemo: " << i18n::tr(language, "error.prefix") << ": " << message << "\n";
}

render::ColorMode parse_color(const std::string& value) {
    if (value == "auto") return render::ColorMode::automatic;
    if (value == "always") return render::ColorMode::always;
    if (value == "never") return render::ColorMode::never;
    throw UsageError("error.bad_color", {{"value", value}});
}

// The options of the app itself; every subcommand accepts them too (fallthrough).
struct AppOptions {
    std::optional<std::string> lang;  // read before parsing (lang_from_argv); kept for --help
    std::string color = "auto";
    bool ascii = false;
    std::optional<std::string> catalog;  // --catalog FILE: wins over ASYNCDEMO_CATALOGUE
};

void declare_app(CLI::App& app, const CommandSetup& setup, AppOptions& options) {
    // --help and the parser's errors in the user's language: every description, value name
    // and label comes from messages.json.
    localize_help(app, setup.language);
    app.option_defaults()->group(setup.text("help.label.Options"));
    // Made again after the defaults above, so that they land in the localized group.
    app.set_help_flag("-h,--help", setup.text("help.help"));
    app.set_version_flag("--version", "asyncdemo " ASYNCDEMO_VERSION, setup.text("help.version"));
    app.require_subcommand(1);
    app.add_option("--lang", options.lang, setup.text("help.opt.lang"))->type_name("en|pt-BR|uk");
    app.add_option("--color", options.color, setup.text("help.opt.color"))
        ->type_name("auto|always|never");
    app.add_flag("--ascii", options.ascii, setup.text("help.opt.ascii"));
    app.add_option("--catalog", options.catalog, setup.text("help.opt.catalog"))
        ->type_name(setup.text("help.type.file"));
}

// Runs the command that was parsed; every failure becomes a message and an exit code.
int dispatch(const std::vector<Command>& commands, const AppOptions& options,
             const i18n::LanguageChoice& choice) {
    const auto language = choice.language;
    try {
        if (choice.rejected)
            throw UsageError("error.unknown_language", {{"value", *choice.rejected}});
        if (options.catalog) catalogue::use_file(*options.catalog);
        for (const auto& command : commands) {
            if (!command.app->parsed()) continue;
            CommandContext context;
            context.language = language;
            context.style = render::detect_style(parse_color(options.color), options.ascii);
            // Text for a terminal that cannot show UTF-8 glyphs; data and source code stay as
            // they are.
            if (context.style.ascii && !command.writes_data()) render::use_ascii_glyphs(std::cout);
            // `check` loads the catalogue itself: checking it is the point.
            if (command.loads_catalogue) {
                const auto full_lesson = command.outline ? command.outline() : std::nullopt;
                context.catalogue =
                    full_lesson ? &catalogue::outline(*full_lesson) : &catalogue::builtin();
            }
            context.out = &std::cout;
            return command.run(context);
        }
    } catch (const SystemFailure& e) {
        print_error(language, e.message(language));
        return e.code;
    } catch (const UsageError& e) {
        print_error(language, e.message(language));
        return exit_usage;
    } catch (const catalogue::CatalogueError& e) {
        print_error(language,
                    i18n::tr(language, "error.catalogue", {{"detail", e.message(language)}}));
        return exit_data;
    } catch (const std::exception& e) {
        print_error(language, i18n::tr(language, "error.internal", {{"detail", e.what()}}));
        return exit_internal;
    }
    return exit_internal;
}

}  // namespace

int main(int argc, char** argv) {
    prepare_standard_streams();  // first: before anything opens a file
    const auto choice = i18n::choose_language(lang_from_argv(argc, argv), i18n::system_getenv);
    const auto language = choice.language;
    const StdoutCheck stdout_check(language);  // on every way out: output lost is exit 74

    CLI::App app{i18n::tr(language, "help.description")};
    const CommandSetup setup{language};
    AppOptions options;
    declare_app(app, setup, options);
    // Every subcommand, in the order --help lists them. A new command is a file
    // commands/NAME.cpp with `Command add_NAME_command(CLI::App&, const CommandSetup&)`
    // (commands/command.hpp), and one line here.
    const std::vector<Command> commands = {
        add_list_command(app, setup),     add_run_command(app, setup),
        add_show_command(app, setup),     add_compare_command(app, setup),
        add_tour_command(app, setup),     add_progress_command(app, setup),
        add_bench_command(app, setup),    add_serve_command(app, setup),
        add_trace_command(app, setup),    add_check_command(app, setup),
        add_exercise_command(app, setup),
    };

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        print_error(language, parse_error_message(language, e, app));
        return exit_usage;
    }
    return dispatch(commands, options, choice);
}
