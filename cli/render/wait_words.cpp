#include "render/wait_words.hpp"

#include <fmt/format.h>

#include "i18n/messages.hpp"

namespace render {

std::string describe_wait(i18n::Language language, asyncio::WaitOn on, const std::string& detail) {
    const std::string name(to_string(on));
    const std::string key = "wait." + name;
    std::string what = i18n::Messages::builtin().has(key)
                           ? i18n::tr(language, key, {{"detail", detail}})
                           : name + (detail.empty() ? "" : " " + detail);
    while (!what.empty() && what.back() == ' ') what.pop_back();
    return what;
}

std::vector<std::string> deadlock_lines(i18n::Language language,
                                        const std::vector<asyncio::WaitInfo>& waits) {
    auto name_of = [&](asyncio::TaskId id) -> std::string {
        for (const auto& w : waits)
            if (w.task == id) return w.name;
        return fmt::format("#{}", id);
    };
    std::vector<std::string> lines;
    for (const auto& w : waits) {
        std::string what = describe_wait(language, w.on, w.detail);
        if (w.on != asyncio::WaitOn::task && w.on_task != asyncio::no_task)
            what = i18n::tr(language, "outcome.held_by",
                            {{"what", what}, {"holder", name_of(w.on_task)}});
        lines.push_back(
            i18n::tr(language, "outcome.deadlock_wait", {{"task", w.name}, {"what", what}}));
    }
    return lines;
}

}  // namespace render
