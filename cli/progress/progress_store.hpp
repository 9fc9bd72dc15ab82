#pragma once
// Where a student is in the tour and how their answers went, kept between sessions in
// $XDG_STATE_HOME/asyncdemo/progress.json (~/.local/state/asyncdemo/progress.json). It is
// written whole to a temporary file and renamed, so a crash never leaves half a file; a file
// that cannot be read is set aside with a warning and the tour starts afresh.
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

struct Progress {
    int next_lesson = 0;                  // lesson number to resume at; 0: from the start
    std::map<std::string, bool> answers;  // slug -> answered right
    std::map<std::string, bool> done;     // slug -> seen to the end
    // Exercises (asyncdemo exercise): name -> "solved", or "shown" when its solution was
    // shown with --force before it was solved.
    std::map<std::string, std::string> exercises;
};

// The progress could not be kept: `path` could not be made or written, for `error` (errno).
struct ProgressError : std::runtime_error {
    ProgressError(std::filesystem::path where, int why)
        : std::runtime_error("cannot keep progress in " + where.string()),
          path(std::move(where)),
          error(why) {}
    std::filesystem::path path;
    int error;
};

class ProgressStore {
  public:
    explicit ProgressStore(std::filesystem::path file) : file_(std::move(file)) {}
    // The default place, from XDG_STATE_HOME or HOME.
    static ProgressStore standard();

    // Reads the file; a damaged one is renamed to *.damaged and `set_aside` names it.
    Progress load(std::optional<std::filesystem::path>* set_aside = nullptr) const;
    // Both throw ProgressError when the folder cannot be made or the file written; reset()
    // makes the folder too, so that a progress that could never be kept is not called cleared.
    void save(const Progress& progress) const;
    void reset() const;
    const std::filesystem::path& file() const { return file_; }

  private:
    std::filesystem::path file_;
};
