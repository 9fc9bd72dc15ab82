// Syllabus facts of part 7's local I/O lessons (37 files, 38 sqlite, 39 run-in-executor), for
// the defaults and other param values, exact under the virtual clock; and a smoke test of each
// under the real clock, with generous bounds. Each run gets a TMPDIR of its own, so that "the
// temporary folder is gone" is checked by that folder being empty afterwards.
#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "asyncio/observer.hpp"
#include "asyncio/run.hpp"
#include "registry.hpp"
#include "support.hpp"

using lesson_testing::lines_of;
using lesson_testing::number;
using lesson_testing::run;
using lesson_testing::Run;
using lesson_testing::same_time;
using lesson_testing::setting;
using timeline::SegmentKind;
using timeline::TaskState;

namespace {

namespace fs = std::filesystem;

// TMPDIR set to a fresh, empty folder for as long as it lives; the old value comes back after.
class OwnTmpdir {
  public:
    OwnTmpdir() {
        const char* old = std::getenv("TMPDIR");
        if (old) old_ = old;
        path_ = fs::temp_directory_path() / ("asyncdemo-test-" + std::to_string(::getpid()));
        fs::remove_all(path_);
        fs::create_directories(path_);
        ::setenv("TMPDIR", path_.c_str(), 1);
    }
    ~OwnTmpdir() {
        if (old_)
            ::setenv("TMPDIR", old_->c_str(), 1);
        else
            ::unsetenv("TMPDIR");
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    OwnTmpdir(const OwnTmpdir&) = delete;
    OwnTmpdir& operator=(const OwnTmpdir&) = delete;
    bool empty() const { return fs::is_empty(path_); }

  private:
    fs::path path_;
    std::optional<std::string> old_;
};

bool has_wait_on(const timeline::Task& task, asyncio::WaitOn on) {
    for (const auto& s : task.segments)
        if (s.on == on) return true;
    return false;
}

std::string text_of(const Run& r, std::string_view key) {
    const auto found = r.lines(key);
    REQUIRE(found.size() == 1u);
    return found[0].text;
}

// The lesson context at its smallest, to run a program straight on the runtime with an
// observer of our own (the timeline keeps what a task waits on, not the detail).
class PlainContext : public lesson::Context {
  public:
    explicit PlainContext(std::map<std::string, double, std::less<>> values)
        : values_(std::move(values)) {}
    double number(std::string_view p) const override { return values_.find(p)->second; }
    asyncio::Duration duration(std::string_view p) const override {
        return std::chrono::duration_cast<asyncio::Duration>(
            std::chrono::duration<double>(number(p)));  // no lesson here reads one
    }
    std::int64_t integer(std::string_view p) const override {
        return static_cast<std::int64_t>(number(p));
    }
    std::vector<double> numbers(std::string_view) const override { return {}; }
    std::vector<asyncio::Duration> durations(std::string_view) const override { return {}; }
    std::string choice(std::string_view) const override { return {}; }
    void say(std::string_view key, std::initializer_list<lesson::Arg>) override {
        said.emplace_back(key);
    }
    std::vector<std::string> said;

