#include "progress/progress_store.hpp"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "i18n/language.hpp"

ProgressStore ProgressStore::standard() {
    std::filesystem::path base;
    if (auto state = i18n::system_getenv("XDG_STATE_HOME")) {
        base = *state;
    } else if (auto home = i18n::system_getenv("HOME")) {
        base = std::filesystem::path(*home) / ".local" / "state";
    } else {
        base = std::filesystem::temp_directory_path();
    }
    return ProgressStore(base / "asyncdemo" / "progress.json");
}

Progress ProgressStore::load(std::optional<std::filesystem::path>* set_aside) const {
    Progress progress;
    std::ifstream in(file_);
    if (!in) return progress;
    std::stringstream text;
    text << in.rdbuf();
    try {
        const auto json = nlohmann::json::parse(text.str());
        if (json.at("version").get<int>() != 1) throw std::runtime_error("unknown version");
        progress.next_lesson = json.at("next_lesson").get<int>();
        progress.answers = json.at("answers").get<std::map<std::string, bool>>();
        progress.done = json.at("done").get<std::map<std::string, bool>>();
        // Absent from files written before the exercises existed.
        progress.exercises = json.value("exercises", nlohmann::json::object())
                                 .get<std::map<std::string, std::string>>();
    } catch (const std::exception&) {
        auto damaged = file_;
        damaged += ".damaged";
        std::error_code ignored;
        std::filesystem::rename(file_, damaged, ignored);
        if (set_aside) *set_aside = damaged;
        return Progress{};
    }
    return progress;
}

namespace {
void make_folder(const std::filesystem::path& folder) {
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec) throw ProgressError(folder, ec.value());
}
}  // namespace

void ProgressStore::save(const Progress& progress) const {
    make_folder(file_.parent_path());
    const nlohmann::json json = {{"version", 1},
                                 {"next_lesson", progress.next_lesson},
                                 {"answers", progress.answers},
                                 {"done", progress.done},
                                 {"exercises", progress.exercises}};
    auto temporary = file_;
    temporary += ".tmp";
    {
        errno = 0;
        std::ofstream out(temporary, std::ios::trunc);
        out << json.dump(2) << "\n";
        out.flush();
        if (!out) throw ProgressError(temporary, errno ? errno : EIO);
    }
    std::error_code ec;
    std::filesystem::rename(temporary, file_, ec);
    if (ec) throw ProgressError(file_, ec.value());
}

void ProgressStore::reset() const {
    make_folder(file_.parent_path());
    std::error_code ec;
    std::filesystem::remove(file_, ec);
    if (ec) throw ProgressError(file_, ec.value());
}
