// Every text exists in en, pt-BR and uk, really translated, with the same placeholders.
#include <doctest/doctest.h>

#include <regex>
#include <set>

#include "catalogue/catalogue.hpp"
#include "embedded.hpp"
#include "i18n/format.hpp"
#include "i18n/messages.hpp"
#include "i18n/plural.hpp"
#include "i18n/width.hpp"
#include "registry.hpp"

using i18n::Language;

namespace {

std::set<std::string> placeholders(const std::string& text) {
    std::set<std::string> names;
    static const std::regex field(R"(\{(\w+)[}|])");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), field);
         it != std::sregex_iterator(); ++it)
        names.insert((*it)[1]);
    return names;
}

bool has_cyrillic(const std::string& text) {
    // U+0400..U+04FF are encoded with a first byte 0xD0..0xD3.
    for (unsigned char c : text)
        if (c >= 0xD0 && c <= 0xD3) return true;
    return false;
}

bool has_latin_word(const std::string& text) {
    static const std::regex word("[A-Za-z]{4,}");
    return std::regex_search(text, word);
}

// Checks one localized text; `where` names it in the failure message.
void check_translated(const i18n::Localized& text, const std::string& where) {
    INFO(where);
    CHECK_FALSE(text.en.empty());
    CHECK_FALSE(text.pt_BR.empty());
    CHECK_FALSE(text.uk.empty());
    if (has_latin_word(text.uk)) CHECK_MESSAGE(has_cyrillic(text.uk), "uk text is not Ukrainian");
    if (text.en.size() > 12) CHECK_MESSAGE(text.pt_BR != text.en, "pt-BR text is the English one");
    CHECK(placeholders(text.en) == placeholders(text.pt_BR));
    CHECK(placeholders(text.en) == placeholders(text.uk));
}

}  // namespace

TEST_CASE("every program message exists in all three languages with the same placeholders") {
    // The whole file: the parts that start-up reads are checked against it in
    // test_catalogue_outline.cpp.
    const auto parsed = i18n::Messages::parse(embedded::messages_json());
    const auto& messages = parsed.all();
    CHECK(messages.size() > 40);
    for (const auto& [key, text] : messages) check_translated(text, "messages.json: " + key);
}

TEST_CASE("every lesson text exists in all three languages with the same placeholders") {
    const auto& c = catalogue::builtin();
    for (const auto& [key, text] : c.common_lines) check_translated(text, "lines." + key);
    for (const auto& part : c.parts) check_translated(part.title, "part title");
    for (const auto& l : c.lessons) {
        check_translated(l.title, l.slug + ".title");
        check_translated(l.intro, l.slug + ".intro");
        check_translated(l.notice, l.slug + ".notice");
        if (l.correction) check_translated(*l.correction, l.slug + ".correction");
        for (const auto& step : l.steps) check_translated(step, l.slug + ".steps");
        for (const auto& p : l.params) check_translated(p.help, l.slug + ".params." + p.name);
        for (const auto& [key, text] : l.lines) check_translated(text, l.slug + ".lines." + key);
    }
}

TEST_CASE("a missing language makes the catalogue invalid") {
    const char* json =
        R"({"format_version":1,"parts":[{"number":1,"title":{"en":"A","pt-BR":"B"}}],"lessons":[]})";
    try {
        catalogue::parse(json);
        FAIL("a title without its uk text was accepted");
    } catch (const catalogue::CatalogueError& e) {
        CHECK(e.key == "catalogue.no_text");
        CHECK(e.field == "parts[0].title");
        CHECK(e.message(Language::en).find("uk") != std::string::npos);
    }
}

TEST_CASE("every lesson in the catalogue has a program, and every program a lesson") {
    const auto& c = catalogue::builtin();
    for (const auto& l : c.lessons)
        CHECK_MESSAGE(static_cast<bool>(lesson::find_program(l.slug)), l.slug);
    for (auto slug : lesson::program_slugs()) CHECK_MESSAGE(c.find(slug) != nullptr, slug);
}

