#include "i18n/messages.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "embedded.hpp"

namespace i18n {

namespace {
std::size_t slot(Language language) {
    return language == Language::pt_BR ? 1 : language == Language::uk ? 2 : 0;
}

// The string at `key` of `node`, or empty when there is none.
std::string text_at(const nlohmann::json& node, const std::string& key) {
    if (!node.is_object()) return {};
    auto it = node.find(key);
    return it != node.end() && it->is_string() ? it->get<std::string>() : std::string();
}
// Reads one language's part, {key: text}, straight into the texts without building a
// document first (most of a start-up's messages time); false when it is not that shape.
class PartReader : public nlohmann::json_sax<nlohmann::json> {
  public:
    explicit PartReader(std::map<std::string, std::string, std::less<>>& texts) : texts_(texts) {}
    bool key(string_t& key) override {
        key_ = std::move(key);
        return true;
    }
    bool string(string_t& text) override {
        texts_.insert_or_assign(std::move(key_), std::move(text));
        return depth_ == 1;
    }
    bool start_object(std::size_t) override { return ++depth_ == 1; }
    bool end_object() override { return depth_-- == 1; }
    bool null() override { return false; }
    bool boolean(bool) override { return false; }
    bool number_integer(number_integer_t) override { return false; }
    bool number_unsigned(number_unsigned_t) override { return false; }
    bool number_float(number_float_t, const string_t&) override { return false; }
    bool binary(binary_t&) override { return false; }
    bool start_array(std::size_t) override { return false; }
    bool end_array() override { return false; }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
        return false;
    }

  private:
    std::map<std::string, std::string, std::less<>>& texts_;
    std::string key_;
    int depth_ = 0;
};
}  // namespace

const std::string& Localized::in(Language language) const {
    switch (language) {
        case Language::pt_BR:
            return pt_BR;
        case Language::uk:
            return uk;
        case Language::en:
            break;
    }
    return en;
}

Messages::Messages(Messages&& other) noexcept
    : split_(other.split_), texts_(std::move(other.texts_)), all_(std::move(other.all_)) {}

Messages Messages::parse(std::string_view json_text) {
    const auto json = nlohmann::json::parse(json_text);
    if (!json.is_object()) throw std::runtime_error("messages: the top level must be an object");
    Messages messages;
    for (const auto& [key, texts] : json.items()) {
        if (key.starts_with("_")) continue;  // notes for translators
        for (auto language : all_languages)
            messages.texts_[slot(language)].emplace(key,
                                                    text_at(texts, std::string(code(language))));
    }
    return messages;
}

const Messages& Messages::builtin() {
    static const Messages messages = [] {
        Messages split;
        split.split_ = true;
        return split;
    }();
    return messages;
}

const Messages::Texts& Messages::texts(Language language) const {
    const auto i = slot(language);
    if (split_) {
        std::call_once(read_[i], [&] {
            PartReader reader(texts_[i]);
            if (!nlohmann::json::sax_parse(embedded::messages_in(code(language)), &reader)) {
                // A part the build did not write as expected: the whole file, which throws
                // when it is not valid either.
                texts_[i] = std::move(parse(embedded::messages_json()).texts_[i]);
            }
            int none = -1;
            any_read_.compare_exchange_strong(none, static_cast<int>(language));
        });
    }
    return texts_[i];
}

const std::map<std::string, Localized, std::less<>>& Messages::all() const {
    std::call_once(gathered_, [this] {
        for (auto language : all_languages) {
            for (const auto& [key, text] : texts(language)) {
                Localized& texts = all_[key];
                (language == Language::en      ? texts.en
                 : language == Language::pt_BR ? texts.pt_BR
                                               : texts.uk) = text;
            }
        }
    });
    return all_;
}

bool Messages::has(std::string_view key) const {
    const int read = any_read_.load();
    const auto& keys = texts(read < 0 ? Language::en : static_cast<Language>(read));
    return keys.find(key) != keys.end();
}

std::string Messages::tr(Language language, std::string_view key,
                         std::initializer_list<lesson::Arg> args) const {
    const auto& texts = this->texts(language);
    auto it = texts.find(key);
    // A missing key is a bug the i18n tests catch; show the key rather than nothing.
    if (it == texts.end()) return std::string(key);
    return fill(language, it->second, args);
}

std::string tr(Language language, std::string_view key, std::initializer_list<lesson::Arg> args) {
    return Messages::builtin().tr(language, key, args);
}

}  // namespace i18n
