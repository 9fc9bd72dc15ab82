// libFuzzer: the catalogue loader (what `asyncdemo check FILE` reads). Any text must give a
// catalogue or a CatalogueError whose message can be said in every language; anything else
// (another exception, a crash, a sanitizer report) is a finding.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "catalogue/catalogue.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const auto catalogue = catalogue::parse(text);
        for (const auto& lesson : catalogue.lessons) (void)catalogue.find(lesson.slug);
    } catch (const catalogue::CatalogueError& e) {
        for (auto language : {i18n::Language::en, i18n::Language::pt_BR, i18n::Language::uk})
            (void)e.message(language);
    }
    return 0;
}
