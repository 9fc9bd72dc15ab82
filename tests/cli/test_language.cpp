// Every word in the class's language: --help and the parser's errors, numbers in prose and in
// code, zero in plural blocks, ASCII drawing where the locale is not UTF-8, and the layout
// details a class notices (wrapped questions, a sub-millisecond axis, a resized live view).
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <sstream>
#include <vector>

#include "i18n/format.hpp"
#include "i18n/messages.hpp"
#include "i18n/width.hpp"
#include "render/ascii_stream.hpp"
#include "render/live_view.hpp"
#include "render/style.hpp"
#include "render/terminal_timeline.hpp"
#include "run_binary.hpp"

using cli_test::run;
using i18n::Language;

namespace {

const std::vector<std::string> commands = {"",        "list", "run",      "show",
                                           "compare", "tour", "progress", "bench"};
const std::vector<std::pair<std::string, std::string>> other_languages = {{"pt-BR", "pt-BR"},
                                                                          {"uk", "uk"}};

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

// The parts of a help text that are words for people: split at runs of two spaces (a
// description wrapped onto the next lines is joined again), without option names and the
// usage line (the program's path is the same in every language).
std::vector<std::string> phrases(const std::string& help) {
    std::vector<std::string> out;
    static const std::regex gap(" {2,}");
    const std::string continuation(30, ' ');
    for (const auto& line : lines_of(help)) {
        if (line.starts_with(continuation) && !out.empty()) {
            out.back() += " " + line.substr(line.find_first_not_of(' '));
            continue;
        }
        for (auto it = std::sregex_token_iterator(line.begin(), line.end(), gap, -1);
             it != std::sregex_token_iterator(); ++it) {
            const std::string part = *it;
            if (part.empty() || part.starts_with("-") ||
                part.find(ASYNCDEMO_BINARY) != std::string::npos)
                continue;
            // A phrase has a space or ends in ':' (a heading); single names (list, run) are
            // the same in every language.
            if (part.find(' ') != std::string::npos || part.ends_with(":")) out.push_back(part);
        }
    }
    return out;
}

bool has_cyrillic(const std::string& text) {
    for (unsigned char c : text)
        if (c >= 0xD0 && c <= 0xD3) return true;
    return false;
}

bool is_ascii(const std::string& text) {
    for (unsigned char c : text)
        if (c >= 0x80) return false;
    return true;
}

// The timeline block of a run's page: from its heading to the blank line after the legend.
std::string timeline_block(const std::string& out, const std::string& heading) {
    const auto start = out.find(heading);
    REQUIRE(start != std::string::npos);
    const auto end = out.find("\n\n", start);
    return out.substr(start + heading.size(), end - start - heading.size());
}

}  // namespace

TEST_CASE("--help of every command, in pt-BR and uk, has no sentence of the English help") {
    // CLI11's own words, which would betray a label or a type name left in English.
    static const std::regex cli11_words(
        R"(\b(TEXT|INT|FLOAT|REQUIRED|OPTIONS|Options|Positionals|Usage|Excludes|Needs|LESSON|WORKLOAD|FILE|NUMBER|NAME=VALUE)\b)");
    for (const auto& command : commands) {
        INFO("asyncdemo " << command << " --help");
        const auto en = run(command + " --help --lang en");
        REQUIRE(en.status == 0);
        const auto english = phrases(en.out);
        CHECK(english.size() >= 3);  // the test sees the English sentences it compares
        for (const auto& [lang, code] : other_languages) {
            INFO("--lang " << lang);
            const auto other = run(command + " --help --lang " + code);
            REQUIRE(other.status == 0);
            for (const auto& phrase : english) {
                INFO("English phrase: " << phrase);
                CHECK(other.out.find(phrase) == std::string::npos);
            }
            std::smatch m;
            CHECK_MESSAGE(!std::regex_search(other.out, m, cli11_words),
                          "English word in the help: " << m.str());
            if (lang == "uk") CHECK(has_cyrillic(other.out));
        }
    }
    // The sentences the issue named, in English and in Portuguese.
    const auto en = run("run --help --lang en");
    CHECK(en.out.find("Set a param") != std::string::npos);
    CHECK(en.out.find("Lesson slug or number") != std::string::npos);
    const auto pt = run("run --help --lang pt-BR");
    CHECK(pt.out.find("Define um parâmetro: NOME=VALOR") != std::string::npos);
    CHECK(pt.out.find("Nome curto ou número da lição") != std::string::npos);
}

