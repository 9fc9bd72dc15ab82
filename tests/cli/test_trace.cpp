// The Chrome trace export: the fields Perfetto and chrome://tracing need, one track per task
// without overlaps, times in microseconds of lesson time; and `--trace FILE` on the command
// line.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "render/chrome_trace.hpp"
#include "run_binary.hpp"

using cli_test::run;
using cli_test::scratch;
using nlohmann::json;
using timeline::SegmentKind;
using timeline::TaskState;

namespace {

timeline::Timeline sample() {
    timeline::Timeline t;
    timeline::Task main;
    main.id = 1;
    main.name = "main";
    main.started = 0;
    main.finished = 2.25;
    main.state = TaskState::done;
    main.segments = {{SegmentKind::run, 0, 0, {}},
                     {SegmentKind::wait, 0, 2.25, timeline::WaitKind::gather},
                     {SegmentKind::run, 2.25, 2.25, {}}};
    timeline::Task job;
    job.id = 2;
    job.name = "завдання-1";
    job.parent = 1;
    job.started = 0;
    job.finished = 0.5;
    job.state = TaskState::failed;
    job.error = "ValueError: bad";
    job.segments = {{SegmentKind::wait, 0, 0.5, timeline::WaitKind::sleep}};
    timeline::Task worker;
    worker.id = 3;
    worker.name = "worker";
    worker.started = 0.000001;
    worker.finished = 1.999999;
    worker.state = TaskState::done;
    worker.segments = {{SegmentKind::thread, 0.000001, 1.2345674, timeline::WaitKind::thread},
                       {SegmentKind::blocked, 1.2345674, 1.999999, {}}};
    t.tasks = {main, job, worker};
    t.output = {{0, 2, "job_start", "job 1 starts"}, {2.25, 1, "results", "results: [0.5]"}};
    t.elapsed = 2.25;
    return t;
}

render::TraceInfo info() {
    render::TraceInfo i;
    i.lesson = "gather";
    i.number = 11;
    i.title = "Lesson 11 · gather";
    i.language = i18n::Language::uk;
    i.clock = "virtual";
    i.params = {{"delays", {0.5, 2.25, 1}}};
    i.outcome = "ok";
    return i;
}

// The complete events of each track, checked to have every field a viewer needs.
std::map<std::int64_t, std::vector<json>> complete_events(const json& trace) {
    std::map<std::int64_t, std::vector<json>> tracks;
    for (const auto& e : trace.at("traceEvents")) {
        REQUIRE(e.contains("ph"));
        REQUIRE(e.contains("name"));
        REQUIRE(e.contains("pid"));
        if (e["ph"] != "X") continue;
        for (const char* field : {"ts", "dur", "tid", "args", "cat"}) {
            INFO(field);
            REQUIRE(e.contains(field));
        }
        CHECK(e["ts"].is_number_integer());
        CHECK(e["dur"].get<std::int64_t>() >= 0);
        tracks[e["tid"].get<std::int64_t>()].push_back(e);
    }
    return tracks;
}

// Perfetto cannot show two events that partly overlap on one track.
void check_no_overlap(const std::map<std::int64_t, std::vector<json>>& tracks) {
    for (const auto& [tid, events] : tracks) {
        for (std::size_t i = 0; i < events.size(); ++i) {
            for (std::size_t k = i + 1; k < events.size(); ++k) {
                const auto a0 = events[i]["ts"].get<std::int64_t>();
                const auto a1 = a0 + events[i]["dur"].get<std::int64_t>();
                const auto b0 = events[k]["ts"].get<std::int64_t>();
                const auto b1 = b0 + events[k]["dur"].get<std::int64_t>();
                INFO("tid ", tid, ": [", a0, ", ", a1, ") and [", b0, ", ", b1, ")");
                CHECK_FALSE((a0 < b1 && b0 < a1));
            }
        }
    }
}

}  // namespace

TEST_CASE("trace: a track per task named after it, a complete event per segment in µs") {
    const auto t = sample();
    const json trace = json::parse(render::chrome_trace(t, info()).dump());
    CHECK(trace["displayTimeUnit"] == "ms");
    REQUIRE(trace["traceEvents"].is_array());

    std::map<std::int64_t, std::string> names;
    std::map<std::int64_t, std::int64_t> sort_index;
    for (const auto& e : trace["traceEvents"]) {
        if (e["ph"] != "M") continue;
        if (e["name"] == "thread_name") names[e["tid"]] = e["args"]["name"];
        if (e["name"] == "thread_sort_index") sort_index[e["tid"]] = e["args"]["sort_index"];
        if (e["name"] == "process_name") CHECK(e["args"]["name"] == "Lesson 11 · gather");
    }
    CHECK(names ==
          std::map<std::int64_t, std::string>{{1, "main"}, {2, "завдання-1"}, {3, "worker"}});
    CHECK(sort_index == std::map<std::int64_t, std::int64_t>{{1, 0}, {2, 1}, {3, 2}});

    const auto tracks = complete_events(trace);
    check_no_overlap(tracks);
    for (const auto& task : t.tasks) {
        INFO(task.name);
        const auto& events = tracks.at(static_cast<std::int64_t>(task.id));
        REQUIRE(events.size() == task.segments.size());
        for (std::size_t i = 0; i < events.size(); ++i) {
            const auto& s = task.segments[i];
            const auto& e = events[i];
            CHECK(e["ts"] == std::llround(s.start * 1e6));
            CHECK(e["ts"].get<std::int64_t>() + e["dur"].get<std::int64_t>() ==
                  std::llround(s.end * 1e6));
            CHECK(e["pid"] == 1);
            CHECK(e["cat"] == timeline::to_string(s.kind));
            CHECK(e["args"]["task"] == task.name);
            CHECK(e["args"]["lesson"] == "gather");
            CHECK(e["args"]["lang"] == "uk");
            CHECK(e["args"]["state"] == e["name"]);
            if (s.on) CHECK(e["args"]["on"] == std::string(to_string(*s.on)));
        }
    }
    const auto& main_wait = tracks.at(1)[1];
    CHECK(main_wait["name"] == "task");
    CHECK(main_wait["args"]["legend"] == "чекає на інші задачі");
    CHECK(main_wait["dur"] == 2250000);
    CHECK(tracks.at(2)[0]["name"] == "sleep");
    CHECK(tracks.at(3)[0]["name"] == "thread");
    CHECK(tracks.at(3)[0]["ts"] == 1);
    CHECK(tracks.at(3)[1]["name"] == "blocked");
}

