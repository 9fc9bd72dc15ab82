#include "commands/python_export.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <string_view>
#include <vector>

#include "embedded.hpp"
#include "i18n/messages.hpp"

namespace {

using Lines = std::vector<std::string>;

Lines split_lines(std::string_view text) {
    Lines lines;
    while (!text.empty()) {
        const auto end = text.find('\n');
        lines.emplace_back(text.substr(0, end));
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
    return lines;
}

std::string join(const Lines& lines) {
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

std::string trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return std::string(s);
}

bool is_word_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

std::set<std::string> words_in(std::string_view text) {
    std::set<std::string> words;
    for (std::size_t i = 0; i < text.size();) {
        if (!is_word_char(text[i])) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < text.size() && is_word_char(text[j])) ++j;
        words.emplace(text.substr(i, j - i));
        i = j;
    }
    return words;
}

bool is_block_start(std::string_view line) {
    return starts_with(line, "def ") || starts_with(line, "async def ") ||
           starts_with(line, "class ") || starts_with(line, "@");
}

bool is_import(std::string_view line) {
    return starts_with(line, "import ") || starts_with(line, "from ");
}

// A top-level function or class of a module, with the comment lines right above it.
struct Block {
    std::string name;
    Lines lines;
};

std::string block_name(std::string_view line) {
    for (std::string_view kw : {"async def ", "def ", "class "}) {
        if (!starts_with(line, kw)) continue;
        line.remove_prefix(kw.size());
        std::size_t end = 0;
        while (end < line.size() && is_word_char(line[end])) ++end;
        return std::string(line.substr(0, end));
    }
    return {};
}

struct Module {
    Lines imports;
    std::vector<Block> blocks;
};

// Reads a helper module (jobs.py, virtual_clock.py): its imports and its top-level blocks.
Module read_module(std::string_view text) {
    Module module;
    Lines comments;
    Block* open = nullptr;
    bool in_docstring = false;
    for (const auto& line : split_lines(text)) {
        if (in_docstring) {
            if (line.find("\"\"\"") != std::string::npos) in_docstring = false;
            continue;
        }
        const bool top = !line.empty() && !std::isspace(static_cast<unsigned char>(line[0]));
        if (!top) {
            if (open) open->lines.push_back(line);
            continue;
        }
        if (starts_with(line, "\"\"\"")) {
            in_docstring = line.find("\"\"\"", 3) == std::string::npos;
            open = nullptr;
        } else if (starts_with(line, "#")) {
            if (open) comments.clear();
            open = nullptr;
            comments.push_back(line);
        } else if (is_block_start(line)) {
            if (!open || !starts_with(open->lines.back(), "@")) {
                module.blocks.push_back(Block{block_name(line), std::move(comments)});
                comments.clear();
            } else if (open->name.empty()) {
                open->name = block_name(line);
            }
            open = &module.blocks.back();
            open->lines.push_back(line);
        } else {
            if (is_import(line)) module.imports.push_back(line);
            open = nullptr;
            comments.clear();
        }
    }
    for (auto& block : module.blocks)
        while (!block.lines.empty() && trim(block.lines.back()).empty()) block.lines.pop_back();
    return module;
}

// The names after `from X import`.
std::vector<std::string> imported_names(std::string_view line) {
    std::vector<std::string> names;
    const auto at = line.find(" import ");
    std::string_view rest = line.substr(at + 8);
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        names.push_back(trim(rest.substr(0, comma)));
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    return names;
}

// Index just past the string literal that starts at `i` (any quote, triple or not).
std::size_t skip_string(std::string_view s, std::size_t i) {
    const char q = s[i];
    const bool triple = s.substr(i, 3) == std::string(3, q);
    std::size_t j = i + (triple ? 3 : 1);
    while (j < s.size()) {
        if (s[j] == '\\') {
            j += 2;
        } else if (triple ? s.substr(j, 3) == std::string(3, q) : s[j] == q) {
            return j + (triple ? 3 : 1);
        } else {
            ++j;
        }
    }
    return s.size();
}

// The text without its comments and string literals (a docstring that speaks of "the plain
// job" does not need job()).
std::string code_only(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] == '"' || text[i] == '\'') {
            i = skip_string(text, i);
            out += ' ';
        } else if (text[i] == '#') {
            i = std::min(text.find('\n', i), text.size());
        } else {
            out += text[i++];
        }
    }
    return out;
}

