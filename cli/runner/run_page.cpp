#include "runner/run_page.hpp"

#include <charconv>
#include <iostream>
#include <optional>

#include "exit_codes.hpp"
#include "i18n/width.hpp"
#include "render/live_view.hpp"
#include "render/terminal_timeline.hpp"
#include "render/wait_words.hpp"
#include "runner/lesson_runner.hpp"
#include "standard_streams.hpp"

catalogue::ParamValues resolve_params(const catalogue::Lesson& lesson,
                                      const std::vector<std::string>& settings) {
    auto values = catalogue::defaults(lesson);
    for (const auto& s : settings) catalogue::apply_setting(lesson, values, s);
    return values;
}

std::string format_line(const CommandContext& context, const timeline::OutputLine& line,
                        std::string_view task_name, int name_width) {
    const auto& style = context.style;
    // The time column follows the rule for timestamps of i18n/format.hpp.
    std::string time = i18n::pad_left(i18n::format_timestamp(context.language, line.t), 8);
    time += " " + i18n::tr(context.language, "timeline.unit");
    return style.dim(time) + "  " + style.paint(i18n::pad_right(task_name, name_width), "36") +
           " " + style.dim(style.pick("│", "|")) + " " + line.text;
}

std::string format_diagnostic(i18n::Language language, const timeline::Recorder::Diagnostic& d) {
    switch (d.kind) {
        case asyncio::DiagnosticKind::coroutine_never_awaited:
            return i18n::tr(language, "diag.never_awaited", {{"name", d.subject}});
        case asyncio::DiagnosticKind::exception_never_retrieved:
            return i18n::tr(language, "diag.never_retrieved",
                            {{"name", d.subject}, {"error", d.detail}});
        case asyncio::DiagnosticKind::slow_step: {
            // The runtime words it as asyncio does ("5.000"); shown as a timestamp here.
            double seconds = 0;
            const auto* end = d.detail.data() + d.detail.size();
            const auto [stop, ec] = std::from_chars(d.detail.data(), end, seconds);
            const std::string shown = ec == std::errc{} && stop == end
                                          ? i18n::format_timestamp(language, seconds)
                                          : d.detail;
            return i18n::tr(language, "diag.slow_step", {{"name", d.subject}, {"seconds", shown}});
        }
        case asyncio::DiagnosticKind::callback_raised:
            return i18n::tr(language, "diag.callback", {{"error", d.detail}});
    }
    return d.detail;
}

std::string picture_subtitle(i18n::Language language, const catalogue::ParamValues& params,
                             const RunSettings& settings) {
    std::string subtitle;
    const std::string described = catalogue::describe(language, params);
    if (!described.empty())
        subtitle = i18n::tr(language, "run.params", {{"params", described}}) + " · ";
    subtitle += settings.clock == asyncio::ClockKind::virtual_time
                    ? i18n::tr(language, "picture.clock_virtual")
                    : i18n::tr(language, "picture.clock_real", {{"speed", settings.speed}});
    return subtitle;
}

int outcome_status(const catalogue::Lesson& lesson, const RunResult& result) {
    if (result.outcome == timeline::Outcome::interrupted) return exit_interrupted;
    if (result.outcome == timeline::Outcome::stopped) return exit_ok;  // q in --step
    return to_string(result.outcome) == lesson.expected_outcome ? exit_ok : exit_internal;
}

std::string fill_with_params(i18n::Language language, const std::string& text,
                             const catalogue::ParamValues& params) {
    std::vector<lesson::Arg> args;
    for (const auto& [name, value] : params) {
        lesson::Arg arg(name, 0);
        std::visit([&](const auto& v) { arg.value = v; }, catalogue::shown(value));
        args.push_back(std::move(arg));
    }
    return i18n::fill(language, text, args);
}

namespace {

void print_outcome(const CommandContext& context, const RunResult& result) {
    auto& out = *context.out;
    const auto language = context.language;
    if (result.outcome == timeline::Outcome::deadlock) {
        out << context.style.paint(i18n::tr(language, "outcome.deadlock"), "31;1") << "\n";
        for (const auto& line : render::deadlock_lines(language, result.deadlock))
            out << "  " << line << "\n";
    } else if (result.outcome == timeline::Outcome::error) {
        out << context.style.paint(i18n::tr(language, "outcome.error", {{"error", result.error}}),
                                   "31;1")
            << "\n";
    } else if (result.outcome == timeline::Outcome::interrupted) {
        out << i18n::tr(language, "outcome.interrupted") << "\n";
    } else if (result.outcome == timeline::Outcome::stopped) {
        out << i18n::tr(language, "outcome.stopped") << "\n";
    }
}

}  // namespace

