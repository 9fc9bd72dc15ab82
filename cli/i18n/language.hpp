#pragma once
// The three languages of the classroom and how a run picks one: --lang, then ASYNCDEMO_LANG,
// then LANGUAGE, LC_ALL, LC_MESSAGES, LANG (pt_BR... -> pt-BR, uk_UA... -> uk), else en.
#include <array>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace i18n {

enum class Language { en, pt_BR, uk };
inline constexpr std::array all_languages{Language::en, Language::pt_BR, Language::uk};

// "en", "pt-BR", "uk": the codes of the catalogue and of --lang.
std::string_view code(Language language);
// The language's own name ("Português (Brasil)", "Українська", "English").
std::string_view native_name(Language language);
// Accepts the codes and the usual locale spellings: pt-BR, pt_BR.UTF-8, pt, uk_UA, en_US...
std::optional<Language> parse_language(std::string_view text);

using Getenv = std::function<std::optional<std::string>(const char*)>;
std::optional<std::string> system_getenv(const char* name);

struct LanguageChoice {
    Language language = Language::en;
    // The explicit value that could not be understood (from --lang or ASYNCDEMO_LANG).
    std::optional<std::string> rejected;
};
// In the order of docs/CONTRACT.md, "Command line" (Language). Entries of LANGUAGE that name
// no known language fall through to the next; the first of LC_ALL, LC_MESSAGES and LANG that
// is set decides, en when it names none. An explicit --lang or ASYNCDEMO_LANG that names none
// is reported in `rejected`.
LanguageChoice choose_language(const std::optional<std::string>& flag, const Getenv& getenv);

}  // namespace i18n
