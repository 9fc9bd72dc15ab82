#pragma once
// Reads the events the instrumentation module (asyncdemo_trace.py) writes, one JSON object a
// line, and builds the same timeline model a lesson's run produces (timeline/model.hpp).
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "asyncio/observer.hpp"
#include "timeline/model.hpp"

namespace trace {

// What the program raised, once it is over (kind "syntax" when it did not even compile).
struct ProgramError {
    std::string kind;   // raised | syntax
    std::string error;  // "ValueError: bad input"
    std::string traceback;
};

class TraceReader {
  public:
    // How many printed lines the timeline keeps (the last ones): a program that prints
    // megabytes is still shown line by line as it goes, but not kept whole.
    static constexpr std::size_t kept_lines = 2000;

    // Events after this time (the program's seconds) are left out: --timeout.
    void set_limit(double seconds) { limit_ = seconds; }
    // True once an event came past the limit.
    bool past_limit() const { return past_limit_; }

    // One line of the events file. Returns the line the program printed, when this event was
    // one, for the caller to show as it comes. A line that is not an event is ignored.
    std::optional<timeline::OutputLine> feed(std::string_view line);

    // The timeline so far, its open segments closed at `elapsed` (the later of the given time
    // and the last event's).
    timeline::Timeline finish(timeline::Outcome outcome, double elapsed = 0) const;

    // The name a task has now ("" for task 0: outside any task).
    std::string task_name(std::uint64_t id) const;

    bool started() const { return started_; }
    bool exited() const { return exit_code_.has_value(); }
    std::optional<int> exit_code() const { return exit_code_; }
    const std::optional<ProgramError>& error() const { return error_; }
    const std::vector<asyncio::WaitInfo>& deadlock() const { return deadlock_; }
    bool deadlocked() const { return deadlocked_; }
    const std::string& python_version() const { return python_; }
    double last_time() const { return last_t_; }
    std::size_t lines_dropped() const { return dropped_; }

  private:
    timeline::Task* find(std::uint64_t id);

    std::vector<timeline::Task> tasks_;
    std::unordered_map<std::uint64_t, std::size_t> index_;
    std::deque<timeline::OutputLine> output_;
    std::size_t dropped_ = 0;
    bool started_ = false;
    bool deadlocked_ = false;
    std::optional<int> exit_code_;
    std::optional<ProgramError> error_;
    std::vector<asyncio::WaitInfo> deadlock_;
    std::string python_;
    double last_t_ = 0;
    double limit_ = -1;
    bool past_limit_ = false;
};

}  // namespace trace
