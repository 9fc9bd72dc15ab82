#include "commands/command.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <charconv>

#include "i18n/messages.hpp"
#include "usage_error.hpp"

std::string CommandSetup::text(const char* key) const {
    return i18n::tr(language, key);
}

CLI::App* CommandSetup::add(CLI::App& app, const char* name) const {
    auto* command = app.add_subcommand(name, i18n::tr(language, std::string("help.") + name));
    command->group(text("help.label.Subcommands"));
    command->set_help_flag("-h,--help", text("help.help"));
    // Options of the app (--lang, --color, --ascii) may come after the subcommand's own.
    command->fallthrough();
    return command;
}

RunSettings run_settings(const CommandContext& context, const std::string& clock,
                         const std::string& speed) {
    RunSettings settings;
    settings.language = context.language;
    settings.clock = parse_clock(clock);
    settings.speed = parse_speed(speed);
    settings.handle_sigint = true;
    return settings;
}

asyncio::ClockKind parse_clock(const std::string& value) {
    if (value == "virtual") return asyncio::ClockKind::virtual_time;
    if (value == "real") return asyncio::ClockKind::real;
    throw UsageError("error.bad_clock", {{"value", value}});
}

double parse_speed(const std::string& value) {
    // 0.5 or 0,5: a class writes the decimal comma its language uses, as --set accepts it.
    std::string text = value;
    std::replace(text.begin(), text.end(), ',', '.');
    double speed = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), speed);
    if (ec != std::errc{} || end != text.data() + text.size() || !(speed >= 0.05 && speed <= 20))
        throw UsageError("error.bad_speed", {{"value", value}});
    return speed;
}
