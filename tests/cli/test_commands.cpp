// The program as a user runs it: exit codes, the JSON report, errors in the user's language.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "run_binary.hpp"

using cli_test::run;
using cli_test::scratch;

TEST_CASE("run gather --json: elapsed 2.25, each job at its delay, results in argument order") {
    auto r = run("run gather --clock virtual --set delays=0.5,2.25,1 --json");
    REQUIRE(r.status == 0);
    CHECK(r.err.empty());
    const auto report = nlohmann::json::parse(r.out);
    CHECK(report["lesson"] == "gather");
    CHECK(report["number"] == 11);
    CHECK(report["clock"] == "virtual");
    CHECK(report["lang"] == "en");
    CHECK(report["outcome"] == "ok");
    CHECK(report["elapsed"] == 2.25);
    CHECK(report["params"]["delays"] == nlohmann::json::array({0.5, 2.25, 1}));
    const double delays[] = {0.5, 2.25, 1};
    for (int i = 0; i < 3; ++i) {
        const std::string name = "job-" + std::to_string(i + 1);
        bool found = false;
        for (const auto& t : report["tasks"]) {
            if (t["name"] != name) continue;
            found = true;
            CHECK(t["finished"] == delays[i]);
            CHECK(t["started"] == 0.0);
            CHECK(t["state"] == "done");
            CHECK(t["parent"] == 1);
        }
        CHECK_MESSAGE(found, name);
    }
    const auto& output = report["output"];
    REQUIRE(output.size() == 8);
    CHECK(output.back()["text"] == "results, in argument order: [0.5, 2.25, 1]");
    CHECK(output.back()["t"] == 2.25);
    CHECK(output.back()["task"] == 1);
    const auto& main_task = report["tasks"][0];
    CHECK(main_task["name"] == "main");
    CHECK(main_task["parent"].is_null());
    CHECK(main_task["segments"].back()["kind"] == "run");
    bool waited_on_gather = false;
    for (const auto& s : main_task["segments"])
        if (s.value("on", "") == "gather") waited_on_gather = s["end"] == 2.25;
    CHECK(waited_on_gather);
}

TEST_CASE("the JSON report is the only thing on stdout, in the chosen language") {
    auto r = run("run sequential --clock virtual --json --lang uk");
    REQUIRE(r.status == 0);
    const auto report = nlohmann::json::parse(r.out);
    CHECK(report["lang"] == "uk");
    CHECK(report["output"][0]["text"] == "робота 1 почалася, чекає 1 с");
    CHECK(report["elapsed"] == 6.0);
}

TEST_CASE("list shows every lesson; list --json parses") {
    auto r = run("list");
    CHECK(r.status == 0);
    CHECK(r.out.find("gather") != std::string::npos);
    auto j = run("list --json --lang pt-BR");
    REQUIRE(j.status == 0);
    const auto report = nlohmann::json::parse(j.out);
    CHECK(report["lang"] == "pt-BR");
    CHECK(report["lessons"].size() >= 5);
}

TEST_CASE("the language follows LANG when no --lang is given") {
    auto r = run("list", "LANG=pt_BR.UTF-8");
    CHECK(r.out.find("Lições do asyncdemo") != std::string::npos);
    auto u = run("list", "LANG=uk_UA.UTF-8");
    CHECK(u.out.find("Уроки asyncdemo") != std::string::npos);
}

TEST_CASE("bad input: exit 64 with a message in the user's language naming what is valid") {
    auto unknown = run("run gahter");
    CHECK(unknown.status == 64);
    CHECK(unknown.out.empty());
    CHECK(unknown.err.find("did you mean 'gather'") != std::string::npos);

    auto pt = run("run 99 --lang pt-BR");
    CHECK(pt.status == 64);
    CHECK(pt.err.find("a lição 99 não existe; as lições têm os números 1–") != std::string::npos);

    auto set = run("run gather --set delays=1,x --lang uk");
    CHECK(set.status == 64);
    CHECK(set.err.find("очікує числа через кому") != std::string::npos);

    auto lang = run("list --lang fr");
    CHECK(lang.status == 64);
    CHECK(lang.err.find("en, pt-BR, uk") != std::string::npos);

    auto env_lang = run("list", "ASYNCDEMO_LANG=xx");
    CHECK(env_lang.status == 64);

    auto clock = run("run gather --clock fast");
    CHECK(clock.status == 64);
    CHECK(clock.err.find("real, virtual") != std::string::npos);

    auto speed = run("run gather --speed 0");
    CHECK(speed.status == 64);

    auto option = run("run gather --bogus");
    CHECK(option.status == 64);
    // The help of the command at hand, and the options that would have been valid there.
    CHECK(option.err.find("asyncdemo run --help") != std::string::npos);
    CHECK(option.err.find("--clock") != std::string::npos);

    auto none = run("");
    CHECK(none.status == 64);
}

TEST_CASE("a damaged catalogue is exit 65, with the place it is damaged") {
    std::ofstream(scratch("damaged.json"))
        << R"({"format_version": 1, "parts": [], "lessons": [{"slug": "x"}]})";
    auto r = run("list", "ASYNCDEMO_CATALOGUE=" + scratch("damaged.json"));
    CHECK(r.status == 65);
    CHECK(r.err.find("lesson x") != std::string::npos);
    std::ofstream(scratch("broken.json")) << "{ not json";
    CHECK(run("list", "ASYNCDEMO_CATALOGUE=" + scratch("broken.json")).status == 65);
}

