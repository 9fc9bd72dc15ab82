#include "commands/trace.hpp"

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <csignal>
#include <iostream>

#include "commands/picture_options.hpp"
#include "embedded.hpp"
#include "exit_codes.hpp"
#include "output_file.hpp"
#include "render/chrome_trace.hpp"
#include "render/html/html_replay.hpp"
#include "render/json_report.hpp"
#include "render/svg_timeline.hpp"
#include "render/terminal_timeline.hpp"
#include "render/wait_words.hpp"
#include "runner/run_page.hpp"
#include "standard_streams.hpp"
#include "system_failure.hpp"
#include "trace/python_child.hpp"
#include "trace/trace_reader.hpp"
#include "usage_error.hpp"

namespace {

using Clock = std::chrono::steady_clock;

// More rows than this and the terminal timeline shows the first ones and says how many more.
constexpr std::size_t max_rows = 40;
// Under the virtual clock a program that never ends would run through virtual hours in
// seconds: it stops at an hour of its time unless --timeout says otherwise.
constexpr double virtual_timeout = 3600;

volatile std::sig_atomic_t interrupted = 0;

extern "C" void on_sigint(int) {
    interrupted = 1;
}

// stdout's reader gone (`| head`) stops the program as Ctrl-C does.
void on_reader_gone() {
    interrupted = 1;
}

// Ctrl-C ends the trace, not asyncdemo: the timeline so far is still shown.
class SigintGuard {
  public:
    SigintGuard() {
        struct sigaction ours {};
        ours.sa_handler = on_sigint;
        sigemptyset(&ours.sa_mask);
        interrupted = 0;
        sigaction(SIGINT, &ours, &theirs_);
    }
    ~SigintGuard() { sigaction(SIGINT, &theirs_, nullptr); }
    SigintGuard(const SigintGuard&) = delete;
    SigintGuard& operator=(const SigintGuard&) = delete;

