#include "exercise/keeper.hpp"

#include <filesystem>
#include <iostream>
#include <optional>
#include <ostream>

#include "i18n/messages.hpp"
#include "system_failure.hpp"

namespace exercise {

namespace {

// One command is one process. Once the progress could not be kept it is said once and not
// tried again, as the tour does: `check --watch` records on every passing save and would
// otherwise say it each time.
bool keeping = true;

}  // namespace

Progress load_progress(const CommandContext& context) {
    std::optional<std::filesystem::path> set_aside;
    Progress progress = ProgressStore::standard().load(&set_aside);
    if (set_aside)
        *context.out << context.style.pick("⚠", "!") << " "
                     << i18n::tr(context.language, "tour.damaged", {{"path", set_aside->string()}})
                     << "\n";
    return progress;
}

void record(const CommandContext& context, const std::string& name, const std::string& status) {
    if (!keeping) return;
    const auto store = ProgressStore::standard();
    Progress progress = store.load();
    auto& kept = progress.exercises[name];
    if (kept == "solved" && status != "solved") return;
    if (kept == status) return;
    kept = status;
    try {
        store.save(progress);
    } catch (const ProgressError& e) {
        keeping = false;
        const auto language = context.language;
        // On stderr: `check --json` keeps its standard output for the JSON report.
        std::cerr << context.style.paint(
                         "⚠ " + i18n::tr(language, "exercise.not_kept",
                                         {{"path", e.path.string()},
                                          {"reason", os_reason(language, e.error)}}),
                         "33")
                  << "\n";
    }
}

}  // namespace exercise
