#include "catalogue/catalogue.hpp"

#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

#include "embedded.hpp"
#include "i18n/language.hpp"

namespace catalogue {

namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& where, const std::string& what) {
    throw CatalogueError(where + ": " + what);
}

Localized localized(const json& node, const std::string& where) {
    if (!node.is_object()) fail(where, "expected an object with en, pt-BR and uk texts");
    Localized text;
    for (auto language : i18n::all_languages) {
        const std::string code(i18n::code(language));
        if (!node.contains(code) || !node[code].is_string() ||
            node[code].get<std::string>().empty())
            fail(where, "the '" + code + "' text is missing");
    }
    text.en = node["en"].get<std::string>();
    text.pt_BR = node["pt-BR"].get<std::string>();
    text.uk = node["uk"].get<std::string>();
    return text;
}

ParamType param_type(const std::string& name, const std::string& where) {
    if (name == "number") return ParamType::number;
    if (name == "integer") return ParamType::integer;
    if (name == "list") return ParamType::list;
    if (name == "choice") return ParamType::choice;
    fail(where, "unknown param type '" + name + "' (number, integer, list, choice)");
}

ParamSpec param(const json& node, const std::string& where) {
    ParamSpec p;
    try {
        p.name = node.at("name").get<std::string>();
        p.type = param_type(node.at("type").get<std::string>(), where);
        p.default_value = node.at("default");
        p.help = localized(node.at("help"), where + ".help");
        if (p.type == ParamType::choice) {
            p.choices = node.at("choices").get<std::vector<std::string>>();
            if (p.choices.empty()) fail(where, "a choice needs choices");
        } else {
            p.min = node.at("min").get<double>();
            p.max = node.at("max").get<double>();
            if (p.min > p.max) fail(where, "min is above max");
        }
        if (p.type == ParamType::list) {
            p.min_items = node.value("min_items", std::size_t{1});
            p.max_items = node.value("max_items", std::size_t{20});
        }
    } catch (const json::exception& e) {
        fail(where, e.what());
    }
    return p;
}

Question question(const json& node, const std::string& where) {
    Question q;
    q.prompt = localized(node.at("prompt"), where + ".prompt");
    if (node.contains("options")) {
        for (std::size_t i = 0; i < node["options"].size(); ++i)
            q.options.push_back(localized(node["options"][i], where + ".options"));
    }
    q.answer = node.at("answer").get<std::string>();
    q.explanation = localized(node.at("explanation"), where + ".explanation");
    return q;
}

Lesson lesson(const json& node, const std::string& where) {
    Lesson l;
    try {
        l.number = node.at("number").get<int>();
        l.slug = node.at("slug").get<std::string>();
        l.part = node.at("part").get<int>();
        l.title = localized(node.at("title"), where + ".title");
        l.intro = localized(node.at("intro"), where + ".intro");
        l.notice = localized(node.at("notice"), where + ".notice");
        if (node.contains("steps")) {
            for (const auto& step : node["steps"])
                l.steps.push_back(localized(step, where + ".steps"));
        }
        if (node.contains("correction"))
            l.correction = localized(node["correction"], where + ".correction");
        const json params = node.value("params", json::array());
        for (const auto& p : params)
            l.params.push_back(param(p, where + ".params." + p.value("name", "?")));
        for (const auto& [key, text] : node.at("lines").items())
            l.lines.emplace(key, localized(text, where + ".lines." + key));
        l.sources = node.value("sources", std::vector<std::string>{});
        l.expected_outcome = node.value("expected_outcome", std::string("ok"));
        if (node.contains("question")) l.question = question(node["question"], where + ".question");
    } catch (const json::exception& e) {
        fail(where, e.what());
    }
    return l;
}

}  // namespace

const ParamSpec* Lesson::param(std::string_view name) const {
    for (const auto& p : params)
        if (p.name == name) return &p;
    return nullptr;
}

const Lesson* Catalogue::find(std::string_view slug_or_number) const {
    int number = 0;
    auto [end, ec] = std::from_chars(slug_or_number.data(),
                                     slug_or_number.data() + slug_or_number.size(), number);
    const bool numeric = ec == std::errc{} && end == slug_or_number.data() + slug_or_number.size();
    for (const auto& l : lessons) {
        if (numeric ? l.number == number : l.slug == slug_or_number) return &l;
    }
    return nullptr;
}

const Localized* Catalogue::line(const Lesson& lesson, std::string_view key) const {
    if (auto it = lesson.lines.find(key); it != lesson.lines.end()) return &it->second;
    if (auto it = common_lines.find(key); it != common_lines.end()) return &it->second;
    return nullptr;
}

const Part* Catalogue::part(int number) const {
    for (const auto& p : parts)
        if (p.number == number) return &p;
    return nullptr;
}

Catalogue parse(std::string_view json_text) {
    json root;
    try {
        root = json::parse(json_text);
    } catch (const json::exception& e) {
        throw CatalogueError(std::string("lessons.json does not parse: ") + e.what());
    }
    Catalogue c;
    try {
        const json common = root.value("lines", json::object());
        for (const auto& [key, text] : common.items())
            c.common_lines.emplace(key, localized(text, "lines." + key));
        for (const auto& p : root.at("parts"))
            c.parts.push_back(Part{p.at("number").get<int>(), localized(p.at("title"), "part")});
        for (const auto& l : root.at("lessons"))
            c.lessons.push_back(lesson(l, "lesson " + l.value("slug", std::string("?"))));
    } catch (const json::exception& e) {
        throw CatalogueError(std::string("lessons.json: ") + e.what());
    }
    std::set<std::string> slugs;
    std::set<int> numbers;
    for (const auto& l : c.lessons) {
        if (!slugs.insert(l.slug).second) fail("lesson " + l.slug, "the slug is used twice");
        if (!numbers.insert(l.number).second) fail("lesson " + l.slug, "the number is used twice");
        if (!c.part(l.part))
            fail("lesson " + l.slug, "part " + std::to_string(l.part) + " does not exist");
    }
    return c;
}

const Catalogue& builtin() {
    static const Catalogue catalogue = [] {
        if (auto path = i18n::system_getenv("ASYNCDEMO_CATALOGUE")) {
            std::ifstream in(*path);
            if (!in) throw CatalogueError("cannot read " + *path);
            std::stringstream text;
            text << in.rdbuf();
            return parse(text.str());
        }
        return parse(embedded::lessons_json());
    }();
    return catalogue;
}

}  // namespace catalogue
