// asyncdemo: the command line. Parses the arguments (CLI11), picks the language and the
// terminal style, and hands over to one command. Every failure ends here with a message in
// the user's language and a documented exit code (exit_codes.hpp), never a stack trace.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iostream>

#include "command_line_text.hpp"
#include "commands/bench.hpp"
#include "commands/check.hpp"
#include "commands/compare.hpp"
#include "commands/list.hpp"
#include "commands/run.hpp"
#include "commands/serve.hpp"
#include "commands/show.hpp"
#include "commands/tour.hpp"
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

asyncio::ClockKind parse_clock(const std::string& value) {
    if (value == "virtual") return asyncio::ClockKind::virtual_time;
    if (value == "real") return asyncio::ClockKind::real;
    throw UsageError("error.bad_clock", {{"value", value}});
}

double parse_speed(const std::string& value) {
    // 0.5 or 0,5: a class writes the decimal comma its language uses, as --set accepts it.
    std::string text = value;
    std::replace(text.begin(), text.end(), ',', '.');
    double speed = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), speed);
    if (ec != std::errc{} || end != text.data() + text.size() || !(speed >= 0.05 && speed <= 20))
        throw UsageError("error.bad_speed", {{"value", value}});
    return speed;
}

render::ColorMode parse_color(const std::string& value) {
    if (value == "auto") return render::ColorMode::automatic;
    if (value == "always") return render::ColorMode::always;
    if (value == "never") return render::ColorMode::never;
    throw UsageError("error.bad_color", {{"value", value}});
}

}  // namespace

