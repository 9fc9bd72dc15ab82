#pragma once
// The standard streams at both ends of the program.
#include "i18n/language.hpp"

// At start-up, before libuv or anything else opens a file:
// - a closed 0, 1 or 2 (`<&-`, `>&-`) is opened on /dev/null. Otherwise the next file or pipe
//   takes that number, and libuv, which never closes descriptors 0 to 2, aborts on closing it;
// - std::cout writes through a buffer of ours that keeps the reason of the first failed write,
//   for the message at the end (stdio keeps only a flag).
// - SIGPIPE is ignored, so that a reader that goes away is seen as a write failing with EPIPE
//   (and what runs can be stopped cleanly) rather than the end of the process.
void prepare_standard_streams();

// Whether a write to stdout found its reader gone (`| head -3` has read its lines and left).
bool stdout_reader_gone();
// `hook` is called once, at the write that finds stdout's reader gone, from the thread that
// wrote: a command that runs something (a lesson, a traced program) gives one that stops it
// as Ctrl-C does. It may only set a flag or poke a loop (async-signal-safe). Null: none.
void on_stdout_reader_gone(void (*hook)());

// While it lives, `hook` is the one on_stdout_reader_gone calls; it is none again after.
class StdoutGoneHook {
  public:
    explicit StdoutGoneHook(void (*hook)()) { on_stdout_reader_gone(hook); }
    ~StdoutGoneHook() { on_stdout_reader_gone(nullptr); }
    StdoutGoneHook(const StdoutGoneHook&) = delete;
    StdoutGoneHook& operator=(const StdoutGoneHook&) = delete;
};

// Checks, when main() returns, that everything printed on stdout reached it. Output that was
// lost (`asyncdemo list >/dev/full`) is not a success: a message in the user's language and
// exit 74 (EX_IOERR), whatever main() meant to return. A reader that went away
// (`asyncdemo list | head -1`) ends the program quietly, as SIGPIPE does by default (a shell
// shows 141, exit_codes.hpp's exit_reader_gone).
class StdoutCheck {
  public:
    explicit StdoutCheck(const i18n::Language& language) : language_(language) {}
    StdoutCheck(const StdoutCheck&) = delete;
    StdoutCheck& operator=(const StdoutCheck&) = delete;
    ~StdoutCheck();

  private:
    const i18n::Language& language_;
};
