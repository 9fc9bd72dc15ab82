// The quick reading of the built-in catalogue that `list` and `run` start with
// (catalogue::outline): the same lessons as the full parse, the one asked for in full, and
// anything it does not expect left to the full parse, which words the error.
#include <doctest/doctest.h>

#include <string>

#include "catalogue/catalogue.hpp"
#include "embedded.hpp"
#include "i18n/messages.hpp"

namespace {
void same_texts(const catalogue::Localized& a, const catalogue::Localized& b) {
    CHECK(a.en == b.en);
    CHECK(a.pt_BR == b.pt_BR);
    CHECK(a.uk == b.uk);
}
}  // namespace

TEST_CASE("the catalogue's outline names every lesson as the full parse does") {
    const auto full = catalogue::parse(catalogue::embedded_text());
    const auto outline = catalogue::parse_outline(catalogue::embedded_text(), "");
    REQUIRE(outline);
    REQUIRE(outline->lessons.size() == full.lessons.size());
    for (std::size_t i = 0; i < full.lessons.size(); ++i) {
        const auto& a = outline->lessons[i];
        const auto& b = full.lessons[i];
        INFO(b.slug);
        CHECK(a.number == b.number);
        CHECK(a.slug == b.slug);
        CHECK(a.part == b.part);
        same_texts(a.title, b.title);
        CHECK(a.params.empty());  // an outline only
    }
    REQUIRE(outline->parts.size() == full.parts.size());
    for (std::size_t i = 0; i < full.parts.size(); ++i) {
        CHECK(outline->parts[i].number == full.parts[i].number);
        same_texts(outline->parts[i].title, full.parts[i].title);
    }
    CHECK(outline->common_lines.size() == full.common_lines.size());
}

TEST_CASE("the outline reads the lesson asked for in full, by slug or by number") {
    const auto full = catalogue::parse(catalogue::embedded_text());
    for (const char* name : {"gather", "11", "011"}) {
        INFO(name);
        const auto outline = catalogue::parse_outline(catalogue::embedded_text(), name);
        REQUIRE(outline);
        const auto* a = outline->find(name);
        const auto* b = full.find(name);
        REQUIRE(a);
        REQUIRE(b);
        CHECK(a->slug == b->slug);
        same_texts(a->intro, b->intro);
        same_texts(a->notice, b->notice);
        CHECK(a->steps.size() == b->steps.size());
        CHECK(a->lines.size() == b->lines.size());
        REQUIRE(a->params.size() == b->params.size());
        for (std::size_t i = 0; i < a->params.size(); ++i) {
            CHECK(a->params[i].name == b->params[i].name);
            CHECK(a->params[i].default_value == b->params[i].default_value);
        }
        CHECK(a->sources == b->sources);
    }
}

TEST_CASE("the outline leaves a damaged catalogue to the full parse") {
    const std::string good =
        R"({"format_version":1,"parts":[{"number":1,"title":{"en":"A","pt-BR":"B","uk":"В"}}],)"
        R"("lessons":[{"number":1,"slug":"a","part":1,"title":{"en":"A","pt-BR":"B","uk":"В"}}]})";
    const auto read = catalogue::parse_outline(good, "");
    REQUIRE(read);
    CHECK(read->lessons.at(0).slug == "a");
    // Not JSON, another format version, a title without its uk text, a lesson twice.
    CHECK_FALSE(catalogue::parse_outline(good.substr(0, good.size() - 2), ""));
    CHECK_FALSE(catalogue::parse_outline(R"({"format_version":2,"parts":[],"lessons":[]})", ""));
    CHECK_FALSE(catalogue::parse_outline(
        R"({"format_version":1,"parts":[],"lessons":[{"number":1,"slug":"a","part":1,)"
        R"("title":{"en":"A","pt-BR":"B"}}]})",
        ""));
    std::string twice = good;
    twice.insert(twice.size() - 2,
                 R"(,{"number":1,"slug":"a","part":1,"title":{"en":"A","pt-BR":"B","uk":"В"}})");
    CHECK_FALSE(catalogue::parse_outline(twice, ""));
}

TEST_CASE("the built-in messages, scanned, say what the full parse says") {
    const auto full = i18n::Messages::parse(embedded::messages_json());
    const auto& scanned = i18n::Messages::builtin();
    REQUIRE(scanned.all().size() == full.all().size());
    for (const auto& [key, text] : full.all()) {
        INFO(key);
        REQUIRE(scanned.has(key));
        same_texts(scanned.all().at(key), text);
    }
}
