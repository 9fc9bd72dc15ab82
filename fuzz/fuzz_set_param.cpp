// libFuzzer: the --set parser, on every lesson of the real catalogue. Any NAME=VALUE must be
// taken (and then described) or refused with a UsageError whose message can be said in every
// language; anything else is a finding.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "catalogue/catalogue.hpp"
#include "catalogue/params.hpp"
#include "usage_error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto catalogue = catalogue::load_file(LESSONS_JSON);
    if (size == 0) return 0;
    // The first byte picks the lesson, the rest is the setting.
    const auto& lesson = catalogue.lessons[data[0] % catalogue.lessons.size()];
    const std::string_view setting(reinterpret_cast<const char*>(data + 1), size - 1);
    auto values = catalogue::defaults(lesson);
    try {
        catalogue::apply_setting(lesson, values, setting);
        for (auto language : {i18n::Language::en, i18n::Language::pt_BR, i18n::Language::uk})
            (void)catalogue::describe(language, values);
        (void)catalogue::to_json(values).dump();
    } catch (const UsageError& e) {
        for (auto language : {i18n::Language::en, i18n::Language::pt_BR, i18n::Language::uk})
            (void)e.message(language);
    }
    return 0;
}
