#include "runner/lesson_runner.hpp"

#include <optional>
#include <stdexcept>

#include "asyncio/asyncio.hpp"
#include "i18n/format.hpp"
#include "registry.hpp"
#include "runner/second_interrupt.hpp"
#include "runner/stopped.hpp"
#include "standard_streams.hpp"

namespace {

// Both the recorder and an optional extra observer hear every event.
class Fanout : public asyncio::Observer {
  public:
    Fanout(asyncio::Observer& first, asyncio::Observer* second) : first_(first), second_(second) {}
    void task_created(asyncio::TaskId id, std::string_view name, asyncio::TaskId parent,
                      double t) override {
        first_.task_created(id, name, parent, t);
        if (second_) second_->task_created(id, name, parent, t);
        last_ = t;
    }
    void task_step_began(asyncio::TaskId id, double t) override {
        first_.task_step_began(id, t);
        if (second_) second_->task_step_began(id, t);
        last_ = t;
    }
    void task_suspended(const asyncio::WaitInfo& wait, double t) override {
        first_.task_suspended(wait, t);
        if (second_) second_->task_suspended(wait, t);
        last_ = t;
    }
    void task_finished(asyncio::TaskId id, asyncio::TaskOutcome outcome, std::string_view error,
                       double t) override {
        first_.task_finished(id, outcome, error, t);
        if (second_) second_->task_finished(id, outcome, error, t);
        last_ = t;
        if (id == 1) main_finished_ = t;
    }
    void diagnostic(asyncio::DiagnosticKind kind, std::string_view subject,
                    std::string_view detail) override {
        first_.diagnostic(kind, subject, detail);
        if (second_) second_->diagnostic(kind, subject, detail);
    }
    void callback_ran(double t) override {
        if (second_) second_->callback_ran(t);
    }
    void pass_finished(double t) override {
        if (second_) second_->pass_finished(t);
    }
    // When main ended; for a run that never ended (deadlock), the last event.
    double elapsed() const { return main_finished_ >= 0 ? main_finished_ : last_; }

  private:
    asyncio::Observer& first_;
    asyncio::Observer* second_;
    double last_ = 0;
    double main_finished_ = -1;
};

class RunContext : public lesson::Context {
  public:
    RunContext(const catalogue::Catalogue& catalogue, const catalogue::Lesson& lesson,
               const catalogue::ParamValues& params, i18n::Language language,
               timeline::Recorder& recorder, const RunCallbacks& callbacks)
        : catalogue_(catalogue),
          lesson_(lesson),
          params_(params),
          language_(language),
          recorder_(recorder),
          callbacks_(callbacks) {}