  private:
    struct sigaction theirs_ {};
};

std::string clock_name(const RunSettings& settings) {
    return settings.clock == asyncio::ClockKind::virtual_time ? "virtual" : "real";
}

void check_program(const std::string& path) {
    struct stat info {};
    if (stat(path.c_str(), &info) != 0)
        throw SystemFailure(exit_no_input, "error.trace.no_file", {{"path", path}});
    if (!S_ISREG(info.st_mode))
        throw SystemFailure(exit_no_input, "error.trace.not_a_file", {{"path", path}});
}

// The rows the terminal can show: the first ones, then one that says how many more there are.
timeline::Timeline shown_rows(const timeline::Timeline& full, i18n::Language language) {
    if (full.tasks.size() <= max_rows) return full;
    timeline::Timeline shown = full;
    shown.tasks.resize(max_rows - 1);
    timeline::Task more;
    more.id = 0;
    more.name = i18n::tr(language, "trace.more_tasks",
                         {{"count", static_cast<long>(full.tasks.size() - shown.tasks.size())}});
    more.state = timeline::TaskState::done;
    shown.tasks.push_back(std::move(more));
    return shown;
}

struct Traced {
    timeline::Timeline timeline;
    trace::TraceReader reader;
    bool timed_out = false;
    bool interrupted = false;
    int status = 0;  // the process's wait status
};

std::vector<std::string> module_arguments(const TraceRequest& request) {
    std::vector<std::string> args{"-X", "utf8", "-c", std::string(embedded::trace_module())};
    args.insert(args.end(),
                {"--clock", clock_name(request.run), "--speed", std::to_string(request.run.speed),
                 "--events", "3", "--", request.program});
    args.insert(args.end(), request.args.begin(), request.args.end());
    return args;
}

// The timeout in the program's seconds; negative for none.
double timeout_of(const TraceRequest& request) {
    return request.timeout.value_or(
        request.run.clock == asyncio::ClockKind::virtual_time ? virtual_timeout : -1);
}

// Runs the program to its end (or to the timeout, or Ctrl-C). Its printed lines are shown as
// they come unless `quiet`; its stdout goes to stderr when asyncdemo's stdout carries data.
Traced run_traced(const CommandContext& context, const TraceRequest& request, bool quiet,
                  bool stdout_to_stderr) {
    trace::ChildOptions options;
    options.python = request.python.value_or("python3");
    options.arguments = module_arguments(request);
    options.stdout_to_stderr = stdout_to_stderr;
    const double timeout = timeout_of(request);

    Traced traced;
    auto& reader = traced.reader;
    reader.set_limit(timeout);
    const int name_width = 8;
    // When the program's clock started (its first event): the real time since then is its
    // elapsed time, should it be stopped between two events.
    std::optional<Clock::time_point> origin;
    auto on_event = [&](std::string_view line) {
        const auto printed = reader.feed(line);
        if (!origin && reader.started()) origin = Clock::now();
        if (!printed || quiet) return;
        // Outside any task (before asyncio.run, or a program without asyncio) is "main".
        std::string name = reader.task_name(printed->task);
        if (name.empty()) name = "main";
        *context.out << format_line(context, *printed, name, name_width) << "\n" << std::flush;
    };

    SigintGuard sigint;
    const StdoutGoneHook reader_gone(on_reader_gone);
    if (stdout_reader_gone()) interrupted = 1;
    std::optional<trace::PythonChild> child;
    try {
        child.emplace(options);
    } catch (const trace::SpawnError& e) {
        if (e.error == ENOENT || e.error == EACCES)
            throw SystemFailure(exit_unavailable, "error.trace.no_python",
                                {{"python", options.python}});
        throw SystemFailure(
            exit_unavailable, "error.trace.spawn",
            {{"python", options.python}, {"reason", os_reason(context.language, e.error)}});
    }
    bool open = true;
    while (open) {
        open = child->read_events(std::chrono::milliseconds(50), on_event);
        // The program's time, counted from its first event: Python's own start-up is not
        // the program's.
        const double wall =
            origin ? std::chrono::duration<double>(Clock::now() - *origin).count() : 0;
        if (interrupted) {
            traced.interrupted = true;
            break;
        }
        if (timeout >= 0 && (reader.past_limit() || wall * request.run.speed > timeout)) {
            traced.timed_out = true;
            break;
        }
    }
    const double wall = origin ? std::chrono::duration<double>(Clock::now() - *origin).count() : 0;
    // Ctrl-C reaches the program as its own Ctrl-C would (its tasks cancelled, its cleanup
    // run); a timeout ends it where it stands, its time being up.
    if (open)
        child->stop(traced.interrupted ? SIGINT : SIGTERM, std::chrono::milliseconds(1000),
                    on_event);
    traced.status = child->wait();
    timeline::Outcome outcome = timeline::Outcome::ok;
    double elapsed = 0;
    if (traced.interrupted || traced.timed_out) {
        outcome = timeline::Outcome::interrupted;
        // Under the real clock the time went on after the last event; the virtual one stood.
        if (request.run.clock == asyncio::ClockKind::real) elapsed = wall * request.run.speed;
        // Stopped at the limit of the program's time: the timeline goes up to it.
        if (traced.timed_out && (reader.past_limit() || elapsed > timeout)) elapsed = timeout;
    } else if (reader.deadlocked()) {
        outcome = timeline::Outcome::deadlock;
    } else if (reader.error() || reader.exit_code().value_or(0) != 0) {
        outcome = timeline::Outcome::error;
    }
    traced.timeline = reader.finish(outcome, elapsed);
    return traced;
}

// Why the module did not even start, or stopped without saying how it ended.
[[noreturn]] void fail_to_trace(const TraceRequest& request, const Traced& traced) {
    const std::string python = request.python.value_or("python3");
    if (WIFEXITED(traced.status) && WEXITSTATUS(traced.status) == exit_unavailable)
        throw SystemFailure(exit_unavailable, "error.trace.old_python", {{"python", python}});
    const int code =
        WIFEXITED(traced.status) ? WEXITSTATUS(traced.status) : 128 + WTERMSIG(traced.status);
    throw SystemFailure(exit_internal, "error.trace.crashed",
                        {{"python", python}, {"status", code}});
}

// A program that did not compile, a Python that could not run the module, a module that
// stopped without saying how the program ended: each is an error of its own (exit_codes.hpp).
void check_started(const TraceRequest& request, const Traced& traced) {
    const auto& reader = traced.reader;
    if (!reader.started()) fail_to_trace(request, traced);
    if (reader.error() && reader.error()->kind == "syntax") {
        // Nothing ran: Python's own words say what is wrong and where.
        std::cerr << reader.error()->traceback;
        throw SystemFailure(exit_data, "error.trace.syntax", {{"path", request.program}});
    }
    if (!traced.interrupted && !traced.timed_out && !reader.exited() && !reader.deadlocked())
        fail_to_trace(request, traced);
}

std::string outcome_text(const CommandContext& context, const Traced& traced,
                         const TraceRequest& request) {
    const auto language = context.language;
    const auto& style = context.style;
    const auto& reader = traced.reader;
    std::string out;
    if (traced.timed_out) {
        out +=
            style.paint(i18n::tr(language, "trace.timed_out", {{"seconds", timeout_of(request)}}),
                        "33;1") +
            "\n";
    } else if (traced.interrupted) {
        out += i18n::tr(language, "outcome.interrupted") + "\n";
    } else if (reader.deadlocked()) {
        out += style.paint(i18n::tr(language, "outcome.deadlock"), "31;1") + "\n";
        for (const auto& line : render::deadlock_lines(language, reader.deadlock()))
            out += "  " + line + "\n";
    } else if (reader.error()) {
        out += style.paint(
                   i18n::tr(language, "trace.outcome_error", {{"error", reader.error()->error}}),
                   "31;1") +
               "\n";
    } else if (reader.exit_code().value_or(0) != 0) {
        out += i18n::tr(language, "trace.exit_status", {{"code", *reader.exit_code()}}) + "\n";
    }
    return out;
}

int exit_status(const Traced& traced) {
    if (traced.interrupted) return exit_interrupted;
    if (traced.timed_out) return exit_timeout;
    if (traced.reader.deadlocked() || traced.reader.error() ||
        traced.reader.exit_code().value_or(0) != 0)
        return exit_program_failed;
    return exit_ok;
}

RunResult as_run_result(const Traced& traced) {
    RunResult result;
    result.timeline = traced.timeline;
    result.outcome = traced.timeline.outcome;
    if (traced.reader.error()) result.error = traced.reader.error()->error;
    result.deadlock = traced.reader.deadlock();
    return result;
}

}  // namespace

