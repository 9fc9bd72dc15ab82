#pragma once
// What every command and the runner's page get: the language, the terminal style, the
// catalogue and where the text goes.
// The model and the renderers (asyncdemo_view) work on plain data and are below this layer.
#ifdef ASYNCDEMO_VIEW_LAYER
#error "asyncdemo_view may not include the runner or the commands (README.md, How it is built)"
#endif
#include <iosfwd>

#include "catalogue/catalogue.hpp"
#include "render/style.hpp"

struct CommandContext {
    i18n::Language language = i18n::Language::en;
    render::Style style;
    const catalogue::Catalogue* catalogue = nullptr;
    std::ostream* out = nullptr;
};
