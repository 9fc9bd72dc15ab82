// Keys that must do what they say: Ctrl-C at the --step prompt (as a byte, from a raw terminal
// or a pipe; as SIGINT, see step_tmux.sh) and `tour --from` with no such lesson.
#include <doctest/doctest.h>

#include <fstream>

#include "catalogue/catalogue.hpp"
#include "run_binary.hpp"

using cli_test::run;
using cli_test::scratch;

TEST_CASE("Ctrl-C at the --step prompt ends the run: interrupted, the timeline so far, exit 130") {
    const std::string input = scratch("step-ctrl-c.txt");
    std::ofstream(input) << "\n\x03\n\n\n";
    auto r = run("run create-task --step < " + input);
    CHECK(r.status == 130);
    CHECK(r.out.find("── pass 2 · t = 0 s ──") != std::string::npos);
    CHECK(r.out.find("── pass 3") == std::string::npos);  // the Enters after it were not read
    const auto interrupted = r.out.find("Interrupted.");
    const auto timeline = r.out.find("Timeline (lesson seconds)");
    REQUIRE(interrupted != std::string::npos);
    REQUIRE(timeline != std::string::npos);
    CHECK(interrupted < timeline);
    // The jobs had started (pass 2) and were cut short: none printed its "done" line.
    CHECK(r.out.find("job 1 done") == std::string::npos);
    auto uk = run("run create-task --step --lang uk < " + input);
    CHECK(uk.status == 130);
    CHECK(uk.out.find("Перервано.") != std::string::npos);
}

TEST_CASE("tour --from with no such lesson: exit 64, naming the lesson numbers there are") {
    const auto& lessons = catalogue::builtin().lessons;
    int last = 0;
    for (const auto& l : lessons) last = std::max(last, l.number);
    const std::string upto = "–" + std::to_string(last) + " ('asyncdemo list'";
    for (const std::string& number :
         {std::to_string(last + 1), std::string("0"), std::string("-3")}) {
        auto r = run("tour --no-pause --clock virtual --from " + number);
        INFO(number, r.err);
        CHECK(r.status == 64);
        CHECK(r.err.find("there is no lesson " + number +
                         "; --from takes these lesson numbers: 1–") != std::string::npos);
        CHECK(r.err.find(upto) != std::string::npos);
        CHECK(r.out.empty());  // nothing started
    }
    auto pt = run("tour --no-pause --from 43 --lang pt-BR");
    CHECK(pt.status == 64);
    CHECK(pt.err.find("a lição 43 não existe; --from aceita estes números de lição: 1–") !=
          std::string::npos);
    auto uk = run("tour --no-pause --from 43 --lang uk");
    CHECK(uk.status == 64);
    CHECK(uk.err.find("уроку 43 немає; --from приймає такі номери уроків: 1–") !=
          std::string::npos);
}
