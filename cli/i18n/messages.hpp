#pragma once
// The program's own words (headings, errors, the legend), from cli/i18n/messages.json which
// is built into the binary. Lesson texts live in lessons.json instead.
#include <map>
#include <string>
#include <string_view>

#include "i18n/format.hpp"

namespace i18n {

struct Localized {
    std::string en, pt_BR, uk;
    const std::string& in(Language language) const;
};

class Messages {
  public:
    // Parses the JSON object {key: {en, pt-BR, uk}}; throws std::runtime_error when invalid.
    static Messages parse(std::string_view json_text);
    // The built-in messages.
    static const Messages& builtin();

    std::string tr(Language language, std::string_view key,
                   std::initializer_list<lesson::Arg> args = {}) const;
    bool has(std::string_view key) const;
    const std::map<std::string, Localized, std::less<>>& all() const { return texts_; }

  private:
    std::map<std::string, Localized, std::less<>> texts_;
};

// Shorthand for Messages::builtin().tr(...).
std::string tr(Language language, std::string_view key,
               std::initializer_list<lesson::Arg> args = {});

}  // namespace i18n
