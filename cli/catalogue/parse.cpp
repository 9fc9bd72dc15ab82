// Reading lessons.json: every field is checked as it is read (its type, its range, its three
// languages), so a damaged catalogue stops the program at load time with the lesson and the
// field named, never later in a lesson or as a raw JSON library message.
#include <algorithm>
#include <optional>
#include <set>

#include "catalogue/catalogue.hpp"
#include "catalogue/params.hpp"
#include "usage_error.hpp"

namespace catalogue {

namespace {

using nlohmann::json;
using Args = CatalogueError::Args;

// Reads one lesson (or the file's top level, with an empty slug), naming where a problem is.
class Reader {
  public:
    explicit Reader(std::string lesson) : lesson_(std::move(lesson)) {}

    [[noreturn]] void fail(const std::string& field, std::string key, Args args = {}) const {
        throw CatalogueError(lesson_, field, std::move(key), std::move(args));
    }

    const json& at(const json& node, const std::string& name, const std::string& field) const {
        if (!node.is_object()) wrong_type(field, "object");
        auto it = node.find(name);
        if (it == node.end()) fail(join(field, name), "catalogue.missing");
        return *it;
    }
    std::string text(const json& node, const std::string& field) const {
        if (!node.is_string()) wrong_type(field, "text");
        return node.get<std::string>();
    }
    std::int64_t integer(const json& node, const std::string& field) const {
        if (!node.is_number_integer()) wrong_type(field, "integer");
        return node.get<std::int64_t>();
    }
    double number(const json& node, const std::string& field) const {
        if (!node.is_number()) wrong_type(field, "number");
        return node.get<double>();
    }
    const json& array(const json& node, const std::string& field) const {
        if (!node.is_array()) wrong_type(field, "list");
        return node;
    }
    Localized localized(const json& node, const std::string& field) const {
        if (!node.is_object()) wrong_type(field, "texts");
        for (auto language : i18n::all_languages) {
            const std::string code(i18n::code(language));
            auto it = node.find(code);
            if (it == node.end() || !it->is_string() || it->get<std::string>().empty())
                fail(field, "catalogue.no_text", {{"language", code}});
        }
        return Localized{node["en"].get<std::string>(), node["pt-BR"].get<std::string>(),
                         node["uk"].get<std::string>()};
    }
    std::map<std::string, Localized, std::less<>> lines(const json& node,
                                                        const std::string& field) const {
        if (!node.is_object()) wrong_type(field, "object");
        std::map<std::string, Localized, std::less<>> out;
        for (const auto& [key, text] : node.items())
            out.emplace(key, localized(text, join(field, key)));
        return out;
    }

    // "catalogue.not_text", "catalogue.not_list"...: one message per expected shape.
    [[noreturn]] void wrong_type(const std::string& field, const char* expected) const {
        fail(field, std::string("catalogue.not_") + expected);
    }

    static std::string join(const std::string& field, const std::string& name) {
        return field.empty() ? name : field + "." + name;
    }
    static std::string item(const std::string& field, std::size_t index) {
        return field + "[" + std::to_string(index) + "]";
    }

