#pragma once
// What the runtime tells the outside world about a run. The runtime calls these hooks and
// nothing else; renderers, recorders and the step-through view are all observers. With no
// observer attached the loop pays one null check per event.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "asyncio/wait_on.hpp"

namespace asyncio {

using TaskId = std::uint64_t;
inline constexpr TaskId no_task = 0;

enum class TaskOutcome { done, failed, cancelled };

enum class DiagnosticKind {
    coroutine_never_awaited,    // subject: the coroutine's function name
    exception_never_retrieved,  // subject: the task name, detail: the error
    slow_step,                  // subject: the task name, detail: seconds the loop was held
    callback_raised,            // detail: the error a done-callback let escape
};

// One task that waits, and on what, as seen when the loop inspects itself (deadlock report,
// step-through view).
struct WaitInfo {
    TaskId task = no_task;
    std::string name;
    WaitOn on = WaitOn::ready;
    std::string detail;  // e.g. the awaited task's name or the lock's name; may be empty
    TaskId on_task = no_task;
    double wakes_at = -1;  // for a timer: the loop time it is due at; -1 otherwise
};

class Observer {
  public:
    virtual ~Observer() = default;
    // Times are lesson seconds since the loop started.
    virtual void task_created(TaskId, std::string_view /*name*/, TaskId /*parent*/, double /*t*/) {}
    virtual void task_step_began(TaskId, double /*t*/) {}
    // The step ended and the task now waits on `wait.on` (WaitOn::ready after a bare yield).
    virtual void task_suspended(const WaitInfo& /*wait*/, double /*t*/) {}
    virtual void task_finished(TaskId, TaskOutcome, std::string_view /*error*/, double /*t*/) {}
    virtual void diagnostic(DiagnosticKind, std::string_view /*subject*/,
                            std::string_view /*detail*/) {}
    // A plain callback (a timer firing, a done-callback) is about to run in this pass.
    virtual void callback_ran(double /*t*/) {}
    // One pass of the loop is over; the loop is about to wait for the next.
    virtual void pass_finished(double /*t*/) {}
};

}  // namespace asyncio