// The blocks of `module` that `wanted` needs, with what those use in turn, in module order.
Lines copy_blocks(const Module& module, std::set<std::string> wanted, Lines& imports) {
    for (bool grew = true; grew;) {
        grew = false;
        for (const auto& block : module.blocks) {
            if (!wanted.count(block.name)) continue;
            for (const auto& word : words_in(code_only(join(block.lines))))
                for (const auto& other : module.blocks)
                    if (other.name == word && wanted.insert(word).second) grew = true;
        }
    }
    Lines out;
    std::string text;
    for (const auto& block : module.blocks) {
        if (!wanted.count(block.name)) continue;
        if (!out.empty()) out.insert(out.end(), {"", ""});
        out.insert(out.end(), block.lines.begin(), block.lines.end());
        text += join(block.lines);
    }
    // The module's imports that the copied code uses (`import time` for time.thread_time).
    const auto used = words_in(text);
    for (const auto& line : module.imports) {
        if (starts_with(line, "from lines ")) continue;
        const auto names = starts_with(line, "import ")
                               ? std::vector<std::string>{trim(line.substr(7))}
                               : imported_names(line);
        if (std::any_of(names.begin(), names.end(), [&](const auto& n) { return used.count(n); }))
            imports.push_back(line);
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// say(...) -> print(...)

// The arguments of the call whose '(' is at `open`, split at top-level commas, and the index
// of its ')'; npos if it does not close.
std::size_t call_arguments(std::string_view s, std::size_t open, std::vector<std::string>& args) {
    int depth = 0;
    std::size_t start = open + 1;
    for (std::size_t i = open; i < s.size();) {
        const char c = s[i];
        if (c == '"' || c == '\'') {
            i = skip_string(s, i);
            continue;
        }
        if (c == '(' || c == '[' || c == '{') ++depth;
        if (c == ')' || c == ']' || c == '}') {
            if (--depth == 0) {
                if (!trim(s.substr(start, i - start)).empty())
                    args.push_back(std::string(s.substr(start, i - start)));
                return i;
            }
        }
        if (c == ',' && depth == 1) {
            args.push_back(std::string(s.substr(start, i - start)));
            start = i + 1;
        }
        ++i;
    }
    return std::string_view::npos;
}

// An expression on one line, fit for an f-string's field (no newline, no double quote).
std::string one_line(std::string_view expr) {
    std::string out;
    bool space = false;
    for (char c : trim(expr)) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += c == '"' ? '\'' : c;
    }
    return out;
}

std::string quoted_form(std::string_view form) {
    // A form with an apostrophe (Ukrainian: об'єкт) goes in triple quotes.
    return form.find('\'') == std::string_view::npos ? fmt::format("'{}'", form)
                                                     : fmt::format("'''{}'''", form);
}

struct Helpers {
    bool fmt = false, plural = false;
};

// print(f"...") of the line `text`, its fields filled from `args` (name -> expression).
std::string print_call(std::string_view text,
                       const std::vector<std::pair<std::string, std::string>>& args,
                       Helpers& helpers) {
    auto expression = [&](std::string_view name) -> std::string {
        for (const auto& [n, e] : args)
            if (n == name) return e;
        return "None";
    };
    std::string body;
    bool fields = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const auto close = c == '{' ? text.find('}', i) : std::string_view::npos;
        if (close != std::string_view::npos) {
            const std::string_view inside = text.substr(i + 1, close - i - 1);
            const auto bar = inside.find('|');
            if (bar == std::string_view::npos) {
                body += "{fmt(" + expression(inside) + ")}";
                helpers.fmt = true;
            } else {
                body += "{plural(" + expression(inside.substr(0, bar));
                std::string zero;
                std::string_view forms = inside.substr(bar + 1);
                while (true) {
                    const auto next = forms.find('|');
                    const auto form = forms.substr(0, next);
                    // "=0:..." is the wording for zero, passed by name after the others.
                    if (form.starts_with("=0:")) {
                        zero = ", zero=" + quoted_form(form.substr(3));
                    } else {
                        body += ", " + quoted_form(form);
                    }
                    if (next == std::string_view::npos) break;
                    forms.remove_prefix(next + 1);
                }
                body += zero + ")}";
                helpers.plural = true;
                helpers.fmt = true;  // plural() writes the number where a form says "#"
            }
            fields = true;
            i = close;
        } else if (c == '"' || c == '\\') {
            body += '\\';
            body += c;
        } else if (c == '{' || c == '}') {
            body += std::string(2, c);
        } else {
            body += c;
        }
    }
    return fmt::format("print({}\"{}\")", fields ? "f" : "", body);
}

