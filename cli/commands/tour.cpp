#include "commands/tour.hpp"

#include <signal.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <csignal>
#include <iostream>
#include <memory>
#include <ostream>

#include "commands/show.hpp"
#include "exit_codes.hpp"
#include "i18n/width.hpp"
#include "runner/run_page.hpp"
#include "standard_streams.hpp"
#include "system_failure.hpp"
#include "usage_error.hpp"

namespace {

struct Quit {};
struct Interrupted {};  // Ctrl-C: the tour ends as a quit does, with exit code 130

// Ctrl-C at a prompt. Outside a run SIGINT would end the process at once, before the place
// is saved and said; during the wait for a line it gets a handler of ours, installed without
// SA_RESTART so that the read returns and the line is never finished.
volatile std::sig_atomic_t prompt_interrupted = 0;
void note_prompt_interrupt(int) {
    prompt_interrupted = 1;
}

class PromptInterrupt {
  public:
    PromptInterrupt() {
        SignalAction ours{};
        ours.sa_handler = note_prompt_interrupt;
        sigemptyset(&ours.sa_mask);
        prompt_interrupted = 0;
        sigaction(SIGINT, &ours, &theirs_);
    }
    ~PromptInterrupt() { sigaction(SIGINT, &theirs_, nullptr); }
    PromptInterrupt(const PromptInterrupt&) = delete;
    PromptInterrupt& operator=(const PromptInterrupt&) = delete;
    bool seen() const { return prompt_interrupted != 0; }

  private:
    using SignalAction = struct sigaction;
    SignalAction theirs_{};
};

class Conversation {
  public:
    Conversation(const CommandContext& context, std::istream& in, bool no_pause)
        : context_(context), in_(in), no_pause_(no_pause) {}

    // Waits for Enter; q (or the end of input) leaves the tour.
    void pause(std::string_view key) {
        if (no_pause_) return;
        auto line = ask(i18n::tr(context_.language, std::string(key)));
        if (!line) throw Quit{};
    }

    // One line of input; nullopt for q or the end of input.
    std::optional<std::string> ask(const std::string& prompt) {
        *context_.out << context_.style.dim(prompt) << " " << std::flush;
        // Nobody reads the prompt (`| head`): leave as Ctrl-C does, the place saved.
        if (stdout_reader_gone()) throw Interrupted{};
        std::string line;
        PromptInterrupt interrupt;
        const bool read = static_cast<bool>(std::getline(in_, line));
        if (interrupt.seen()) {
            *context_.out << "\n";
            throw Interrupted{};
        }
        if (!read) {
            *context_.out << "\n";
            return std::nullopt;
        }
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
        while (!line.empty() && line.front() == ' ') line.erase(line.begin());
        if (line == "q" || line == "Q") return std::nullopt;
        return line;
    }

    bool no_pause() const { return no_pause_; }

