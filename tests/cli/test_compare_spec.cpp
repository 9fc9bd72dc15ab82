// LESSON:NAME=VALUE,... as compare reads it: list values keep their commas.
#include <doctest/doctest.h>

#include "commands/compare.hpp"

TEST_CASE("a run spec splits params at commas that start a new NAME=") {
    auto plain = parse_run_spec("gather");
    CHECK(plain.lesson == "gather");
    CHECK(plain.settings.empty());
    auto list = parse_run_spec("gather:delays=1,5,3");
    CHECK(list.settings == std::vector<std::string>{"delays=1,5,3"});
    auto two = parse_run_spec("wait:delays=2,1,timeout=1.5");
    CHECK(two.settings == std::vector<std::string>{"delays=2,1", "timeout=1.5"});
}