TEST_CASE("trace: printed lines and task ends are instant events; the run's facts are metadata") {
    const json trace = json::parse(render::chrome_trace(sample(), info()).dump());
    std::vector<json> lines, ends;
    for (const auto& e : trace["traceEvents"]) {
        if (e["ph"] != "i") continue;
        CHECK(e["s"] == "t");
        (e["cat"] == "output" ? lines : ends).push_back(e);
    }
    REQUIRE(lines.size() == 2);
    CHECK(lines[0]["name"] == "job 1 starts");
    CHECK(lines[0]["tid"] == 2);
    CHECK(lines[0]["ts"] == 0);
    CHECK(lines[0]["args"]["text"] == "job 1 starts");
    CHECK(lines[0]["args"]["key"] == "job_start");
    CHECK(lines[1]["ts"] == 2250000);
    REQUIRE(ends.size() == 3);
    CHECK(ends[1]["name"] == "failed");
    CHECK(ends[1]["ts"] == 500000);
    CHECK(ends[1]["args"]["error"] == "ValueError: bad");

    const auto& meta = trace["otherData"];
    CHECK(meta["lesson"] == "gather");
    CHECK(meta["number"] == 11);
    CHECK(meta["clock"] == "virtual");
    CHECK(meta["lang"] == "uk");
    CHECK(meta["elapsed"] == 2.25);
    CHECK(meta["params"]["delays"] == json::array({0.5, 2.25, 1}));
    CHECK(meta["outcome"] == "ok");

    // Perfetto reads the top-level keys in order and gives up at one it does not know, so the
    // events come first.
    const std::string text = render::chrome_trace(sample(), info()).dump();
    CHECK(text.find("\"displayTimeUnit\"") < text.find("\"traceEvents\""));
    CHECK(text.find("\"traceEvents\"") < text.find("\"otherData\""));
}

TEST_CASE("trace: segments that overlap in the model are cut, never drawn over each other") {
    timeline::Timeline t;
    timeline::Task task;
    task.id = 7;
    task.name = "odd";
    task.state = TaskState::pending;
    task.segments = {{SegmentKind::run, 0, 1, {}},
                     {SegmentKind::wait, 0.5, 2, timeline::WaitKind::sleep},
                     {SegmentKind::run, 1.5, 1.5, {}}};
    t.tasks = {task};
    t.elapsed = 2;
    const json trace = json::parse(render::chrome_trace(t, info()).dump());
    const auto tracks = complete_events(trace);
    check_no_overlap(tracks);
    REQUIRE(tracks.at(7).size() == 3);
    CHECK(tracks.at(7)[1]["ts"] == 1000000);
    CHECK(tracks.at(7)[1]["dur"] == 1000000);
}

TEST_CASE("cli: run --trace writes the trace; with --json stdout is still the report alone") {
    const auto trace_path = scratch("gather.trace.json");
    const auto svg_path = scratch("gather.json.svg");
    auto r = run("run gather --clock virtual --set delays=0.5,2.25,1 --json --trace " + trace_path +
                 " --svg " + svg_path);
    REQUIRE(r.status == 0);
    CHECK(r.err.empty());
    const json report = json::parse(r.out);  // throws if anything else were on stdout
    CHECK(std::filesystem::exists(svg_path));
    CHECK_FALSE(std::filesystem::exists(trace_path + ".tmp"));
    const json trace = json::parse(cli_test::read_file(trace_path));
    CHECK(trace["otherData"]["lesson"] == "gather");
    CHECK(trace["otherData"]["elapsed"] == 2.25);

    // The same segments as the report, in microseconds.
    const auto tracks = complete_events(trace);
    check_no_overlap(tracks);
    for (const auto& task : report["tasks"]) {
        INFO(task["name"]);
        const auto& events = tracks.at(task["id"].get<std::int64_t>());
        REQUIRE(events.size() == task["segments"].size());
        for (std::size_t i = 0; i < events.size(); ++i) {
            const auto& s = task["segments"][i];
            CHECK(events[i]["ts"] == std::llround(s["start"].get<double>() * 1e6));
            CHECK(events[i]["ts"].get<std::int64_t>() + events[i]["dur"].get<std::int64_t>() ==
                  std::llround(s["end"].get<double>() * 1e6));
            CHECK(events[i]["args"]["task"] == task["name"]);
        }
    }
    std::size_t instants = 0;
    for (const auto& e : trace["traceEvents"])
        if (e["ph"] == "i" && e["cat"] == "output") ++instants;
    CHECK(instants == report["output"].size());

    auto text = run("run gather --clock virtual --lang pt-BR --trace " + trace_path);
    CHECK(text.status == 0);
    CHECK(text.out.find("Rastreamento salvo em " + trace_path) != std::string::npos);

    auto bad = run("run gather --clock virtual --trace /nonexistent-asyncdemo/t.json");
    CHECK(bad.status == 64);
    CHECK(bad.err.find("cannot write /nonexistent-asyncdemo/t.json") != std::string::npos);
}
