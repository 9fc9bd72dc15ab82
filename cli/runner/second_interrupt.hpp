#pragma once
// A second Ctrl-C while a run is being cancelled: asyncdemo does not wait for the tasks'
// cleanup. The message is translated beforehand, because the signal handler that leaves
// may only write it and _exit (nothing that allocates or locks).
#ifdef ASYNCDEMO_VIEW_LAYER
#error "asyncdemo_view may not include the runner or the commands (README.md, How it is built)"
#endif
#include "i18n/language.hpp"

namespace interrupt {

// Translates the message the next second Ctrl-C writes to stderr.
void prepare_second(i18n::Language language);

// Writes the prepared message and exits with 130. Async-signal-safe.
[[noreturn]] void leave_at_once();

}  // namespace interrupt
