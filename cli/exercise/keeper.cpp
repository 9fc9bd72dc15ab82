#include "exercise/keeper.hpp"

#include <filesystem>
#include <optional>
#include <ostream>

#include "i18n/messages.hpp"
#include "system_failure.hpp"

namespace exercise {

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
    const auto store = ProgressStore::standard();
    Progress progress = store.load();
    auto& kept = progress.exercises[name];
    if (kept == "solved" && status != "solved") return;
    if (kept == status) return;
    kept = status;
    try {
        store.save(progress);
    } catch (const ProgressError& e) {
        const auto language = context.language;
        *context.out << context.style.paint(
                            "⚠ " + i18n::tr(language, "exercise.not_kept",
                                            {{"path", e.path.string()},
                                             {"reason", os_reason(language, e.error)}}),
                            "33")
                     << "\n";
    }
}

}  // namespace exercise
