// Ctrl-C as a class presses it: SIGINT sent to a real asyncdemo process while a lesson runs
// (or the tour waits at a prompt). The first one cancels every task as asyncio.run does on
// KeyboardInterrupt, shows the timeline so far marked as interrupted and exits 130; a second
// one does not wait for the tasks' cleanup; the tour leaves with its place saved. Real clock:
// each test waits for a line the run prints first, so nothing depends on how fast it starts.
// Its own ctest (cli.interrupt), so that its few seconds run beside the rest of -L cli.
#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "child_process.hpp"
#include "run_binary.hpp"

using cli_test::ChildProcess;

namespace {

// Counts the rows of the drawn timeline that end cancelled (⊘), such as "job-2  ░░░⊘".
bool row_cancelled(const std::string& output, const std::string& task) {
    for (std::size_t at = output.find("\n" + task + " "); at != std::string::npos;
         at = output.find("\n" + task + " ", at + 1)) {
        const auto end = output.find('\n', at + 1);
        const auto row = output.substr(at, end - at);
        if (row.find("⊘") != std::string::npos) return true;
    }
    return false;
}

// The entries of a folder, by name.
std::vector<std::string> entries(const std::string& folder) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        names.push_back(entry.path().filename().string());
    return names;
}

// A lesson that works in a temporary folder (aiofiles' TemporaryDirectory under $TMPDIR),
// stopped with Ctrl-C once `started` shows the folder is there: it exits 130 and leaves
// $TMPDIR, a fresh folder of the test's own, as empty as it found it.
void interrupt_leaves_no_folder(const std::string& lesson, const std::string& setting,
                                const std::string& started) {
    const auto tmpdir = cli_test::scratch("interrupt-tmpdir-" + lesson);
    std::filesystem::remove_all(tmpdir);
    std::filesystem::create_directories(tmpdir);
    ChildProcess run({"run", lesson, "--set", setting, "--lang", "en"}, {"TMPDIR=" + tmpdir});
    REQUIRE(run.read_until(started));
    REQUIRE(run.catches_sigint());
    // The run is still at work in its folder: one asyncdemo-XXXXXX in $TMPDIR.
    const auto during = entries(tmpdir);
    REQUIRE(during.size() == 1);
    CHECK(during.front().rfind("asyncdemo-", 0) == 0);
    run.signal(SIGINT);
    CHECK(run.wait() == 130);
    INFO(run.output);
    CHECK(run.output.find("Interrupted.") != std::string::npos);
    CHECK(run.output.find("does the folder exist?") == std::string::npos);  // stopped first
    CHECK(entries(tmpdir).empty());
}

// A fresh, empty $TMPDIR of the test's own.
std::string empty_tmpdir(const std::string& name) {
    const auto tmpdir = cli_test::scratch(name);
    std::filesystem::remove_all(tmpdir);
    std::filesystem::create_directories(tmpdir);
    return tmpdir;
}

// stdout's reader leaves (as `| head -3` does) while `child` works in its temporary folder, once
// `started` shows it is there: the run is stopped as Ctrl-C stops it, and asyncdemo ends as
// SIGPIPE ends a program (a shell shows 141), with nothing on stderr and $TMPDIR as empty as
// it found it.
void reader_leaves(ChildProcess& child, const std::string& tmpdir, const std::string& started) {
    REQUIRE(child.read_until(started));
    REQUIRE(entries(tmpdir).size() == 1);  // at work in its folder
    child.close_output();
    CHECK(child.wait() == -1);
    CHECK(child.killed_by == SIGPIPE);
    CHECK(child.errors.empty());
    CHECK(entries(tmpdir).empty());
}

}  // namespace

