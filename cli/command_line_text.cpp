#include "command_line_text.hpp"

#include <algorithm>
#include <regex>
#include <vector>

#include "i18n/messages.hpp"
#include "i18n/width.hpp"
#include "render/style.hpp"

namespace {

// CLI11 pads the option column with std::setw, which counts bytes: "--speed NÚMERO" and
// "УРОК" came out short of the description column. This one pads by what the terminal
// shows, and wraps long descriptions under their column instead of past the terminal's edge.
class Formatter : public CLI::Formatter {
  public:
    std::string make_option(const CLI::Option* opt, bool is_positional) const override {
        return line(make_option_name(opt, is_positional) + make_option_opts(opt),
                    make_option_desc(opt));
    }
    std::string make_subcommand(const CLI::App* sub) const override {
        return line(sub->get_display_name(true), sub->get_description());
    }
    // The command's own description, wrapped. (CLI11 would add English notes about required
    // option groups here; this program declares none.)
    std::string make_description(const CLI::App* app) const override {
        const std::string& description = app->get_description();
        return description.empty() ? std::string() : i18n::wrap(description, width());
    }

  private:
    // One column spare, as the timeline keeps: a full line makes some terminals wrap.
    int width() const {
        return std::max(static_cast<int>(get_column_width()) + 30, render::terminal_width() - 1);
    }

    std::string line(const std::string& name, const std::string& description) const {
        const int column = static_cast<int>(get_column_width());
        std::string out = "  " + name;
        if (description.empty()) return out + "\n";
        const int used = 2 + i18n::display_width(name);
        const std::string indent(static_cast<std::size_t>(column), ' ');
        std::string wrapped = i18n::wrap(description, width(), indent);
        if (used < column) {
            out += std::string(static_cast<std::size_t>(column - used), ' ');
            wrapped.erase(0, indent.size());  // the first line goes beside the name
        } else {
            out += "\n";
        }
        return out + wrapped;
    }
};

std::string join(const std::vector<std::string>& items, const std::string& separator) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
    return out;
}

// The subcommand being parsed when the error came (the last one named), or null.
const CLI::App* active_command(const CLI::App& app) {
    const auto parsed = app.get_subcommands();
    return parsed.empty() ? nullptr : parsed.back();
}

std::vector<std::string> command_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; }))
        names.push_back(sub->get_name());
    return names;
}

// The options a command accepts: its own, then the global ones that fall through to it.
std::vector<std::string> option_names(const CLI::App& app, const CLI::App* command) {
    std::vector<std::string> names;
    auto add = [&](const CLI::App& owner) {
        for (const auto* opt : owner.get_options()) {
            if (opt->get_lnames().empty()) continue;
            const std::string name = "--" + opt->get_lnames().front();
            if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
        }
    };
    if (command) add(*command);
    add(app);
    return names;
}

std::vector<const CLI::Option*> positionals(const CLI::App& command) {
    return command.get_options([](const CLI::Option* opt) { return opt->get_positional(); });
}

// An option or positional of the command (or a global option) by the name CLI11 gives it.
const CLI::Option* find_option(const CLI::App& app, const CLI::App* command,
                               const std::string& name) {
    for (const CLI::App* owner : {command, &app}) {
        if (!owner) continue;
        for (const auto* opt : owner->get_options())
            if (opt->get_name() == name) return opt;
    }
    return nullptr;
}

std::vector<std::string> extras_of(const std::string& what) {
    // "The following argument(s) was/were not expected: C B A" (CLI11 lists them backwards).
    std::vector<std::string> items;
    const auto colon = what.find(": ");
    if (colon == std::string::npos) return items;
    std::string rest = what.substr(colon + 2);
    std::size_t start = 0;
    while (start < rest.size()) {
        auto space = rest.find(' ', start);
        if (space == std::string::npos) space = rest.size();
        if (space > start) items.push_back(rest.substr(start, space - start));
        start = space + 1;
    }
    std::reverse(items.begin(), items.end());
    return items;
}

