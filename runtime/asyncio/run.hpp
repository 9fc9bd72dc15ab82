#pragma once
// asyncio.run(main): a new loop, main as its first task, then the same shutdown as Python:
// cancel the tasks still alive, wait for them, close the loop (uv_loop_close must succeed).
#include <functional>
#include <string>

#include "asyncio/task.hpp"

namespace asyncio {

struct RunOptions {
    ClockKind clock = ClockKind::real;
    double speed = 1.0;
    Observer* observer = nullptr;
    std::string main_name = "main";
    // Called with the loop before main's first step (a lesson may want the loop itself).
    std::function<void(EventLoop&)> on_loop_ready = nullptr;
    // As asyncio.Runner does: Ctrl-C cancels the main task, and run() then raises
    // KeyboardInterrupt once main has ended. A second Ctrl-C calls on_second_sigint at once,
    // from the signal handler (so it must be async-signal-safe, e.g. write and _exit), or
    // ends the process as SIGINT's default action does.
    bool handle_sigint = false;
    void (*on_second_sigint)() = nullptr;
};

// Stops the run going on (one with handle_sigint) as a first Ctrl-C does: every task is
// cancelled, and run() raises KeyboardInterrupt once they have ended. For what is not a
// signal but must end the run the same way (asyncdemo's stdout, whose reader went away).
// Async-signal-safe and callable from any thread; once the run was interrupted, or when no
// such run is going on, it does nothing.
void interrupt_run() noexcept;

namespace detail {
// Runs `main` to the end on a fresh loop, then shuts down; rethrows main's error.
void run_main(EventLoop& loop, TaskCore& main, bool handle_sigint,
              void (*sigint_again)() = nullptr);
}  // namespace detail

template <class T>
T run(Coroutine<T> main, RunOptions options = {}) {
    EventLoop loop(LoopOptions{options.clock, options.speed, options.observer});
    if (options.on_loop_ready) options.on_loop_ready(loop);
    // In a copy of the caller's context, passed as asyncio.Runner.run passes its own
    // (runners.py); the same value create_task would make, and an engaged optional
    // keeps g++ 12 from a false -Wmaybe-uninitialized on the empty one's destructor.
    auto task = create_task(loop, std::move(main), options.main_name, copy_context());
    detail::run_main(loop, task.core(), options.handle_sigint, options.on_second_sigint);
    return task.result();
}

}  // namespace asyncio