  private:
    const CommandContext& context_;
    std::istream& in_;
    bool no_pause_;
};

std::optional<double> parse_seconds(std::string text) {
    for (auto& c : text)
        if (c == ',') c = '.';
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

// The student's prediction: an option index, a number of seconds, or nothing (skipped).
struct Prediction {
    std::optional<std::size_t> option;
    std::optional<double> seconds;
};

Prediction ask_question(const CommandContext& context, const catalogue::Question& q,
                        Conversation& talk) {
    const auto language = context.language;
    auto& out = *context.out;
    // Wrapped like the narration, at the same width: a question that runs past the
    // terminal's edge breaks in the middle of a word.
    const int width = std::min(context.style.width, 100);
    const std::string heading = i18n::tr(language, "tour.question");
    const std::string question = i18n::wrap(heading + " " + q.prompt.in(language), width);
    out << "\n" << context.style.bold(heading) << question.substr(heading.size());
    for (std::size_t i = 0; i < q.options.size(); ++i) {
        const std::string number = "  " + std::to_string(i + 1) + ") ";
        const std::string indent(number.size(), ' ');
        const std::string wrapped = i18n::wrap(q.options[i].in(language), width, indent);
        // The number takes the place of the first line's indent.
        out << number << wrapped.substr(indent.size());
    }
    Prediction prediction;
    if (talk.no_pause()) return prediction;
    const auto count = static_cast<std::int64_t>(q.options.size());
    for (;;) {
        auto answer = q.options.empty()
                          ? talk.ask(i18n::tr(language, "tour.answer_seconds"))
                          : talk.ask(i18n::tr(language, "tour.answer_option", {{"max", count}}));
        if (!answer) throw Quit{};
        if (answer->empty()) return prediction;
        if (q.options.empty()) {
            if ((prediction.seconds = parse_seconds(*answer))) return prediction;
            out << i18n::tr(language, "tour.bad_seconds") << "\n";
        } else {
            int n = 0;
            auto [end, ec] = std::from_chars(answer->data(), answer->data() + answer->size(), n);
            if (ec == std::errc{} && end == answer->data() + answer->size() && n >= 1 &&
                n <= count) {
                prediction.option = static_cast<std::size_t>(n - 1);
                return prediction;
            }
            out << i18n::tr(language, "tour.bad_option", {{"max", count}}) << "\n";
        }
    }
}

// Prints how the prediction went; returns whether it was right (nullopt: not answered).
std::optional<bool> judge(const CommandContext& context, const catalogue::Question& q,
                          const Prediction& p, double elapsed) {
    const auto language = context.language;
    auto& out = *context.out;
    const auto& style = context.style;
    std::optional<bool> right;
    const double shown = std::round(elapsed * 1000) / 1000;
    if (q.options.empty()) {
        if (p.seconds) {
            // Generous: a real-clock run ends a few milliseconds after its lesson time.
            right = std::fabs(*p.seconds - elapsed) <= std::max(0.1, 0.02 * elapsed);
            out << (*right ? style.paint(i18n::tr(language, "tour.right"), "32;1")
                           : style.paint(
                                 i18n::tr(language, "tour.wrong_seconds", {{"elapsed", shown}}),
                                 "31;1"));
        } else {
            out << style.bold(i18n::tr(language, "tour.took", {{"elapsed", shown}}));
        }
    } else {
        std::size_t index = 0;
        std::from_chars(q.answer.data(), q.answer.data() + q.answer.size(), index);
        const std::string answer = std::to_string(index + 1) + ") " +
                                   (index < q.options.size() ? q.options[index].in(language) : "");
        if (p.option) {
            right = *p.option == index;
            out << (*right
                        ? style.paint(i18n::tr(language, "tour.right"), "32;1")
                        : style.paint(i18n::tr(language, "tour.wrong_option", {{"answer", answer}}),
                                      "31;1"));
        } else {
            out << style.bold(i18n::tr(language, "tour.the_answer", {{"answer", answer}}));
        }
    }
    out << "\n" << i18n::wrap(q.explanation.in(language), std::min(style.width, 100)) << "\n";
    return right;
}

// Saves the progress while it can be kept. The first failure is said once, with the path and
// the reason, and the tour goes on without saving rather than stopping the class.
class Keeper {
  public:
    Keeper(const CommandContext& context, const ProgressStore& store)
        : context_(context), store_(store) {}

    void save(const Progress& progress) {
        if (!keeping_) return;
        try {
            store_.save(progress);
        } catch (const ProgressError& e) {
            keeping_ = false;
            const auto language = context_.language;
            *context_.out << context_.style.paint(
                                 "⚠ " + i18n::tr(language, "tour.not_kept",
                                                 {{"path", e.path.string()},
                                                  {"reason", os_reason(language, e.error)}}),
                                 "33")
                          << "\n";
        }
    }
    bool keeping() const { return keeping_; }

  private:
    const CommandContext& context_;
    const ProgressStore& store_;
    bool keeping_ = true;
};

// Leaving before the end: the place is saved (if it can be) and said.
void say_where(const CommandContext& context, Keeper& keeper, const Progress& progress) {
    keeper.save(progress);
    *context.out << "\n"
                 << i18n::tr(context.language, keeper.keeping() ? "tour.saved" : "tour.not_saved",
                             {{"number", progress.next_lesson}})
                 << "\n";
}

// One lesson of the tour, the `place`th of `count`: introduction, code, question, run, answer
// and what to notice. A right or wrong prediction is kept in `progress`.
void tour_lesson(const CommandContext& context, const RunSettings& settings,
                 const catalogue::Lesson& lesson, std::pair<std::int64_t, std::int64_t> place,
                 Conversation& talk, Progress& progress) {
    const auto language = context.language;
    auto& out = *context.out;
    const auto params = catalogue::defaults(lesson);
    out << "\n"
        << context.style.bold(i18n::tr(language, "tour.lesson",
                                       {{"number", lesson.number},
                                        {"title", lesson.title.in(language)},
                                        {"index", place.first},
                                        {"count", place.second}}))
        << "\n\n";
    print_intro(context, lesson, params);
    talk.pause("tour.enter_code");
    out << "\n";
    print_sources(context, lesson, ShowWhich::both);
    Prediction prediction;
    if (lesson.question) prediction = ask_question(context, *lesson.question, talk);
    out << "\n";
    const auto result = run_and_show(context, lesson, params, settings);
    out << "\n";
    if (result.outcome == timeline::Outcome::interrupted) throw Interrupted{};
    if (lesson.question) {
        if (auto right = judge(context, *lesson.question, prediction, result.timeline.elapsed))
            progress.answers[lesson.slug] = *right;
        out << "\n";
    }
    print_notice(context, lesson, params);
}

}  // namespace

int command_tour(const CommandContext& context, const TourOptions& options,
                 const ProgressStore& store, std::istream& in) {
    const auto& lessons = context.catalogue->lessons;
    const auto language = context.language;
    const auto& style = context.style;
    auto& out = *context.out;
    if (options.from && std::none_of(lessons.begin(), lessons.end(),
                                     [&](const auto& l) { return l.number == *options.from; })) {
        throw UsageError("error.no_lesson_number", {{"number", std::int64_t{*options.from}},
                                                    {"ranges", lesson_number_ranges(lessons)}});
    }
    std::optional<std::filesystem::path> set_aside;
    Progress progress = store.load(&set_aside);
    if (set_aside) {
        out << style.paint(std::string(style.pick("⚠", "!")) + " " +
                               i18n::tr(language, "tour.damaged", {{"path", set_aside->string()}}),
                           "33")
            << "\n";
    }
    const int start_number = options.from.value_or(progress.next_lesson);
    std::size_t start = 0;
    while (start < lessons.size() && lessons[start].number < start_number) ++start;
    if (start == lessons.size()) start = 0;  // past the end: from the start again

    const auto count = static_cast<std::int64_t>(lessons.size());
    out << style.bold(i18n::tr(language, "tour.welcome", {{"count", count}})) << "\n"
        << style.dim(i18n::tr(language, "run.language")) << "\n";
    if (start > 0)
        out << i18n::tr(language, "tour.resume", {{"number", lessons[start].number}}) << "\n";

    Conversation talk(context, in, options.no_pause);
    Keeper keeper(context, store);
    try {
        for (std::size_t i = start; i < lessons.size(); ++i) {
            const auto& lesson = lessons[i];
            progress.next_lesson = lesson.number;
            keeper.save(progress);
            tour_lesson(context, options.run, lesson, {static_cast<std::int64_t>(i + 1), count},
                        talk, progress);
            progress.done[lesson.slug] = true;
            progress.next_lesson = i + 1 < lessons.size() ? lessons[i + 1].number : 0;
            keeper.save(progress);
            if (i + 1 < lessons.size()) talk.pause("tour.enter_next");
        }
    } catch (const Quit&) {
        say_where(context, keeper, progress);
        return exit_ok;
    } catch (const Interrupted&) {
        // The interrupted lesson is not done: the next tour starts with it again.
        say_where(context, keeper, progress);
        return exit_interrupted;
    }
    std::int64_t right = 0, asked = 0;
    for (const auto& [slug, ok] : progress.answers) {
        ++asked;
        right += ok;
    }
    out << "\n"
        << style.bold(i18n::tr(language, "tour.finished", {{"right", right}, {"asked", asked}}))
        << "\n";
    return 0;
}

Command add_tour_command(CLI::App& app, const CommandSetup& setup) {
    struct Options {
        std::optional<int> from;
        bool no_pause = false;
        std::string clock = "real", speed = "1";
    };
    auto options = std::make_shared<Options>();
    auto* tour = setup.add(app, "tour");
    tour->add_option("--from", options->from, setup.text("help.opt.tour.from"))->type_name("N");
    tour->add_flag("--no-pause", options->no_pause, setup.text("help.opt.tour.no_pause"));
    tour->add_option("--clock", options->clock, setup.text("help.opt.tour.clock"))
        ->type_name("real|virtual");
    tour->add_option("--speed", options->speed, setup.text("help.opt.speed"))
        ->type_name(setup.text("help.type.number"));

    Command command;
    command.app = tour;
    command.run = [options](const CommandContext& context) {
        TourOptions tour_options;
        tour_options.from = options->from;
        tour_options.no_pause = options->no_pause;
        tour_options.run = run_settings(context, options->clock, options->speed);
        return command_tour(context, tour_options, ProgressStore::standard(), std::cin);
    };
    return command;
}
