// asyncdemo bench: only that the workloads run to the end and report sane figures. How fast
// they are is for the benchmark's own output, never a test (docs/ARCHITECTURE.md, "Tests and
// measurements").
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <cmath>

#include "run_binary.hpp"
#include "timeline/recorder.hpp"
#include "workloads.hpp"

using cli_test::run;

namespace {
bool positive(double v) {
    return std::isfinite(v) && v > 0;
}
}  // namespace

TEST_CASE("bench: W1 spawn-sleep completes and reports its figures") {
    const auto r = bench::w1(200, 0.01);
    CHECK(positive(r.create_s));
    CHECK(r.wall_s >= 0.01);
    CHECK(std::isfinite(r.overhead_s));
    CHECK(r.overhead_s >= 0);
    CHECK(r.maxrss_kib >= r.empty_maxrss_kib);
    CHECK(r.rss_per_task_bytes >= 0);
}

TEST_CASE("bench: W1 with the timeline recorder attached completes, and the recorder saw it") {
    timeline::Recorder recorder;
    const auto r = bench::w1_observed(200, 0.01, recorder);
    CHECK(r.wall_s >= 0.01);
    CHECK(r.overhead_s >= 0);
    // main and its 200 sleepers, each finished.
    const auto seen = recorder.finish(r.wall_s);
    REQUIRE(seen.tasks.size() == 201);
    for (const auto& task : seen.tasks) CHECK(task.state == timeline::TaskState::done);
}

TEST_CASE("bench: W2 yield, W3 lock, W4 queue, W5 to_thread complete with their counts") {
    const auto r2 = bench::w2(10, 20);
    CHECK(positive(r2.wall_s));
    CHECK(positive(r2.switches_per_s));

    const auto r3 = bench::w3(5, 20);
    CHECK(r3.count == 100);
    CHECK(positive(r3.acq_per_s));

    const auto r4 = bench::w4(1000, 10);
    CHECK(r4.sum == 1000LL * 999 / 2);
    CHECK(positive(r4.items_per_s));

    const auto r5 = bench::w5(50, 8);
    CHECK(r5.done == 50);
    CHECK(positive(r5.calls_per_s));
    CHECK(r5.pool_threads >= 1);
}

TEST_CASE("bench: W6 uses splitmix64's delays and no sleeper wakes early") {
    // splitmix64(42)'s first output, as py_bench.py computes it.
    const auto d = bench::w6_delays_ms(3, 200, 42);
    REQUIRE(d.size() == 3);
    CHECK(d[0] == static_cast<std::int64_t>(0xBDD732262FEB6E95ULL % 201));
    for (auto x : d) CHECK((x >= 0 && x <= 200));

    const auto r = bench::w6(50, 20, 42);
    CHECK(r.late_min_ms >= 0);
    CHECK(r.late_min_ms <= r.late_p50_ms);
    CHECK(r.late_p50_ms <= r.late_p99_ms);
    CHECK(r.late_p99_ms <= r.late_max_ms);
    CHECK(std::isfinite(r.late_mean_ms));
}