TEST_CASE("--help follows LANG too, since the language is known before the parser is built") {
    const auto r = run("run --help", "LANG=uk_UA.UTF-8");
    CHECK(r.out.find("Задає параметр") != std::string::npos);
}

TEST_CASE("--help columns are aligned by what the terminal shows, and fit its width") {
    for (const auto& [lang, code] : other_languages) {
        for (const auto& command : commands) {
            INFO(lang << " " << command);
            const auto r = run(command + " --help --lang " + code);
            for (const auto& line : lines_of(r.out)) {
                INFO(line);
                if (line.find(ASYNCDEMO_BINARY) != std::string::npos) continue;  // usage
                CHECK(i18n::display_width(line) < 80);
                // An option row: "  NAME   description" with the description at column 30.
                if (!line.starts_with("  ") || line.starts_with("   ")) continue;
                const auto gap = line.find("  ", 2);
                if (gap == std::string::npos) continue;
                const auto text = line.find_first_not_of(' ', gap);
                CHECK(i18n::display_width(line.substr(0, text)) == 30);
            }
        }
    }
}

TEST_CASE("every kind of parser error is worded in the user's language, naming what is valid") {
    struct Case {
        std::string args;
        std::vector<std::string> valid;  // shown in every language
    };
    // The kinds CLI11 raises for this program's options: no command, an unknown command, an
    // unknown option, one argument too many (with and without positionals), a missing
    // argument, an option without its value, a value that is not a number, two options that
    // exclude each other.
    const std::vector<Case> cases = {
        {"", {"list", "run", "compare", "tour"}},
        {"frobnicate", {"frobnicate", "list", "run", "bench"}},
        {"run gather --bogus", {"--bogus", "--clock", "--set", "--step", "run --help"}},
        {"run gather extra", {"extra", "run --help"}},
        {"tour extra", {"extra", "tour --help"}},
        {"run", {"asyncdemo list"}},
        {"compare sequential", {"gather:delays=1,5,3"}},
        {"run gather --clock", {"--clock", "real|virtual"}},
        {"tour --from abc", {"--from", "'abc'"}},
        {"run gather --step --json", {"--step", "--json"}},
    };
    static const std::regex cli11_english(
        "was not expected|were not expected|is required|Could not convert|excludes|"
        "required .* missing|A subcommand");
    for (const auto& c : cases) {
        INFO("asyncdemo " << c.args);
        std::string english;
        for (const auto& lang : {"en", "pt-BR", "uk"}) {
            INFO("--lang " << lang);
            const auto r = run("--lang " + std::string(lang) + " " + c.args);
            CHECK(r.status == 64);
            CHECK(r.out.empty());
            CHECK_FALSE(std::regex_search(r.err, cli11_english));
            for (const auto& v : c.valid) CHECK(r.err.find(v) != std::string::npos);
            if (std::string(lang) == "en") {
                english = r.err;
                CHECK(r.err.starts_with("asyncdemo: error: "));
            } else {
                CHECK(r.err != english);
            }
            if (std::string(lang) == "uk") CHECK(has_cyrillic(r.err));
            if (std::string(lang) == "pt-BR") CHECK(r.err.starts_with("asyncdemo: erro: "));
        }
    }
    // The positional is named in the user's language.
    CHECK(run("run gather extra --lang pt-BR").err.find("aceita só LIÇÃO") != std::string::npos);
    CHECK(run("run --lang uk").err.find("УРОК") != std::string::npos);
}

TEST_CASE("code keeps Python's numbers, prose takes the language's decimal comma") {
    const lesson::Arg d("d", 1.5);
    auto fill = [&](Language language, std::string_view text) {
        return i18n::fill(language, text, std::span<const lesson::Arg>(&d, 1));
    };
    for (auto language : {Language::pt_BR, Language::uk}) {
        CHECK(fill(language, "asyncio.sleep({d})") == "asyncio.sleep(1.5)");
        CHECK(fill(language, "wait(jobs, timeout={d}, return_when=X)") ==
              "wait(jobs, timeout=1.5, return_when=X)");
        CHECK(fill(language, "`x = {d}`, depois {d} s") == "`x = 1.5`, depois 1,5 s");
        CHECK(fill(language, "loop.time() = {d}") == "loop.time() = 1.5");
        // Parentheses of prose, and t= of a moment in prose, are not code.
        CHECK(fill(language, "tempos (em {d} s)") == "tempos (em 1,5 s)");
        CHECK(fill(language, "em t={d} s") == "em t=1,5 s");
    }
    CHECK(fill(Language::en, "sleep({d}) for {d} s") == "sleep(1.5) for 1.5 s");
    CHECK(i18n::format_timestamp(Language::pt_BR, 5) == "5,000");
    CHECK(i18n::format_timestamp(Language::uk, 0.25) == "0,250");
    CHECK(i18n::format_timestamp(Language::en, 5) == "5.000");
}

