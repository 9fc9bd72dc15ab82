#include "runner/second_interrupt.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <string>

#include "exit_codes.hpp"
#include "i18n/messages.hpp"

namespace interrupt {

namespace {
// A fixed buffer: the handler reads it, so it must never be reallocated under it.
char message[512] = "\nInterrupted again: leaving at once.\n";
}  // namespace

void prepare_second(i18n::Language language) {
    const std::string text = "\n" + i18n::tr(language, "outcome.interrupted_again") + "\n";
    const auto n = std::min(text.size(), sizeof message - 1);
    std::memcpy(message, text.data(), n);
    message[n] = '\0';
}

void leave_at_once() {
    const auto ignored = ::write(STDERR_FILENO, message, std::strlen(message));
    (void)ignored;
    ::_exit(exit_interrupted);
}

}  // namespace interrupt
