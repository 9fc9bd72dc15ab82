#include "exercise/checker.hpp"

#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>
#include <vector>

#include "commands/trace.hpp"
#include "exercise/exercises.hpp"
#include "exercise/facts.hpp"
#include "exercise/keeper.hpp"
#include "exit_codes.hpp"
#include "i18n/messages.hpp"
#include "i18n/width.hpp"
#include "render/json_report.hpp"
#include "render/terminal_timeline.hpp"
#include "standard_streams.hpp"
#include "system_failure.hpp"
#include "usage_error.hpp"

namespace exercise {

namespace {

// A run that has not ended after this many seconds of its time (or of real time) is stopped:
// the fact "ends without an error" then does not hold, and the timeline so far is shown.
constexpr double check_timeout = 60;

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// The exercise a file is, and the language it was started in: its first line is the starter's
// title line in one of the languages; otherwise its name (gather.py) and the class's language.
std::pair<const Exercise*, i18n::Language> identify(const std::string& source,
                                                    const std::string& path,
                                                    i18n::Language language) {
    const std::string first = source.substr(0, source.find('\n'));
    for (const auto& e : all()) {
        const auto title = e.text.find("title");
        if (title == e.text.end()) continue;
        for (auto lang : {i18n::Language::en, i18n::Language::pt_BR, i18n::Language::uk})
            if (first == "# " + title->second.in(lang)) return {&e, lang};
    }
    const std::string stem = std::filesystem::path(path).stem().string();
    if (const auto* e = find(stem)) return {e, language};
    throw UsageError("error.exercise.unknown_file", {{"path", path}, {"names", names()}});
}

// A folder of its own for the variants and the reference, removed with everything in it.
class Scratch {
  public:
    explicit Scratch(i18n::Language language) {
        std::string pattern = std::filesystem::temp_directory_path() / "asyncdemo-ex-XXXXXX";
        if (!mkdtemp(pattern.data()))
            throw SystemFailure(exit_cannot_create, "error.exercise.scratch",
                                {{"path", pattern}, {"reason", os_reason(language, errno)}});
        path_ = pattern;
    }
    ~Scratch() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
    std::string write(const std::string& name, const std::string& text) const {
        const auto file = path_ / name;
        std::ofstream(file, std::ios::binary) << text;
        return file.string();
    }