    double number(std::string_view name) const override {
        const auto& v = get(name);
        if (auto* d = std::get_if<double>(&v)) return *d;
        if (auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
        throw std::logic_error("param " + std::string(name) + " is not a number");
    }
    asyncio::Duration duration(std::string_view name) const override {
        const auto& v = get(name);
        if (auto* d = std::get_if<std::chrono::nanoseconds>(&v)) return *d;
        throw std::logic_error("param " + std::string(name) + " is not a duration (seconds)");
    }
    std::int64_t integer(std::string_view name) const override {
        const auto& v = get(name);
        if (auto* i = std::get_if<std::int64_t>(&v)) return *i;
        throw std::logic_error("param " + std::string(name) + " is not an integer");
    }
    std::vector<double> numbers(std::string_view name) const override {
        const auto& v = get(name);
        if (auto* list = std::get_if<std::vector<double>>(&v)) return *list;
        throw std::logic_error("param " + std::string(name) + " is not a list");
    }
    std::vector<asyncio::Duration> durations(std::string_view name) const override {
        const auto& v = get(name);
        if (auto* list = std::get_if<std::vector<std::chrono::nanoseconds>>(&v)) return *list;
        throw std::logic_error("param " + std::string(name) + " is not a list of durations");
    }
    std::string choice(std::string_view name) const override {
        const auto& v = get(name);
        if (auto* s = std::get_if<std::string>(&v)) return *s;
        throw std::logic_error("param " + std::string(name) + " is not a choice");
    }

    void say(std::string_view key, std::initializer_list<lesson::Arg> args) override {
        const auto* text = catalogue_.line(lesson_, key);
        if (!text) {
            throw std::logic_error("lesson " + lesson_.slug + " says '" + std::string(key) +
                                   "', which lessons.json does not declare");
        }
        auto* loop = asyncio::EventLoop::current_or_null();
        auto* task = asyncio::current_task();
        timeline::OutputLine line{loop ? loop->time() : 0.0, task ? task->id() : 0,
                                  std::string(key),
                                  i18n::fill(language_, text->in(language_), args)};
        recorder_.add_output(line.t, line.task, line.key, line.text);
        if (callbacks_.on_line) callbacks_.on_line(line, task ? task->get_name() : "");
    }

  private:
    const catalogue::ParamValue& get(std::string_view name) const {
        auto it = params_.find(name);
        if (it == params_.end())
            throw std::logic_error("lesson " + lesson_.slug + " has no param " + std::string(name));
        return it->second;
    }
    const catalogue::Catalogue& catalogue_;
    const catalogue::Lesson& lesson_;
    const catalogue::ParamValues& params_;
    i18n::Language language_;
    timeline::Recorder& recorder_;
    const RunCallbacks& callbacks_;
};

}  // namespace

RunResult run_lesson(const catalogue::Catalogue& catalogue, const catalogue::Lesson& lesson,
                     const catalogue::ParamValues& params, const RunSettings& settings,
                     const RunCallbacks& callbacks) {
    const auto program = lesson::find_program(lesson.slug);
    if (!program) throw catalogue::CatalogueError(lesson.slug, "slug", "catalogue.no_program");
    timeline::Recorder recorder;
    recorder.on_diagnostic = callbacks.on_diagnostic;
    Fanout fanout(recorder, callbacks.observer);
    RunContext context(catalogue, lesson, params, settings.language, recorder, callbacks);

    asyncio::RunOptions options;
    options.clock = settings.clock;
    options.speed = settings.speed;
    options.observer = &fanout;
    options.handle_sigint = settings.handle_sigint;
    if (settings.handle_sigint) {
        interrupt::prepare_second(settings.language);
        options.on_second_sigint = interrupt::leave_at_once;
    }

    RunResult result;
    // stdout's reader gone (`| head -3` has its lines) stops the run as the first Ctrl-C
    // does: tasks cancelled, servers closed, temporary files removed. Gone already, the run
    // does not even start.
    std::optional<StdoutGoneHook> reader_gone;
    if (settings.handle_sigint) {
        if (stdout_reader_gone()) {
            result.outcome = timeline::Outcome::interrupted;
            result.timeline = recorder.finish(0, result.outcome);
            return result;
        }
        reader_gone.emplace(asyncio::interrupt_run);
    }
    try {
        if (program.drive) {
            program.drive(context, asyncio::LoopOptions{settings.clock, settings.speed, &fanout});
        } else {
            asyncio::run(program.main(context), options);
        }
    } catch (const asyncio::DeadlockError& e) {
        result.outcome = timeline::Outcome::deadlock;
        result.deadlock = e.waits();
    } catch (const asyncio::KeyboardInterrupt&) {
        result.outcome = timeline::Outcome::interrupted;
    } catch (const RunStopped&) {
        result.outcome = timeline::Outcome::stopped;
    } catch (const std::logic_error&) {
        throw;  // a lesson that does not match its catalogue entry: an internal error
    } catch (...) {
        result.outcome = timeline::Outcome::error;
        result.error = asyncio::describe(std::current_exception());
    }
    result.timeline = recorder.finish(fanout.elapsed(), result.outcome);
    result.diagnostics = recorder.diagnostics();
    return result;
}

bool has_program(std::string_view slug) {
    return static_cast<bool>(lesson::find_program(slug));
}