int main(int argc, char** argv) {
    prepare_standard_streams();  // first: before anything opens a file
    auto choice = i18n::choose_language(lang_from_argv(argc, argv), i18n::system_getenv);
    i18n::Language language = choice.language;
    const StdoutCheck stdout_check(language);  // on every way out: output lost is exit 74

    CLI::App app{i18n::tr(language, "help.description")};
    // --help and the parser's errors in the user's language: every description, value name
    // and label below comes from messages.json.
    localize_help(app, language);
    auto text = [language](const char* key) { return i18n::tr(language, key); };
    const std::string lesson_name = text("help.arg.lesson");
    app.option_defaults()->group(i18n::tr(language, "help.label.Options"));
    const std::string subcommands_group = i18n::tr(language, "help.label.Subcommands");
    const std::string help_text = i18n::tr(language, "help.help");
    // Made again after the defaults above, so that they land in the localized group.
    app.set_help_flag("-h,--help", help_text);
    app.set_version_flag("--version", "asyncdemo " ASYNCDEMO_VERSION,
                         i18n::tr(language, "help.version"));
    app.require_subcommand(1);
    std::optional<std::string> lang_option;
    std::string color = "auto";
    bool ascii = false;
    app.add_option("--lang", lang_option, text("help.opt.lang"))->type_name("en|pt-BR|uk");
    app.add_option("--color", color, text("help.opt.color"))->type_name("auto|always|never");
    app.add_flag("--ascii", ascii, text("help.opt.ascii"));

    auto* list = app.add_subcommand("list", i18n::tr(language, "help.list"));
    list->group(subcommands_group);
    list->set_help_flag("-h,--help", help_text);
    bool list_json = false, list_names = false;
    std::optional<std::string> list_params;
    list->add_flag("--json", list_json, text("help.opt.list.json"));
    // For shell completion: plain words, one per line.
    list->add_flag("--names", list_names, text("help.opt.list.names"));
    list->add_option("--params", list_params, text("help.opt.list.params"))->type_name(lesson_name);
    list->fallthrough();

    auto* run = app.add_subcommand("run", i18n::tr(language, "help.run"));
    run->group(subcommands_group);
    run->set_help_flag("-h,--help", help_text);
    RunRequest run_request;
    std::string clock = "real", speed = "1";
    run->add_option(lesson_name, run_request.lesson, text("help.opt.lesson"))
        ->required()
        ->type_name("");
    run->add_option("--clock", clock, text("help.opt.run.clock"))->type_name("real|virtual");
    run->add_option("--speed", speed, text("help.opt.run.speed"))
        ->type_name(text("help.type.number"));
    run->add_option("--set", run_request.settings, text("help.opt.run.set"))
        ->take_all()
        ->type_name(text("help.type.setting"));
    auto* json_flag = run->add_flag("--json", run_request.as_json, text("help.opt.run.json"));
    auto* step_flag = run->add_flag("--step", run_request.step, text("help.opt.run.step"));
    step_flag->excludes(json_flag);
    run->add_option("--svg", run_request.svg_path, text("help.opt.run.svg"))
        ->type_name(text("help.type.file"));
    run->add_option("--size", run_request.svg_size, text("help.opt.size"))
        ->type_name(text("help.type.size"));
    run->add_option("--trace", run_request.trace_path, text("help.opt.run.trace"))
        ->type_name(text("help.type.file"));
    run->fallthrough();

    auto* show = app.add_subcommand("show", i18n::tr(language, "help.show"));
    show->group(subcommands_group);
    show->set_help_flag("-h,--help", help_text);
    std::string show_lesson;
    bool show_python = false, show_cpp = false;
    show->add_option(lesson_name, show_lesson, text("help.opt.lesson"))->required()->type_name("");
    auto* python_flag = show->add_flag("--python", show_python, text("help.opt.show.python"));
    show->add_flag("--cpp", show_cpp, text("help.opt.show.cpp"))->excludes(python_flag);
    std::vector<std::string> show_settings;
    show->add_option("--set", show_settings, text("help.opt.show.set"))
        ->type_name(text("help.type.setting"))
        ->take_all()
        ->needs(python_flag);
    show->fallthrough();

    auto* compare = app.add_subcommand("compare", i18n::tr(language, "help.compare"));
    compare->group(subcommands_group);
    compare->set_help_flag("-h,--help", help_text);
    std::string compare_a, compare_b;
    std::string compare_clock = "virtual", compare_speed = "1";
    compare->add_option("A", compare_a, text("help.opt.compare.a"))->required()->type_name("");
    compare->add_option("B", compare_b, text("help.opt.compare.b"))->required()->type_name("");
    compare->add_option("--clock", compare_clock, text("help.opt.compare.clock"))
        ->type_name("virtual|real");
    compare->add_option("--speed", compare_speed, text("help.opt.speed"))
        ->type_name(text("help.type.number"));
    std::optional<std::string> compare_svg;
    compare->add_option("--svg", compare_svg, text("help.opt.compare.svg"))
        ->type_name(text("help.type.file"));
    std::optional<std::string> compare_size;
    compare->add_option("--size", compare_size, text("help.opt.size"))
        ->type_name(text("help.type.size"));
    compare->fallthrough();

    auto* tour = app.add_subcommand("tour", i18n::tr(language, "help.tour"));
    tour->group(subcommands_group);
    tour->set_help_flag("-h,--help", help_text);
    std::optional<int> tour_from;
    bool tour_no_pause = false;
    std::string tour_clock = "real", tour_speed = "1";
    tour->add_option("--from", tour_from, text("help.opt.tour.from"))->type_name("N");
    tour->add_flag("--no-pause", tour_no_pause, text("help.opt.tour.no_pause"));
    tour->add_option("--clock", tour_clock, text("help.opt.tour.clock"))->type_name("real|virtual");
    tour->add_option("--speed", tour_speed, text("help.opt.speed"))
        ->type_name(text("help.type.number"));
    tour->fallthrough();

    auto* progress = app.add_subcommand("progress", i18n::tr(language, "help.progress"));
    progress->group(subcommands_group);
    progress->set_help_flag("-h,--help", help_text);
    bool progress_reset = false;
    progress->add_flag("--reset", progress_reset, text("help.opt.progress.reset"));
    progress->fallthrough();

    auto* bench = app.add_subcommand("bench", i18n::tr(language, "help.bench"));
    bench->group(subcommands_group);
    bench->set_help_flag("-h,--help", help_text);
    BenchRequest bench_request;
    bench
        ->add_option(text("help.arg.workload"), bench_request.workloads,
                     text("help.opt.bench.workload"))
        ->type_name("");
    bench->add_flag("--quick", bench_request.quick, text("help.opt.bench.quick"));
    bench->add_flag("--json", bench_request.as_json, text("help.opt.bench.json"));
    bench->fallthrough();

    auto* check = app.add_subcommand("check", i18n::tr(language, "help.check"));
    check->group(subcommands_group);
    check->set_help_flag("-h,--help", help_text);
    std::optional<std::string> check_file;
    check->add_option(text("help.type.file"), check_file, text("help.opt.check.file"))
        ->type_name("");
    check->fallthrough();

    auto* serve = app.add_subcommand("serve", i18n::tr(language, "help.serve"));
    serve->group(subcommands_group);
    serve->set_help_flag("-h,--help", help_text);
    std::string serve_port = "8080";
    serve->add_option("--port", serve_port, text("help.opt.serve.port"))->type_name("N");
    serve->fallthrough();

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

    try {
        if (choice.rejected)
            throw UsageError("error.unknown_language", {{"value", *choice.rejected}});
        CommandContext context;
        context.language = language;
        context.style = render::detect_style(parse_color(color), ascii);
        // Text for a terminal that cannot show UTF-8 glyphs; data and source code stay as
        // they are.
        const bool data = run_request.as_json || list_json || list_names || list_params ||
                          bench_request.as_json || show->parsed();
        if (context.style.ascii && !data) render::use_ascii_glyphs(std::cout);
        if (check->parsed()) {  // before the catalogue is loaded: checking it is the point
            context.out = &std::cout;
            return command_check(context, check_file);
        }
        context.catalogue = &catalogue::builtin();
        context.out = &std::cout;
        if (list->parsed()) {
            if (list_names) {
                for (const auto& l : context.catalogue->lessons) std::cout << l.slug << "\n";
                return exit_ok;
            }
            if (list_params) {
                for (const auto& p : find_lesson(*context.catalogue, *list_params).params)
                    std::cout << p.name << "\n";
                return exit_ok;
            }
            return command_list(context, list_json);
        }
        if (show->parsed()) {
            return command_show(context, show_lesson,
                                show_python ? ShowWhich::python
                                : show_cpp  ? ShowWhich::cpp
                                            : ShowWhich::both,
                                show_settings);
        }
        if (compare->parsed()) {
            RunSettings settings;
            settings.language = language;
            settings.clock = parse_clock(compare_clock);
            settings.speed = parse_speed(compare_speed);
            settings.handle_sigint = true;
            return command_compare(context, compare_a, compare_b, settings, compare_svg,
                                   compare_size);
        }
        if (tour->parsed()) {
            TourOptions options;
            options.from = tour_from;
            options.no_pause = tour_no_pause;
            options.run.language = language;
            options.run.clock = parse_clock(tour_clock);
            options.run.speed = parse_speed(tour_speed);
            options.run.handle_sigint = true;
            return command_tour(context, options, ProgressStore::standard(), std::cin);
        }
        if (bench->parsed()) return command_bench(context, bench_request);
        if (serve->parsed()) return command_serve(context, serve_port);
        if (progress->parsed())
            return command_progress(context, ProgressStore::standard(), progress_reset);
        if (run->parsed()) {
            run_request.run.language = language;
            // Stepping through passes is about order, not waiting: virtual unless asked.
            if (run_request.step && run->count("--clock") == 0) clock = "virtual";
            run_request.run.clock = parse_clock(clock);
            run_request.run.speed = parse_speed(speed);
            run_request.run.handle_sigint = true;
            return command_run(context, run_request);
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
