#pragma once
// The exercises' progress, kept with the tour's (progress/progress_store.hpp): same file, same
// folder, and the same rule for a folder that cannot be written: said once, in the user's
// language, and the command goes on.
#include <string>

#include "progress/progress_store.hpp"
#include "runner/context.hpp"

namespace exercise {

// The progress as kept now (a damaged file is set aside, with a warning, as the tour does).
Progress load_progress(const CommandContext& context);
// Records `status` ("solved" or "shown") for `name`; "shown" never replaces "solved". A
// progress that cannot be kept is said once on stderr, and not tried again by this command.
void record(const CommandContext& context, const std::string& name, const std::string& status);

}  // namespace exercise