std::string replace_says(std::string_view source, const catalogue::Catalogue& catalogue,
                         const catalogue::Lesson& lesson, i18n::Language language,
                         Helpers& helpers) {
    std::string out;
    std::size_t i = 0;
    while (i < source.size()) {
        const char c = source[i];
        if (c == '"' || c == '\'') {
            const auto end = skip_string(source, i);
            out.append(source.substr(i, end - i));
            i = end;
            continue;
        }
        if (c == '#') {
            const auto end = std::min(source.find('\n', i), source.size());
            out.append(source.substr(i, end - i));
            i = end;
            continue;
        }
        const bool at_word = i == 0 || (!is_word_char(source[i - 1]) && source[i - 1] != '.');
        std::vector<std::string> args;
        std::size_t close = std::string_view::npos;
        if (at_word && source.substr(i, 4) == "say(") close = call_arguments(source, i + 3, args);
        if (close == std::string_view::npos || args.empty()) {
            out += c;
            ++i;
            continue;
        }
        const std::string key = trim(args[0]).substr(1, trim(args[0]).size() - 2);
        const auto* line = catalogue.line(lesson, key);
        std::vector<std::pair<std::string, std::string>> named;
        for (std::size_t a = 1; a < args.size(); ++a) {
            const auto eq = args[a].find('=');
            named.emplace_back(trim(args[a].substr(0, eq)), one_line(args[a].substr(eq + 1)));
        }
        out +=
            line ? print_call(line->in(language), named, helpers) : "print(" + trim(args[0]) + ")";
        i = close + 1;
    }
    return out;
}