TEST_CASE("plural forms follow each language's rules") {
    auto form = [](Language l, double n) { return i18n::fill(l, "{n} {n|a|b|c}", {{"n", n}}); };
    CHECK(form(Language::en, 1) == "1 a");
    CHECK(form(Language::en, 0) == "0 b");
    CHECK(form(Language::en, 2) == "2 b");
    CHECK(form(Language::pt_BR, 0) == "0 a");
    CHECK(form(Language::pt_BR, 1) == "1 a");
    CHECK(form(Language::pt_BR, 2) == "2 b");
    CHECK(form(Language::uk, 1) == "1 a");
    CHECK(form(Language::uk, 21) == "21 a");
    CHECK(form(Language::uk, 11) == "11 c");
    CHECK(form(Language::uk, 3) == "3 b");
    CHECK(form(Language::uk, 14) == "14 c");
    CHECK(form(Language::uk, 22) == "22 b");
    CHECK(form(Language::uk, 5) == "5 c");
    CHECK(form(Language::uk, 1.5) == "1,5 b");
    CHECK(i18n::fill(Language::uk, "{n|раз|рази|разів|раза}", {{"n", 1.8}}) == "раза");
}

TEST_CASE("numbers use the language's decimal separator; lists look like Python's") {
    CHECK(i18n::format_number(Language::en, 2.25) == "2.25");
    CHECK(i18n::format_number(Language::pt_BR, 2.25) == "2,25");
    CHECK(i18n::format_number(Language::uk, 0.5) == "0,5");
    CHECK(i18n::format_number(Language::en, 5) == "5");
    CHECK(i18n::format_number(Language::en, 1.0 / 3) == "0.333");
    CHECK(i18n::format_value(Language::uk, std::vector<double>{1, 2.5}) == "[1, 2.5]");
}

TEST_CASE("a template that does not fit its values is reported, not printed wrong") {
    CHECK_THROWS_AS(i18n::fill(Language::en, "{missing}", {}), i18n::FormatError);
    CHECK_THROWS_AS(i18n::fill(Language::en, "{n|a|b", {{"n", 1}}), i18n::FormatError);
}

TEST_CASE("display width counts columns, not bytes: Cyrillic and accents line up") {
    CHECK(i18n::display_width("main") == 4);
    CHECK(i18n::display_width("задача") == 6);
    CHECK(i18n::display_width("ação") == 4);
    CHECK(i18n::display_width("░█✓") == 3);
    CHECK(i18n::pad_right("ç", 3) == "ç  ");
    CHECK(i18n::truncate("довга назва задачі", 6) == "довга…");
}

TEST_CASE("the language comes from --lang, then ASYNCDEMO_LANG, then the locale") {
    auto env = [](std::map<std::string, std::string> values) {
        return [values](const char* name) -> std::optional<std::string> {
            auto it = values.find(name);
            if (it == values.end()) return std::nullopt;
            return it->second;
        };
    };
    CHECK(i18n::choose_language("uk", env({{"LANG", "pt_BR.UTF-8"}})).language == Language::uk);
    CHECK(
        i18n::choose_language({}, env({{"ASYNCDEMO_LANG", "pt-BR"}, {"LANG", "uk_UA"}})).language ==
        Language::pt_BR);
    CHECK(i18n::choose_language({}, env({{"LANGUAGE", "de:uk"}, {"LANG", "pt_BR"}})).language ==
          Language::uk);
    CHECK(i18n::choose_language({}, env({{"LC_ALL", "pt_BR.UTF-8"}})).language == Language::pt_BR);
    CHECK(i18n::choose_language({}, env({{"LANG", "uk_UA.UTF-8"}})).language == Language::uk);
    CHECK(i18n::choose_language({}, env({{"LANG", "C.UTF-8"}})).language == Language::en);
    CHECK(i18n::choose_language({}, env({})).language == Language::en);
    auto bad = i18n::choose_language("klingon", env({}));
    REQUIRE(bad.rejected);
    CHECK(*bad.rejected == "klingon");
}