TEST_SUITE("interrupt") {
    TEST_CASE("run: Ctrl-C cancels every task, shows the timeline so far and exits 130") {
        ChildProcess run({"run", "gather", "--lang", "en"});
        REQUIRE(run.read_until("job 3 starts, waits 3 s"));
        REQUIRE(run.catches_sigint());
        run.signal(SIGINT);
        CHECK(run.wait() == 130);
        INFO(run.output);
        CHECK(run.output.find("Interrupted.") != std::string::npos);
        CHECK(run.output.find("Timeline (lesson seconds)") != std::string::npos);
        // The tasks still waiting saw CancelledError: main, job-2 (5 s) and job-3 (3 s).
        CHECK(row_cancelled(run.output, "main"));
        CHECK(row_cancelled(run.output, "job-2"));
        CHECK(row_cancelled(run.output, "job-3"));
        CHECK(run.output.find("job 2 done") == std::string::npos);
        CHECK(run.output.find("before its end") != std::string::npos);
        CHECK(run.errors.empty());
    }

    TEST_CASE("run: the interrupted run in Ukrainian and as JSON") {
        ChildProcess uk({"run", "gather", "--lang", "uk"});
        REQUIRE(uk.read_until("job-3"));
        REQUIRE(uk.catches_sigint());
        uk.signal(SIGINT);
        CHECK(uk.wait() == 130);
        CHECK(uk.output.find("Перервано.") != std::string::npos);

        ChildProcess json({"run", "gather", "--json"});
        REQUIRE(json.catches_sigint());
        json.signal(SIGINT);
        CHECK(json.wait() == 130);
        INFO(json.output);
        CHECK(json.output.find("\"outcome\": \"interrupted\"") != std::string::npos);
        CHECK(json.output.find("\"state\": \"cancelled\"") != std::string::npos);
    }

    TEST_CASE("run: a second Ctrl-C leaves at once, even while a blocking call holds the loop") {
        ChildProcess run({"run", "blocking-call", "--set", "blocking=30", "--lang", "pt-BR"});
        REQUIRE(run.read_until("time.sleep(30)"));
        REQUIRE(run.catches_sigint());
        run.signal(SIGINT);  // waits for the blocking call: the loop cannot cancel anything yet
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        const auto sent = std::chrono::steady_clock::now();
        run.signal(SIGINT);
        CHECK(run.wait(10) == 130);
        const double took =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - sent).count();
        CHECK(took < 5);  // not the 30 s the blocking call would still hold
        CHECK(run.errors.find("Ctrl-C de novo") != std::string::npos);
    }

    TEST_CASE("compare: Ctrl-C during A stops the comparison; B never starts") {
        ChildProcess compare(
            {"compare", "sequential", "gather", "--clock", "real", "--lang", "en"});
        REQUIRE(compare.catches_sigint());
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        const auto sent = std::chrono::steady_clock::now();
        compare.signal(SIGINT);
        CHECK(compare.wait() == 130);
        const double took =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - sent).count();
        CHECK(took < 3);  // B (5 s) did not run
        INFO(compare.output);
        CHECK(row_cancelled(compare.output, "main"));
        CHECK(compare.output.find("B · gather did not start (Ctrl-C)") != std::string::npos);
        CHECK(compare.output.find("A · sequential was stopped") != std::string::npos);
    }

    TEST_CASE("tour: Ctrl-C during a lesson's run leaves the tour with the place saved") {
        const auto state = cli_test::scratch("interrupt-tour-run");
        std::filesystem::remove_all(state);
        ChildProcess tour({"tour", "--from", "11", "--no-pause", "--lang", "en"},
                          {"XDG_STATE_HOME=" + state});
        REQUIRE(tour.read_until("job 3 starts"));
        REQUIRE(tour.catches_sigint());
        tour.signal(SIGINT);
        CHECK(tour.wait() == 130);
        INFO(tour.output);
        CHECK(tour.output.find("Interrupted.") != std::string::npos);
        CHECK(tour.output.find("goes on from lesson 11.") != std::string::npos);
        CHECK(tour.output.find("Lesson 12") == std::string::npos);
        const auto saved = cli_test::read_file(state + "/asyncdemo/progress.json");
        CHECK(saved.find("\"next_lesson\": 11") != std::string::npos);
        CHECK(saved.find("\"gather\"") == std::string::npos);  // not done: it was interrupted
    }

    TEST_CASE("tour: Ctrl-C at a prompt leaves the tour with the place saved") {
        const auto state = cli_test::scratch("interrupt-tour-prompt");
        std::filesystem::remove_all(state);
        ChildProcess tour({"tour", "--from", "7", "--lang", "uk"}, {"XDG_STATE_HOME=" + state});
        REQUIRE(tour.read_until("Enter"));
        REQUIRE(tour.catches_sigint());
        tour.signal(SIGINT);
        CHECK(tour.wait() == 130);
        INFO(tour.output);
        CHECK(tour.output.find("продовжить з уроку 7.") != std::string::npos);
        CHECK(cli_test::read_file(state + "/asyncdemo/progress.json").find("\"next_lesson\": 7") !=
              std::string::npos);
    }

    // Lines and rows at their maximum keep the run at work for a second or more on the real
    // clock; Ctrl-C comes as soon as the folder is made.
    TEST_CASE("run files: Ctrl-C removes the lesson's temporary folder") {
        interrupt_leaves_no_folder("files", "lines=10000", "made a temporary folder");
    }

    TEST_CASE("run sqlite: Ctrl-C closes the database and removes its temporary folder") {
        interrupt_leaves_no_folder("sqlite", "rows=10000", "connected to shop.db");
    }

    // Nobody reads stdout any more: the run stops as with Ctrl-C, instead of being killed by
    // SIGPIPE at its next line with its folder left behind.
    TEST_CASE("run files: stdout's reader leaving removes the lesson's temporary folder") {
        const auto tmpdir = empty_tmpdir("reader-gone-files");
        ChildProcess run({"run", "files", "--set", "lines=10000", "--lang", "en"},
                         {"TMPDIR=" + tmpdir});
        reader_leaves(run, tmpdir, "made a temporary folder");
    }

    TEST_CASE("run sqlite: stdout's reader leaving closes the database, removes its folder") {
        const auto tmpdir = empty_tmpdir("reader-gone-sqlite");
        ChildProcess run({"run", "sqlite", "--set", "rows=10000", "--lang", "uk"},
                         {"TMPDIR=" + tmpdir});
        reader_leaves(run, tmpdir, "з'єдналася з shop.db");
    }

    TEST_CASE("tour: stdout's reader leaving during a run leaves the tour with the place saved") {
        const auto tmpdir = empty_tmpdir("reader-gone-tour");
        const auto state = cli_test::scratch("reader-gone-tour-state");
        std::filesystem::remove_all(state);
        ChildProcess tour({"tour", "--from", "37", "--no-pause", "--lang", "en"},
                          {"TMPDIR=" + tmpdir, "XDG_STATE_HOME=" + state});
        reader_leaves(tour, tmpdir, "made a temporary folder");
        const auto saved = cli_test::read_file(state + "/asyncdemo/progress.json");
        CHECK(saved.find("\"next_lesson\": 37") != std::string::npos);
        CHECK(saved.find("\"files\"") == std::string::npos);  // not done: it was stopped
    }

    TEST_CASE("trace: stdout's reader leaving stops the program as Ctrl-C does") {
        const auto tmpdir = empty_tmpdir("reader-gone-trace");
        const auto program = cli_test::scratch("reader_gone_trace.py");
        // Stopped, a traced program hears a Ctrl-C of its own (its process group is not the
        // terminal's): asyncio.run cancels main, whose `with` removes the folder.
        std::ofstream(program) << "import asyncio, tempfile\n"
                                  "async def main():\n"
                                  "    with tempfile.TemporaryDirectory(prefix='asyncdemo-'):\n"
                                  "        print('made a folder')\n"
                                  "        for i in range(400):\n"
                                  "            await asyncio.sleep(0.05)\n"
                                  "            print('line', i)\n"
                                  "asyncio.run(main())\n";
        ChildProcess trace({"trace", program, "--lang", "en"}, {"TMPDIR=" + tmpdir});
        reader_leaves(trace, tmpdir, "made a folder");
    }

    // The same seen from a shell, as the README's table of bad input shows it.
    TEST_CASE("a pipeline whose reader leaves early: status 141, nothing on stderr") {
        const auto tmpdir = empty_tmpdir("reader-gone-shell");
        const auto r = cli_test::capture("bash -c 'set -o pipefail; TMPDIR=" + tmpdir + " " +
                                             ASYNCDEMO_BINARY +
                                             " run files --set lines=10000 --lang en | head -3'",
                                         cli_test::scratch("reader-gone-shell.txt"));
        CHECK(r.status == 141);
        CHECK(r.err.empty());
        CHECK(r.out.rfind("Lesson 37", 0) == 0);
        CHECK(entries(tmpdir).empty());
    }

}  // TEST_SUITE("interrupt")
