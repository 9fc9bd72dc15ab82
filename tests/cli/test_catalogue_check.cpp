// A damaged lessons.json (ASYNCDEMO_CATALOGUE, or `asyncdemo check FILE`) stops every command
// with exit 65, naming the file, the lesson and the field in the user's language.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <fstream>

#include "catalogue/catalogue.hpp"
#include "exit_codes.hpp"
#include "run_binary.hpp"

using cli_test::run;
using cli_test::scratch;
using nlohmann::json;

namespace {

json real_catalogue() {
    return json::parse(cli_test::read_file(std::string(SOURCE_DIR) + "/lessons.json"));
}

json& lesson_of(json& catalogue, const std::string& slug) {
    for (auto& l : catalogue["lessons"])
        if (l["slug"] == slug) return l;
    FAIL("no lesson " << slug);
    throw;
}

json& param_of(json& lesson, const std::string& name) {
    for (auto& p : lesson["params"])
        if (p["name"] == name) return p;
    FAIL("no param " << name);
    throw;
}

std::string write_text(const std::string& name, const std::string& text) {
    const std::string path = scratch(name);
    std::ofstream(path) << text;
    return path;
}

std::string write(const std::string& name, const json& catalogue) {
    return write_text(name, catalogue.dump(1));
}

// Runs `args` with the catalogue at `path`.
cli_test::Result with(const std::string& path, const std::string& args) {
    return run(args, "ASYNCDEMO_CATALOGUE=" + path);
}

// Every command that reads the catalogue fails the same way on it, before doing anything.
void check_rejected(const std::string& path, const std::string& lesson,
                    const std::vector<std::string>& en_words,
                    const std::vector<std::string>& pt_words) {
    for (const std::string& args : std::vector<std::string>{
             "list", "list --json", "run " + lesson + " --clock virtual", "show " + lesson}) {
        INFO(args);
        auto r = with(path, args);
        CHECK(r.status == exit_data);
        CHECK(r.out.empty());
        CHECK(r.err.find(path) != std::string::npos);
        CHECK(r.err.find("json.exception") == std::string::npos);
        CHECK(r.err.find("the lesson catalogue is damaged") != std::string::npos);
        for (const auto& w : en_words) CHECK_MESSAGE(r.err.find(w) != std::string::npos, w);
    }
    auto r = with(path, "list --lang pt-BR");
    CHECK(r.status == exit_data);
    CHECK(r.err.find("o catálogo de lições está danificado") != std::string::npos);
    CHECK(r.err.find(path) != std::string::npos);
    for (const auto& w : pt_words) CHECK_MESSAGE(r.err.find(w) != std::string::npos, w);
    // `check FILE` says the same on standard output.
    auto c = run("check " + path);
    CHECK(c.status == exit_data);
    for (const auto& w : en_words) CHECK_MESSAGE(c.out.find(w) != std::string::npos, w);
}

}  // namespace

TEST_CASE("gather's default given as a string: exit 65 naming gather and the default") {
    json c = real_catalogue();
    param_of(lesson_of(c, "gather"), "delays")["default"] = "1,5,3";
    check_rejected(write("gather-string.json", c), "gather",
                   {"lesson gather", "params.delays.default", "must be a JSON list"},
                   {"lição gather", "campo params.delays.default", "deve ser uma lista JSON"});
}

TEST_CASE("sleep's default of -5: exit 65 naming the range it is outside") {
    json c = real_catalogue();
    param_of(lesson_of(c, "sleep"), "delay")["default"] = -5;
    check_rejected(
        write("sleep-negative.json", c), "sleep",
        {"lesson sleep", "params.delay.default", "-5 is outside the param's range, from 0 to 3600"},
        {"lição sleep", "-5 está fora do intervalo do parâmetro, de 0 a 3600"});
}

TEST_CASE("format_version 99: exit 65 naming the version this program reads") {
    json c = real_catalogue();
    c["format_version"] = 99;
    check_rejected(write("version-99.json", c), "hello",
                   {"field format_version", "format_version 99", "it reads version 1"},
                   {"campo format_version", "ele lê a versão 1"});
}

