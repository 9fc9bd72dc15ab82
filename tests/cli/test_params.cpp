// --set NAME=VALUE is checked against the catalogue before anything runs.
#include <doctest/doctest.h>

#include <chrono>

#include "catalogue/params.hpp"
#include "usage_error.hpp"

using catalogue::apply_setting;

namespace {
const catalogue::Lesson& find(std::string_view slug) {
    return *catalogue::builtin().find(slug);
}

std::string error_of(std::string_view slug, std::string_view setting) {
    auto values = catalogue::defaults(find(slug));
    try {
        apply_setting(find(slug), values, setting);
    } catch (const UsageError& e) {
        return e.key + ": " + e.message(i18n::Language::en);
    }
    return "accepted";
}
}  // namespace

using Durations = std::vector<std::chrono::nanoseconds>;
using namespace std::chrono_literals;

TEST_CASE("defaults come from the catalogue") {
    auto values = catalogue::defaults(find("gather"));
    CHECK(std::get<Durations>(values.at("delays")) == Durations{1s, 5s, 3s});
    auto numbers = catalogue::defaults(find("gather-comprehension"));
    CHECK(std::get<std::vector<double>>(numbers.at("numbers")) ==
          std::vector<double>{1, 2, 4, 8, 16, 32});
}

TEST_CASE("a list param takes comma-separated numbers") {
    auto values = catalogue::defaults(find("gather-comprehension"));
    apply_setting(find("gather-comprehension"), values, "numbers=0.5,-2.25,1");
    CHECK(std::get<std::vector<double>>(values.at("numbers")) ==
          std::vector<double>{0.5, -2.25, 1});
}

TEST_CASE("a list of seconds becomes a list of durations once, and is shown in seconds") {
    const auto& gather = find("gather");
    REQUIRE(gather.param("delays")->type == catalogue::ParamType::seconds_list);
    auto values = catalogue::defaults(gather);
    apply_setting(gather, values, "delays=0.5,2.25,1");
    CHECK(std::get<Durations>(values.at("delays")) == Durations{500ms, 2250ms, 1s});
    // 0.1 and 0.3 are no exact floats; the durations are the nanoseconds meant.
    apply_setting(gather, values, "delays=0.1,0.3,0.000000001");
    CHECK(std::get<Durations>(values.at("delays")) == Durations{100ms, 300ms, 1ns});
    // Shown and reported in seconds, as typed.
    apply_setting(gather, values, "delays=0.5,2.25,1");
    CHECK(catalogue::to_json(values)["delays"] == nlohmann::json::array({0.5, 2.25, 1}));
    CHECK(catalogue::describe(i18n::Language::en, values) == "delays = 0.5, 2.25, 1");
    CHECK(catalogue::describe(i18n::Language::uk, values) == "delays = 0,5; 2,25; 1");
    // The range and the count are checked in the seconds that were typed.
    CHECK(error_of("gather", "delays=1,3600.5") ==
          "error.out_of_range: delays: '1,3600.5' is out of range; valid: from 0 to 3600");
    CHECK(error_of("gather", "delays=1,-1").rfind("error.out_of_range", 0) == 0);
    CHECK(error_of("gather", "delays=1,x").rfind("error.bad_list", 0) == 0);
}

TEST_CASE("a number param accepts a decimal comma too") {
    // Every single time in the catalogue is a `seconds` param now, so the plain number type is
    // tested on a lesson made here.
    catalogue::Lesson lesson;
    lesson.slug = "ratios";
    catalogue::ParamSpec ratio;
    ratio.name = "ratio";
    ratio.type = catalogue::ParamType::number;
    ratio.default_value = 1.0;
    ratio.max = 10;
    lesson.params.push_back(ratio);
    auto values = catalogue::defaults(lesson);
    apply_setting(lesson, values, "ratio=2,5");
    CHECK(std::get<double>(values.at("ratio")) == 2.5);
}

