#include "i18n/messages.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "embedded.hpp"

namespace i18n {

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

Messages Messages::parse(std::string_view json_text) {
    const auto json = nlohmann::json::parse(json_text);
    if (!json.is_object()) throw std::runtime_error("messages: the top level must be an object");
    Messages messages;
    for (const auto& [key, texts] : json.items()) {
        if (key.starts_with("_")) continue;  // notes for translators
        Localized text;
        text.en = texts.at("en").get<std::string>();
        text.pt_BR = texts.at("pt-BR").get<std::string>();
        text.uk = texts.at("uk").get<std::string>();
        messages.texts_.emplace(key, std::move(text));
    }
    return messages;
}

const Messages& Messages::builtin() {
    static const Messages messages = parse(embedded::messages_json());
    return messages;
}

bool Messages::has(std::string_view key) const {
    return texts_.find(key) != texts_.end();
}

std::string Messages::tr(Language language, std::string_view key,
                         std::initializer_list<lesson::Arg> args) const {
    auto it = texts_.find(key);
    // A missing key is a bug the i18n tests catch; show the key rather than nothing.
    if (it == texts_.end()) return std::string(key);
    return fill(language, it->second.in(language), args);
}

std::string tr(Language language, std::string_view key, std::initializer_list<lesson::Arg> args) {
    return Messages::builtin().tr(language, key, args);
}

}  // namespace i18n
