// The test server's routes decided from a request target alone, with no socket: the
// plans `asyncdemo serve` and the lessons' server answer with.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "server/routes.hpp"

namespace {

lesson_server::Plan plan_for(std::string_view target) {
    const auto mark = target.find('?');
    const auto query =
        lesson_server::parse_query(mark == std::string_view::npos ? "" : target.substr(mark + 1));
    return lesson_server::plan_builtin(target.substr(0, mark), query);
}

}  // namespace

TEST_CASE("routes: /delay answers JSON with the number as parsed, however it was typed") {
    for (const auto* target :
         {"/delay?seconds=003", "/delay?seconds=1.", "/delay?seconds=0.50", "/delay?seconds=%32"}) {
        CAPTURE(target);
        const auto plan = plan_for(target);
        REQUIRE(plan.answer.status == 200);
        REQUIRE(nlohmann::json::accept(plan.answer.body));
        CHECK(nlohmann::json::parse(plan.answer.body)["delay"].get<double>() ==
              plan.answer.latency);
    }
    CHECK(plan_for("/delay?seconds=003").answer.latency == 3);
    CHECK(plan_for("/delay?seconds=0.50").answer.body == "{\"delay\": 0.5}\n");
}

TEST_CASE("routes: /delay refuses what is not a number of seconds from 0 to 3600") {
    for (const auto* target : {"/delay", "/delay?seconds=", "/delay?seconds=-1",
                               "/delay?seconds=3601", "/delay?seconds=nan", "/delay?seconds=1e"}) {
        CAPTURE(target);
        CHECK(plan_for(target).answer.status == 400);
    }
}

TEST_CASE("routes: /stats is JSON (the server fills in its counts) and takes reset=0 or 1") {
    for (const char* target : {"/stats", "/stats?reset=1", "/stats?reset=0"}) {
        const auto plan = plan_for(target);
        INFO(target);
        CHECK(plan.route == "/stats");
        CHECK(plan.answer.status == 200);
        CHECK(plan.answer.content_type == "application/json");
        CHECK(nlohmann::json::accept(plan.answer.body));
    }
    CHECK(plan_for("/stats?reset=1").key == "reset");
    CHECK(plan_for("/stats").key.empty());
    const auto bad = plan_for("/stats?reset=yes");
    CHECK(bad.answer.status == 400);
    CHECK(bad.answer.body.find("reset=1") != std::string::npos);
}
