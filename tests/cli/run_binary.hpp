#pragma once
// Runs the asyncdemo binary as a user would, for the CLI tests: through the shell, with a
// clean locale, collecting exit status, stdout and stderr.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace cli_test {

// A private folder for the files the tests write, so they never land in the source tree.
inline std::string scratch(const std::string& name) {
    static const auto dir = [] {
        auto d = std::filesystem::temp_directory_path() /
                 ("asyncdemo-cli-tests-" + std::to_string(::getpid()));
        std::filesystem::create_directories(d);
        return d;
    }();
    return (dir / name).string();
}

struct Result {
    int status = -1;
    std::string out, err;
};

inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Runs a shell command whose stderr goes to `err_file`, and collects what it said.
inline Result capture(const std::string& command, const std::string& err_file) {
    Result r;
    FILE* pipe = popen((command + " 2>" + err_file).c_str(), "r");
    REQUIRE(pipe);
    std::array<char, 4096> buffer{};
    while (auto n = fread(buffer.data(), 1, buffer.size(), pipe)) r.out.append(buffer.data(), n);
    const int raw = pclose(pipe);
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.err = read_file(err_file);
    return r;
}

// Runs asyncdemo with `args` through the shell, with a clean locale unless `env` sets one.
inline Result run(const std::string& args, const std::string& env = "") {
    const std::string command =
        std::string(
            "env -u LANG -u LC_ALL -u LC_MESSAGES -u LANGUAGE -u ASYNCDEMO_LANG COLUMNS=80 ") +
        env + " " + ASYNCDEMO_BINARY + " " + args;
    return capture(command, scratch("stderr.txt"));
}

}  // namespace cli_test
