#pragma once
// CLDR plural categories for the three languages, and the `{n|one|other}` blocks that
// choose a word form by a number: en and pt-BR give two forms (one|other), uk three
// (one|few|many, and an optional fourth "other" for fractions: у 1,5 раза); without it
// a Ukrainian fraction takes the "few" form (1,5 секунди).
#include <string_view>

#include "i18n/language.hpp"

namespace i18n {

// Index of the form to use among those written in the block.
int plural_form(Language language, double n);

}  // namespace i18n
