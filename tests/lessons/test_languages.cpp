// A lesson says the same events at the same times in every language: only the words change.
#include "support.hpp"

using lesson_testing::run;

TEST_CASE("the same run in every language has the same events at the same times") {
    auto en = run("gather", {}, i18n::Language::en);
    for (auto language : {i18n::Language::pt_BR, i18n::Language::uk}) {
        auto other = run("gather", {}, language);
        REQUIRE(other.result.timeline.output.size() == en.result.timeline.output.size());
        for (std::size_t i = 0; i < en.result.timeline.output.size(); ++i) {
            CHECK(other.result.timeline.output[i].key == en.result.timeline.output[i].key);
            CHECK(other.result.timeline.output[i].t == en.result.timeline.output[i].t);
            CHECK(other.result.timeline.output[i].text != en.result.timeline.output[i].text);
        }
    }
}

TEST_CASE("lessons 12 to 21 say the same events at the same times in every language") {
    for (const char* slug : {"gather-comprehension", "gather-filter", "gather-errors", "taskgroup",
                             "taskgroup-callbacks", "taskgroup-failure", "as-completed", "wait",
                             "wait-for", "timeout"}) {
        CAPTURE(slug);
        auto en = run(slug, {}, i18n::Language::en);
        for (auto language : {i18n::Language::pt_BR, i18n::Language::uk}) {
            auto other = run(slug, {}, language);
            REQUIRE(other.result.timeline.output.size() == en.result.timeline.output.size());
            for (std::size_t i = 0; i < en.result.timeline.output.size(); ++i) {
                CHECK(other.result.timeline.output[i].key == en.result.timeline.output[i].key);
                CHECK(other.result.timeline.output[i].t == en.result.timeline.output[i].t);
            }
        }
    }
}
