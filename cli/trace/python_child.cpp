#include "trace/python_child.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

extern char** environ;

namespace trace {

namespace {

// The events' descriptor in the child. 3 is the first after the standard three.
constexpr int events_fd_in_child = 3;

// Owns the spawn attributes and file actions for the time of the call.
struct SpawnSetup {
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    SpawnSetup() {
        posix_spawn_file_actions_init(&actions);
        posix_spawnattr_init(&attributes);
    }
    ~SpawnSetup() {
        posix_spawn_file_actions_destroy(&actions);
        posix_spawnattr_destroy(&attributes);
    }
};

}  // namespace

PythonChild::PythonChild(const ChildOptions& options) {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) throw SpawnError{errno};
    // The write end must not already be descriptor 3, or dup2 onto itself would keep
    // close-on-exec and the child would find nothing there.
    int write_end = fcntl(fds[1], F_DUPFD_CLOEXEC, 10);
    close(fds[1]);
    if (write_end < 0) {
        const int error = errno;
        close(fds[0]);
        throw SpawnError{error};
    }
    events_fd_ = fds[0];

    SpawnSetup setup;
    posix_spawn_file_actions_adddup2(&setup.actions, write_end, events_fd_in_child);
    // A program that reads the keyboard would wait on a terminal it does not own (its group is
    // not the terminal's): it reads an empty stdin instead. A pipe or a file is passed on.
    if (isatty(STDIN_FILENO))
        posix_spawn_file_actions_addopen(&setup.actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    if (options.stdout_to_stderr)
        posix_spawn_file_actions_adddup2(&setup.actions, STDERR_FILENO, STDOUT_FILENO);
    sigset_t defaults, empty;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    sigaddset(&defaults, SIGPIPE);
    sigemptyset(&empty);
    posix_spawnattr_setsigdefault(&setup.attributes, &defaults);
    posix_spawnattr_setsigmask(&setup.attributes, &empty);
    posix_spawnattr_setpgroup(&setup.attributes, 0);
    posix_spawnattr_setflags(
        &setup.attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

    std::vector<std::string> args{options.python};
    args.insert(args.end(), options.arguments.begin(), options.arguments.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const bool on_path = options.python.find('/') == std::string::npos;
    const int error = on_path ? posix_spawnp(&pid_, options.python.c_str(), &setup.actions,
                                             &setup.attributes, argv.data(), environ)
                              : posix_spawn(&pid_, options.python.c_str(), &setup.actions,
                                            &setup.attributes, argv.data(), environ);
    close(write_end);
    if (error != 0) {
        close(events_fd_);
        events_fd_ = -1;
        pid_ = -1;
        throw SpawnError{error};
    }
}

PythonChild::~PythonChild() {
    if (pid_ > 0 && !status_) {
        kill_group(SIGKILL);
        wait();
    }
    if (events_fd_ >= 0) close(events_fd_);
}

void PythonChild::kill_group(int signal) {
    if (pid_ > 0 && !status_) ::kill(-pid_, signal);
}

bool PythonChild::read_events(std::chrono::milliseconds wait,
                              const std::function<void(std::string_view)>& on_line) {
    if (events_fd_ < 0) return false;
    pollfd p{events_fd_, POLLIN, 0};
    const int ready = poll(&p, 1, static_cast<int>(wait.count()));
    if (ready <= 0) return true;  // nothing yet, or a signal came (the caller looks at it)
    char buffer[65536];
    const ssize_t n = read(events_fd_, buffer, sizeof buffer);
    if (n < 0) return errno == EINTR || errno == EAGAIN;
    if (n == 0) {
        if (!pending_.empty()) on_line(std::exchange(pending_, {}));
        close(events_fd_);
        events_fd_ = -1;
        return false;
    }
    pending_.append(buffer, static_cast<std::size_t>(n));
    std::size_t from = 0;
    for (std::size_t at; (at = pending_.find('\n', from)) != std::string::npos; from = at + 1)
        on_line(std::string_view(pending_).substr(from, at - from));
    pending_.erase(0, from);
    return true;
}

void PythonChild::stop(int first, std::chrono::milliseconds grace,
                       const std::function<void(std::string_view)>& on_line) {
    auto ask = [&](int signal, std::chrono::milliseconds wait) {
        kill_group(signal);
        const auto until = std::chrono::steady_clock::now() + wait;
        bool open = true;
        while (open && std::chrono::steady_clock::now() < until)
            open = read_events(std::chrono::milliseconds(20), on_line);
        return open;
    };
    // A program that catches or ignores SIGINT still gets SIGTERM, which the module handles.
    if (ask(first, grace) && first != SIGTERM) ask(SIGTERM, grace / 2);
    kill_group(SIGKILL);
}

int PythonChild::wait() {
    if (status_) return *status_;
    if (pid_ <= 0) return 0;
    // Waited for without being reaped, so that the group's id stays its own while what the
    // program started in it (its children) is ended with it.
    siginfo_t info{};
    while (waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOWAIT) < 0 && errno == EINTR) {
    }
    ::kill(-pid_, SIGKILL);
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    status_ = status;
    return status;
}

}  // namespace trace