void print_intro(const CommandContext& context, const catalogue::Lesson& lesson,
                 const catalogue::ParamValues& params) {
    const auto language = context.language;
    const auto& style = context.style;
    auto& out = *context.out;
    const int width = std::min(style.width, 100);
    out << i18n::wrap(fill_with_params(language, lesson.intro.in(language), params), width) << "\n";
    if (!lesson.steps.empty()) {
        out << style.bold(i18n::tr(language, "run.steps")) << "\n";
        for (std::size_t i = 0; i < lesson.steps.size(); ++i) {
            const std::string number = std::to_string(i + 1) + ". ";
            const std::string text =
                fill_with_params(language, lesson.steps[i].in(language), params);
            const std::string wrapped = i18n::wrap(text, width - 3, "   ");
            // The number takes the place of the first line's indent.
            out << number << wrapped.substr(std::min<std::size_t>(3, wrapped.size()));
        }
        out << "\n";
    }
    if (lesson.correction) {
        out << style.paint(i18n::tr(language, "correction.heading"), "33;1") << "\n"
            << i18n::wrap(lesson.correction->in(language), width) << "\n";
    }
}

RunResult run_and_show(const CommandContext& context, const catalogue::Lesson& lesson,
                       const catalogue::ParamValues& params, const RunSettings& settings,
                       asyncio::Observer* screen) {
    const auto language = context.language;
    const auto& style = context.style;
    auto& out = *context.out;
    const std::string described = catalogue::describe(language, params);
    out << i18n::tr(
               language, "run.params",
               {{"params", described.empty() ? i18n::tr(language, "run.no_params") : described}})
        << "\n";
    if (settings.clock == asyncio::ClockKind::virtual_time) {
        out << i18n::tr(language, "run.clock_virtual") << "\n";
    } else {
        out << i18n::tr(language, "run.clock_real", {{"speed", settings.speed}}) << "\n";
    }
    out << "\n" << style.bold(i18n::tr(language, "run.output")) << "\n";
    out.flush();

    // Task names are known only as tasks appear; "main" and "job-N" set the usual width.
    const int name_width = 8;
    // The growing timeline, on a terminal and in real time only (colour on means a terminal
    // that NO_COLOR does not silence).
    std::optional<render::LiveView> live;
    if (settings.clock == asyncio::ClockKind::real && style.color && settings.live) {
        live.emplace(out, style, language, settings.speed);
    }
    auto print = [&](const std::string& text) {
        if (live) {
            live->print_line(text);
        } else {
            out << text << "\n" << std::flush;
        }
    };
    RunCallbacks callbacks;
    callbacks.on_line = [&](const timeline::OutputLine& line, std::string_view task_name) {
        print(format_line(context, line, task_name, name_width));
    };
    callbacks.on_diagnostic = [&](const timeline::Recorder::Diagnostic& d) {
        print(style.paint(std::string(style.pick("⚠", "!")) + " " + format_diagnostic(language, d),
                          "33"));
    };
    if (live) {
        callbacks.observer = &*live;
        live->start();
    } else if (screen) {
        callbacks.observer = screen;
    }
    auto result = run_lesson(*context.catalogue, lesson, params, settings, callbacks);
    // Nobody reads any more (`| head`): no page to draw.
    if (stdout_reader_gone() && &out == &std::cout) {
        if (live) live->stop();
        return result;
    }
    // The final picture fits the window as it is now, should it have been resized meanwhile.
    render::Style final_style = style;
    if (live) {
        live->stop();
        final_style.width = render::terminal_width();
    }
    print_outcome(context, result);
    out << "\n"
        << style.bold(i18n::tr(language, "timeline.heading")) << "\n"
        << render::draw_timeline(result.timeline, language, final_style) << "\n"
        << render::draw_summary(result.timeline, language, final_style);
    return result;
}

void print_notice(const CommandContext& context, const catalogue::Lesson& lesson,
                  const catalogue::ParamValues& params) {
    const auto language = context.language;
    const auto& style = context.style;
    *context.out << style.bold(i18n::tr(language, "notice.heading")) << "\n"
                 << i18n::wrap(fill_with_params(language, lesson.notice.in(language), params),
                               std::min(style.width, 100));
}
