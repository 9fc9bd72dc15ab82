#pragma once
// A file the user asked for with --svg or --trace, written whole or not at all. The text goes
// to PATH.tmp, which is renamed over PATH once complete, so an interrupted or failed write
// never leaves half a picture where a good one was. The temporary file is created up front,
// before the lesson runs, so that a path that cannot be written is reported at once rather
// than after a lesson of ten real seconds. Failures are UsageErrors (exit 64): the path is
// something the user typed.
#include <cstdio>
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

  private:
    [[noreturn]] void fail(int error);

    std::string path_, temporary_;
    i18n::Language language_;
    std::FILE* file_ = nullptr;
    bool committed_ = false;
};
