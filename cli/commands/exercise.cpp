#include "commands/exercise.hpp"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "exercise/checker.hpp"
#include "exercise/exercises.hpp"
#include "exercise/keeper.hpp"
#include "exit_codes.hpp"
#include "i18n/messages.hpp"
#include "i18n/width.hpp"
#include "system_failure.hpp"
#include "usage_error.hpp"

namespace {

constexpr const char* default_folder = "asyncdemo-exercises";

const exercise::Exercise& named(const std::string& name) {
    const auto* e = exercise::find(name);
    if (!e)
        throw UsageError("error.exercise.unknown", {{"value", name}, {"names", exercise::names()}});
    return *e;
}

std::string part_title(const CommandContext& context, int number) {
    for (const auto& part : context.catalogue->parts)
        if (part.number == number) return part.title.in(context.language);
    return std::to_string(number);
}

std::string status_of(const Progress& progress, const std::string& name) {
    const auto it = progress.exercises.find(name);
    return it == progress.exercises.end() ? "" : it->second;
}

// The task of one exercise, and how to start it.
void print_task(const CommandContext& context, const exercise::Exercise& e, std::size_t index) {
    const auto language = context.language;
    auto& out = *context.out;
    out << context.style.bold(i18n::tr(language, "exercise.heading",
                                       {{"number", static_cast<long>(index + 1)},
                                        {"count", static_cast<long>(exercise::all().size())},
                                        {"title", e.title.in(language)},
                                        {"part", e.part},
                                        {"part_title", part_title(context, e.part)}}))
        << "\n\n"
        << i18n::wrap(e.task.in(language), std::min(context.style.width, 100)) << "\n"
        << i18n::tr(language, "exercise.how_to_start", {{"name", e.name}}) << "\n";
}

int command_next(const CommandContext& context) {
    const Progress progress = exercise::load_progress(context);
    const auto& all = exercise::all();
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (status_of(progress, all[i].name) == "solved") continue;
        print_task(context, all[i], i);
        return exit_ok;
    }
    *context.out << i18n::tr(context.language, "exercise.all_solved") << "\n";
    return exit_ok;
}

int command_list(const CommandContext& context, bool as_json) {
    const auto language = context.language;
    const Progress progress = exercise::load_progress(context);
    auto& out = *context.out;
    if (as_json) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& e : exercise::all()) {
            const std::string status = status_of(progress, e.name);
            list.push_back({{"name", e.name},
                            {"part", e.part},
                            {"lesson", e.lesson},
                            {"title", e.title.in(language)},
                            {"status", status.empty() ? "new" : status}});
        }
        out << list.dump(2) << "\n";
        return exit_ok;
    }
    int shown_part = 0;
    for (const auto& e : exercise::all()) {
        if (e.part != shown_part) {
            shown_part = e.part;
            out << context.style.bold(
                       i18n::tr(language, "exercise.part",
                                {{"part", e.part}, {"title", part_title(context, e.part)}}))
                << "\n";
        }
        const std::string status = status_of(progress, e.name);
        const auto& style = context.style;
        const std::string mark = status == "solved"  ? style.pick("✓", "v")
                                 : status == "shown" ? style.pick("·", ".")
                                                     : " ";
        out << "  " << mark << " " << i18n::pad_right(e.name, 16) << e.title.in(language) << "\n";
    }
    out << "\n" << i18n::tr(language, "exercise.list_legend") << "\n";
    return exit_ok;
}

std::optional<std::string> read_if_there(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// The file is the starter as written out (in any language): the student has not changed it.
bool untouched(const exercise::Exercise& e, const std::string& text) {
    for (auto lang : {i18n::Language::en, i18n::Language::pt_BR, i18n::Language::uk})
        if (text == exercise::program(e, false, lang)) return true;
    return false;
}

int command_start(const CommandContext& context, const std::string& name,
                  const std::string& folder) {
    const auto language = context.language;
    const auto& e = named(name);
    const std::filesystem::path path = std::filesystem::path(folder) / (e.name + ".py");
    if (const auto existing = read_if_there(path); existing && !untouched(e, *existing))
        throw SystemFailure(exit_cannot_create, "error.exercise.changed",
                            {{"path", path.string()}, {"name", e.name}});
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec)
        throw SystemFailure(exit_cannot_create, "error.exercise.cannot_write",
                            {{"path", folder}, {"reason", os_reason(language, ec.value())}});
    {
        errno = 0;
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << exercise::program(e, false, language);
        out.flush();
        if (!out)
            throw SystemFailure(
                exit_cannot_create, "error.exercise.cannot_write",
                {{"path", path.string()}, {"reason", os_reason(language, errno ? errno : EIO)}});
    }
    *context.out << i18n::tr(language, "exercise.started", {{"path", path.string()}}) << "\n\n"
                 << i18n::wrap(e.task.in(language), std::min(context.style.width, 100)) << "\n"
                 << i18n::tr(language, "exercise.how_to_check", {{"path", path.string()}}) << "\n";
    return exit_ok;
}

