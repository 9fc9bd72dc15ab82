#include "commands/compare.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>
#include <memory>

#include "commands/picture_options.hpp"
#include "commands/trace.hpp"
#include "i18n/width.hpp"
#include "output_file.hpp"
#include "render/common.hpp"
#include "render/html/html_replay.hpp"
#include "render/json_report.hpp"
#include "render/svg_timeline.hpp"
#include "render/terminal_timeline.hpp"
#include "runner/lesson_runner.hpp"
#include "runner/run_page.hpp"

RunSpec parse_run_spec(const std::string& text) {
    RunSpec spec;
    const auto colon = text.find(':');
    spec.lesson = text.substr(0, colon);
    if (colon == std::string::npos) return spec;
    // Values of list params contain commas too: a piece without '=' continues the last value.
    std::string rest = text.substr(colon + 1);
    std::size_t start = 0;
    while (start <= rest.size()) {
        auto comma = rest.find(',', start);
        std::string piece =
            rest.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (piece.find('=') == std::string::npos && !spec.settings.empty()) {
            spec.settings.back() += "," + piece;
        } else {
            spec.settings.push_back(piece);
        }
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return spec;
}

namespace {

struct Side {
    const catalogue::Lesson* lesson;  // null for a Python program (asyncdemo trace)
    catalogue::ParamValues params;
    RunResult result;
    std::string label;
    std::string program;
    std::string name() const { return lesson ? lesson->slug : program; }
};

// The two runs' rows on one time axis, and the verdict on their elapsed times.
void print_comparison(std::ostream& out, const CommandContext& context,
                      const std::vector<Side>& sides, const RunSettings& settings) {
    const auto language = context.language;
    const auto& style = context.style;
    out << style.bold(i18n::tr(language, "compare.header",
                               {{"a", sides[0].name()}, {"b", sides[1].name()}}))
        << "\n";
    out << (settings.clock == asyncio::ClockKind::virtual_time
                ? i18n::tr(language, "run.clock_virtual")
                : i18n::tr(language, "run.clock_real", {{"speed", settings.speed}}))
        << "\n";
    for (const auto& side : sides) {
        const std::string params = catalogue::describe(language, side.params);
        out << "  " << side.label << "  " << (side.lesson ? side.lesson->title.in(language) : "")
            << (params.empty() ? "" : "  (" + params + ")") << "\n";
    }
    out << "\n";

    const auto layout =
        render::layout_for({&sides[0].result.timeline, &sides[1].result.timeline}, style);
    render::Legend legend;
    out << render::draw_axis(layout, language, style);
    for (const auto& side : sides) {
        out << style.bold(side.label) << "\n"
            << render::draw_rows(side.result.timeline, layout, style, legend);
    }
    out << legend.draw(language, style) << "\n";

    const auto summary =
        render::compare_summary(sides[0].label, sides[0].result.timeline, sides[1].label,
                                sides[1].result.timeline, language);
    out << summary.figures[0] << "   " << summary.figures[1] << "\n"
        << style.bold(summary.verdict) << "\n";
}

std::string write_picture(OutputFile& svg, i18n::Language language, const std::vector<Side>& sides,
                          const RunSettings& settings, const render::picture::PageSize& page) {
    std::vector<render::SvgSide> pictured;
    std::vector<std::optional<render::picture::Deadlock>> deadlocks;
    for (const auto& side : sides) deadlocks.push_back(deadlock_of(side.result));
    for (std::size_t i = 0; i < sides.size(); ++i) {
        const auto& side = sides[i];
        const std::string params = catalogue::describe(language, side.params);
        pictured.push_back({&side.result.timeline, side.label,
                            (side.lesson ? side.lesson->title.in(language) : "") +
                                (params.empty() ? "" : "  (" + params + ")"),
                            deadlocks[i] ? &*deadlocks[i] : nullptr});
    }
    svg.commit(render::svg_timeline(
        pictured[0], pictured[1],
        {i18n::tr(language, "compare.header", {{"a", sides[0].name()}, {"b", sides[1].name()}}),
         picture_subtitle(language, {}, settings)},
        language, page));
    return i18n::tr(language, "output.svg_saved", {{"path", svg.path()}});
}

// Both runs on one replay page, each with its report: a lesson's as `run --json` has it, a
// Python program's with the fields of its timeline.
std::string write_replay(OutputFile& html, i18n::Language language, const std::vector<Side>& sides,
                         const RunSettings& settings) {
    std::vector<std::optional<render::picture::Deadlock>> deadlocks;
    for (const auto& side : sides) deadlocks.push_back(deadlock_of(side.result));
    render::HtmlPage page;
    page.title =
        i18n::tr(language, "compare.header", {{"a", sides[0].name()}, {"b", sides[1].name()}});
    page.subtitle = picture_subtitle(language, {}, settings);
    for (std::size_t i = 0; i < sides.size(); ++i) {
        const auto& side = sides[i];
        const std::string params = catalogue::describe(language, side.params);
        nlohmann::json report;
        if (side.lesson) {
            report = render::json_report(*side.lesson, side.params, settings, side.result);
        } else {
            report = {{"program", side.program}};
            report.update(render::timeline_json(side.result.timeline));
            report["outcome"] = timeline::to_string(side.result.outcome);
        }
        page.runs.push_back({&side.result.timeline, std::move(report), side.label,
                             (side.lesson ? side.lesson->title.in(language) : "") +
                                 (params.empty() ? "" : "  (" + params + ")"),
                             deadlocks[i] ? &*deadlocks[i] : nullptr});
    }
    html.commit(render::html_replay(page, language));
    return i18n::tr(language, "output.html_saved", {{"path", html.path()}});
}

}  // namespace

int command_compare(const CommandContext& context, const std::string& first,
                    const std::string& second, const RunSettings& settings,
                    const std::optional<std::string>& svg_path,
                    const std::optional<std::string>& svg_size,
                    const std::optional<std::string>& html_path) {
    const auto language = context.language;
    std::vector<Side> sides;
    for (const auto& text : {first, second}) {
        if (is_python_program(text)) {
            sides.push_back(Side{nullptr, {}, {}, {}, text});
            continue;
        }
        const auto spec = parse_run_spec(text);
        const auto& lesson = find_lesson(*context.catalogue, spec.lesson);
        sides.push_back(Side{&lesson, resolve_params(lesson, spec.settings), {}, {}, {}});
    }
    // Before the runs, so that a path that cannot be written stops them before they start.
    const auto page = page_for(svg_size, svg_path);
    std::optional<OutputFile> svg;
    if (svg_path) svg.emplace(*svg_path, language);
    std::optional<OutputFile> html;
    if (html_path) html.emplace(*html_path, language);
    // A picture sent to standard output is meant for a pipe: the text goes to standard error.
    auto& out = (svg && svg->writes_to_stdout()) || (html && html->writes_to_stdout())
                    ? std::cerr
                    : *context.out;
    for (std::size_t i = 0; i < sides.size(); ++i) {
        auto& side = sides[i];
        side.result = side.lesson
                          ? run_lesson(*context.catalogue, *side.lesson, side.params, settings)
                          : trace_for_compare(context, side.program, settings);
        side.label = std::string(1, static_cast<char>('A' + i)) + context.style.pick(" · ", " - ") +
                     side.name();
    }
    print_comparison(out, context, sides, settings);
    if (svg) out << "\n" << write_picture(*svg, language, sides, settings, page) << "\n";
    if (html) out << (svg ? "" : "\n") << write_replay(*html, language, sides, settings) << "\n";
    int status = 0;
    for (const auto& side : sides)
        status = std::max(status, side.lesson ? outcome_status(*side.lesson, side.result)
                                  : side.result.outcome == timeline::Outcome::ok ? 0
                                                                                 : 1);
    return status;
}

Command add_compare_command(CLI::App& app, const CommandSetup& setup) {
    struct Options {
        std::string a, b;
        std::string clock = "virtual", speed = "1";
        std::optional<std::string> svg, size, html;
    };
    auto options = std::make_shared<Options>();
    auto* compare = setup.add(app, "compare");
    compare->add_option("A", options->a, setup.text("help.opt.compare.a"))
        ->required()
        ->type_name("");
    compare->add_option("B", options->b, setup.text("help.opt.compare.b"))
        ->required()
        ->type_name("");
    compare->add_option("--clock", options->clock, setup.text("help.opt.compare.clock"))
        ->type_name("virtual|real");
    compare->add_option("--speed", options->speed, setup.text("help.opt.speed"))
        ->type_name(setup.text("help.type.number"));
    compare->add_option("--svg", options->svg, setup.text("help.opt.compare.svg"))
        ->type_name(setup.text("help.type.file"));
    compare->add_option("--size", options->size, setup.text("help.opt.size"))
        ->type_name(setup.text("help.type.size"));
    compare->add_option("--html", options->html, setup.text("help.opt.html"))
        ->type_name(setup.text("help.type.file"));

    Command command;
    command.app = compare;
    command.run = [options](const CommandContext& context) {
        return command_compare(context, options->a, options->b,
                               run_settings(context, options->clock, options->speed), options->svg,
                               options->size, options->html);
    };
    return command;
}
