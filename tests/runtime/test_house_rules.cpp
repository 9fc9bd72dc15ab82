// House rules the compiler does not enforce, checked over the sources. g++ 12.2 miscompiles a
// coroutine with no local variable of its own whose `if` condition is a co_await: the frame
// is laid out wrongly and the task crashes when it first runs (at every -O level). The
// smallest case, with `later()` a Coroutine<bool> that sleeps 0 and returns true:
//     Coroutine<> waiter() { if (co_await later()) ++hits; }
// segfaults once run as a task; `const bool ok = co_await later(); if (ok) ++hits;` works.
// So no condition (if, while, for, the ternary's) may contain a co_await anywhere in
// the lessons, the runtime, the CLI or the tests: the result is named first.
#include <doctest/doctest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

// The checkout: the first folder above the test program (or the working folder) that holds
// lessons/ and runtime/asyncio/. (__FILE__ does not do: ccache makes it relative.)
fs::path source_root() {
    for (auto start : {fs::read_symlink("/proc/self/exe"), fs::current_path()}) {
        for (auto dir = start; !dir.empty() && dir != dir.root_path(); dir = dir.parent_path())
            if (fs::exists(dir / "lessons") && fs::exists(dir / "runtime" / "asyncio")) return dir;
    }
    return {};
}

// The text without comments and string literals, so prose about the rule does not trip it.
std::string code_only(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 2, "//") == 0) {
            while (i < text.size() && text[i] != '\n') ++i;
            out += '\n';
        } else if (text.compare(i, 2, "/*") == 0) {
            const auto end = text.find("*/", i + 2);
            i = end == std::string::npos ? text.size() : end + 1;
            out += ' ';
        } else if (text[i] == '"' || text[i] == '\'') {
            const char quote = text[i];
            for (++i; i < text.size() && text[i] != quote; ++i)
                if (text[i] == '\\') ++i;
            out += "\"\"";
        } else {
            out += text[i];
        }
    }
    return out;
}

bool is_word_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// The conditions of every `if (...)`, `while (...)` and `for (...)`, and what follows a `?`
// up to the end of its statement: where a co_await must not be.
std::vector<std::string> conditions(const std::string& code) {
    std::vector<std::string> found;
    for (const char* keyword : {"if", "while", "for"}) {
        const std::string word = keyword;
        for (auto at = code.find(word); at != std::string::npos; at = code.find(word, at + 1)) {
            if (at > 0 && is_word_char(code[at - 1])) continue;
            auto i = at + word.size();
            if (i < code.size() && is_word_char(code[i])) continue;
            while (i < code.size() && std::isspace(static_cast<unsigned char>(code[i]))) ++i;
            if (word == "if" && code.compare(i, 9, "constexpr") == 0) i += 9;
            while (i < code.size() && std::isspace(static_cast<unsigned char>(code[i]))) ++i;
            if (i >= code.size() || code[i] != '(') continue;
            int depth = 0;
            const auto open = i;
            for (; i < code.size(); ++i) {
                if (code[i] == '(') ++depth;
                if (code[i] == ')' && --depth == 0) break;
            }
            found.push_back(code.substr(open, i - open + 1));
        }
    }
    for (auto at = code.find('?'); at != std::string::npos; at = code.find('?', at + 1))
        found.push_back(code.substr(at, code.find(';', at) - at));
    return found;
}

bool has_co_await(const std::string& text) {
    for (auto at = text.find("co_await"); at != std::string::npos;
         at = text.find("co_await", at + 1)) {
        const bool starts = at == 0 || !is_word_char(text[at - 1]);
        const bool ends = at + 8 >= text.size() || !is_word_char(text[at + 8]);
        if (starts && ends) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("the checker finds a co_await in a condition, and only there") {
    CHECK(has_co_await(conditions("if (co_await later()) ++hits;").at(0)));
    CHECK(has_co_await(conditions("while (!co_await q.empty()) {}").at(0)));
    CHECK(has_co_await(conditions("int x = ok ? co_await a() : 0;").at(0)));
    CHECK_FALSE(has_co_await(conditions("if (ready) co_await later();").at(0)));
    CHECK(conditions(code_only("// if (co_await x)\n\"if (co_await y)\"")).empty());
}

TEST_CASE("no co_await inside a condition anywhere in the sources (g++ 12.2 miscompiles it)") {
    const auto root = source_root();
    REQUIRE_FALSE(root.empty());
    std::size_t files = 0;
    for (const char* dir : {"lessons", "runtime", "cli", "tests"}) {
        for (const auto& entry : fs::recursive_directory_iterator(root / dir)) {
            const auto ext = entry.path().extension();
            if (ext != ".cpp" && ext != ".hpp") continue;
            std::ifstream in(entry.path());
            std::stringstream text;
            text << in.rdbuf();
            ++files;
            for (const auto& condition : conditions(code_only(text.str()))) {
                INFO(entry.path().string() << ": " << condition);
                CHECK_FALSE(has_co_await(condition));
            }
        }
    }
    CHECK(files > 50);
}
