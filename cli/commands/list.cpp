#include "commands/list.hpp"

#include <nlohmann/json.hpp>

#include <ostream>

#include "i18n/width.hpp"

int command_list(const CommandContext& context, bool as_json) {
    const auto& catalogue = *context.catalogue;
    const auto language = context.language;
    auto& out = *context.out;
    if (as_json) {
        nlohmann::json lessons = nlohmann::json::array();
        for (const auto& l : catalogue.lessons) {
            nlohmann::json params = nlohmann::json::array();
            for (const auto& p : l.params) {
                params.push_back({{"name", p.name},
                                  {"default", p.default_value},
                                  {"help", p.help.in(language)}});
            }
            lessons.push_back({{"number", l.number},
                               {"slug", l.slug},
                               {"part", l.part},
                               {"title", l.title.in(language)},
                               {"params", std::move(params)}});
        }
        out << nlohmann::json{{"lang", std::string(i18n::code(language))}, {"lessons", lessons}}
                   .dump(2)
            << "\n";
        return 0;
    }
    const auto& style = context.style;
    int slug_width = 0;
    for (const auto& l : catalogue.lessons)
        slug_width = std::max(slug_width, i18n::display_width(l.slug));
    out << style.bold(i18n::tr(language, "list.heading")) << "\n";
    for (const auto& part : catalogue.parts) {
        bool any = false;
        for (const auto& l : catalogue.lessons) {
            if (l.part != part.number) continue;
            if (!any) {
                out << "\n"
                    << style.bold(
                           i18n::tr(language, "list.part",
                                    {{"number", part.number}, {"title", part.title.in(language)}}))
                    << "\n";
                any = true;
            }
            const std::string number = i18n::pad_left(std::to_string(l.number), 4);
            const std::string line = number + "  " + i18n::pad_right(l.slug, slug_width) + "  ";
            const int room = style.width - i18n::display_width(line);
            out << line
                << i18n::truncate(l.title.in(language), std::max(room, 10), style.pick("…", "..."))
                << "\n";
        }
    }
    out << "\n" << style.dim(i18n::tr(language, "list.footer")) << "\n";
    return 0;
}
