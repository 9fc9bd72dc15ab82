#pragma once
// Builds the timeline model from what the runtime reports (an asyncio::Observer), and
// forwards each event to a listener for live views (the step-through mode, live bars).
#include <functional>
#include <unordered_map>
#include <vector>

#include "asyncio/observer.hpp"
#include "timeline/model.hpp"

namespace timeline {

class Recorder : public asyncio::Observer {
  public:
    // A run segment at least this long held the loop: it is drawn as "blocked".
    static constexpr double blocking_threshold = 0.1;

    void task_created(asyncio::TaskId id, std::string_view name, asyncio::TaskId parent,
                      double t) override;
    void task_step_began(asyncio::TaskId id, double t) override;
    void task_suspended(const asyncio::WaitInfo& wait, double t) override;
    void task_finished(asyncio::TaskId id, asyncio::TaskOutcome outcome, std::string_view error,
                       double t) override;
    void diagnostic(asyncio::DiagnosticKind kind, std::string_view subject,
                    std::string_view detail) override;

    void add_output(double t, std::uint64_t task, std::string key, std::string text);
    // Closes what is still open at `elapsed` (a deadlocked run) and sets elapsed and how the
    // run ended.
    Timeline finish(double elapsed, Outcome outcome = Outcome::ok);

    struct Diagnostic {
        asyncio::DiagnosticKind kind;
        std::string subject, detail;
    };
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
    std::function<void(const Diagnostic&)> on_diagnostic;

    const Timeline& current() const { return timeline_; }

  private:
    Task* find(asyncio::TaskId id);
    void close_open_segment(Task& task, double t);
    Timeline timeline_;
    // Where each task is in timeline_.tasks: every event looks its task up, and a search
    // through the list made a run of n tasks cost n² (W1 with the recorder, in `bench`).
    std::unordered_map<asyncio::TaskId, std::size_t> index_;
    std::vector<Diagnostic> diagnostics_;
};

}  // namespace timeline
