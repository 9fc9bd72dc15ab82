#include "commands/list.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <ostream>

#include "exit_codes.hpp"
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

Command add_list_command(CLI::App& app, const CommandSetup& setup) {
    struct Options {
        bool json = false, names = false;
        std::optional<std::string> params;
    };
    auto options = std::make_shared<Options>();
    auto* list = setup.add(app, "list");
    list->add_flag("--json", options->json, setup.text("help.opt.list.json"));
    // For shell completion: plain words, one per line.
    list->add_flag("--names", options->names, setup.text("help.opt.list.names"));
    list->add_option("--params", options->params, setup.text("help.opt.list.params"))
        ->type_name(setup.text("help.arg.lesson"));

    Command command;
    command.app = list;
    command.writes_data = [options] {
        return options->json || options->names || options->params.has_value();
    };
    // The table and the names need only the outline; --json and --params show the params.
    command.outline = [options]() -> std::optional<std::string> {
        if (options->json || options->params) return std::nullopt;
        return std::string();
    };
    command.run = [options](const CommandContext& context) -> int {
        auto& out = *context.out;
        if (options->names) {
            for (const auto& l : context.catalogue->lessons) out << l.slug << "\n";
            return exit_ok;
        }
        if (options->params) {
            for (const auto& p : find_lesson(*context.catalogue, *options->params).params)
                out << p.name << "\n";
            return exit_ok;
        }
        return command_list(context, options->json);
    };
    return command;
}