TEST_CASE("a pt-BR and a uk run: code with a dot, prose and timestamps with a comma, never both") {
    for (const auto& [lang, code] : other_languages) {
        INFO(lang);
        const auto wait = run("run wait --clock virtual --lang " + code);
        REQUIRE(wait.status == 0);
        CHECK(wait.out.find("asyncio.wait(jobs, timeout=1.5, return_when=ALL_COMPLETED)") !=
              std::string::npos);
        CHECK(wait.out.find("timeout=1,5") == std::string::npos);
        CHECK(wait.out.find("1,500 ") != std::string::npos);  // the time column
        // blocking-call has the loop's warnings, whose durations are timestamps too.
        const auto blocking = run("run blocking-call --clock virtual --lang " + code);
        REQUIRE(blocking.status == 0);
        static const std::regex dotted(R"(\b\d+\.\d{3}\b)"), commas(R"(\b\d+,\d{3} )");
        CHECK_FALSE(std::regex_search(blocking.out, dotted));
        CHECK(std::regex_search(blocking.out, commas));
        CHECK(blocking.out.find("5,000 ") != std::string::npos);
    }
    // English keeps its dot everywhere.
    const auto en = run("run blocking-call --clock virtual --lang en");
    CHECK(en.out.find("5.000 s") != std::string::npos);
}

TEST_CASE("plural blocks: an optional zero form, and # for the number") {
    auto say = [](Language language, std::string_view text, std::int64_t n) {
        const lesson::Arg arg("n", n);
        return i18n::fill(language, text, std::span<const lesson::Arg>(&arg, 1));
    };
    const std::string pt =
        "{n|=0:nenhuma atualização perdida|# atualização perdida|# "
        "atualizações perdidas}";
    CHECK(say(Language::pt_BR, pt, 0) == "nenhuma atualização perdida");
    CHECK(say(Language::pt_BR, pt, 1) == "1 atualização perdida");
    CHECK(say(Language::pt_BR, pt, 3) == "3 atualizações perdidas");
    const std::string uk =
        "{n|=0:жодне оновлення не втрачено|втрачено # оновлення|втрачено # оновлення|втрачено # "
        "оновлень}";
    CHECK(say(Language::uk, uk, 0) == "жодне оновлення не втрачено");
    CHECK(say(Language::uk, uk, 21) == "втрачено 21 оновлення");
    CHECK(say(Language::uk, uk, 3) == "втрачено 3 оновлення");
    CHECK(say(Language::uk, uk, 11) == "втрачено 11 оновлень");
    const std::string en = "{n|=0:no update lost|# update lost|# updates lost}";
    CHECK(say(Language::en, en, 0) == "no update lost");
    CHECK(say(Language::en, en, 1) == "1 update lost");
    // Without a zero form, zero takes the language's own form, as before.
    CHECK(say(Language::pt_BR, "{n} {n|tarefa|tarefas}", 0) == "0 tarefa");
    CHECK(say(Language::en, "{n} {n|task|tasks}", 0) == "0 tasks");
}

TEST_CASE("a count of zero reads as words in every language's run") {
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"en", "no update lost"},
        {"pt-BR", "nenhuma atualização perdida"},
        {"uk", "жодне оновлення не втрачено"}};
    for (const auto& [lang, words] : expected) {
        const auto r = run("run race-condition --set tasks=1 --clock virtual --lang " + lang);
        REQUIRE(r.status == 0);
        CHECK(r.out.find(words) != std::string::npos);
        for (const char* odd : {"0 update", "0 atualiza", "втрачено 0"})
            CHECK(r.out.find(odd) == std::string::npos);
    }
}

TEST_CASE("the locale's character set decides between Unicode and ASCII drawing") {
    auto env = [](std::map<std::string, std::string> vars) {
        return [vars](const char* name) -> std::optional<std::string> {
            auto it = vars.find(name);
            if (it == vars.end()) return std::nullopt;
            return it->second;
        };
    };
    CHECK_FALSE(render::locale_is_utf8(env({{"LANG", "C"}})));
    CHECK_FALSE(render::locale_is_utf8(env({{"LANG", "POSIX"}})));
    CHECK_FALSE(render::locale_is_utf8(env({{"LC_ALL", "C"}, {"LANG", "C.UTF-8"}})));
    CHECK_FALSE(render::locale_is_utf8(env({{"LANG", "pt_BR.ISO-8859-1"}})));
    CHECK_FALSE(render::locale_is_utf8(env({{"LC_CTYPE", "uk_UA.KOI8-U"}})));
    CHECK(render::locale_is_utf8(env({{"LANG", "C.UTF-8"}})));
    CHECK(render::locale_is_utf8(env({{"LANG", "pt_BR.UTF-8"}})));  // installed or not
    CHECK(render::locale_is_utf8(env({{"LC_ALL", "uk_UA.utf8"}, {"LANG", "C"}})));
    CHECK(render::locale_is_utf8(env({})));  // nothing said: UTF-8, as terminals are today
}

