// One word per term and language: docs/glossary.json names, for each term, the pt-BR and uk
// words and the variants that must not appear. Every pt-BR and uk text of lessons.json and
// cli/i18n/messages.json is checked against those variants.
#include <doctest/doctest.h>

#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace {

using nlohmann::json;

json read_json(const std::string& relative) {
    std::ifstream in(std::string(SOURCE_DIR) + "/" + relative);
    REQUIRE_MESSAGE(in.good(), "cannot read " << relative);
    std::stringstream text;
    text << in.rdbuf();
    return json::parse(text.str());
}

// Lower case for ASCII and Cyrillic (U+0400..U+042F and Ґ), enough to compare the glossary's
// words with the texts whatever their first letter.
std::string lower(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 'A' && c <= 'Z') {
            out += static_cast<char>(c - 'A' + 'a');
        } else if ((c == 0xD0 || c == 0xD2) && i + 1 < text.size()) {
            const auto next = static_cast<unsigned char>(text[i + 1]);
            if (c == 0xD0 && next >= 0x90 && next <= 0x9F) {  // А..П -> а..п
                out += '\xD0';
                out += static_cast<char>(next + 0x20);
            } else if (c == 0xD0 && next >= 0xA0 && next <= 0xAF) {  // Р..Я -> р..я
                out += '\xD1';
                out += static_cast<char>(next - 0x20);
            } else if (c == 0xD0 && next >= 0x80 && next <= 0x8F) {  // Ѐ..Џ (Є, І, Ї...)
                out += '\xD1';
                out += static_cast<char>(next + 0x10);
            } else if (c == 0xD2 && next == 0x90) {  // Ґ -> ґ
                out += "\xD2\x91";
            } else {
                out += static_cast<char>(c);
                out += static_cast<char>(next);
            }
            ++i;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

bool letter_or_digit_before(const std::string& text, std::size_t at) {
    if (at == 0) return false;
    const auto c = static_cast<unsigned char>(text[at - 1]);
    // Any byte of a multi-byte UTF-8 letter counts as a letter: ASCII punctuation and spaces
    // are the boundaries.
    return std::isalnum(c) || c >= 0x80 || c == '_' || c == '\'';
}

bool ascii_letter_after(const std::string& text, std::size_t at) {
    return at < text.size() && std::isalnum(static_cast<unsigned char>(text[at]));
}

// Where `variant` starts a word in `text`. A Cyrillic variant may end inside a word, so that
// a stem finds its forms ("раунд" finds "раунди"); a Latin one must end with its word
// ("runtime" does not find RuntimeError).
bool contains_word(const std::string& text, const std::string& variant) {
    const std::string haystack = lower(text);
    const std::string needle = lower(variant);
    const bool latin_end =
        !needle.empty() && std::isalpha(static_cast<unsigned char>(needle.back()));
    for (auto at = haystack.find(needle); at != std::string::npos;
         at = haystack.find(needle, at + 1)) {
        if (letter_or_digit_before(haystack, at)) continue;
        if (latin_end && ascii_letter_after(haystack, at + needle.size())) continue;
        return true;
    }
    return false;
}

struct Text {
    std::string where;
    std::string value;
};

// Every localized text ({"en", "pt-BR", "uk"}) under `node`, in `language`.
void collect(const json& node, const std::string& where, const std::string& language,
             std::vector<Text>& out) {
    if (node.is_object()) {
        if (node.contains("en") && node.contains(language) && node[language].is_string()) {
            out.push_back({where, node[language].get<std::string>()});
            return;
        }
        for (const auto& [key, value] : node.items())
            collect(value, where + "." + key, language, out);
    } else if (node.is_array()) {
        for (std::size_t i = 0; i < node.size(); ++i)
            collect(node[i], where + "[" + std::to_string(i) + "]", language, out);
    }
}

std::vector<Text> texts(const std::string& language) {
    std::vector<Text> out;
    collect(read_json("lessons.json"), "lessons.json", language, out);
    collect(read_json("cli/i18n/messages.json"), "messages.json", language, out);
    return out;
}

}  // namespace

TEST_CASE("glossary: the word matcher finds a variant at the start of a word, in any case") {
    CHECK(contains_word("Зворотний виклик таймера", "зворотний виклик"));
    CHECK(contains_word("три раунди по 1 с", "раунд"));
    CHECK(contains_word("por causa da GIL", "da GIL"));
    CHECK(contains_word("LIMIT", "limit"));
    CHECK_FALSE(contains_word("трава GIL", "а GIL"));  // inside a word: not the variant
    CHECK_FALSE(contains_word("do main", "o main"));
    CHECK_FALSE(contains_word("зворотний тиск", "зворотний виклик"));
    CHECK_FALSE(contains_word("викидає RuntimeError", "runtime"));
    CHECK(contains_word("цей runtime запускає", "runtime"));
    CHECK(lower("ЄІЇҐАЯ") == "єіїґая");
}

TEST_CASE("glossary: every term has one word per language, and none of its own forbidden") {
    const json glossary = read_json("docs/glossary.json");
    REQUIRE(glossary.at("terms").size() >= 10);
    for (const auto& term : glossary["terms"]) {
        INFO(term.at("en").get<std::string>());
        for (const char* language : {"pt-BR", "uk"}) {
            const auto word = term.at(language).get<std::string>();
            CHECK_FALSE(word.empty());
            for (const auto& variant : term.at("forbidden").value(language, json::array()))
                CHECK_FALSE(contains_word(word, variant.get<std::string>()));
        }
    }
}

TEST_CASE("glossary: no forbidden variant appears in the pt-BR and uk texts") {
    const json glossary = read_json("docs/glossary.json");
    for (const char* language : {"pt-BR", "uk"}) {
        const auto all = texts(language);
        REQUIRE(all.size() > 500);
        for (const auto& term : glossary["terms"]) {
            for (const auto& variant : term.at("forbidden").value(language, json::array())) {
                for (const auto& text : all) {
                    const auto what = variant.get<std::string>();
                    if (contains_word(text.value, what)) {
                        const std::string message =
                            std::string(language) + " " + text.where + " says \"" + what +
                            "\"; the glossary's word for \"" + term["en"].get<std::string>() +
                            "\" is \"" + term[language].get<std::string>() + "\"";
                        FAIL_CHECK(message);
                    }
                }
            }
        }
    }
}
