// The tour driven through its input as a student would answer: right, wrong, quit, resume,
// and a damaged progress file that must not stop anyone.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

struct Session {
    std::filesystem::path state;
    Session() {
        state =
            std::filesystem::temp_directory_path() /
            ("asyncdemo-tour-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
        std::filesystem::remove_all(state);
    }
    ~Session() { std::filesystem::remove_all(state); }
    static int& counter() {
        static int n = 0;
        return n;
    }
    std::filesystem::path progress_file() const { return state / "asyncdemo" / "progress.json"; }

    // Runs `asyncdemo ARGS` with `input` as what the student types.
    std::pair<int, std::string> run(const std::string& args, const std::string& input) const {
        const auto input_file = state.string() + ".input";
        std::filesystem::create_directories(state);
        std::ofstream(input_file) << input;
        const std::string command =
            "env -u LANG -u LC_ALL -u LANGUAGE -u ASYNCDEMO_LANG COLUMNS=100 XDG_STATE_HOME=" +
            state.string() + " " + ASYNCDEMO_BINARY + " " + args + " < " + input_file;
        FILE* pipe = popen(command.c_str(), "r");
        REQUIRE(pipe);
        std::string out;
        std::array<char, 4096> buffer{};
        while (auto n = fread(buffer.data(), 1, buffer.size(), pipe)) out.append(buffer.data(), n);
        const int raw = pclose(pipe);
        return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, out};
    }
    nlohmann::json progress() const {
        std::ifstream in(progress_file());
        return nlohmann::json::parse(in);
    }
};

}  // namespace

TEST_CASE("tour: a right answer and a wrong one are judged and remembered") {
    Session s;
    // create-task (lesson 7): Enter for the code, answer 2 (right), then q.
    auto [status, out] = s.run("tour --from 7 --clock virtual", "\n2\nq\n");
    CHECK(status == 0);
    CHECK(out.find("Right!") != std::string::npos);
    // gather (lesson 11): Enter for the code, answer 1 (wrong), then q.
    auto [status2, out2] = s.run("tour --from 11 --clock virtual", "\n1\nq\n");
    CHECK(status2 == 0);
    CHECK(out2.find("Not quite: the answer is 2) [1, 5, 3]") != std::string::npos);
    const auto p = s.progress();
    CHECK(p["answers"]["create-task"] == true);
    CHECK(p["answers"]["gather"] == false);
    CHECK(p["done"]["create-task"] == true);
}

TEST_CASE("tour: q leaves, the place is kept, and the next tour resumes there") {
    Session s;
    auto [status, out] = s.run("tour --clock virtual --lang pt-BR", "\n\nq\n");
    CHECK(status == 0);
    CHECK(out.find("Seu lugar está guardado") != std::string::npos);
    const int next = s.progress()["next_lesson"];
    CHECK(next > 1);
    auto [again, resumed] = s.run("tour --clock virtual", "q\n");
    CHECK(again == 0);
    CHECK(resumed.find("Continuing from lesson " + std::to_string(next)) != std::string::npos);
    auto [shown, summary] = s.run("progress", "");
    CHECK(summary.find("lessons done") != std::string::npos);
    s.run("progress --reset", "");
    CHECK_FALSE(std::filesystem::exists(s.progress_file()));
}

TEST_CASE("tour: seconds are accepted with a decimal comma and judged with some slack") {
    Session s;
    // sequential (lesson 4) asks how many seconds: 6 with the defaults.
    auto [status, out] = s.run("tour --from 4 --clock virtual --lang uk", "\n6,0\nq\n");
    CHECK(status == 0);
    CHECK(out.find("Правильно!") != std::string::npos);
    auto [status2, out2] = s.run("tour --from 4 --clock virtual", "\nabc\n9\nq\n");
    CHECK(out2.find("Please type a number of seconds") != std::string::npos);
    CHECK(out2.find("Not quite: it took 6 s.") != std::string::npos);
}

TEST_CASE("tour: a damaged progress file is set aside with a warning, never fatal") {
    Session s;
    std::filesystem::create_directories(s.progress_file().parent_path());
    std::ofstream(s.progress_file()) << "{ this is not json";
    auto [status, out] = s.run("tour --clock virtual", "q\n");
    CHECK(status == 0);
    CHECK(out.find("could not be read") != std::string::npos);
    auto damaged = s.progress_file();
    damaged += ".damaged";
    CHECK(std::filesystem::exists(damaged));
    CHECK(s.progress()["version"] == 1);
}

TEST_CASE("tour --no-pause runs without asking anything and ends with the summary") {
    Session s;
    auto [status, out] = s.run("tour --from 11 --no-pause --clock virtual", "");
    CHECK(status == 0);
    CHECK(out.find("The answer: 2) [1, 5, 3]") != std::string::npos);
}