TEST_CASE("LANG=C draws the timeline in ASCII; --ascii forces it; words stay in their language") {
    const auto c = run("run gather --clock virtual", "LANG=C");
    REQUIRE(c.status == 0);
    const std::string block = timeline_block(c.out, "Timeline (lesson seconds)\n");
    CHECK(is_ascii(block));
    CHECK(block.find("|---") != std::string::npos);  // the ruler
    CHECK(block.find("....") != std::string::npos);  // waiting on a timer
    CHECK(block.find('v') != std::string::npos);     // done
    // The gutter of the tasks' lines: time, task, '|'.
    for (const auto& line : lines_of(c.out)) {
        const auto bar = line.find(" | ");
        if (line.find(" s  ") == 8 && bar != std::string::npos)
            CHECK(is_ascii(line.substr(0, bar + 3)));
    }
    CHECK(c.out.find("0.000 s  main     | ") != std::string::npos);
    // English under LANG=C is ASCII from end to end, the typographic signs of the words too;
    // only the other languages' own names ("português", "українська") keep their letters.
    for (const auto& line : lines_of(c.out))
        if (!line.starts_with("Language: English (")) CHECK(is_ascii(line));
    CHECK(c.out.find("Lesson 11 - gather") != std::string::npos);
    CHECK(c.out.find("x faster") != std::string::npos);

    // Portuguese asked for by name under LANG=C: the words keep their letters (UTF-8), the
    // drawing is ASCII.
    const auto pt = run("run gather --clock virtual --lang pt-BR", "LANG=C");
    CHECK(pt.out.find("Lição 11 - gather") != std::string::npos);
    const std::string pt_block = timeline_block(pt.out, "Linha do tempo (segundos da lição)\n");
    for (const char* glyph : {"█", "░", "·", "✓", "├", "─", "┼", "│"})
        CHECK(pt_block.find(glyph) == std::string::npos);

    // A UTF-8 locale draws with blocks; --ascii forces ASCII there.
    const auto utf8 = run("run gather --clock virtual", "LANG=C.UTF-8");
    CHECK(utf8.out.find("├") != std::string::npos);
    CHECK(utf8.out.find("░") != std::string::npos);
    const auto forced = run("run gather --clock virtual --ascii", "LANG=C.UTF-8");
    CHECK(is_ascii(timeline_block(forced.out, "Timeline (lesson seconds)\n")));

    // The other drawing commands take --ascii too.
    const auto show = run("show gather --ascii", "COLUMNS=200");
    CHECK(show.status == 0);
    CHECK(show.out.find("│") == std::string::npos);
    CHECK(show.out.find(" | ") != std::string::npos);
    const auto compare = run("compare sequential gather --ascii");
    CHECK(compare.status == 0);
    const std::string drawing = compare.out.substr(
        compare.out.find("\n\n"), compare.out.rfind("\n\n") - compare.out.find("\n\n"));
    CHECK(drawing.find("A - sequential\n") != std::string::npos);
    CHECK(is_ascii(drawing));
    // list draws nothing but cuts long titles: with "..." instead of "…".
    const auto list = run("list --ascii", "COLUMNS=40");
    CHECK(list.status == 0);
    CHECK(list.out.find("…") == std::string::npos);
    CHECK(list.out.find("...") != std::string::npos);

    std::ofstream(cli_test::scratch("q.txt")) << "q\n";
    const auto step = run("run create-task --step --ascii < " + cli_test::scratch("q.txt"));
    CHECK(step.out.find("-- pass 1 ") != std::string::npos);
    CHECK(step.out.find("──") == std::string::npos);
}

