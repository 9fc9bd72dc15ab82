#include "commands/progress.hpp"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>

#include "i18n/width.hpp"
#include "system_failure.hpp"

int command_progress(const CommandContext& context, const ProgressStore& store, bool reset) {
    const auto language = context.language;
    auto& out = *context.out;
    if (reset) {
        try {
            store.reset();
        } catch (const ProgressError& e) {
            throw SystemFailure(
                exit_cannot_create, "progress.cannot_keep",
                {{"path", e.path.string()}, {"reason", os_reason(language, e.error)}});
        }
        out << i18n::tr(language, "progress.reset") << "\n";
        return 0;
    }
    std::optional<std::filesystem::path> set_aside;
    const Progress progress = store.load(&set_aside);
    if (set_aside) {
        out << context.style.pick("⚠", "!") << " "
            << i18n::tr(language, "tour.damaged", {{"path", set_aside->string()}}) << "\n";
    }
    if (progress.done.empty() && progress.next_lesson == 0) {
        out << i18n::tr(language, "progress.none") << "\n";
        return 0;
    }
    std::int64_t right = 0;
    for (const auto& [slug, ok] : progress.answers) right += ok;
    out << i18n::tr(language, "progress.summary",
                    {{"done", static_cast<std::int64_t>(progress.done.size())},
                     {"count", static_cast<std::int64_t>(context.catalogue->lessons.size())},
                     {"right", right},
                     {"asked", static_cast<std::int64_t>(progress.answers.size())}})
        << "\n";
    if (progress.next_lesson > 0)
        out << i18n::tr(language, "tour.saved", {{"number", progress.next_lesson}}) << "\n";
    for (const auto& lesson : context.catalogue->lessons) {
        const bool seen = progress.done.count(lesson.slug) > 0;
        auto answer = progress.answers.find(lesson.slug);
        const auto& style = context.style;
        const std::string mark = answer == progress.answers.end()
                                     ? (seen ? style.pick("·", ".") : " ")
                                 : answer->second ? style.pick("✓", "v")
                                                  : style.pick("✗", "x");
        out << "  " << mark << " " << i18n::pad_left(std::to_string(lesson.number), 2) << "  "
            << lesson.slug << "\n";
    }
    return 0;
}

Command add_progress_command(CLI::App& app, const CommandSetup& setup) {
    auto reset = std::make_shared<bool>(false);
    auto* progress = setup.add(app, "progress");
    progress->add_flag("--reset", *reset, setup.text("help.opt.progress.reset"));

    Command command;
    command.app = progress;
    command.run = [reset](const CommandContext& context) {
        return command_progress(context, ProgressStore::standard(), *reset);
    };
    return command;
}
