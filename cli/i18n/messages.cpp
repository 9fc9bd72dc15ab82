#include "i18n/messages.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "embedded.hpp"
#include "i18n/json_scan.hpp"

namespace i18n {

namespace {
std::size_t slot(Language language) {
    return language == Language::pt_BR ? 1 : language == Language::uk ? 2 : 0;
}
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

std::optional<Messages> Messages::scan(std::string_view json_text) {
    const auto top = json_scan::members(json_text);
    if (!top) return std::nullopt;
    Messages messages;
    for (const auto& [key, value] : *top) {
        if (key.starts_with("_")) continue;  // notes for translators
        const auto texts = json_scan::members(value);
        if (!texts) return std::nullopt;
        std::array<std::string_view, 3> raw{};
        for (const auto& [language, text] : *texts) {
            // Decoded when asked for: a text that is not a string reads as empty, which the
            // i18n test reports as a missing translation.
            for (auto l : all_languages)
                if (language == code(l)) raw[slot(l)] = text;
        }
        messages.raw_.emplace(std::string(key), raw);
    }
    return messages;
}

const Messages& Messages::builtin() {
    static const Messages messages = [] {
        auto scanned = scan(embedded::messages_json());
        // Text the scan cannot follow: the full parse says what is wrong with it.
        return scanned ? std::move(*scanned) : parse(embedded::messages_json());
    }();
    return messages;
}

const std::map<std::string, Localized, std::less<>>& Messages::all() const {
    std::call_once(decoded_all_, [this] {
        for (const auto& [key, raw] : raw_) {
            Localized text;
            text.en = json_scan::string_value(raw[0]).value_or("");
            text.pt_BR = json_scan::string_value(raw[1]).value_or("");
            text.uk = json_scan::string_value(raw[2]).value_or("");
            texts_.emplace(key, std::move(text));
        }
    });
    return texts_;
}

bool Messages::has(std::string_view key) const {
    return raw_.empty() ? texts_.find(key) != texts_.end() : raw_.find(key) != raw_.end();
}

std::optional<std::string> Messages::text(Language language, std::string_view key) const {
    if (raw_.empty()) {
        auto it = texts_.find(key);
        if (it == texts_.end()) return std::nullopt;
        return it->second.in(language);
    }
    auto it = raw_.find(key);
    if (it == raw_.end()) return std::nullopt;
    return json_scan::string_value(it->second[slot(language)]).value_or("");
}

std::string Messages::tr(Language language, std::string_view key,
                         std::initializer_list<lesson::Arg> args) const {
    auto text = this->text(language, key);
    // A missing key is a bug the i18n tests catch; show the key rather than nothing.
    if (!text) return std::string(key);
    return fill(language, *text, args);
}

std::string tr(Language language, std::string_view key, std::initializer_list<lesson::Arg> args) {
    return Messages::builtin().tr(language, key, args);
}

}  // namespace i18n