double parse_timeout(const std::string& value) {
    std::string text = value;
    std::replace(text.begin(), text.end(), ',', '.');
    double seconds = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (ec != std::errc{} || end != text.data() + text.size() || !(seconds > 0))
        throw UsageError("error.trace.bad_timeout", {{"value", value}});
    return seconds;
}

bool is_python_program(std::string_view text) {
    return text.ends_with(".py");
}

RunResult trace_for_compare(const CommandContext& context, const std::string& program,
                            const RunSettings& settings) {
    check_program(program);
    TraceRequest request;
    request.program = program;
    request.run = settings;
    const Traced traced = run_traced(context, request, true, false);
    check_started(request, traced);
    return as_run_result(traced);
}

QuietTrace trace_quietly(const CommandContext& context, const TraceRequest& request) {
    check_program(request.program);
    const Traced traced = run_traced(context, request, true, false);
    // Ctrl-C before the program even started is the caller's to act on, not a crash.
    if (traced.interrupted && !traced.reader.started()) return {as_run_result(traced), {}, true};
    check_started(request, traced);
    QuietTrace out{as_run_result(traced), {}, traced.interrupted};
    if (traced.reader.error()) out.traceback = traced.reader.error()->traceback;
    return out;
}

namespace {

// The --json report: the timeline's fields as run --json has them, with the program's.
nlohmann::json trace_report(const TraceRequest& request, const Traced& traced,
                            const RunResult& result, i18n::Language language) {
    const auto& reader = traced.reader;
    nlohmann::json report = {
        {"program", request.program},
        {"python", reader.python_version()},
        {"lang", std::string(i18n::code(language))},
        {"clock", clock_name(request.run)},
        {"speed", request.run.speed},
    };
    report.update(render::timeline_json(traced.timeline));
    report["outcome"] = timeline::to_string(result.outcome);
    report["lines_dropped"] = reader.lines_dropped();
    report["exit_code"] = exit_status(traced);
    if (reader.error()) {
        report["error"] = reader.error()->error;
        report["traceback"] = reader.error()->traceback;
    }
    if (reader.deadlocked()) {
        nlohmann::json waits = nlohmann::json::array();
        for (const auto& w : reader.deadlock())
            waits.push_back({{"task", w.task},
                             {"name", w.name},
                             {"on", std::string(to_string(w.on))},
                             {"detail", w.detail}});
        report["deadlock"] = std::move(waits);
    }
    return report;
}

// The replay page: every task, not only the rows the terminal has room for.
void write_replay(OutputFile& html, const TraceRequest& request, const Traced& traced,
                  const RunResult& result, const render::SvgHeading& heading,
                  i18n::Language language) {
    const auto deadlock = deadlock_of(result);
    render::HtmlPage page{heading.title, heading.subtitle, {}, {}, {}};
    page.runs.push_back({&traced.timeline,
                         trace_report(request, traced, result, language),
                         {},
                         {},
                         deadlock ? &*deadlock : nullptr});
    html.commit(render::html_replay(page, language));
}

// The page after the program's lines: how it ended, the timeline, the summary and the
// program's traceback.
void print_trace_page(const CommandContext& context, const TraceRequest& request,
                      const Traced& traced, const timeline::Timeline& shown) {
    const auto language = context.language;
    const auto& style = context.style;
    const auto& reader = traced.reader;
    auto& out = *context.out;
    out << outcome_text(context, traced, request);
    if (reader.lines_dropped() > 0)
        out << style.dim(i18n::tr(language, "trace.lines_dropped",
                                  {{"count", static_cast<long>(reader.lines_dropped())},
                                   {"kept", static_cast<long>(trace::TraceReader::kept_lines)}}))
            << "\n";
    out << "\n"
        << style.bold(i18n::tr(language, "trace.timeline_heading")) << "\n"
        << render::draw_timeline(shown, language, style) << "\n"
        << render::draw_summary(traced.timeline, language, style);
    if (reader.error() && !reader.error()->traceback.empty()) {
        out << "\n"
            << style.bold(i18n::tr(language, "trace.traceback")) << "\n"
            << reader.error()->traceback;
    }
}

void write_chrome_trace(OutputFile& file, const TraceRequest& request, const Traced& traced,
                        const RunResult& result, const std::string& title,
                        i18n::Language language) {
    render::TraceInfo info;
    info.lesson = request.program;
    info.title = title;
    info.language = language;
    info.clock = clock_name(request.run);
    info.speed = request.run.speed;
    info.outcome = timeline::to_string(result.outcome);
    file.commit(render::chrome_trace(traced.timeline, info)
                    .dump(1, ' ', false, nlohmann::json::error_handler_t::replace) +
                "\n");
}

}  // namespace

