#pragma once
// What every command gets: the language, the terminal style and the catalogue.
#include <iosfwd>

#include "catalogue/catalogue.hpp"
#include "render/style.hpp"

struct CommandContext {
    i18n::Language language = i18n::Language::en;
    render::Style style;
    const catalogue::Catalogue* catalogue = nullptr;
    std::ostream* out = nullptr;
};

// The lesson named by a slug or a number, or a UsageError that says what would be valid.
const catalogue::Lesson& find_lesson(const catalogue::Catalogue& catalogue, std::string_view name);
