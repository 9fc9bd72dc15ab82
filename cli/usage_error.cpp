#include "usage_error.hpp"

std::string UsageError::message(i18n::Language language) const {
    std::vector<lesson::Arg> named;
    named.reserve(args.size());
    for (const auto& [name, value] : args) {
        lesson::Arg arg(name, 0);
        arg.value = value;
        named.push_back(std::move(arg));
    }
    const auto& texts = i18n::Messages::builtin().all();
    auto it = texts.find(key);
    if (it == texts.end()) return key;
    return i18n::fill(language, it->second.in(language), named);
}
