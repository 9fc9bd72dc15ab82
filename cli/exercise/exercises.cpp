#include "exercise/exercises.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <functional>
#include <random>
#include <sstream>
#include <stdexcept>

#include "embedded.hpp"

namespace exercise {

namespace {

i18n::Localized localized(const nlohmann::json& node) {
    return {node.at("en").get<std::string>(), node.at("pt-BR").get<std::string>(),
            node.at("uk").get<std::string>()};
}

std::vector<Exercise> parse(std::string_view text) {
    const auto json = nlohmann::json::parse(text);
    if (json.at("format_version").get<int>() != 1)
        throw std::runtime_error("exercises.json: unknown format_version");
    std::vector<Exercise> out;
    for (const auto& node : json.at("exercises")) {
        Exercise e;
        e.name = node.at("name").get<std::string>();
        e.part = node.at("part").get<int>();
        e.lesson = node.value("lesson", "");
        e.title = localized(node.at("title"));
        e.task = localized(node.at("task"));
        for (const auto& variant : node.at("variants"))
            e.variants.push_back(variant.get<std::map<std::string, std::string>>());
        for (const auto& fact : node.at("facts"))
            e.facts.push_back({fact.at("fact").get<std::string>(), fact.value("constant", ""),
                               localized(fact.at("hint"))});
        for (const auto& [key, words] : node.at("text").items()) e.text[key] = localized(words);
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace

const std::vector<Exercise>& all() {
    static const std::vector<Exercise> exercises = parse(embedded::exercises_json());
    return exercises;
}

const Exercise* find(std::string_view name) {
    for (const auto& e : all())
        if (e.name == name) return &e;
    return nullptr;
}

std::string names() {
    std::string out;
    for (const auto& e : all()) out += (out.empty() ? "" : ", ") + e.name;
    return out;
}

std::string program(const Exercise& exercise, bool solution, i18n::Language language) {
    const std::string file = exercise.name + (solution ? ".solution.py" : ".py");
    const std::string_view source = embedded::exercise_source(file);
    if (source.empty()) throw std::runtime_error("no exercises/" + file + " in this build");
    // «key» -> the exercise's word for it in `language`; an unknown key is a build problem.
    static constexpr std::string_view open = "«", close = "»";
    std::string out;
    std::size_t at = 0;
    while (true) {
        const auto start = source.find(open, at);
        if (start == std::string_view::npos) break;
        const auto end = source.find(close, start);
        if (end == std::string_view::npos) break;
        out.append(source.substr(at, start - at));
        const auto key = source.substr(start + open.size(), end - start - open.size());
        const auto it = exercise.text.find(key);
        if (it == exercise.text.end())
            throw std::runtime_error("exercises/" + file + ": no text for «" + std::string(key) +
                                     "»");
        out += it->second.in(language);
        at = end + close.size();
    }
    out.append(source.substr(at));
    return out;
}

namespace {

// "[2, 1, 4]" -> {"2", "1", "4"}; none for a value that is not a list.
std::optional<std::vector<std::string>> list_items(const std::string& value) {
    if (value.size() < 2 || value.front() != '[' || value.back() != ']') return std::nullopt;
    std::vector<std::string> items;
    std::istringstream in(value.substr(1, value.size() - 2));
    std::string item;
    while (std::getline(in, item, ',')) {
        const auto first = item.find_first_not_of(' ');
        const auto last = item.find_last_not_of(' ');
        if (first == std::string::npos) return std::nullopt;
        items.push_back(item.substr(first, last - first + 1));
    }
    return items;
}

}  // namespace

std::optional<std::map<std::string, std::string>> seeded_variant(const Exercise& exercise,
                                                                 std::string_view source) {
    if (exercise.variants.empty()) return std::nullopt;
    auto values = exercise.variants.front();
    std::mt19937 random(static_cast<std::uint32_t>(std::hash<std::string_view>{}(source)));
    bool changed = false;
    for (auto& [name, value] : values) {
        auto items = list_items(value);
        if (!items) continue;
        const auto before = *items;
        std::shuffle(items->begin(), items->end(), random);
        // The same order again would be no new set: turned by one place instead.
        if (*items == before) std::rotate(items->begin(), items->begin() + 1, items->end());
        if (*items == before) continue;  // every item the same
        std::string text = "[";
        for (std::size_t i = 0; i < items->size(); ++i) text += (i ? ", " : "") + (*items)[i];
        value = text + "]";
        changed = true;
    }
    if (!changed) return std::nullopt;
    return values;
}

std::string with_constants(std::string source, const std::map<std::string, std::string>& values) {
    std::istringstream in(source);
    std::string line, out;
    while (std::getline(in, line)) {
        for (const auto& [name, value] : values) {
            if (line.starts_with(name + " =") || line.starts_with(name + "=")) {
                line = name + " = " + value;
                break;
            }
        }
        out += line + "\n";
    }
    return out;
}

std::optional<double> constant_value(std::string_view source, std::string_view name) {
    std::size_t at = 0;
    while (at < source.size()) {
        auto end = source.find('\n', at);
        if (end == std::string_view::npos) end = source.size();
        std::string_view line = source.substr(at, end - at);
        at = end + 1;
        if (!line.starts_with(name)) continue;
        line.remove_prefix(name.size());
        while (line.starts_with(' ')) line.remove_prefix(1);
        if (!line.starts_with('=')) continue;
        line.remove_prefix(1);
        while (line.starts_with(' ')) line.remove_prefix(1);
        double value = 0;
        const auto [ptr, ec] = std::from_chars(line.data(), line.data() + line.size(), value);
        if (ec == std::errc{}) return value;
        return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace exercise