TEST_CASE("the ASCII filter replaces glyphs whole and leaves letters and data alone") {
    std::ostringstream sink;
    std::ostream out(sink.rdbuf());
    render::use_ascii_glyphs(out);
    out << "Lição 11 · gather: 2× faster… ├──┼─┤ ✓ Українська";
    out.flush();
    // The filter is the program's for good (std::cout keeps it); here the test frees it.
    const std::unique_ptr<std::streambuf> filter(out.rdbuf(sink.rdbuf()));
    CHECK(sink.str() == "Lição 11 - gather: 2x faster... |--+-| v Українська");
    CHECK(render::ascii_for("é").empty());
    // JSON stays UTF-8 byte for byte, whatever the locale.
    const auto json = run("run gather --clock virtual --json --lang pt-BR", "LANG=C");
    CHECK(json.out.find("trabalho 1 começa") != std::string::npos);
    CHECK(run("show gather --python", "LANG=C").out ==
          run("show gather --python", "LANG=C.UTF-8").out);
}

TEST_CASE("no 'What to notice' after the student quit a step-through with q") {
    std::ofstream(cli_test::scratch("quit.txt")) << "q\n";
    const auto quit = run("run create-task --step < " + cli_test::scratch("quit.txt"));
    REQUIRE(quit.status == 0);
    CHECK(quit.out.find("Stopped.") != std::string::npos);
    CHECK(quit.out.find("What to notice") == std::string::npos);
    // Run to its end (c), the notice is there.
    std::ofstream(cli_test::scratch("continue.txt")) << "c\n";
    const auto full = run("run create-task --step < " + cli_test::scratch("continue.txt"));
    CHECK(full.out.find("What to notice") != std::string::npos);
}

TEST_CASE("tour questions wrap to the terminal's width like the narration") {
    const std::string state = cli_test::scratch("tour-state");
    std::ofstream(cli_test::scratch("enter.txt")) << "\n";
    for (const auto& lang : {"en", "pt-BR", "uk"}) {
        INFO(lang);
        const auto r = run("tour --from 11 --clock virtual --lang " + std::string(lang) + " < " +
                               cli_test::scratch("enter.txt"),
                           "COLUMNS=40 XDG_STATE_HOME=" + state);
        REQUIRE(r.status == 0);
        // From the question to the prompt for an answer.
        const auto language = *i18n::parse_language(lang);
        const auto start = r.out.find("\n" + i18n::tr(language, "tour.question"));
        REQUIRE(start != std::string::npos);
        const auto lines = lines_of(r.out.substr(start + 1));
        REQUIRE(lines.size() > 3);
        int checked = 0;
        for (const auto& line : lines) {
            if (line.find("(1-") != std::string::npos) break;  // the answer prompt
            INFO(line);
            CHECK(i18n::display_width(line) <= 40);
            ++checked;
        }
        CHECK(checked >= 4);  // the question took more than one line at 40 columns
    }
}

TEST_CASE("a run under a millisecond gets an axis in ms, not a row of zeros") {
    timeline::Timeline t;
    timeline::Task task;
    task.id = 1;
    task.name = "main";
    task.finished = 0.0004;
    task.state = timeline::TaskState::done;
    task.segments = {{timeline::SegmentKind::run, 0, 0.0004, {}}};
    t.tasks = {task};
    t.elapsed = 0.0004;
    render::Style style;
    style.width = 80;
    for (auto [language, unit] : {std::pair{Language::en, "ms"}, std::pair{Language::pt_BR, "ms"},
                                  std::pair{Language::uk, "мс"}}) {
        const std::string axis = lines_of(render::draw_timeline(t, language, style)).front();
        INFO(axis);
        CHECK(axis.starts_with(unit));  // in the margin, where it always fits
        CHECK(axis.find(language == Language::en ? "0.4" : "0,4") != std::string::npos);
        CHECK(axis.find("0 0 0") == std::string::npos);
    }
    // Seconds stay seconds.
    t.elapsed = t.tasks[0].finished.value() = t.tasks[0].segments[0].end = 2;
    const std::string axis = lines_of(render::draw_timeline(t, Language::en, style)).front();
    CHECK(axis.find("ms") == std::string::npos);
    CHECK(axis.find(" 2") != std::string::npos);
}

TEST_CASE("the live view erases as many rows as its frame takes at the terminal's width now") {
    const std::string frame =
        "\x1b[2m" + std::string(70, '-') + "\x1b[0m\nshort\n" + std::string(30, 'x') + "\n";
    CHECK(render::LiveView::screen_rows(frame, 100) == 3);
    CHECK(render::LiveView::screen_rows(frame, 40) == 4);  // the 70-column line takes two
    CHECK(render::LiveView::screen_rows(frame, 20) == 4 + 1 + 2);
    CHECK(render::LiveView::screen_rows("Лінія\n", 5) == 1);  // columns, not bytes
}
