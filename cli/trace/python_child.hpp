#pragma once
// The traced program's process: python3 running the instrumentation module, spawned in a
// process group of its own so that it can be ended whole (the program's own children with it)
// and never outlives asyncdemo. Its events come through a pipe on descriptor 3.
#include <sys/types.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trace {

struct ChildOptions {
    std::string python = "python3";      // a name looked up on PATH, or a path
    std::vector<std::string> arguments;  // after the interpreter's own
    bool stdout_to_stderr = false;       // when asyncdemo's stdout carries data (--json)
};

// Why the child could not be started.
struct SpawnError {
    int error = 0;  // errno
};

class PythonChild {
  public:
    // Spawns the process; throws SpawnError when it cannot start (python not found...).
    explicit PythonChild(const ChildOptions& options);
    PythonChild(const PythonChild&) = delete;
    PythonChild& operator=(const PythonChild&) = delete;
    // Ends the process group, should it still run.
    ~PythonChild();

    // Waits up to `wait` for events and hands each complete line to `on_line`. False once the
    // child closed the pipe (it ended, or is about to).
    bool read_events(std::chrono::milliseconds wait,
                     const std::function<void(std::string_view)>& on_line);

    // Asks the whole group to end with `first` (SIGINT: the program's asyncio.run cancels its
    // tasks, which clean up, as on a Ctrl-C of its own; SIGTERM: the module writes what it
    // still holds and leaves at once), reads what comes until the pipe closes or `grace`
    // passes, then sends SIGTERM if `first` was not it, and at last kills what is left.
    void stop(int first, std::chrono::milliseconds grace,
              const std::function<void(std::string_view)>& on_line);

    // Waits for the process and returns its wait status.
    int wait();

  private:
    void kill_group(int signal);
    pid_t pid_ = -1;
    int events_fd_ = -1;
    std::string pending_;
    std::optional<int> status_;
};

}  // namespace trace
