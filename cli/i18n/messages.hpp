#pragma once
// The program's own words (headings, errors, the legend), from cli/i18n/messages.json which
// is built into the binary. Lesson texts live in lessons.json instead.
#include <array>
#include <map>
#include <mutex>
#include <optional>
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
    Messages() = default;
    // A moved-from scan leaves its decoding to be done again (once_flag does not move).
    Messages(Messages&& other) noexcept
        : raw_(std::move(other.raw_)), texts_(std::move(other.texts_)) {}

    // Parses the JSON object {key: {en, pt-BR, uk}}; throws std::runtime_error when invalid.
    static Messages parse(std::string_view json_text);
    // The built-in messages, found by a quick scan (i18n/json_scan.hpp) and each decoded when
    // it is first asked for, in the one language asked: start-up reads no more than that.
    static const Messages& builtin();

    std::string tr(Language language, std::string_view key,
                   std::initializer_list<lesson::Arg> args = {}) const;
    bool has(std::string_view key) const;
    // Every message in every language (decoded then, for the built-in ones).
    const std::map<std::string, Localized, std::less<>>& all() const;

  private:
    // The built-in messages as found by the scan: each text as it stands in the JSON, between
    // its quotes and still escaped; empty for a language that has none (the i18n test fails).
    static std::optional<Messages> scan(std::string_view json_text);
    std::optional<std::string> text(Language language, std::string_view key) const;

    std::map<std::string, std::array<std::string_view, 3>, std::less<>> raw_;
    mutable std::map<std::string, Localized, std::less<>> texts_;
    mutable std::once_flag decoded_all_;
};

// Shorthand for Messages::builtin().tr(...).
std::string tr(Language language, std::string_view key,
               std::initializer_list<lesson::Arg> args = {});

}  // namespace i18n