TEST_CASE("a damaged catalogue: each problem named with its field") {
    struct Case {
        const char* name;
        void (*damage)(json&);
        const char* words;
    };
    const Case cases[] = {
        {"no uk title", [](json& c) { lesson_of(c, "lock")["title"].erase("uk"); },
         "lesson lock, field title: the uk text is missing or empty"},
        {"an integer given as 2.5",
         [](json& c) { param_of(lesson_of(c, "semaphore"), "limit")["default"] = 2.5; },
         "lesson semaphore, field params.limit.default: must be a whole number"},
        {"a list default longer than max_items",
         [](json& c) { param_of(lesson_of(c, "gather"), "delays")["max_items"] = 2; },
         "params.delays.default: the list has 3 items; it must have from 1 to 2"},
        {"a list item outside the range",
         [](json& c) { param_of(lesson_of(c, "gather"), "delays")["default"][1] = 4000; },
         "params.delays.default[1]: 4000 is outside the param's range, from 0 to 3600"},
        {"min above max", [](json& c) { param_of(lesson_of(c, "lock"), "hold")["min"] = 100; },
         "lesson lock, field params.hold.min: the minimum 100 is above the maximum 60"},
        {"a choice default that is not a choice",
         [](json& c) { param_of(lesson_of(c, "wait"), "return_when")["default"] = "SOMETIMES"; },
         "'SOMETIMES' is not one of the choices"},
        {"an unknown param type",
         [](json& c) { param_of(lesson_of(c, "lock"), "hold")["type"] = "duration"; },
         "field params.hold.type: 'duration' is not a param type"},
        {"an example out of range",
         [](json& c) { lesson_of(c, "sleep")["examples"][0][0] = "delay=9000"; },
         "lesson sleep, field examples[0][0]: delay: '9000' is out of range; valid: from 0 to "
         "3600"},
        {"a missing field", [](json& c) { lesson_of(c, "event")["params"][0].erase("max"); },
         "lesson event, field params.update.max: is missing"},
        {"no format_version", [](json& c) { c.erase("format_version"); },
         "field format_version: is missing"},
        {"an unknown part", [](json& c) { lesson_of(c, "hello")["part"] = 77; },
         "lesson hello, field part: part 77 does not exist"},
    };
    for (const auto& test : cases) {
        INFO(test.name);
        json c = real_catalogue();
        test.damage(c);
        const std::string path = write("damaged.json", c);
        auto r = with(path, "list");
        CHECK(r.status == exit_data);
        CHECK_MESSAGE(r.err.find(test.words) != std::string::npos, r.err);
    }
}

TEST_CASE("a file that is not JSON, or not there: exit 65, without the JSON library's words") {
    const std::string path = write_text("not-json.json", "{\"format_version\": 1,");
    auto r = with(path, "list");
    CHECK(r.status == exit_data);
    CHECK(r.err.find("not valid JSON") != std::string::npos);
    CHECK(r.err.find("json.exception") == std::string::npos);
    auto missing = with(scratch("no-such-catalogue.json"), "list --lang uk");
    CHECK(missing.status == exit_data);
    CHECK(missing.err.find("такого файлу немає") != std::string::npos);
}

TEST_CASE("check: the built-in catalogue is clean, in every language") {
    auto r = run("check");
    CHECK(r.status == exit_ok);
    CHECK(r.err.empty());
    const auto lessons = real_catalogue()["lessons"].size();
    CHECK(r.out == std::to_string(lessons) + " lessons checked: no problems\n");
    auto uk = run("check --lang uk");
    CHECK(uk.status == exit_ok);
    CHECK(uk.out.find("проблем немає") != std::string::npos);
    // The file it was built from, named on the command line, is the same catalogue.
    CHECK(run("check " + std::string(SOURCE_DIR) + "/lessons.json").status == exit_ok);
}

TEST_CASE("check: a lesson without program or twin, and a line a program says undeclared") {
    json c = real_catalogue();
    json extra = lesson_of(c, "hello");
    extra["slug"] = "homework";
    extra["number"] = 99;
    c["lessons"].push_back(extra);
    lesson_of(c, "gather")["lines"].erase("results");
    const std::string path = write("check-problems.json", c);
    auto r = run("check " + path);
    CHECK(r.status == exit_data);
    CHECK(r.out.find("lesson homework: no program homework in this asyncdemo\n") !=
          std::string::npos);
    CHECK(r.out.find("lesson homework: its Python twin lessons/99_homework.py is missing\n") !=
          std::string::npos);
    CHECK(r.out.find("lesson gather: lessons/11_gather.cpp says 'results', which the catalogue "
                     "does not declare\n") != std::string::npos);
    const auto lessons = c["lessons"].size();
    CHECK(r.out.find(std::to_string(lessons) + " lessons checked: 4 problems\n") !=
          std::string::npos);
    auto pt = run("check --lang pt-BR " + path);
    CHECK(pt.status == exit_data);
    CHECK(pt.out.find("lição gather: lessons/11_gather.cpp diz 'results', que o catálogo não "
                      "declara") != std::string::npos);
    CHECK(pt.out.find("4 problemas") != std::string::npos);
}

TEST_CASE("check: a catalogue that does not load is one problem, exit 65") {
    json c = real_catalogue();
    c["format_version"] = 2;
    auto r = run("check --lang uk " + write("check-v2.json", c));
    CHECK(r.status == exit_data);
    CHECK(r.out.find("format_version 2") != std::string::npos);
    CHECK(r.out.find("Жодного уроку не перевірено: 1 проблема") != std::string::npos);
}

TEST_CASE("parse: the error carries the lesson, the field and the message key") {
    json c = real_catalogue();
    param_of(lesson_of(c, "sleep"), "delay")["default"] = -5;
    try {
        catalogue::parse(c.dump());
        FAIL("a default of -5 was accepted");
    } catch (const catalogue::CatalogueError& e) {
        CHECK(e.lesson == "sleep");
        CHECK(e.field == "params.delay.default");
        CHECK(e.key == "catalogue.out_of_range");
        CHECK(e.file.empty());
        CHECK(e.message(i18n::Language::en).starts_with("lessons.json (built in), lesson sleep"));
    }
}
