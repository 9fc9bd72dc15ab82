#include "progress/progress_store.hpp"

#include <nlohmann/json.hpp>

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

void ProgressStore::save(const Progress& progress) const {
    std::filesystem::create_directories(file_.parent_path());
    const nlohmann::json json = {{"version", 1},
                                 {"next_lesson", progress.next_lesson},
                                 {"answers", progress.answers},
                                 {"done", progress.done}};
    auto temporary = file_;
    temporary += ".tmp";
    {
        std::ofstream out(temporary, std::ios::trunc);
        out << json.dump(2) << "\n";
        out.flush();
        if (!out) throw std::runtime_error("cannot write " + temporary.string());
    }
    std::filesystem::rename(temporary, file_);
}

void ProgressStore::reset() const {
    std::error_code ignored;
    std::filesystem::remove(file_, ignored);
}
