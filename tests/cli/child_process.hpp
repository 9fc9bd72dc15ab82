#pragma once
// asyncdemo as a child process the test can talk to while it runs: its stdout read as it comes,
// its stdin a pipe kept open (a prompt waits, as at a terminal), signals sent to it. Every wait
// is bounded, so a hang fails the test instead of sticking, and the destructor kills what is
// left.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "run_binary.hpp"

extern char** environ;

namespace cli_test {

class ChildProcess {
  public:
    // `env` entries (NAME=VALUE) are added to a clean locale, as cli_test::run does.
    ChildProcess(std::vector<std::string> args, std::vector<std::string> env = {}) {
        int out[2], in[2];
        REQUIRE(pipe(out) == 0);
        REQUIRE(pipe(in) == 0);
        err_path_ = scratch("child-stderr-" + std::to_string(++count_) + ".txt");
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, out[1], 1);
        posix_spawn_file_actions_adddup2(&actions, in[0], 0);
        posix_spawn_file_actions_addclose(&actions, out[0]);
        posix_spawn_file_actions_addclose(&actions, in[1]);
        posix_spawn_file_actions_addopen(&actions, 2, err_path_.c_str(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0644);
        args.insert(args.begin(), ASYNCDEMO_BINARY);
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        std::vector<std::string> environment = {"COLUMNS=80", "PATH=/usr/bin:/bin"};
        for (char** e = environ; *e; ++e) {
            const std::string entry = *e;
            // The sanitizers' options, HOME and the like pass; the locale does not.
            if (entry.rfind("LANG", 0) != 0 && entry.rfind("LC_", 0) != 0 &&
                entry.rfind("ASYNCDEMO_LANG", 0) != 0 && entry.rfind("COLUMNS", 0) != 0 &&
                entry.rfind("PATH=", 0) != 0 && entry.rfind("XDG_STATE_HOME", 0) != 0)
                environment.push_back(entry);
        }
        environment.insert(environment.end(), env.begin(), env.end());
        std::vector<char*> envp;
        for (auto& e : environment) envp.push_back(e.data());
        envp.push_back(nullptr);
        REQUIRE(posix_spawn(&pid_, ASYNCDEMO_BINARY, &actions, nullptr, argv.data(), envp.data()) ==
                0);
        posix_spawn_file_actions_destroy(&actions);
        close(out[1]);
        close(in[0]);
        out_fd_ = out[0];
        in_fd_ = in[1];
    }
    ~ChildProcess() {
        if (pid_ > 0) {
            kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
        close(out_fd_);
        close(in_fd_);
    }
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    // Reads stdout until `needle` has appeared (true) or `seconds` have passed (false).
    bool read_until(const std::string& needle, double seconds = 20) {
        const auto deadline = clock::now() + std::chrono::milliseconds(int(seconds * 1000));
        while (output.find(needle) == std::string::npos) {
            const auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now());
            if (left.count() <= 0) return false;
            pollfd p{out_fd_, POLLIN, 0};
            if (poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
            char buffer[4096];
            const auto n = read(out_fd_, buffer, sizeof buffer);
            if (n <= 0) return output.find(needle) != std::string::npos;
            output.append(buffer, static_cast<std::size_t>(n));
        }
        return true;
    }

    // Whether the process has a handler of its own for SIGINT now (/proc's SigCgt mask), so
    // that a test's Ctrl-C reaches asyncdemo's handling and not SIGINT's default action.
    bool catches_sigint(double seconds = 10) const {
        const auto deadline = clock::now() + std::chrono::milliseconds(int(seconds * 1000));
        while (clock::now() < deadline) {
            std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
            std::string line;
            while (std::getline(status, line)) {
                if (line.rfind("SigCgt:", 0) != 0) continue;
                if (std::stoull(line.substr(7), nullptr, 16) & (1ull << (SIGINT - 1))) return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return false;
    }

    void signal(int number) const { kill(pid_, number); }

    // Closes the test's end of stdout, as `| head -3` does once it has its lines: the child's
    // next write finds no reader. What was read so far stays in `output`.
    void close_output() {
        close(out_fd_);
        out_fd_ = -1;
    }

    // Waits (bounded) for the exit; its code, -1 for a death by signal (its number then in
    // `killed_by`), -2 for no exit in time. Reads the rest of stdout and all of stderr.
    int wait(double seconds = 20) {
        const auto deadline = clock::now() + std::chrono::milliseconds(int(seconds * 1000));
        while (clock::now() < deadline) {
            read_until("\x01", 0.05);  // keeps the pipe from filling up meanwhile
            int status = 0;
            if (waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                read_until("\x01", 0.2);
                errors = read_file(err_path_);
                killed_by = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
                return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            }
        }
        return -2;
    }

    std::string output, errors;
    int killed_by = 0;  // the signal that ended the child, 0 for an exit

  private:
    using clock = std::chrono::steady_clock;
    static inline int count_ = 0;
    pid_t pid_ = -1;
    int out_fd_ = -1, in_fd_ = -1;
    std::string err_path_;
};

}  // namespace cli_test