TEST_CASE("the lessons' single times are seconds params, kept as durations") {
    using std::chrono::nanoseconds;
    auto values = catalogue::defaults(find("simulated-io"));
    apply_setting(find("simulated-io"), values, "max=2,5");
    CHECK(std::get<nanoseconds>(values.at("max")) == nanoseconds(2'500'000'000));
    CHECK(catalogue::to_json(values)["max"] == 2.5);
    const std::pair<const char*, const char*> times[] = {
        {"simulated-io", "min"},     {"wait", "timeout"},         {"blocking-call", "blocking"},
        {"blocking-call", "other"},  {"to-thread", "blocking"},   {"to-thread", "other"},
        {"thread-pool", "duration"}, {"cpu-bound", "work"},       {"http-limit", "latency"},
        {"http-retry", "backoff"},   {"http-partial", "timeout"}, {"run-in-executor", "latency"}};
    for (const auto& [slug, name] : times) {
        CAPTURE(slug);
        CAPTURE(name);
        CHECK(find(slug).param(name)->type == catalogue::ParamType::seconds);
    }
    // The range is checked in the seconds typed, as for a number.
    CHECK(error_of("cpu-bound", "work=0.01").rfind("error.out_of_range", 0) == 0);
    CHECK(error_of("wait", "timeout=-1").rfind("error.out_of_range", 0) == 0);
}

TEST_CASE("a seconds param becomes a duration once, to the nanosecond, and is shown in seconds") {
    using std::chrono::nanoseconds;
    const auto& sleep = find("sleep");
    REQUIRE(sleep.param("delay")->type == catalogue::ParamType::seconds);
    auto values = catalogue::defaults(sleep);
    CHECK(std::get<nanoseconds>(values.at("delay")) == nanoseconds(1'000'000'000));
    apply_setting(sleep, values, "delay=2,5");
    CHECK(std::get<nanoseconds>(values.at("delay")) == nanoseconds(2'500'000'000));
    // 0.1 is no exact float; the duration is the nanoseconds meant, not 99999999.
    apply_setting(sleep, values, "delay=0.1");
    CHECK(std::get<nanoseconds>(values.at("delay")) == nanoseconds(100'000'000));
    apply_setting(sleep, values, "delay=0.000000001");
    CHECK(std::get<nanoseconds>(values.at("delay")) == nanoseconds(1));
    apply_setting(sleep, values, "delay=1.25");
    CHECK(catalogue::to_json(values)["delay"] == 1.25);
    CHECK(catalogue::describe(i18n::Language::pt_BR, values) == "delay = 1,25");
    // The range is checked in the seconds that were typed, with the words of a number.
    CHECK(error_of("sleep", "delay=3600.5") ==
          "error.out_of_range: delay: '3600.5' is out of range; valid: from 0 to 3600");
}

TEST_CASE("bad settings name what would be valid") {
    CHECK(error_of("gather", "delays") ==
          "error.set_syntax: --set expects NAME=VALUE, got 'delays'");
    CHECK(error_of("gather", "delay=1") ==
          "error.unknown_param: lesson gather has no param 'delay'; valid: [delays]");
    CHECK(error_of("hello", "x=1") ==
          "error.no_params: lesson hello has no params to set (got 'x')");
    CHECK(error_of("sleep", "delay=abc") ==
          "error.not_number: delay must be a number from 0 to 3600, got 'abc'");
    CHECK(error_of("sleep", "delay=-1") ==
          "error.out_of_range: delay: '-1' is out of range; valid: from 0 to 3600");
    CHECK(error_of("gather", "delays=1,,3") ==
          "error.bad_list: delays expects numbers separated by commas (like 1,5,3), got '1,,3'");
    CHECK(error_of("gather", "delays=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21") ==
          "error.list_size: delays takes from 1 to 20 values, got 21");
    CHECK(error_of("gather", "delays=1,inf") != "accepted");
}
