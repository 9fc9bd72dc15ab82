#pragma once

// What a task waits on, in the user's words: one place for every screen that says it (the
// run page's deadlock report, the step view, the picture, a traced program's deadlock).

#include <string>
#include <vector>

#include "asyncio/observer.hpp"
#include "i18n/language.hpp"

namespace render {

// "the task job-1", "a lock (counter)"; a kind with no message of its own reads as its name.
std::string describe_wait(i18n::Language language, asyncio::WaitOn on, const std::string& detail);

// One line per task stuck in a deadlock, "fork-1 waits on a lock (fork-2), held by phil-2",
// without indentation or colour.
std::vector<std::string> deadlock_lines(i18n::Language language,
                                        const std::vector<asyncio::WaitInfo>& waits);

}  // namespace render
