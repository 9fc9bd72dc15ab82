#pragma once
// A file the user asked for with --svg or --trace.
//
// A regular file (or a path not there yet) is written whole or not at all: the text goes to a
// temporary file beside it, made with a unique name and O_EXCL (mkstemp), so that neither a
// user's own PATH.tmp nor a symlink planted in a shared folder is ever opened, and the
// temporary is renamed over the file once complete. A symlink is followed to the file it names,
// which is replaced while the link stays. Anything else is written through, never replaced: a
// FIFO, a device (/dev/null, /dev/full), or a stream of this process (/dev/stdout,
// /dev/fd/N), as in `--svg /dev/stdout | rsvg-convert`.
//
// The file is opened up front, before the lesson runs, so that a path that cannot be written is
// reported at once rather than after a lesson of ten real seconds: a UsageError (exit 64), the
// path being something the user typed. A write that fails later (a full disk, /dev/full) is a
// SystemFailure (exit 74).
#include <optional>
#include <string>
#include <string_view>

#include "i18n/language.hpp"

class OutputFile {
  public:
    OutputFile(std::string path, i18n::Language language);
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;
    // Removes the temporary file when commit() was never reached.
    ~OutputFile();

    void commit(std::string_view contents);
    const std::string& path() const { return path_; }
    // True when the path names this process's standard output (/dev/stdout, /dev/fd/1).
    bool writes_to_stdout() const { return to_stdout_; }

  private:
    [[noreturn]] void fail_to_open(int error);
    [[noreturn]] void fail_to_write(int error);

    std::string path_;                      // as the user typed it, for messages
    std::string target_;                    // the file renamed over: symlinks followed
    std::optional<std::string> temporary_;  // none when writing through
    i18n::Language language_;
    int fd_ = -1;
    bool committed_ = false;
    bool to_stdout_ = false;
};