  private:
    std::map<std::string, double, std::less<>> values_;
};

struct WaitDetails : asyncio::Observer {
    std::map<std::string, int> io;  // detail -> how many waits
    int thread = 0;
    void task_suspended(const asyncio::WaitInfo& w, double) override {
        if (w.on == asyncio::WaitOn::io) ++io[std::string(w.detail)];
        if (w.on == asyncio::WaitOn::thread) ++thread;
    }
};

WaitDetails waits_of(std::string_view slug, PlainContext& ctx) {
    WaitDetails details;
    asyncio::RunOptions options;
    options.clock = asyncio::ClockKind::virtual_time;
    options.observer = &details;
    const auto program = lesson::find_program(slug);
    REQUIRE(static_cast<bool>(program.main));
    asyncio::run(program.main(ctx), options);
    return details;
}

RunResult run_real(std::string_view slug, std::vector<std::string> settings) {
    RunSettings real;
    real.clock = asyncio::ClockKind::real;
    real.live = false;
    return lesson_testing::run_as(slug, settings, real);
}

std::size_t bytes_of_lines(int n) {
    std::size_t bytes = 0;
    for (int i = 1; i <= n; ++i) bytes += ("line " + std::to_string(i) + "\n").size();
    return bytes;
}

}  // namespace

TEST_CASE("files: every line written is read back, the loop stays free, the folder goes") {
    for (int lines : {1000, 1, 2, 37, 5000}) {
        CAPTURE(lines);
        OwnTmpdir tmp;
        auto r = run("files", {"lines=" + std::to_string(lines)});
        const std::string s = lines == 1 ? "" : "s";
        CHECK(text_of(r, "writing") == "writing " + std::to_string(lines) + " line" + s +
                                           " to notes.txt, one await f.write() each");
        CHECK(text_of(r, "written") == "wrote " + std::to_string(lines) + " line" + s + ", " +
                                           std::to_string(bytes_of_lines(lines)) + " bytes");
        CHECK(text_of(r, "read") == "read back " + std::to_string(lines) + " line" + s +
                                        "; the last one: line " + std::to_string(lines));
        // The heartbeat got turns while main awaited the disk.
        CHECK(r.lines("loop_was_free").size() == 1u);
        CHECK(r.lines("loop_was_held").empty());
        CHECK(r.index_of("read") < r.index_of("loop_was_free"));
        CHECK(text_of(r, "folder_gone").ends_with("? False"));
        CHECK(tmp.empty());
        // File work is real work: it costs no virtual time.
        CHECK(r.elapsed() == 0);
        for (const auto& line : r.result.timeline.output) CHECK(line.t == 0);
        CHECK(has_wait_on(r.task("main"), asyncio::WaitOn::io));
        CHECK(r.task("heartbeat").state == TaskState::done);
        for (const auto& task : r.result.timeline.tasks)
            for (const auto& s : task.segments) CHECK(s.kind != SegmentKind::blocked);
        CHECK(r.result.diagnostics.empty());
    }
}

TEST_CASE("files: main's waits are file requests (io, fs), two per line and a few more") {
    OwnTmpdir tmp;
    PlainContext ctx({{"lines", 100}});
    const auto waits = waits_of("files", ctx);
    // 100 writes and at least 100 line reads (readline reads in chunks, so fewer reads may
    // reach the disk: the lines come from what a chunk brought).
    CHECK(waits.io.at("fs") > 100);
    CHECK(waits.io.size() == 1u);
    CHECK(waits.thread == 0);
    CHECK(tmp.empty());
    CHECK(ctx.said.back() == "folder_gone");
}

// Runs the lesson as a task, cancels it (as Ctrl-C cancels main) once it has said `key` and
// the loop has made `passes` more passes, and tells whether it ended cancelled.
bool cancelled_after(std::string_view slug, PlainContext& ctx, std::string_view key, int passes) {
    bool cancelled = false;
    auto main = [&]() -> asyncio::Coroutine<> {
        const auto program = lesson::find_program(slug);
        auto lesson_task = asyncio::create_task(program.main(ctx), "lesson");
        while (std::find(ctx.said.begin(), ctx.said.end(), key) == ctx.said.end())
            co_await asyncio::sleep(0);
        for (int i = 0; i < passes; ++i) co_await asyncio::sleep(0);
        lesson_task.cancel();
        try {
            co_await lesson_task;
        } catch (const asyncio::CancelledError&) {
            cancelled = true;
        }
    };
    asyncio::RunOptions options;
    options.clock = asyncio::ClockKind::virtual_time;
    asyncio::run(main(), options);
    return cancelled;
}

TEST_CASE("files and sqlite cancelled halfway (Ctrl-C) still remove their temporary folder") {
    {
        OwnTmpdir tmp;
        PlainContext ctx({{"lines", 10000}});
        CHECK(cancelled_after("files", ctx, "writing", 20));
        CHECK(std::find(ctx.said.begin(), ctx.said.end(), "written") == ctx.said.end());
        CHECK(tmp.empty());
    }
    {
        OwnTmpdir tmp;
        PlainContext ctx({{"rows", 10000}});
        CHECK(cancelled_after("sqlite", ctx, "table_made", 20));
        CHECK(std::find(ctx.said.begin(), ctx.said.end(), "inserted") == ctx.said.end());
        CHECK(tmp.empty());
    }
}

TEST_CASE("sqlite: the rows round-trip, in order, and the database's folder goes") {
    for (int rows : {10, 1, 0, 3, 250}) {
        CAPTURE(rows);
        OwnTmpdir tmp;
        auto r = run("sqlite", {"rows=" + std::to_string(rows)});
        const std::string s = rows == 1 ? "" : "s";
        CHECK(text_of(r, "inserted") == "inserted " + std::to_string(rows) + " row" + s +
                                            ", one await db.execute() each, then commit()");
        CHECK(text_of(r, "read") ==
              "SELECT ... ORDER BY id gave back " + std::to_string(rows) + " row" + s);
        if (rows > 0) {
            const std::string last = "(" + std::to_string(rows) + ", 'item-" +
                                     std::to_string(rows) + "', " + number(1.25 * rows) +
                                     (rows % 4 == 0 ? ".0" : "") + ")";
            CHECK(text_of(r, "first_last") == "first (1, 'item-1', 1.25), last " + last);
        } else {
            CHECK(r.lines("first_last").empty());
        }
        // SUM(price) = 1.25 * (1 + ... + rows), exact in binary.
        CHECK(text_of(r, "total") ==
              "the sum of the prices (SELECT SUM(price)): " + number(1.25 * rows * (rows + 1) / 2));
        CHECK(r.index_of("closed") < r.index_of("folder_gone"));
        CHECK(text_of(r, "folder_gone").ends_with("? False"));
        CHECK(tmp.empty());
        CHECK(r.elapsed() == 0);  // a database call is real work on a thread: no virtual time
        CHECK(has_wait_on(r.task("main"), asyncio::WaitOn::io));
        CHECK(r.task_count() == 1u);
        CHECK(r.result.diagnostics.empty());
    }
}

TEST_CASE("sqlite: every call is awaited as io on the database (db), never as a plain thread") {
    OwnTmpdir tmp;
    PlainContext ctx({{"rows", 5}});
    const auto waits = waits_of("sqlite", ctx);
    // connect, CREATE, 5 INSERTs, commit, SELECT, fetchall, SUM, fetchone, close.
    CHECK(waits.io.at("db") == 13);
    CHECK(waits.thread == 0);
    CHECK(waits.io.at("fs") >= 1);  // the temporary folder: made, checked, removed
    CHECK(tmp.empty());
}

TEST_CASE("run-in-executor: the GET takes `latency` on a thread while ticker ticks every 0.25 s") {
    for (double latency : {1.0, 0.5, 2.1, 0.0, 0.3, 3.0}) {
        CAPTURE(latency);
        auto r = run("run-in-executor", {setting("latency", latency)});
        const auto get_done = r.lines("get_done");
        REQUIRE(get_done.size() == 1u);
        CHECK(same_time(get_done[0].t, latency));
        CHECK(get_done[0].text == "status 200 after " + number(latency) + " s");

        // A tick at each 0.25 s strictly before the GET ends; at the first one after (or at
        // its very end) ticker finds the GET done and stops.
        const int expected_ticks = static_cast<int>(std::ceil(latency / 0.25 - 1e-9)) - 1;
        const auto ticks = lines_of(r, "tick", "ticker");
        REQUIRE(ticks.size() == static_cast<std::size_t>(std::max(expected_ticks, 0)));
        for (std::size_t k = 0; k < ticks.size(); ++k) {
            CHECK(same_time(ticks[k].t, 0.25 * static_cast<double>(k + 1)));
            CHECK(ticks[k].text == "tick " + std::to_string(k + 1) + ": the loop is free");
        }
        const double ticker_end = 0.25 * std::max(expected_ticks + 1, 1);
        CHECK(same_time(*r.task("ticker").finished, ticker_end));
        CHECK(same_time(r.elapsed(), std::max(latency, ticker_end)));

        // main waited on a worker thread for the whole GET; the loop was never held.
        const auto& main = r.task("main");
        bool on_thread = false;
        for (const auto& s : main.segments)
            if (s.kind == SegmentKind::thread && same_time(s.start, 0) && same_time(s.end, latency))
                on_thread = true;
        CHECK(on_thread);
        for (const auto& task : r.result.timeline.tasks)
            for (const auto& s : task.segments) CHECK(s.kind != SegmentKind::blocked);
    }
}

TEST_CASE("real clock: files and sqlite leave nothing behind; ticker ticks during a real GET") {
    {
        OwnTmpdir tmp;
        const auto result = run_real("files", {"lines=2000"});
        CHECK(result.outcome == timeline::Outcome::ok);
        std::vector<std::string> keys;
        for (const auto& line : result.timeline.output) keys.push_back(line.key);
        CHECK(keys == std::vector<std::string>{"folder_made", "writing", "written", "reading",
                                               "read", "loop_was_free", "folder_gone"});
        CHECK(result.timeline.output.at(4).text == "read back 2000 lines; the last one: line 2000");
        CHECK(result.timeline.elapsed < 30);  // generous: a busy machine, a slow disk
        CHECK(tmp.empty());
    }
    {
        OwnTmpdir tmp;
        const auto result = run_real("sqlite", {"rows=20"});
        CHECK(result.outcome == timeline::Outcome::ok);
        bool read_all = false;
        for (const auto& line : result.timeline.output)
            if (line.key == "read") read_all = line.text.ends_with("gave back 20 rows");
        CHECK(read_all);
        CHECK(result.timeline.elapsed < 30);
        CHECK(tmp.empty());
    }
    {
        const auto result = run_real("run-in-executor", {"latency=0.6"});
        CHECK(result.outcome == timeline::Outcome::ok);
        int ticks = 0;
        double got_at = -1;
        for (const auto& line : result.timeline.output) {
            if (line.key == "tick") ++ticks;
            if (line.key == "get_done") got_at = line.t;
        }
        // The server really waits 0.6 s; the ticker (0.25, 0.5) ticks meanwhile. Bounds a
        // slow machine cannot break: never early, at least one tick, done within seconds.
        CHECK(got_at >= 0.6);
        CHECK(got_at < 10);
        CHECK(ticks >= 1);
    }
}