  private:
    std::filesystem::path path_;
};

QuietTrace traced(const CommandContext& context, const CheckRequest& request,
                  const std::string& program) {
    TraceRequest trace;
    trace.program = program;
    trace.python = request.python;
    trace.run.language = context.language;
    trace.run.clock = asyncio::ClockKind::virtual_time;
    trace.timeout = check_timeout;
    return trace_quietly(context, trace);
}

struct FactVerdict {
    const Fact* fact = nullptr;
    bool holds = true;
    bool as_written = true;  // held on the file as written
    double measured = -1;    // on the first run where it did not hold
};

struct Checked {
    const Exercise* exercise = nullptr;
    i18n::Language language = i18n::Language::en;
    QuietTrace first;     // the file as written
    RunResult reference;  // the reference with the file's own constants
    std::vector<FactVerdict> facts;
    int runs = 0;
    bool interrupted = false;  // Ctrl-C stopped one of the runs
    bool solved() const {
        if (interrupted) return false;
        for (const auto& f : facts)
            if (!f.holds) return false;
        return true;
    }
};

// The variant's values, limited to the constants the student's file still assigns.
Checked run_all(const CommandContext& context, const CheckRequest& request) {
    // As trace says it (66), before the file is read to know which exercise it is.
    std::error_code ec;
    if (!std::filesystem::exists(request.file, ec))
        throw SystemFailure(exit_no_input, "error.trace.no_file", {{"path", request.file}});
    if (!std::filesystem::is_regular_file(request.file, ec))
        throw SystemFailure(exit_no_input, "error.trace.not_a_file", {{"path", request.file}});
    const std::string source = read_file(request.file);
    const auto [exercise, language] = identify(source, request.file, context.language);
    Checked out;
    out.exercise = exercise;
    out.language = language;
    out.first = traced(context, request, request.file);
    for (const auto& fact : exercise->facts) out.facts.push_back({&fact});
    const Scratch scratch(context.language);
    const std::string reference = program(*exercise, true, language);
    std::vector<std::map<std::string, std::string>> sets{{}};
    sets.insert(sets.end(), exercise->variants.begin(), exercise->variants.end());
    if (auto seeded = seeded_variant(*exercise, source)) sets.push_back(std::move(*seeded));
    for (std::size_t i = 0; i < sets.size(); ++i) {
        const std::string mine = with_constants(source, sets[i]);
        const QuietTrace student_run =
            i == 0 ? out.first
                   : traced(context, request, scratch.write(exercise->name + ".py", mine));
        const QuietTrace model_run = traced(
            context, request, scratch.write("reference.py", with_constants(reference, sets[i])));
        const RunResult& student = student_run.result;
        const RunResult& model = model_run.result;
        if (i == 0) out.reference = model;
        if (student_run.interrupted || model_run.interrupted) {
            out.interrupted = true;  // Ctrl-C: no more runs
            break;
        }
        for (auto& verdict : out.facts) {
            const auto limit = constant_value(mine, verdict.fact->constant);
            const auto result = check_fact(verdict.fact->kind, student, model, limit);
            if (!result.holds && verdict.holds) verdict.measured = result.measured;
            if (!result.holds && i == 0) verdict.as_written = false;
            verdict.holds = verdict.holds && result.holds;
        }
        ++out.runs;
    }
    return out;
}

std::string fact_text(const CommandContext& context, const Checked& checked,
                      const FactVerdict& verdict) {
    const auto language = context.language;
    const auto& kind = verdict.fact->kind;
    std::string text = i18n::tr(
        language, "exercise.fact." + kind,
        {{"seconds", checked.reference.timeline.elapsed}, {"constant", verdict.fact->constant}});
    // The measure of the file as written; a fact that held there is explained below instead.
    if (!verdict.holds && !verdict.as_written && verdict.measured >= 0)
        text +=
            " " + i18n::tr(language, "exercise.measured." + kind, {{"value", verdict.measured}});
    // A sentence of its own after the fact's phrase.
    if (!verdict.holds && verdict.as_written)
        text += ". " + i18n::tr(language, "exercise.only_as_written");
    return text;
}

const FactVerdict* first_failing(const Checked& checked) {
    for (const auto& f : checked.facts)
        if (!f.holds) return &f;
    return nullptr;
}

nlohmann::json report(const CommandContext& context, const CheckRequest& request,
                      const Checked& checked) {
    nlohmann::json facts = nlohmann::json::array();
    for (const auto& f : checked.facts)
        facts.push_back({{"fact", f.fact->kind},
                         {"holds", f.holds},
                         {"holds_as_written", f.as_written},
                         {"text", fact_text(context, checked, f)}});
    nlohmann::json out = {{"exercise", checked.exercise->name},
                          {"file", request.file},
                          {"lang", std::string(i18n::code(context.language))},
                          {"runs", checked.runs},
                          {"solved", checked.solved()},
                          {"facts", facts}};
    if (const auto* failing = first_failing(checked))
        out["hint"] = failing->fact->hint.in(context.language);
    out["timeline"] = render::timeline_json(checked.first.result.timeline);
    if (!checked.first.traceback.empty()) out["traceback"] = checked.first.traceback;
    return out;
}

void print_page(const CommandContext& context, const CheckRequest& request,
                const Checked& checked) {
    const auto language = context.language;
    const auto& style = context.style;
    auto& out = *context.out;
    const auto& e = *checked.exercise;
    out << style.bold(i18n::tr(language, "exercise.checking",
                               {{"path", request.file},
                                {"name", e.name},
                                {"title", e.title.in(language)},
                                {"runs", checked.runs}}))
        << "\n\n";
    for (const auto& f : checked.facts) {
        const std::string mark = f.holds ? style.paint(style.pick("✓", "+"), "32")
                                         : style.paint(style.pick("✗", "x"), "31");
        const std::string word =
            i18n::tr(language, f.holds ? "exercise.holds" : "exercise.does_not_hold");
        out << "  " << mark << " " << word << ": " << fact_text(context, checked, f) << "\n";
    }
    const auto& timeline = checked.first.result.timeline;
    if (checked.first.result.outcome == timeline::Outcome::interrupted)
        out << "\n"
            << i18n::tr(language, "exercise.timed_out", {{"seconds", check_timeout}}) << "\n";
    out << "\n"
        << style.bold(i18n::tr(language, "trace.timeline_heading")) << "\n"
        << render::draw_timeline(timeline, language, style) << "\n"
        << render::draw_summary(timeline, language, style);
    if (!checked.first.traceback.empty())
        out << "\n"
            << style.bold(i18n::tr(language, "trace.traceback")) << "\n"
            << checked.first.traceback;
    out << "\n";
    if (const auto* failing = first_failing(checked)) {
        out << i18n::wrap(
                   i18n::tr(language, "exercise.hint") + " " + failing->fact->hint.in(language),
                   std::min(style.width, 100))
            << "\n";
    } else {
        out << style.paint(i18n::tr(language, "exercise.solved", {{"name", e.name}}), "32;1")
            << "\n";
    }
}

}  // namespace

namespace {

int check_once(const CommandContext& context, const CheckRequest& request, bool& interrupted) {
    const Checked checked = run_all(context, request);
    interrupted = checked.interrupted;
    if (request.as_json) {
        *context.out << report(context, request, checked)
                            .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
                     << "\n";
    } else {
        print_page(context, request, checked);
    }
    if (!checked.solved()) return exit_program_failed;
    record(context, checked.exercise->name, "solved");
    return exit_ok;
}

}  // namespace

int check(const CommandContext& context, const CheckRequest& request) {
    bool interrupted = false;
    const int code = check_once(context, request, interrupted);
    return interrupted ? exit_interrupted : code;
}

namespace {

volatile std::sig_atomic_t stop_watching = 0;

extern "C" void on_watch_sigint(int) {
    stop_watching = 1;
}

std::optional<std::filesystem::file_time_type> changed_at(const std::string& path) {
    std::error_code ec;
    const auto when = std::filesystem::last_write_time(path, ec);
    if (ec) return std::nullopt;
    return when;
}

}  // namespace

int watch(const CommandContext& context, const CheckRequest& request) {
    struct sigaction ours {
    }, theirs{};
    ours.sa_handler = on_watch_sigint;
    sigemptyset(&ours.sa_mask);
    stop_watching = 0;
    sigaction(SIGINT, &ours, &theirs);
    auto seen = changed_at(request.file);
    // Nobody reads any more (`| head`): the watch ends as Ctrl-C ends it.
    while (!stop_watching && !stdout_reader_gone()) {
        try {
            bool interrupted = false;
            check_once(context, request, interrupted);
            // Ctrl-C during a run reached the trace, which stopped it: the watch ends too.
            if (interrupted) break;
        } catch (const SystemFailure& e) {
            // A file being written, or saved with a syntax error: said, and watched on.
            *context.out << "asyncdemo: " << e.message(context.language) << "\n";
        }
        *context.out << context.style.dim(i18n::tr(context.language, "exercise.watching",
                                                   {{"path", request.file}}))
                     << "\n"
                     << std::flush;
        while (!stop_watching && !stdout_reader_gone()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            const auto now = changed_at(request.file);
            if (now && now != seen) {
                // An editor may write the file in several goes: wait until it stands still.
                seen = now;
                std::this_thread::sleep_for(std::chrono::milliseconds(200));
                if (changed_at(request.file) != seen) continue;
                break;
            }
        }
    }
    sigaction(SIGINT, &theirs, nullptr);
    return exit_interrupted;
}

}  // namespace exercise