TEST_CASE("bench: nearest-rank percentile as py_bench.py defines it") {
    const std::vector<double> v{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    CHECK(bench::percentile(v, 0.5) == 5);
    CHECK(bench::percentile(v, 0.99) == 10);
    CHECK(bench::percentile({7}, 0.5) == 7);
}

TEST_CASE("asyncdemo bench w2 --quick --json: one workload, its C++ figures and fields") {
    const auto r = run("bench w2 --quick --json");
    REQUIRE(r.status == 0);
    const auto report = nlohmann::json::parse(r.out);
    CHECK(report["quick"] == true);
    REQUIRE(report["workloads"].size() == 1);
    const auto& w = report["workloads"][0];
    CHECK(w["workload"] == "w2");
    CHECK(w["args"] == nlohmann::json::array({"100", "100"}));
    CHECK(w["cpp"]["switches_per_s"].get<double>() > 0);
    CHECK(w["cpp"]["wall_s"].get<double>() > 0);
    // The Python side is there when python3 and py_bench.py are; null otherwise.
    if (!w["python"].is_null()) CHECK(w["python"]["switches_per_s"].get<double>() > 0);
}

TEST_CASE("asyncdemo bench: an unknown workload is a usage error naming the valid ones") {
    const auto r = run("bench w9");
    CHECK(r.status == 64);
    CHECK(r.out.empty());
    CHECK(r.err.find("w9") != std::string::npos);
    CHECK(r.err.find("w1, w2, w3, w4, w5, w6, w7") != std::string::npos);
    const auto uk = run("bench nope --lang uk");
    CHECK(uk.status == 64);
    CHECK(uk.err.find("невідоме навантаження") != std::string::npos);
}

TEST_CASE("asyncdemo bench: the table's words are in the chosen language") {
    const auto pt = run("bench w4 --quick --lang pt-BR");
    REQUIRE(pt.status == 0);
    CHECK(pt.out.find("carga") != std::string::npos);
    CHECK(pt.out.find("itens da fila") != std::string::npos);
    const auto uk = run("bench w4 --quick --lang uk");
    REQUIRE(uk.status == 0);
    CHECK(uk.out.find("навантаження") != std::string::npos);
    CHECK(uk.out.find("елементи черги") != std::string::npos);
}

TEST_CASE("asyncdemo bench empty: the child W7 times, an empty coroutine, exits 0 silently") {
    const auto r = run("bench empty");
    CHECK(r.status == 0);
    CHECK(r.out.empty());
}

TEST_CASE("asyncdemo bench --scale: every count at that fraction of its full size") {
    const auto r = run("bench w2 w4 --scale 0,01 --json");
    REQUIRE(r.status == 0);
    const auto report = nlohmann::json::parse(r.out);
    CHECK(report["scale"] == 0.01);
    REQUIRE(report["workloads"].size() == 2);
    // W2: 1000 tasks at full size, 1000 switches each scaled; W4: 1,000,000 items scaled.
    CHECK(report["workloads"][0]["args"] == nlohmann::json::array({"1000", "10"}));
    CHECK(report["workloads"][1]["args"] == nlohmann::json::array({"10000", "100"}));
    CHECK(!report.contains("recorder"));  // W1 was not asked for
}

TEST_CASE("asyncdemo bench --scale: a bad value is refused, naming the valid ones") {
    for (const char* bad : {"0", "2", "abc", "0.001"}) {
        const auto r = run(std::string("bench w2 --scale ") + bad);
        INFO(bad);
        CHECK(r.status == 64);
        CHECK(r.out.empty());
        CHECK(r.err.find("0.01") != std::string::npos);
        CHECK(r.err.find(bad) != std::string::npos);
    }
    const auto pt = run("bench w2 --scale 5 --lang pt-BR");
    CHECK(pt.status == 64);
    CHECK(pt.err.find("deve ser um número de 0,01 a 1") != std::string::npos);
    const auto uk = run("bench w2 --scale 5 --lang uk");
    CHECK(uk.status == 64);
    CHECK(uk.err.find("має бути числом від 0,01 до 1") != std::string::npos);
    // --quick is a size of its own.
    CHECK(run("bench w2 --quick --scale 0.5").status == 64);
}

TEST_CASE("asyncdemo bench w1 --quick: the recorder's cost, attached against detached") {
    // Without CPython's side, which is not what this checks.
    const auto r = run("bench w1 --quick --json", "ASYNCDEMO_PY_BENCH=/nonexistent");
    REQUIRE(r.status == 0);
    const auto report = nlohmann::json::parse(r.out);
    REQUIRE(report.contains("recorder"));
    const auto& cost = report["recorder"];
    CHECK(cost["tasks"] == 10000);
    CHECK(cost["attached_overhead_s"].get<double>() > 0);
    CHECK(cost["detached_overhead_s"].get<double>() > 0);
    CHECK(cost["ratio"].get<double>() > 0);
    const auto text = run("bench w1 --quick --lang pt-BR", "ASYNCDEMO_PY_BENCH=/nonexistent");
    REQUIRE(text.status == 0);
    CHECK(text.out.find("Gravador da linha do tempo, W1 com 10000 tarefas") != std::string::npos);
}
