#include "i18n/language.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace i18n {

std::string_view code(Language language) {
    switch (language) {
        case Language::pt_BR:
            return "pt-BR";
        case Language::uk:
            return "uk";
        case Language::en:
            break;
    }
    return "en";
}

std::string_view native_name(Language language) {
    switch (language) {
        case Language::pt_BR:
            return "Português (Brasil)";
        case Language::uk:
            return "Українська";
        case Language::en:
            break;
    }
    return "English";
}

std::optional<Language> parse_language(std::string_view text) {
    std::string lower;
    for (char c : text) {
        if (c == '.' || c == '@') break;  // drop the encoding and modifier of a locale name
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    std::replace(lower.begin(), lower.end(), '_', '-');
    auto language_part = lower.substr(0, lower.find('-'));
    if (language_part == "pt") return Language::pt_BR;
    if (language_part == "uk") return Language::uk;
    if (language_part == "en") return Language::en;
    return std::nullopt;
}

std::optional<std::string> system_getenv(const char* name) {
    const char* value = std::getenv(name);
    if (!value || !*value) return std::nullopt;
    return std::string(value);
}

namespace {
// The language the locale asks for: LANGUAGE, then LC_ALL, LC_MESSAGES, LANG; else English.
Language from_locale(const Getenv& getenv) {
    // LANGUAGE is a colon-separated list of preferences; the others hold one locale each.
    if (auto list = getenv("LANGUAGE")) {
        std::string_view rest = *list;
        while (!rest.empty()) {
            auto colon = rest.find(':');
            if (auto language = parse_language(rest.substr(0, colon))) return *language;
            if (colon == std::string_view::npos) break;
            rest.remove_prefix(colon + 1);
        }
    }
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        if (auto value = getenv(name)) {
            // The first one that is set decides, as setlocale(3) does.
            return parse_language(*value).value_or(Language::en);
        }
    }
    return Language::en;
}
}  // namespace

LanguageChoice choose_language(const std::optional<std::string>& flag, const Getenv& getenv) {
    for (const auto& explicit_value : {flag, getenv("ASYNCDEMO_LANG")}) {
        if (!explicit_value) continue;
        if (auto language = parse_language(*explicit_value)) return {*language, std::nullopt};
        // A language asyncdemo does not speak: the error says so in the locale's language.
        return {from_locale(getenv), *explicit_value};
    }
    return {from_locale(getenv), {}};
}

}  // namespace i18n