int command_solution(const CommandContext& context, const std::string& name, bool force) {
    const auto language = context.language;
    const auto& e = named(name);
    const Progress progress = exercise::load_progress(context);
    if (status_of(progress, e.name) != "solved") {
        if (!force) {
            std::cerr << "asyncdemo: "
                      << i18n::tr(language, "exercise.solution_locked", {{"name", e.name}}) << "\n";
            return exit_program_failed;
        }
        exercise::record(context, e.name, "shown");
    }
    *context.out << exercise::program(e, true, language);
    return exit_ok;
}

// A subcommand of `exercise`, worded from messages.json's "help.exercise.NAME".
CLI::App* add_sub(CLI::App& parent, const CommandSetup& setup, const std::string& name) {
    auto* sub = parent.add_subcommand(name, i18n::tr(setup.language, "help.exercise." + name));
    sub->group(setup.text("help.label.Subcommands"));
    sub->set_help_flag("-h,--help", setup.text("help.help"));
    sub->fallthrough();
    return sub;
}

}  // namespace

Command add_exercise_command(CLI::App& app, const CommandSetup& setup) {
    struct Options {
        std::string name, folder = default_folder;
        exercise::CheckRequest check;
        bool as_json = false, watch = false, force = false;
        CLI::App *list = nullptr, *start = nullptr, *check_app = nullptr, *solution = nullptr;
    };
    auto options = std::make_shared<Options>();
    auto* exercise = setup.add(app, "exercise");
    exercise->require_subcommand(0, 1);

    options->list = add_sub(*exercise, setup, "list");
    options->list->add_flag("--json", options->as_json, setup.text("help.opt.exercise.json"));

    options->start = add_sub(*exercise, setup, "start");
    options->start->add_option("NAME", options->name, setup.text("help.opt.exercise.name"))
        ->required()
        ->type_name("");
    options->start->add_option("--dir", options->folder, setup.text("help.opt.exercise.dir"))
        ->type_name(setup.text("help.type.folder"));

    options->check_app = add_sub(*exercise, setup, "check");
    options->check_app
        ->add_option("FILE", options->check.file, setup.text("help.opt.exercise.file"))
        ->required()
        ->type_name("");
    options->check_app->add_flag("--json", options->check.as_json,
                                 setup.text("help.opt.exercise.check_json"));
    options->check_app->add_flag("--watch", options->watch, setup.text("help.opt.exercise.watch"));
    options->check_app
        ->add_option("--python", options->check.python, setup.text("help.opt.trace.python"))
        ->type_name(setup.text("help.type.file"));

    options->solution = add_sub(*exercise, setup, "solution");
    options->solution->add_option("NAME", options->name, setup.text("help.opt.exercise.name"))
        ->required()
        ->type_name("");
    options->solution->add_flag("--force", options->force, setup.text("help.opt.exercise.force"));

    Command command;
    command.app = exercise;
    command.run = [options](const CommandContext& context) {
        if (options->list->parsed()) return command_list(context, options->as_json);
        if (options->start->parsed()) return command_start(context, options->name, options->folder);
        if (options->solution->parsed())
            return command_solution(context, options->name, options->force);
        if (options->check_app->parsed()) {
            if (options->watch) return exercise::watch(context, options->check);
            return exercise::check(context, options->check);
        }
        return command_next(context);
    };
    command.writes_data = [options] {
        return options->as_json || options->check.as_json ||
               (options->solution && options->solution->parsed());
    };
    return command;
}