int command_trace(const CommandContext& given, const TraceRequest& request) {
    check_program(request.program);
    const auto language = given.language;
    const auto page = page_for(request.svg_size, request.svg_path);
    std::optional<OutputFile> svg, chrome, html;
    if (request.svg_path) svg.emplace(*request.svg_path, language);
    if (request.trace_path) chrome.emplace(*request.trace_path, language);
    if (request.html_path) html.emplace(*request.html_path, language);
    CommandContext context = given;
    const bool picture_on_stdout = (svg && svg->writes_to_stdout()) ||
                                   (chrome && chrome->writes_to_stdout()) ||
                                   (html && html->writes_to_stdout());
    if (picture_on_stdout) context.out = &std::cerr;
    auto& out = *context.out;
    const auto& style = context.style;
    const bool quiet = request.as_json;
    const bool stdout_is_data = request.as_json || picture_on_stdout;

    if (!quiet) {
        out << style.bold(i18n::tr(language, "trace.header", {{"program", request.program}}))
            << "\n"
            << (request.run.clock == asyncio::ClockKind::virtual_time
                    ? i18n::tr(language, "trace.clock_virtual")
                    : i18n::tr(language, "run.clock_real", {{"speed", request.run.speed}}))
            << "\n\n"
            << style.bold(i18n::tr(language, "run.output")) << "\n"
            << std::flush;
    }
    Traced traced = run_traced(context, request, quiet, stdout_is_data);
    const auto& reader = traced.reader;
    if (traced.interrupted && !reader.started()) {
        out << i18n::tr(language, "outcome.interrupted") << "\n";
        return exit_interrupted;
    }
    check_started(request, traced);

    const RunResult result = as_run_result(traced);
    const std::string title = i18n::tr(language, "trace.header", {{"program", request.program}});
    const std::string subtitle =
        request.run.clock == asyncio::ClockKind::virtual_time
            ? i18n::tr(language, "picture.clock_virtual")
            : i18n::tr(language, "picture.clock_real", {{"speed", request.run.speed}});
    const timeline::Timeline shown = shown_rows(traced.timeline, language);
    if (svg) {
        const auto deadlock = deadlock_of(result);
        svg->commit(render::svg_timeline(shown, {title, subtitle}, language,
                                         {page, deadlock ? &*deadlock : nullptr}));
    }
    if (chrome) write_chrome_trace(*chrome, request, traced, result, title, language);

    if (html) write_replay(*html, request, traced, result, {title, subtitle}, language);

    // Nobody reads any more (`| head`): no page to draw.
    if (stdout_reader_gone() && &out == &std::cout) return exit_status(traced);
    if (request.as_json) {
        out << trace_report(request, traced, result, language)
                   .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
            << "\n";
        return exit_status(traced);
    }

    print_trace_page(context, request, traced, shown);
    std::string saved;
    if (svg) saved += i18n::tr(language, "output.svg_saved", {{"path", svg->path()}}) + "\n";
    if (chrome)
        saved += i18n::tr(language, "output.trace_saved", {{"path", chrome->path()}}) + "\n";
    if (html) saved += i18n::tr(language, "output.html_saved", {{"path", html->path()}}) + "\n";
    if (!saved.empty()) out << "\n" << saved;
    return exit_status(traced);
}