TEST_CASE("--help and --version go to stdout and exit 0") {
    auto help = run("--help");
    CHECK(help.status == 0);
    CHECK(help.out.find("run") != std::string::npos);
    auto version = run("--version");
    CHECK(version.status == 0);
    CHECK(version.out.rfind("asyncdemo ", 0) == 0);
}

TEST_CASE("no colour when stdout is not a terminal, colour with --color=always") {
    auto plain = run("run hello --clock virtual");
    CHECK(plain.out.find("\x1b[") == std::string::npos);
    auto colored = run("run hello --clock virtual --color always");
    CHECK(colored.out.find("\x1b[") != std::string::npos);
    auto no_color = run("run hello --clock virtual", "NO_COLOR=1");
    CHECK(no_color.out.find("\x1b[") == std::string::npos);
}

TEST_CASE("the real clock really waits, and --speed scales it (generous bounds)") {
    auto r = run("run sleep --set delay=0.3 --speed 2 --json");
    REQUIRE(r.status == 0);
    const auto report = nlohmann::json::parse(r.out);
    CHECK(report["clock"] == "real");
    const double elapsed = report["elapsed"];
    CHECK(elapsed >= 0.3);  // lesson seconds: never early
    CHECK(elapsed < 1.5);
}

TEST_CASE("show prints the Python twin and the C++ program, side by side when wide enough") {
    auto python = run("show gather --python");
    CHECK(python.status == 0);
    CHECK(python.out.find("await asyncio.gather(*jobs)") != std::string::npos);
    CHECK(python.out.find("asyncio::gather") == std::string::npos);
    auto cpp = run("show 11 --cpp");
    CHECK(cpp.out.find("co_await asyncio::gather(jobs)") != std::string::npos);
    auto narrow = run("show gather");
    CHECK(narrow.out.find("await asyncio.gather(*jobs)") <
          narrow.out.find("co_await asyncio::gather(jobs)"));
    auto wide = run("show gather", "COLUMNS=220");
    bool same_line = false;
    std::istringstream lines(wide.out);
    for (std::string line; std::getline(lines, line);)
        if (line.find("import asyncio") != std::string::npos && line.find("│") != std::string::npos)
            same_line = true;
    CHECK(same_line);
    CHECK(run("show nothing").status == 64);
}

TEST_CASE("show --python prints a program of its own: print() of the lines, params as constants") {
    auto en = run("show gather --python --set delays=0.5,2");
    CHECK(en.status == 0);
    CHECK(en.out.rfind("# Lesson 11", 0) == 0);  // titles are comments
    CHECK(en.out.find("DELAYS = [0.5, 2]") != std::string::npos);
    CHECK(en.out.find("say(") == std::string::npos);
    CHECK(en.out.find("twin") == std::string::npos);
    CHECK(en.out.find("from jobs") == std::string::npos);
    CHECK(en.out.find("async def job(n, delay):") != std::string::npos);
    CHECK(en.out.find("print(f\"job {fmt(n)} starts, waits {fmt(delay)} s\")") !=
          std::string::npos);
    CHECK(en.out.find("asyncio.run(main())") != std::string::npos);
    auto uk = run("show gather --python --lang uk");
    CHECK(uk.out.find("print(f\"робота {fmt(n)} почалася, чекає {fmt(delay)} с\")") !=
          std::string::npos);
    CHECK(uk.out.find("DELAYS = [1, 5, 3]") != std::string::npos);
    CHECK(run("show gather --python --set nothing=1").status == 64);
    CHECK(run("show gather --set delays=1").status != 0);  // --set goes with --python
}

TEST_CASE("compare draws two runs on one axis with the ratio of their elapsed times") {
    auto r = run("compare sequential:delays=1,3,2 gather:delays=1,3,2");
    REQUIRE(r.status == 0);
    CHECK(r.out.find("A · sequential took 6 s") != std::string::npos);
    CHECK(r.out.find("B · gather took 3 s") != std::string::npos);
    CHECK(r.out.find("B · gather is 2× faster than A · sequential") != std::string::npos);
    auto same = run("compare gather gather --lang pt-BR");
    CHECK(same.out.find("Os dois levam o mesmo tempo.") != std::string::npos);
    auto bad = run("compare gather gather:delays=x");
    CHECK(bad.status == 64);
}

TEST_CASE("--step walks create-task pass by pass: the tasks start in the pass after main's") {
    const std::string input = scratch("step-input.txt");
    std::ofstream(input) << "\n\nq\n";
    auto r = run("run create-task --step < " + input);
    REQUIRE(r.status == 0);
    const auto pass1 = r.out.find("── pass 1 · t = 0 s ──");
    const auto pass2 = r.out.find("── pass 2 · t = 0 s ──");
    REQUIRE(pass1 != std::string::npos);
    REQUIRE(pass2 != std::string::npos);
    // Pass 1: only main ran, and the three jobs wait in the ready queue.
    const std::string first = r.out.substr(pass1, pass2 - pass1);
    CHECK(first.find("ran in this pass: main") != std::string::npos);
    CHECK(first.find("ready for the next pass: job-1, job-2, job-3") != std::string::npos);
    // Pass 2: the jobs ran and each waits on its timer.
    const std::string second = r.out.substr(pass2);
    CHECK(second.find("ran in this pass: job-1, job-2, job-3") != std::string::npos);
    CHECK(second.find("job-2      a timer, due at 3 s") != std::string::npos);
    CHECK(r.out.find("Stopped.") != std::string::npos);
    CHECK(r.out.find("── pass 4") == std::string::npos);  // q stopped it after pass 3
}
