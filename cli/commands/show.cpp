#include "commands/show.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <memory>
#include <ostream>
#include <vector>

#include "catalogue/params.hpp"
#include "commands/python_export.hpp"
#include "embedded.hpp"
#include "i18n/width.hpp"

namespace {

std::vector<std::string> lines_of(std::string_view text) {
    std::vector<std::string> lines;
    while (!text.empty()) {
        auto end = text.find('\n');
        lines.emplace_back(text.substr(0, end));
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
    for (auto& line : lines) {
        // Tabs would break the columns; the sources use spaces, but be safe.
        std::string expanded;
        for (char c : line) expanded += c == '\t' ? std::string("    ") : std::string(1, c);
        line = expanded;
    }
    return lines;
}

int widest(const std::vector<std::string>& lines) {
    int w = 0;
    for (const auto& l : lines) w = std::max(w, i18n::display_width(l));
    return w;
}

std::string file_stem(const catalogue::Lesson& lesson) {
    std::string stem =
        (lesson.number < 10 ? "0" : "") + std::to_string(lesson.number) + "_" + lesson.slug;
    std::replace(stem.begin(), stem.end(), '-', '_');
    return stem;
}

}  // namespace

int command_show(const CommandContext& context, const std::string& name, ShowWhich which,
                 const std::vector<std::string>& settings) {
    const auto& lesson = find_lesson(*context.catalogue, name);
    if (which == ShowWhich::python) {
        // Nothing but the program, so that `show gather --python > gather.py` runs.
        auto params = catalogue::defaults(lesson);
        for (const auto& s : settings) catalogue::apply_setting(lesson, params, s);
        *context.out << python_program(*context.catalogue, lesson, context.language, params);
        return 0;
    }
    *context.out << context.style.bold(i18n::tr(
                        context.language, "run.header",
                        {{"number", lesson.number}, {"title", lesson.title.in(context.language)}}))
                 << "\n\n";
    print_sources(context, lesson, which);
    return 0;
}

void print_sources(const CommandContext& context, const catalogue::Lesson& lesson,
                   ShowWhich which) {
    const auto language = context.language;
    const auto& style = context.style;
    auto& out = *context.out;
    const std::string py_file = file_stem(lesson) + ".py", cpp_file = file_stem(lesson) + ".cpp";
    const auto python = lines_of(embedded::lesson_source(py_file));
    const auto cpp = lines_of(embedded::lesson_source(cpp_file));
    const std::string py_title =
        i18n::tr(language, "show.python", {{"file", "lessons/" + py_file}});
    const std::string cpp_title = i18n::tr(language, "show.cpp", {{"file", "lessons/" + cpp_file}});

    const int left = std::max(widest(python), i18n::display_width(py_title));
    const int right = std::max(widest(cpp), i18n::display_width(cpp_title));
    if (which == ShowWhich::both && left + 3 + right <= style.width) {
        out << style.bold(i18n::pad_right(py_title, left)) << " " << style.dim(style.pick("│", "|"))
            << " " << style.bold(cpp_title) << "\n";
        out << style.dim(std::string(static_cast<std::size_t>(left + 1), '-') +
                         style.pick("┼", "+") +
                         std::string(static_cast<std::size_t>(right + 1), '-'))
            << "\n";
        for (std::size_t i = 0; i < std::max(python.size(), cpp.size()); ++i) {
            const std::string l = i < python.size() ? python[i] : "";
            const std::string r = i < cpp.size() ? cpp[i] : "";
            std::string row =
                i18n::pad_right(l, left) + " " + style.dim(style.pick("│", "|")) + " " + r;
            while (!row.empty() && row.back() == ' ') row.pop_back();
            out << row << "\n";
        }
        return;
    }
    auto print = [&](const std::string& title, const std::vector<std::string>& lines) {
        out << style.bold(title) << "\n";
        for (const auto& l : lines) out << l << "\n";
        out << "\n";
    };
    if (which != ShowWhich::cpp) print(py_title, python);
    if (which != ShowWhich::python) print(cpp_title, cpp);
}

Command add_show_command(CLI::App& app, const CommandSetup& setup) {
    struct Options {
        std::string lesson;
        bool python = false, cpp = false;
        std::vector<std::string> settings;
    };
    auto options = std::make_shared<Options>();
    auto* show = setup.add(app, "show");
    show->add_option(setup.text("help.arg.lesson"), options->lesson, setup.text("help.opt.lesson"))
        ->required()
        ->type_name("");
    auto* python_flag =
        show->add_flag("--python", options->python, setup.text("help.opt.show.python"));
    show->add_flag("--cpp", options->cpp, setup.text("help.opt.show.cpp"))->excludes(python_flag);
    show->add_option("--set", options->settings, setup.text("help.opt.show.set"))
        ->type_name(setup.text("help.type.setting"))
        ->take_all()
        ->needs(python_flag);

    Command command;
    command.app = show;
    command.writes_data = [] { return true; };  // source code, kept as it is
    command.run = [options](const CommandContext& context) {
        const ShowWhich which = options->python ? ShowWhich::python
                                : options->cpp  ? ShowWhich::cpp
                                                : ShowWhich::both;
        return command_show(context, options->lesson, which, options->settings);
    };
    return command;
}