Command add_trace_command(CLI::App& app, const CommandSetup& setup) {
    struct Options {
        TraceRequest request;
        std::string clock = "real", speed = "1";
        std::optional<std::string> timeout;
    };
    auto options = std::make_shared<Options>();
    auto& request = options->request;
    auto* trace = setup.add(app, "trace");
    trace
        ->add_option(setup.text("help.arg.program"), request.program,
                     setup.text("help.opt.trace.program"))
        ->required()
        ->type_name("");
    trace->add_option("ARGS", request.args, setup.text("help.opt.trace.args"))->type_name("");
    trace->add_option("--python", request.python, setup.text("help.opt.trace.python"))
        ->type_name(setup.text("help.type.file"));
    trace->add_option("--clock", options->clock, setup.text("help.opt.trace.clock"))
        ->type_name("real|virtual");
    trace->add_option("--speed", options->speed, setup.text("help.opt.run.speed"))
        ->type_name(setup.text("help.type.number"));
    trace->add_flag("--json", request.as_json, setup.text("help.opt.trace.json"));
    trace->add_option("--svg", request.svg_path, setup.text("help.opt.run.svg"))
        ->type_name(setup.text("help.type.file"));
    trace->add_option("--size", request.svg_size, setup.text("help.opt.size"))
        ->type_name(setup.text("help.type.size"));
    trace->add_option("--trace", request.trace_path, setup.text("help.opt.run.trace"))
        ->type_name(setup.text("help.type.file"));
    trace->add_option("--html", request.html_path, setup.text("help.opt.html"))
        ->type_name(setup.text("help.type.file"));
    trace->add_option("--timeout", options->timeout, setup.text("help.opt.trace.timeout"))
        ->type_name(setup.text("help.type.seconds"));

    Command command;
    command.app = trace;
    command.run = [options](const CommandContext& context) {
        TraceRequest request = options->request;
        request.run.language = context.language;
        request.run.clock = parse_clock(options->clock);
        request.run.speed = parse_speed(options->speed);
        if (options->timeout) request.timeout = parse_timeout(*options->timeout);
        return command_trace(context, request);
    };
    command.writes_data = [options] { return options->request.as_json; };
    return command;
}
