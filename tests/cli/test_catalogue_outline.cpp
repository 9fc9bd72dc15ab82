// The parts of the built-in catalogue and messages that the build splits off for start-up
// (cmake/embed_lessons.cmake, embed_messages.cmake) and the quick reading of them that `list`
// and `run` start with (catalogue::outline): the same lessons and texts as the full parse of
// the whole files, the one lesson asked for in full, and anything the reading does not
// accept left to the full parse, which words the error.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "catalogue/catalogue.hpp"
#include "embedded.hpp"
#include "i18n/messages.hpp"

namespace {
using nlohmann::json;

void same_texts(const catalogue::Localized& a, const catalogue::Localized& b) {
    CHECK(a.en == b.en);
    CHECK(a.pt_BR == b.pt_BR);
    CHECK(a.uk == b.uk);
}

std::string_view lesson_part(std::size_t index) {
    return embedded::lessons_part(std::to_string(index));
}

std::optional<catalogue::Catalogue> built_in_outline(std::string_view full_lesson) {
    return catalogue::parse_outline(embedded::lessons_part("outline"), full_lesson, lesson_part);
}

// dump() tells 2 from 2.0, which == does not: the parts keep each number's type.
void same_json(const json& a, const json& b) {
    CHECK(a.dump() == b.dump());
}
}  // namespace

TEST_CASE("the build splits lessons.json into its outline and its lessons, each unchanged") {
    const json whole = json::parse(embedded::lessons_json());
    const json outline = json::parse(embedded::lessons_part("outline"));
    same_json(outline.at("format_version"), whole.at("format_version"));
    same_json(outline.at("lines"), whole.at("lines"));
    same_json(outline.at("parts"), whole.at("parts"));
    const json& lessons = whole.at("lessons");
    REQUIRE(outline.at("lessons").size() == lessons.size());
    for (std::size_t i = 0; i < lessons.size(); ++i) {
        INFO(lessons[i].at("slug"));
        json heading;
        for (const char* member : {"number", "slug", "part", "title"})
            heading[member] = lessons[i].at(member);
        same_json(outline["lessons"][i], heading);
        same_json(json::parse(lesson_part(i)), lessons[i]);
    }
    CHECK(lesson_part(lessons.size()).empty());
    CHECK(outline.size() == 4);  // nothing else
}

TEST_CASE("the catalogue's outline names every lesson as the full parse does") {
    const auto full = catalogue::parse(catalogue::embedded_text());
    const auto outline = built_in_outline("");
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
    REQUIRE(outline->common_lines.size() == full.common_lines.size());
    for (const auto& [key, text] : full.common_lines) {
        INFO(key);
        REQUIRE(outline->common_lines.count(key) == 1);
        same_texts(outline->common_lines.at(key), text);
    }
}

TEST_CASE("the outline reads the lesson asked for in full, by slug or by number") {
    const auto full = catalogue::parse(catalogue::embedded_text());
    for (const char* name : {"gather", "11", "011", "hello"}) {
        INFO(name);
        const auto outline = built_in_outline(name);
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
            same_json(a->params[i].default_value, b->params[i].default_value);
        }
        CHECK(a->sources == b->sources);
        CHECK(a->expected_outcome == b->expected_outcome);
        CHECK(a->question.has_value() == b->question.has_value());
    }
}

TEST_CASE("the outline leaves a damaged catalogue to the full parse") {
    const std::string title = R"("title":{"en":"A","pt-BR":"B","uk":"В"})";
    const std::string good = R"({"format_version":1,"parts":[{"number":1,)" + title +
                             R"(}],"lessons":[{"number":1,"slug":"a","part":1,)" + title + "}]}";
    const std::string lesson = R"({"number":1,"slug":"a","part":1,)" + title +
                               R"(,"intro":{"en":"A","pt-BR":"B","uk":"В"},)"
                               R"("notice":{"en":"A","pt-BR":"B","uk":"В"},"lines":{}})";
    const catalogue::LessonText text = [&](std::size_t index) {
        return index == 0 ? std::string_view(lesson) : std::string_view();
    };
    const auto read = catalogue::parse_outline(good, "a", text);
    REQUIRE(read);
    CHECK(read->lessons.at(0).slug == "a");
    CHECK(read->lessons.at(0).intro.uk == "В");
    // Not JSON, another format version, a title without its uk text, a lesson twice.
    CHECK_FALSE(catalogue::parse_outline(good.substr(0, good.size() - 2), "", text));
    CHECK_FALSE(
        catalogue::parse_outline(R"({"format_version":2,"parts":[],"lessons":[]})", "", text));
    CHECK_FALSE(catalogue::parse_outline(
        R"({"format_version":1,"parts":[],"lessons":[{"number":1,"slug":"a","part":1,)"
        R"("title":{"en":"A","pt-BR":"B"}}]})",
        "", text));
    std::string twice = good;
    twice.insert(twice.size() - 2, R"(,{"number":1,"slug":"a","part":1,)" + title + "}");
    CHECK_FALSE(catalogue::parse_outline(twice, "", text));
    // The lesson asked for: missing (the build wrote no parts), not JSON, or without its lines.
    const catalogue::LessonText none = [](std::size_t) { return std::string_view(); };
    CHECK(catalogue::parse_outline(good, "", none));  // not asked for: not read
    CHECK_FALSE(catalogue::parse_outline(good, "a", none));
    const catalogue::LessonText cut = [&](std::size_t) {
        return std::string_view(lesson).substr(0, lesson.size() - 1);
    };
    CHECK_FALSE(catalogue::parse_outline(good, "1", cut));
    const std::string no_lines = lesson.substr(0, lesson.find(R"(,"lines")")) + "}";
    const catalogue::LessonText unlined = [&](std::size_t) { return std::string_view(no_lines); };
    CHECK_FALSE(catalogue::parse_outline(good, "a", unlined));
}

TEST_CASE("the built-in messages, read by language, say what the full parse says") {
    const auto full = i18n::Messages::parse(embedded::messages_json());
    const auto& split = i18n::Messages::builtin();
    REQUIRE(split.all().size() == full.all().size());
    for (const auto& [key, text] : full.all()) {
        INFO(key);
        REQUIRE(split.has(key));
        same_texts(split.all().at(key), text);
    }
    // Each language's part holds that language's texts, and no notes for translators.
    for (auto language : i18n::all_languages) {
        const json part = json::parse(embedded::messages_in(i18n::code(language)));
        CHECK(part.size() == full.all().size());
        for (const auto& [key, text] : full.all()) {
            INFO(key);
            CHECK(part.value(key, json()) == text.in(language));
        }
    }
    CHECK(embedded::messages_in("fr").empty());
}

TEST_CASE("a message without a text in a language reads as empty, for the i18n test to name") {
    const auto messages =
        i18n::Messages::parse(R"({"_note":"x","a":{"en":"A","pt-BR":"B"},"b":{"en":"A","uk":3}})");
    CHECK_FALSE(messages.has("_note"));
    REQUIRE(messages.all().size() == 2);
    CHECK(messages.all().at("a").pt_BR == "B");
    CHECK(messages.all().at("a").uk.empty());
    CHECK(messages.all().at("b").pt_BR.empty());
    CHECK(messages.all().at("b").uk.empty());
    CHECK(messages.tr(i18n::Language::uk, "a").empty());
    CHECK(messages.tr(i18n::Language::uk, "c") == "c");  // no such key: the key itself
}