  private:
    std::string lesson_;
};

ParamType param_type(const Reader& r, const json& node, const std::string& field) {
    const std::string name = r.text(node, field);
    if (name == "number") return ParamType::number;
    if (name == "seconds") return ParamType::seconds;
    if (name == "integer") return ParamType::integer;
    if (name == "list") return ParamType::list;
    if (name == "seconds_list") return ParamType::seconds_list;
    if (name == "choice") return ParamType::choice;
    r.fail(field, "catalogue.unknown_type",
           {{"value", name},
            {"valid", std::vector<std::string>{"number", "seconds", "integer", "list",
                                               "seconds_list", "choice"}}});
}

void check_in_range(const Reader& r, const ParamSpec& p, double value, const std::string& field) {
    if (value < p.min || value > p.max)
        r.fail(field, "catalogue.out_of_range", {{"value", value}, {"min", p.min}, {"max", p.max}});
}

// The default must be a value `--set` would accept: the type, the range, the list's size.
void check_default(const Reader& r, const ParamSpec& p, const std::string& field) {
    const json& d = p.default_value;
    switch (p.type) {
        case ParamType::number:
        case ParamType::seconds:
            check_in_range(r, p, r.number(d, field), field);
            break;
        case ParamType::integer:
            check_in_range(r, p, static_cast<double>(r.integer(d, field)), field);
            break;
        case ParamType::list:
        case ParamType::seconds_list: {
            r.array(d, field);
            for (std::size_t i = 0; i < d.size(); ++i)
                check_in_range(r, p, r.number(d[i], Reader::item(field, i)),
                               Reader::item(field, i));
            // An empty default is a lesson's "not set" (delays drawn from a seed instead).
            if (!d.empty() && (d.size() < p.min_items || d.size() > p.max_items)) {
                r.fail(field, "catalogue.list_size",
                       {{"count", static_cast<std::int64_t>(d.size())},
                        {"min", static_cast<std::int64_t>(p.min_items)},
                        {"max", static_cast<std::int64_t>(p.max_items)}});
            }
            break;
        }
        case ParamType::choice: {
            const std::string value = r.text(d, field);
            if (std::find(p.choices.begin(), p.choices.end(), value) == p.choices.end())
                r.fail(field, "catalogue.not_a_choice", {{"value", value}, {"valid", p.choices}});
            break;
        }
    }
}

std::size_t count(const Reader& r, const json& node, const std::string& name,
                  const std::string& field, std::size_t fallback) {
    if (!node.contains(name)) return fallback;
    const std::int64_t n = r.integer(node[name], Reader::join(field, name));
    if (n < 0) r.fail(Reader::join(field, name), "catalogue.not_count", {{"value", n}});
    return static_cast<std::size_t>(n);
}

ParamSpec param(const Reader& r, const json& node, const std::string& where) {
    ParamSpec p;
    p.name = r.text(r.at(node, "name", where), where + ".name");
    const std::string field = "params." + p.name;
    p.type = param_type(r, r.at(node, "type", field), field + ".type");
    p.help = r.localized(r.at(node, "help", field), field + ".help");
    if (p.type == ParamType::choice) {
        const json& choices = r.array(r.at(node, "choices", field), field + ".choices");
        for (std::size_t i = 0; i < choices.size(); ++i)
            p.choices.push_back(r.text(choices[i], Reader::item(field + ".choices", i)));
        if (p.choices.empty()) r.fail(field + ".choices", "catalogue.no_choices");
    } else {
        p.min = r.number(r.at(node, "min", field), field + ".min");
        p.max = r.number(r.at(node, "max", field), field + ".max");
        if (p.min > p.max)
            r.fail(field + ".min", "catalogue.min_above_max", {{"min", p.min}, {"max", p.max}});
    }
    if (p.type == ParamType::list || p.type == ParamType::seconds_list) {
        p.min_items = count(r, node, "min_items", field, 1);
        p.max_items = count(r, node, "max_items", field, 20);
        if (p.min_items > p.max_items) {
            r.fail(field + ".min_items", "catalogue.min_above_max",
                   {{"min", static_cast<std::int64_t>(p.min_items)},
                    {"max", static_cast<std::int64_t>(p.max_items)}});
        }
    }
    p.default_value = r.at(node, "default", field);
    check_default(r, p, field + ".default");
    return p;
}

// Each example is a list of NAME=VALUE settings, checked as `--set` would check them.
void check_examples(const Reader& r, const Lesson& l, const json& node) {
    const json& examples = r.array(node, "examples");
    for (std::size_t i = 0; i < examples.size(); ++i) {
        const std::string field = Reader::item("examples", i);
        const json& settings = r.array(examples[i], field);
        ParamValues values = defaults(l);
        for (std::size_t j = 0; j < settings.size(); ++j) {
            const std::string setting = r.text(settings[j], Reader::item(field, j));
            try {
                apply_setting(l, values, setting);
            } catch (const UsageError& e) {
                r.fail(Reader::item(field, j), e.key, e.args);
            }
        }
    }
}

Question question(const Reader& r, const json& node, const std::string& field) {
    Question q;
    q.prompt = r.localized(r.at(node, "prompt", field), field + ".prompt");
    if (node.contains("options")) {
        const json& options = r.array(node["options"], field + ".options");
        for (std::size_t i = 0; i < options.size(); ++i)
            q.options.push_back(r.localized(options[i], Reader::item(field + ".options", i)));
    }
    q.answer = r.text(r.at(node, "answer", field), field + ".answer");
    q.explanation = r.localized(r.at(node, "explanation", field), field + ".explanation");
    return q;
}

// A lesson as `list` shows it: number, slug, part and title.
Lesson lesson_heading(const json& node, std::size_t index) {
    const std::string where = Reader::item("lessons", index);
    const Reader top("");
    top.at(node, "slug", where);  // an object with a slug, before the slug names the lesson
    Lesson l;
    l.slug = top.text(top.at(node, "slug", where), where + ".slug");
    const Reader r(l.slug);
    l.number = static_cast<int>(r.integer(r.at(node, "number", ""), "number"));
    l.part = static_cast<int>(r.integer(r.at(node, "part", ""), "part"));
    l.title = r.localized(r.at(node, "title", ""), "title");
    return l;
}

Lesson lesson(const json& node, std::size_t index) {
    Lesson l = lesson_heading(node, index);
    const Reader r(l.slug);
    l.intro = r.localized(r.at(node, "intro", ""), "intro");
    l.notice = r.localized(r.at(node, "notice", ""), "notice");
    if (node.contains("steps")) {
        const json& steps = r.array(node["steps"], "steps");
        for (std::size_t i = 0; i < steps.size(); ++i)
            l.steps.push_back(r.localized(steps[i], Reader::item("steps", i)));
    }
    if (node.contains("correction")) l.correction = r.localized(node["correction"], "correction");
    if (node.contains("params")) {
        const json& params = r.array(node["params"], "params");
        for (std::size_t i = 0; i < params.size(); ++i)
            l.params.push_back(param(r, params[i], Reader::item("params", i)));
    }
    l.lines = r.lines(r.at(node, "lines", ""), "lines");
    if (node.contains("sources")) {
        const json& sources = r.array(node["sources"], "sources");
        for (std::size_t i = 0; i < sources.size(); ++i)
            l.sources.push_back(r.text(sources[i], Reader::item("sources", i)));
    }
    if (node.contains("expected_outcome"))
        l.expected_outcome = r.text(node["expected_outcome"], "expected_outcome");
    if (node.contains("question")) l.question = question(r, node["question"], "question");
    if (node.contains("examples")) check_examples(r, l, node["examples"]);
    return l;
}

Part part(const Reader& top, const json& node, std::size_t index) {
    const std::string field = Reader::item("parts", index);
    const int number =
        static_cast<int>(top.integer(top.at(node, "number", field), field + ".number"));
    return Part{number, top.localized(top.at(node, "title", field), field + ".title")};
}

// Each slug and number once, each lesson in a part that exists.
void check_lessons(const Catalogue& c) {
    std::set<std::string> slugs;
    std::set<int> numbers;
    for (const auto& l : c.lessons) {
        const Reader r(l.slug);
        if (!slugs.insert(l.slug).second) r.fail("slug", "catalogue.slug_twice");
        if (!numbers.insert(l.number).second)
            r.fail("number", "catalogue.number_twice", {{"number", std::int64_t{l.number}}});
        if (!c.part(l.part)) r.fail("part", "catalogue.no_part", {{"part", std::int64_t{l.part}}});
    }
}

// The file's top level but its lessons: the format version, the common lines and the parts.
Catalogue top_level(const Reader& top, const json& root) {
    const std::int64_t version = top.integer(top.at(root, "format_version", ""), "format_version");
    if (version != supported_format_version) {
        top.fail("format_version", "catalogue.format_version",
                 {{"value", version}, {"supported", std::int64_t{supported_format_version}}});
    }
    Catalogue c;
    if (root.contains("lines")) c.common_lines = top.lines(root["lines"], "lines");
    const json& parts = top.array(top.at(root, "parts", ""), "parts");
    for (std::size_t i = 0; i < parts.size(); ++i) c.parts.push_back(part(top, parts[i], i));
    return c;
}

}  // namespace

Catalogue parse(std::string_view json_text) {
    const Reader top("");
    json root;
    try {
        root = json::parse(json_text);
    } catch (const json::parse_error& e) {
        top.fail("", "catalogue.not_json", {{"byte", static_cast<std::int64_t>(e.byte)}});
    } catch (const json::out_of_range&) {
        // A number too big for any type (found by fuzz/fuzz_catalogue): not JSON we can read.
        top.fail("", "catalogue.not_json", {{"byte", std::int64_t{0}}});
    }
    Catalogue c = top_level(top, root);
    const json& lessons = top.array(top.at(root, "lessons", ""), "lessons");
    for (std::size_t i = 0; i < lessons.size(); ++i) c.lessons.push_back(lesson(lessons[i], i));
    check_lessons(c);
    return c;
}

std::optional<Catalogue> parse_outline(std::string_view outline_json, std::string_view full_lesson,
                                       const LessonText& lesson_json) {
    // Anything this reading does not accept sends the caller to the full parse, which words
    // the error: so every problem is still reported as parse() reports it.
    try {
        const Reader top("");
        const json root = json::parse(outline_json);
        Catalogue c = top_level(top, root);
        const json& lessons = top.array(top.at(root, "lessons", ""), "lessons");
        for (std::size_t i = 0; i < lessons.size(); ++i)
            c.lessons.push_back(lesson_heading(lessons[i], i));
        check_lessons(c);
        if (const Lesson* wanted = full_lesson.empty() ? nullptr : c.find(full_lesson)) {
            const auto index = static_cast<std::size_t>(wanted - c.lessons.data());
            c.lessons[index] = lesson(json::parse(lesson_json(index)), index);
        }
        return c;
    } catch (const CatalogueError&) {
        return std::nullopt;
    } catch (const json::exception&) {
        return std::nullopt;
    }
}

}  // namespace catalogue