std::string unexpected(i18n::Language language, const CLI::App& app, const CLI::App* command,
                       const std::string& value) {
    if (value.starts_with("-")) {
        return i18n::tr(language, "error.cli.unknown_option",
                        {{"value", value}, {"valid", join(option_names(app, command), ", ")}});
    }
    if (!command) {
        return i18n::tr(language, "error.cli.unknown_command",
                        {{"value", value}, {"valid", join(command_names(app), ", ")}});
    }
    std::vector<std::string> names;
    for (const auto* opt : positionals(*command)) names.push_back(opt->get_name());
    if (names.empty()) {
        return i18n::tr(language, "error.cli.no_arguments",
                        {{"value", value}, {"command", command->get_name()}});
    }
    return i18n::tr(
        language, "error.cli.extra_argument",
        {{"value", value}, {"command", command->get_name()}, {"valid", join(names, " ")}});
}

std::string detail_of(i18n::Language language, const CLI::ParseError& error, const CLI::App& app,
                      const CLI::App* command) {
    const std::string what = error.what();
    std::smatch m;
    if (dynamic_cast<const CLI::ExtrasError*>(&error)) {
        const auto items = extras_of(what);
        if (!items.empty()) return unexpected(language, app, command, items.front());
    }
    if (dynamic_cast<const CLI::RequiredError*>(&error)) {
        if (!command && app.get_require_subcommand_min() > 0) {
            // "asyncdemo foo": CLI11 reports the missing command before the unknown word.
            const auto left = app.remaining();
            if (!left.empty()) return unexpected(language, app, nullptr, left.front());
            return i18n::tr(language, "error.cli.no_command",
                            {{"valid", join(command_names(app), ", ")}});
        }
        static const std::regex required("^(.+) is required$");
        if (std::regex_match(what, m, required)) {
            const std::string name = m[1];
            const auto* opt = find_option(app, command, name);
            return i18n::tr(language, "error.cli.missing",
                            {{"command", command ? command->get_name() : std::string("asyncdemo")},
                             {"name", name},
                             {"description", opt ? opt->get_description() : std::string()}});
        }
    }
    if (dynamic_cast<const CLI::ArgumentMismatch*>(&error)) {
        // "--lang: 1 required en|pt-BR|uk missing" and the like: an option without its value.
        const std::string name = what.substr(0, what.find(':'));
        if (const auto* opt = find_option(app, command, name)) {
            return i18n::tr(language, "error.cli.needs_value",
                            {{"option", name}, {"type", opt->get_type_name()}});
        }
    }
    if (dynamic_cast<const CLI::ConversionError*>(&error)) {
        // Every option that CLI11 converts is a whole number (tour --from); the others are
        // text checked by the commands themselves.
        static const std::regex conversion("^Could not convert: (\\S+) = (.*)$");
        if (std::regex_match(what, m, conversion)) {
            return i18n::tr(language, "error.cli.not_integer",
                            {{"option", std::string(m[1])}, {"value", std::string(m[2])}});
        }
    }
    if (dynamic_cast<const CLI::ExcludesError*>(&error)) {
        static const std::regex excludes("^(\\S+) excludes (\\S+)$");
        if (std::regex_match(what, m, excludes)) {
            return i18n::tr(language, "error.cli.excludes",
                            {{"first", std::string(m[1])}, {"second", std::string(m[2])}});
        }
    }
    if (dynamic_cast<const CLI::RequiresError*>(&error)) {
        static const std::regex requires_("^(\\S+) requires (\\S+)$");
        if (std::regex_match(what, m, requires_)) {
            return i18n::tr(language, "error.cli.requires",
                            {{"first", std::string(m[1])}, {"second", std::string(m[2])}});
        }
    }
    // Kinds this program cannot produce (configuration files, validators it does not use):
    // said in the user's language around CLI11's own words.
    return i18n::tr(language, "error.cli.other", {{"detail", what}});
}

}  // namespace

void localize_help(CLI::App& app, i18n::Language language) {
    auto formatter = std::make_shared<Formatter>();
    app.formatter(formatter);
    for (const char* label : {"Usage", "OPTIONS", "SUBCOMMAND", "SUBCOMMANDS", "Positionals",
                              "REQUIRED", "Env", "Needs", "Excludes"}) {
        formatter->label(label, i18n::tr(language, std::string("help.label.") + label));
    }
}

std::string parse_error_message(i18n::Language language, const CLI::ParseError& error,
                                const CLI::App& app) {
    const CLI::App* command = active_command(app);
    const std::string detail = detail_of(language, error, app, command);
    if (!command) return i18n::tr(language, "error.usage", {{"detail", detail}});
    return i18n::tr(language, "error.usage_command",
                    {{"detail", detail}, {"command", command->get_name()}});
}
