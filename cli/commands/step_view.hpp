#pragma once
// asyncdemo run LESSON --step: after every pass of the loop, stop and show what the loop
// sees: which tasks ran in that pass, the ready queue for the next one, every waiting task
// with what it waits on (a timer and when it is due, a lock, another task, a thread job...),
// and the clock. Enter goes one pass further, c runs to the end, q stops, and Ctrl-C ends the
// run as it ends any run: interrupted, with the timeline so far (exit 130).
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "asyncio/observer.hpp"
#include "commands/command.hpp"

// What the student answered at the prompt: a line, the end of input, or Ctrl-C.
enum class StepKey { line, end, interrupt };

class StepView : public asyncio::Observer {
  public:
    StepView(const CommandContext& context, std::istream& in) : context_(context), in_(in) {}

    void task_created(asyncio::TaskId id, std::string_view name, asyncio::TaskId parent,
                      double t) override;
    void task_step_began(asyncio::TaskId id, double t) override;
    void callback_ran(double t) override;
    void pass_finished(double t) override;

  private:
    std::string name_of(asyncio::TaskId id) const;
    StepKey read_line(std::string& line);
    const CommandContext& context_;
    std::istream& in_;
    std::map<asyncio::TaskId, std::string> names_;
    std::vector<asyncio::TaskId> ran_;
    std::size_t pass_ = 0;
    std::int64_t callbacks_ = 0;
    bool running_free_ = false;
    bool stopped_ = false;
};