Lines helper_functions(const Helpers& helpers, i18n::Language language) {
    const bool comma = language != i18n::Language::en;
    Lines out;
    if (helpers.fmt) {
        out = {
            "# A value as the lines show it: whole numbers without a decimal point, at most three",
            std::string("# decimals") + (comma ? ", a decimal comma" : "") +
                ", lists as Python prints them.",
            "def fmt(value):",
            "    if isinstance(value, list):",
            "        return \"[\" + \", \".join(str(int(v)) if isinstance(v, float) and "
            "v.is_integer() else str(v)",
            "                               for v in value) + \"]\"",
            "    if isinstance(value, float):",
            "        text = (str(int(value)) if value.is_integer()",
            "                else f\"{value:.3f}\".rstrip(\"0\").rstrip(\".\"))",
            comma ? "        return text.replace(\".\", \",\")" : "        return text",
            "    return str(value)",
        };
    }
    if (helpers.plural) {
        if (!out.empty()) out.insert(out.end(), {"", ""});
        out.push_back("# The form of a word that goes with the number n.");
        out.push_back("def plural(n, *forms, zero=None):");
        out.push_back("    if zero is not None and n == 0:");
        out.push_back("        return zero.replace(\"#\", fmt(n))");
        switch (language) {
            case i18n::Language::en:
                out.push_back("    index = 0 if n == 1 else 1");
                break;
            case i18n::Language::pt_BR:
                out.push_back("    index = 0 if abs(n) < 2 else 1");
                break;
            case i18n::Language::uk:
                out.insert(out.end(), {"    i = int(abs(n))",
                                       "    if i != abs(n):  # a fraction: its own form, if given",
                                       "        form = forms[3] if len(forms) > 3 else forms[1]",
                                       "        return form.replace(\"#\", fmt(n))",
                                       "    if i % 10 == 1 and i % 100 != 11:", "        index = 0",
                                       "    elif 2 <= i % 10 <= 4 and not 12 <= i % 100 <= 14:",
                                       "        index = 1", "    else:", "        index = 2"});
                break;
        }
        out.push_back("    return forms[min(index, len(forms) - 1)].replace(\"#\", fmt(n))");
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Params

std::string python_number(double value) {
    if (std::isfinite(value) && std::floor(value) == value && std::fabs(value) < 1e15)
        return fmt::format("{}", static_cast<long long>(value));
    return fmt::format("{}", value);
}

std::string python_literal(const catalogue::ParamValue& param) {
    // A duration (or a list of them) in seconds, as asyncio takes it.
    const catalogue::ShownValue value = catalogue::shown(param);
    if (auto* d = std::get_if<double>(&value)) return python_number(*d);
    if (auto* i = std::get_if<std::int64_t>(&value)) return std::to_string(*i);
    if (auto* s = std::get_if<std::string>(&value)) return "\"" + *s + "\"";
    std::string out = "[";
    for (double x : std::get<std::vector<double>>(value))
        out += (out.size() > 1 ? ", " : "") + python_number(x);
    return out + "]";
}

std::string upper(std::string_view name) {
    std::string out(name);
    for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

std::string without_blank_ends(std::string_view text) {
    while (!text.empty() && text.front() == '\n') text.remove_prefix(1);
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
    return std::string(text);
}

std::string file_stem(const catalogue::Lesson& lesson) {
    std::string stem = fmt::format("{:02d}_{}", lesson.number, lesson.slug);
    std::replace(stem.begin(), stem.end(), '-', '_');
    return stem;
}

}  // namespace

std::string python_program(const catalogue::Catalogue& catalogue, const catalogue::Lesson& lesson,
                           i18n::Language language, const catalogue::ParamValues& params) {
    const Lines twin = split_lines(embedded::lesson_source(file_stem(lesson) + ".py"));
    Lines header, imports, local_imports, body;
    std::size_t i = 0;
    for (; i < twin.size() && starts_with(twin[i], "#"); ++i) header.push_back(twin[i]);
    for (; i < twin.size() && (is_import(twin[i]) || trim(twin[i]).empty()); ++i) {
        if (starts_with(twin[i], "from jobs ") || starts_with(twin[i], "from virtual_clock ") ||
            starts_with(twin[i], "from test_server ") || starts_with(twin[i], "from lines "))
            local_imports.push_back(twin[i]);
        else if (is_import(twin[i]))
            imports.push_back(twin[i]);
    }
    body.assign(twin.begin() + static_cast<std::ptrdiff_t>(i), twin.end());

    // Param constants take the run's values.
    for (auto& line : body) {
        for (const auto& [name, value] : params) {
            if (starts_with(line, upper(name) + " = "))
                line = upper(name) + " = " + python_literal(value);
        }
    }

    // What the twin takes from the shared modules, copied in.
    Lines copied;
    for (const auto& line : local_imports) {
        if (starts_with(line, "from lines ")) continue;
        const auto names = imported_names(line);
        const auto file = starts_with(line, "from jobs ")          ? "jobs.py"
                          : starts_with(line, "from test_server ") ? "test_server.py"
                                                                   : "virtual_clock.py";
        auto blocks = copy_blocks(read_module(embedded::lesson_source(file)),
                                  {names.begin(), names.end()}, imports);
        if (!copied.empty() && !blocks.empty()) copied.insert(copied.end(), {"", ""});
        copied.insert(copied.end(), blocks.begin(), blocks.end());
    }

    // Imports once each: plain ones first, then `from` ones, as isort orders the standard library.
    std::sort(imports.begin(), imports.end(), [](const auto& a, const auto& b) {
        return std::pair(starts_with(a, "from "), a) < std::pair(starts_with(b, "from "), b);
    });
    imports.erase(std::unique(imports.begin(), imports.end()), imports.end());

    // The copied functions go before the twin's first one (after its constants).
    std::size_t first = 0;
    while (first < body.size() && !is_block_start(body[first])) ++first;
    while (first > 0 && starts_with(body[first - 1], "#")) --first;
    const std::string before =
        join(Lines(body.begin(), body.begin() + static_cast<std::ptrdiff_t>(first)));
    const std::string after =
        join(Lines(body.begin() + static_cast<std::ptrdiff_t>(first), body.end()));

    Helpers helpers;
    const std::string copied_code =
        replace_says(join(copied), catalogue, lesson, language, helpers);
    const std::string twin_code = replace_says(after, catalogue, lesson, language, helpers);
    const Lines helper_code = helper_functions(helpers, language);

    std::string out = "# " +
                      i18n::tr(language, "run.header",
                               {{"number", lesson.number}, {"title", lesson.title.in(language)}}) +
                      "\n# python3 " + file_stem(lesson) + ".py\n#\n" + join(header) +
                      join(imports);
    if (const auto constants = without_blank_ends(before); !constants.empty())
        out += "\n" + constants + "\n";
    for (const std::string& part : {join(helper_code), copied_code, twin_code}) {
        if (const auto code = without_blank_ends(part); !code.empty()) out += "\n\n" + code + "\n";
    }
    return out;
}
