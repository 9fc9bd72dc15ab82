#pragma once
// The program's own words (headings, errors, the legend), from cli/i18n/messages.json which
// is built into the binary. Lesson texts live in lessons.json instead.
#include <array>
#include <atomic>
#include <map>
#include <mutex>
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
    // The texts move; what is still to be read is read again (once_flag does not move).
    Messages(Messages&& other) noexcept;

    // Parses the JSON object {key: {en, pt-BR, uk}}; throws std::runtime_error when it is not
    // one. A text that is missing or not a string reads as empty (the i18n test names it).
    static Messages parse(std::string_view json_text);
    // The built-in messages. messages.json is split by language when the program is built
    // (cmake/embed_messages.cmake), and a language's part is parsed when it is first asked
    // for: start-up reads the user's language only.
    static const Messages& builtin();

    std::string tr(Language language, std::string_view key,
                   std::initializer_list<lesson::Arg> args = {}) const;
    bool has(std::string_view key) const;
    // Every message in every language (all three read then, for the built-in ones).
    const std::map<std::string, Localized, std::less<>>& all() const;

  private:
    using Texts = std::map<std::string, std::string, std::less<>>;
    // One language's texts, read from its part first for the built-in messages.
    const Texts& texts(Language language) const;

    bool split_ = false;  // builtin(): each language read from its own part when needed
    mutable std::array<Texts, 3> texts_;
    mutable std::array<std::once_flag, 3> read_;
    // A language already read, whose keys has() looks in (every part has every key); -1: none.
    mutable std::atomic<int> any_read_{-1};
    mutable std::map<std::string, Localized, std::less<>> all_;
    mutable std::once_flag gathered_;
};

// Shorthand for Messages::builtin().tr(...).
std::string tr(Language language, std::string_view key,
               std::initializer_list<lesson::Arg> args = {});

}  // namespace i18n
