#pragma once
// The standard streams at both ends of the program.
#include "i18n/language.hpp"

// At start-up, before libuv or anything else opens a file:
// - a closed 0, 1 or 2 (`<&-`, `>&-`) is opened on /dev/null. Otherwise the next file or pipe
//   takes that number, and libuv, which never closes descriptors 0 to 2, aborts on closing it;
// - std::cout writes through a buffer of ours that keeps the reason of the first failed write,
//   for the message at the end (stdio keeps only a flag).
void prepare_standard_streams();

// Checks, when main() returns, that everything printed on stdout reached it. Output that was
// lost (`asyncdemo list >/dev/full`) is not a success: a message in the user's language and
// exit 74 (EX_IOERR), whatever main() meant to return. A reader that went away
// (`asyncdemo list | head -1`) ends the program quietly, as SIGPIPE does by default.
class StdoutCheck {
  public:
    explicit StdoutCheck(const i18n::Language& language) : language_(language) {}
    StdoutCheck(const StdoutCheck&) = delete;
    StdoutCheck& operator=(const StdoutCheck&) = delete;
    ~StdoutCheck();

  private:
    const i18n::Language& language_;
};
