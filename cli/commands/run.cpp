#include "commands/run.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <optional>

#include "commands/picture_options.hpp"
#include "commands/step_view.hpp"
#include "output_file.hpp"
#include "render/chrome_trace.hpp"
#include "render/html/html_replay.hpp"
#include "render/json_report.hpp"
#include "render/svg_timeline.hpp"
#include "runner/lesson_runner.hpp"
#include "runner/run_page.hpp"

namespace {

// The files asked for with --svg, --trace and --html, opened before the run so that a path that
// cannot be written stops it before it starts.
struct Exports {
    std::optional<OutputFile> svg, trace, html;
    render::picture::PageSize page;

    Exports(const RunRequest& request, i18n::Language language)
        : page(page_for(request.svg_size, request.svg_path)) {
        if (request.svg_path) svg.emplace(*request.svg_path, language);
        if (request.trace_path) trace.emplace(*request.trace_path, language);
        if (request.html_path) html.emplace(*request.html_path, language);
    }

    void write(const catalogue::Lesson& lesson, const catalogue::ParamValues& params,
               const RunSettings& settings, const RunResult& result) {
        const auto language = settings.language;
        const std::string title =
            i18n::tr(language, "run.header",
                     {{"number", lesson.number}, {"title", lesson.title.in(language)}});
        if (svg) {
            const auto deadlock = deadlock_of(result);
            svg->commit(render::svg_timeline(result.timeline,
                                             {title, picture_subtitle(language, params, settings)},
                                             language, {page, deadlock ? &*deadlock : nullptr}));
        }
        if (trace) {
            render::TraceInfo info;
            info.lesson = lesson.slug;
            info.number = lesson.number;
            info.title = title;
            info.language = language;
            info.clock = settings.clock == asyncio::ClockKind::virtual_time ? "virtual" : "real";
            info.speed = settings.speed;
            info.params = catalogue::to_json(params);
            info.outcome = to_string(result.outcome);
            // A task name or a printed line is program data: never let one bad byte cost the
            // whole trace.
            trace->commit(render::chrome_trace(result.timeline, info)
                              .dump(1, ' ', false, nlohmann::json::error_handler_t::replace) +
                          "\n");
        }
        if (html) {
            const auto deadlock = deadlock_of(result);
            render::HtmlPage page;
            page.title = title;
            page.subtitle = picture_subtitle(language, params, settings);
            page.intro = fill_with_params(language, lesson.intro.in(language), params);
            page.notice = fill_with_params(language, lesson.notice.in(language), params);
            page.runs.push_back({&result.timeline,
                                 render::json_report(lesson, params, settings, result),
                                 {},
                                 {},
                                 deadlock ? &*deadlock : nullptr});
            html->commit(render::html_replay(page, language));
        }
    }

    // True when a picture or trace goes to standard output.
    bool on_stdout() const {
        return (svg && svg->writes_to_stdout()) || (trace && trace->writes_to_stdout()) ||
               (html && html->writes_to_stdout());
    }

    // "Picture saved to ..." after a run shown in the terminal.
    std::string saved(i18n::Language language) const {
        std::string out;
        if (svg) out += i18n::tr(language, "output.svg_saved", {{"path", svg->path()}}) + "\n";
        if (trace)
            out += i18n::tr(language, "output.trace_saved", {{"path", trace->path()}}) + "\n";
        if (html) out += i18n::tr(language, "output.html_saved", {{"path", html->path()}}) + "\n";
        return out;
    }
};

}  // namespace

int command_run(const CommandContext& given, const RunRequest& request) {
    const auto& catalogue = *given.catalogue;
    const auto& lesson = find_lesson(catalogue, request.lesson);
    const auto params = resolve_params(lesson, request.settings);
    const auto language = given.language;

    Exports exports(request, language);
    // A picture sent to standard output is meant for a pipe (`--svg /dev/stdout |
    // rsvg-convert`): the run's own output then goes to standard error, where the class
    // still sees it, and stdout carries the picture alone.
    CommandContext context = given;
    if (exports.on_stdout()) context.out = &std::cerr;
    auto& out = *context.out;

    if (request.as_json) {
        const auto result = run_lesson(catalogue, lesson, params, request.run);
        exports.write(lesson, params, request.run, result);
        out << render::json_report(lesson, params, request.run, result).dump(2) << "\n";
        return outcome_status(lesson, result);
    }

    const auto& style = context.style;
    out << style.bold(i18n::tr(language, "run.header",
                               {{"number", lesson.number}, {"title", lesson.title.in(language)}}))
        << "\n"
        << style.dim(i18n::tr(language, "run.language")) << "\n\n";
    print_intro(context, lesson, params);
    std::optional<StepView> step;
    if (request.step) step.emplace(context, std::cin);
    const auto result = run_and_show(context, lesson, params, request.run, step ? &*step : nullptr);
    // A student who left the step-through with q did not see the run to its end: what to
    // notice about the end would speak of things that did not happen.
    if (result.outcome != timeline::Outcome::stopped) {
        out << "\n";
        print_notice(context, lesson, params);
    }
    // Written once the timeline is on the screen: should the write fail, the class has still
    // seen the run.
    exports.write(lesson, params, request.run, result);
    const std::string saved = exports.saved(language);
    if (!saved.empty()) out << "\n" << saved;
    return outcome_status(lesson, result);
}

Command add_run_command(CLI::App& app, const CommandSetup& setup) {
    struct Options {
        RunRequest request;
        std::string clock = "real", speed = "1";
    };
    auto options = std::make_shared<Options>();
    auto& request = options->request;
    auto* run = setup.add(app, "run");
    run->add_option(setup.text("help.arg.lesson"), request.lesson, setup.text("help.opt.lesson"))
        ->required()
        ->type_name("");
    run->add_option("--clock", options->clock, setup.text("help.opt.run.clock"))
        ->type_name("real|virtual");
    run->add_option("--speed", options->speed, setup.text("help.opt.run.speed"))
        ->type_name(setup.text("help.type.number"));
    run->add_option("--set", request.settings, setup.text("help.opt.run.set"))
        ->take_all()
        ->type_name(setup.text("help.type.setting"));
    auto* json_flag = run->add_flag("--json", request.as_json, setup.text("help.opt.run.json"));
    auto* step_flag = run->add_flag("--step", request.step, setup.text("help.opt.run.step"));
    step_flag->excludes(json_flag);
    run->add_option("--svg", request.svg_path, setup.text("help.opt.run.svg"))
        ->type_name(setup.text("help.type.file"));
    run->add_option("--size", request.svg_size, setup.text("help.opt.size"))
        ->type_name(setup.text("help.type.size"));
    run->add_option("--trace", request.trace_path, setup.text("help.opt.run.trace"))
        ->type_name(setup.text("help.type.file"));
    run->add_option("--html", request.html_path, setup.text("help.opt.html"))
        ->type_name(setup.text("help.type.file"));

    Command command;
    command.app = run;
    command.writes_data = [options] { return options->request.as_json; };
    // A run reads its own lesson in full; of the others, only what names them.
    command.outline = [options]() -> std::optional<std::string> { return options->request.lesson; };
    command.run = [options, run](const CommandContext& context) {
        RunRequest request = options->request;
        // Stepping through passes is about order, not waiting: virtual unless asked.
        const bool virtual_clock = request.step && run->count("--clock") == 0;
        request.run =
            run_settings(context, virtual_clock ? "virtual" : options->clock, options->speed);
        return command_run(context, request);
    };
    return command;
}
