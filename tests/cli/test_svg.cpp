// The SVG picture: well-formed, one row per task (or a band), escaped and localized text, sane
// geometry for degenerate runs, the slide page and --size, the deadlock and the pool wait; and
// `--svg FILE` on the command line.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <regex>
#include <string>
#include <tuple>
#include <vector>

#include "../pictures/fixtures.hpp"
#include "i18n/width.hpp"
#include "render/marks.hpp"
#include "render/svg_timeline.hpp"
#include "run_binary.hpp"

using cli_test::run;
using cli_test::scratch;
using i18n::Language;
using timeline::SegmentKind;
using timeline::TaskState;

namespace {

// A check of the markup the renderer writes, not an XML parser: after the prolog, every tag
// is well formed with quoted attributes, every tag opened is closed in order, there is one
// root, text holds no raw '<' and uses '&' only for entities. Returns what is wrong, or "".
std::string markup_problem(const std::string& svg) {
    static const std::string prolog = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    if (svg.rfind(prolog, 0) != 0) return "no XML declaration";
    static const std::regex tag_shape(
        R"(^(/?)([A-Za-z][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*="[^"<>]*")*)\s*(/?)$)");
    static const std::regex entity(R"(&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);)");
    auto bad_entities = [&](const std::string& text) {
        const std::string stripped = std::regex_replace(text, entity, "");
        return stripped.find('&') != std::string::npos;
    };
    std::vector<std::string> open;
    int roots = 0;
    std::size_t i = prolog.size();
    while (i < svg.size()) {
        const auto lt = svg.find('<', i);
        const std::string text =
            svg.substr(i, lt == std::string::npos ? std::string::npos : lt - i);
        if (bad_entities(text)) return "bare '&' in text: " + text;
        if (lt == std::string::npos) {
            if (text.find_first_not_of(" \n") != std::string::npos) return "text after the root";
            break;
        }
        if (open.empty() && text.find_first_not_of(" \n") != std::string::npos)
            return "text outside the root";
        const auto gt = svg.find('>', lt);
        if (gt == std::string::npos) return "unterminated tag";
        const std::string inside = svg.substr(lt + 1, gt - lt - 1);
        std::smatch m;
        if (!std::regex_match(inside, m, tag_shape)) return "malformed tag <" + inside + ">";
        if (bad_entities(m[3])) return "bare '&' in attributes: " + inside;
        const bool closing = m[1].length() > 0, self_closing = m[4].length() > 0;
        const std::string name = m[2];
        if (closing) {
            if (self_closing || m[3].length() > 0) return "malformed end tag </" + inside + ">";
            if (open.empty() || open.back() != name) return "</" + name + "> closes nothing open";
            open.pop_back();
        } else {
            if (open.empty() && ++roots > 1) return "more than one root";
            if (!self_closing) open.push_back(name);
        }
        i = gt + 1;
    }
    if (!open.empty()) return "<" + open.back() + "> never closed";
    if (roots != 1) return "no root";
    return "";
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

// Every url(#id) the picture uses is defined in it.
bool references_resolve(const std::string& svg) {
    static const std::regex reference(R"(url\(#([\w-]+)\))");
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), reference);
         it != std::sregex_iterator(); ++it) {
        if (svg.find("id=\"" + (*it)[1].str() + "\"") == std::string::npos) return false;
    }
    return true;
}

// No coordinate or size is negative, not a number or infinite.
bool geometry_sane(const std::string& svg) {
    static const std::regex number(R"re(\s(x|y|x1|x2|y1|y2|cx|cy|r|width|height)="([^"]*)")re");
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), number);
         it != std::sregex_iterator(); ++it) {
        const std::string value = (*it)[2];
        char* end = nullptr;
        const double v = std::strtod(value.c_str(), &end);
        if (end == value.c_str() || *end != '\0' || !std::isfinite(v)) return false;
        const std::string name = (*it)[1];
        if ((name == "width" || name == "height" || name == "r") && v < 0) return false;
    }
    return true;
}

timeline::Task make_task(std::uint64_t id, std::string name,
                         std::vector<timeline::Segment> segments,
                         TaskState state = TaskState::done) {
    timeline::Task t;
    t.id = id;
    t.name = std::move(name);
    t.started = segments.empty() ? 0 : segments.front().start;
    t.finished = segments.empty() ? 0 : segments.back().end;
    t.segments = std::move(segments);
    t.state = state;
    return t;
}

// gather with delays 1, 5, 3: main waits on the gather, each job sleeps.
timeline::Timeline gather_timeline(double scale = 1) {
    timeline::Timeline t;
    t.tasks.push_back(make_task(1, "main",
                                {{SegmentKind::run, 0, 0, {}},
                                 {SegmentKind::wait, 0, 5 * scale, timeline::WaitKind::gather},
                                 {SegmentKind::run, 5 * scale, 5 * scale, {}}}));
    const double delays[] = {1, 5, 3};
    for (std::uint64_t i = 0; i < 3; ++i) {
        t.tasks.push_back(
            make_task(i + 2, "job-" + std::to_string(i + 1),
                      {{SegmentKind::wait, 0, delays[i] * scale, timeline::WaitKind::sleep}}));
        t.tasks.back().parent = 1;
    }
    t.elapsed = 5 * scale;
    return t;
}

std::string picture(const timeline::Timeline& t, Language language = Language::en) {
    return render::svg_timeline(t, {"Lesson 11 · gather", "delays = 1, 5, 3"}, language);
}

}  // namespace

TEST_CASE("svg: well-formed, one row per task, the legend names only the states shown") {
    const auto svg = picture(gather_timeline());
    CHECK(markup_problem(svg) == "");
    CHECK(references_resolve(svg));
    CHECK(geometry_sane(svg));
    CHECK(count(svg, "<g class=\"task\">") == 4);
    CHECK(svg.find(">Lesson 11 · gather</text>") != std::string::npos);
    CHECK(svg.find(">waiting on a timer</text>") != std::string::npos);
    CHECK(svg.find(">waiting for other tasks</text>") != std::string::npos);
    CHECK(svg.find(">done</text>") != std::string::npos);
    CHECK(svg.find(">blocking the loop</text>") == std::string::npos);
    CHECK(svg.find(">running on the loop</text>") == std::string::npos);  // only zero-length
    CHECK(count(svg, "class=\"end done\"") == 4 + 1);                     // rows + legend
    CHECK(svg.find("Elapsed: 5 s") != std::string::npos);
    CHECK(svg.find("Sum of the tasks' own time: 9 s") == std::string::npos);  // escaped
    CHECK(svg.find("Sum of the tasks&apos; own time: 9 s") != std::string::npos);
    CHECK(svg.find("1.8× faster than if the tasks had done their own work one after another.") !=
          std::string::npos);
}

TEST_CASE("svg: the bars take the colour the terminal gives the same state") {
    timeline::Timeline t;
    t.tasks.push_back(make_task(1, "main",
                                {{SegmentKind::run, 0, 1, {}},
                                 {SegmentKind::blocked, 1, 2, {}},
                                 {SegmentKind::thread, 2, 3, timeline::WaitKind::thread},
                                 {SegmentKind::wait, 3, 4, timeline::WaitKind::lock},
                                 {SegmentKind::wait, 4, 5, timeline::WaitKind::io}},
                                TaskState::failed));
    t.tasks.push_back(make_task(2, "victim", {{SegmentKind::wait, 0, 2, timeline::WaitKind::event}},
                                TaskState::cancelled));
    t.elapsed = 5;
    const auto svg = picture(t);
    CHECK(markup_problem(svg) == "");
    CHECK(references_resolve(svg));
    using render::Mark;
    for (Mark m : {Mark::run, Mark::blocked, Mark::thread, Mark::sync, Mark::io}) {
        const auto& look = render::look(m);
        INFO(look.id);
        CHECK(svg.find("class=\"bar " + std::string(look.id) + "\"") != std::string::npos);
        CHECK(svg.find("stroke=\"" + std::string(look.rgb) + "\"") != std::string::npos);
    }
    CHECK(svg.find("class=\"end failed\"") != std::string::npos);
    CHECK(svg.find("class=\"end cancelled\"") != std::string::npos);
    CHECK(svg.find(">waiting on a lock, semaphore, event or queue</text>") != std::string::npos);
    CHECK(svg.find(">on a worker thread</text>") != std::string::npos);
    CHECK(svg.find(">waiting for I/O</text>") != std::string::npos);
}

TEST_CASE("svg: names with markup characters are escaped, broken UTF-8 is replaced") {
    auto t = gather_timeline();
    t.tasks[1].name = "<b>&\"job\"'";
    t.tasks[2].name = "bad \xff byte \x01 control";
    const auto svg = picture(t);
    CHECK(markup_problem(svg) == "");
    CHECK(svg.find("<b>") == std::string::npos);
    CHECK(svg.find("&lt;b&gt;&amp;&quot;job&quot;&apos;") != std::string::npos);
    CHECK(svg.find("bad \xEF\xBF\xBD byte  control") != std::string::npos);
    CHECK(render::xml_escape("a\xC3") == "a\xEF\xBF\xBD");  // cut short
    CHECK(render::xml_escape("\xE0\x80\xAF") ==
          "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong
    CHECK(render::xml_escape("\xEF\xBF\xBF") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // U+FFFF
    CHECK(render::xml_escape("ção · задача · \xF0\x9F\x99\x82") ==
          "ção · задача · \xF0\x9F\x99\x82");
}

TEST_CASE("svg: Ukrainian and Portuguese labels, decimal commas on the axis") {
    auto t = gather_timeline(0.5);  // 2.5 s: ticks every half second
    t.tasks[1].name = "обробник-черги";
    const auto uk = picture(t, Language::uk);
    CHECK(markup_problem(uk) == "");
    CHECK(uk.find("xml:lang=\"uk\"") != std::string::npos);
    CHECK(uk.find(">обробник-черги</text>") != std::string::npos);
    CHECK(uk.find(">чекає на таймер</text>") != std::string::npos);
    CHECK(uk.find(">секунди уроку</text>") != std::string::npos);
    CHECK(uk.find(">2,5</text>") != std::string::npos);
    CHECK(uk.find(">2.5</text>") == std::string::npos);
    CHECK(uk.find("Минуло: 2,5 с") != std::string::npos);
    const auto pt = picture(t, Language::pt_BR);
    CHECK(pt.find(">esperando um temporizador</text>") != std::string::npos);
    CHECK(pt.find(">2,5</text>") != std::string::npos);
    const auto en = picture(t, Language::en);
    CHECK(en.find(">2.5</text>") != std::string::npos);
}

TEST_CASE("svg: a long name gets the room it needs left of the bars") {
    auto t = gather_timeline();
    const std::string long_name = "довга-назва-задачі-обробника";
    t.tasks[2].name = long_name;
    const auto svg = picture(t, Language::uk);
    CHECK(markup_problem(svg) == "");
    // The label is right-aligned at x; DejaVu Sans draws these letters about 0.64 em wide.
    const std::regex label("<text class=\"label\" x=\"([0-9.]+)\"[^>]*text-anchor=\"end\"[^>]*>" +
                           long_name);
    std::smatch m;
    REQUIRE(std::regex_search(svg, m, label));
    const double right = std::stod(m[1]);
    CHECK(right - 0.64 * 18 * i18n::display_width(long_name) >= 0);
    // and the bars start after it.
    const std::regex bar("class=\"bar [a-z]+\" x=\"([0-9.]+)\"");
    REQUIRE(std::regex_search(svg, m, bar));
    CHECK(std::stod(m[1]) > right);
}

TEST_CASE("svg: zero-length segments and a run that took no time still give a valid picture") {
    timeline::Timeline t;
    t.tasks.push_back(make_task(1, "main", {{SegmentKind::run, 0, 0, {}}}));
    t.tasks.push_back(make_task(2, "job", {{SegmentKind::wait, 0, 0, timeline::WaitKind::sleep}}));
    t.tasks.push_back(make_task(3, "pending", {}, TaskState::pending));
    t.elapsed = 0;
    const auto svg = picture(t);
    CHECK(markup_problem(svg) == "");
    CHECK(references_resolve(svg));
    CHECK(geometry_sane(svg));
    CHECK(count(svg, "<g class=\"task\">") == 3);
    CHECK(count(svg, "class=\"bar ") == 0);
    CHECK(count(svg, "class=\"end done\"") == 2 + 1);
    CHECK(svg.find(">0</text>") != std::string::npos);
    CHECK(svg.find("Elapsed: 0 s") != std::string::npos);

    timeline::Timeline empty;
    const auto nothing = picture(empty);
    CHECK(markup_problem(nothing) == "");
    CHECK(geometry_sane(nothing));
    CHECK(count(nothing, "<g class=\"task\">") == 0);
}

TEST_CASE("svg: a comparison draws both runs on one axis with each elapsed and the ratio") {
    timeline::Timeline sequential;
    sequential.tasks.push_back(make_task(1, "main",
                                         {{SegmentKind::wait, 0, 1, timeline::WaitKind::sleep},
                                          {SegmentKind::wait, 1, 4, timeline::WaitKind::sleep},
                                          {SegmentKind::wait, 4, 6, timeline::WaitKind::sleep}}));
    sequential.elapsed = 6;
    auto gather = gather_timeline(0.6);  // 3 s
    const auto svg =
        render::svg_timeline({&sequential, "A · sequential", "One after another"},
                             {&gather, "B · gather", "gather: many awaits at once"},
                             {"Comparing sequential and gather", "virtual clock"}, Language::en);
    CHECK(markup_problem(svg) == "");
    CHECK(count(svg, "<g class=\"task\">") == 5);
    CHECK(count(svg, "<text class=\"run\"") == 2);
    CHECK(svg.find("A · sequential took 6 s") != std::string::npos);
    CHECK(svg.find("B · gather took 3 s") != std::string::npos);
    CHECK(svg.find("B · gather is 2× faster than A · sequential") != std::string::npos);
    CHECK(svg.find(">6</text>") != std::string::npos);  // one axis, to the longer run's end
}

TEST_CASE("cli: run --svg writes the picture; compare --svg too") {
    const auto path = scratch("gather.svg");
    auto r = run("run gather --clock virtual --svg " + path);
    REQUIRE(r.status == 0);
    CHECK(r.out.find("Picture saved to " + path) != std::string::npos);
    const auto svg = cli_test::read_file(path);
    CHECK(markup_problem(svg) == "");
    CHECK(count(svg, "<g class=\"task\">") == 4);
    CHECK(svg.find("Lesson 11 · gather") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(path + ".tmp"));

    const auto uk = scratch("compare.uk.svg");
    auto c = run("compare sequential gather:delays=1,3,2 --lang uk --svg " + uk);
    REQUIRE(c.status == 0);
    const auto compared = cli_test::read_file(uk);
    CHECK(markup_problem(compared) == "");
    CHECK(compared.find("Порівняння sequential і gather") != std::string::npos);
    CHECK(compared.find("B · gather у 2 рази швидше за A · sequential") != std::string::npos);
}

TEST_CASE("cli: an --svg path that cannot be written is exit 64, before the lesson runs") {
    auto r = run("run gather --clock virtual --svg /nonexistent-asyncdemo/dir/t.svg");
    CHECK(r.status == 64);
    CHECK(r.out.empty());
    CHECK(r.err.find("cannot write /nonexistent-asyncdemo/dir/t.svg: the folder does not exist") !=
          std::string::npos);

    auto pt = run("run gather --clock virtual --lang pt-BR --json --svg " +
                  std::filesystem::temp_directory_path().string());
    CHECK(pt.status == 64);
    CHECK(pt.out.empty());
    CHECK(pt.err.find("não foi possível gravar") != std::string::npos);
    CHECK(pt.err.find("é uma pasta") != std::string::npos);

    auto compare = run("compare sequential gather --lang uk --svg /nonexistent-asyncdemo/c.svg");
    CHECK(compare.status == 64);
    CHECK(compare.err.find("не вдалося записати") != std::string::npos);
}

TEST_CASE("svg: the markup check itself rejects what is not well formed") {
    const std::string head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    CHECK(markup_problem(head + "<svg><g></g></svg>\n") == "");
    CHECK(markup_problem(head + "<svg><g x=\"1\"/><text>a &amp; b</text></svg>") == "");
    CHECK(markup_problem("<svg></svg>") != "");
    CHECK(markup_problem(head + "<svg><g></svg></g>") != "");
    CHECK(markup_problem(head + "<svg><g></svg>") != "");
    CHECK(markup_problem(head + "<svg></svg><svg></svg>") != "");
    CHECK(markup_problem(head + "<svg><text>a & b</text></svg>") != "");
    CHECK(markup_problem(head + "<svg><g x=1></g></svg>") != "");
    CHECK(markup_problem(head + "<svg><g x=\"a<b\"></g></svg>") != "");
    CHECK(markup_problem(head + "<svg>text</svg>trailing") != "");
}

TEST_CASE("svg: a slide page by default, scaled to --size; every text at least 18 px") {
    const auto svg = picture(gather_timeline());
    CHECK(svg.find("width=\"1600\" height=\"900\" viewBox=\"0 0 1600 900\"") != std::string::npos);
    static const std::regex font_size(R"re(font-size="([0-9.]+)")re");
    int texts = 0;
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), font_size);
         it != std::sregex_iterator(); ++it, ++texts) {
        CHECK(std::stod((*it)[1]) >= 18);
    }
    CHECK(texts > 10);

    const auto path = scratch("size.svg");
    auto r = run("run gather --clock virtual --svg " + path + " --size 1280x720");
    REQUIRE(r.status == 0);
    const auto scaled = cli_test::read_file(path);
    CHECK(markup_problem(scaled) == "");
    CHECK(scaled.find("width=\"1280\" height=\"720\" viewBox=\"0 0 1600 900\"") !=
          std::string::npos);
    r = run("run gather --clock virtual --svg " + path + " --size 900x1200");
    REQUIRE(r.status == 0);
    CHECK(cli_test::read_file(path).find(
              "width=\"900\" height=\"1200\" viewBox=\"0 0 1600 2133\"") != std::string::npos);
}

TEST_CASE("cli: a bad --size is exit 64 in the user's language, before anything runs") {
    const auto path = scratch("never.svg");
    std::filesystem::remove(path);
    for (const char* size : {"big", "10x10", "1600x100", "1600x900x2", "0x0"}) {
        INFO(size);
        auto en = run(std::string("run gather --clock virtual --svg ") + path + " --size " + size);
        CHECK(en.status == 64);
        CHECK(en.out.empty());
        CHECK(en.err.find("--size expects WIDTHxHEIGHT in pixels, like 1600x900") !=
              std::string::npos);
        CHECK(en.err.find(std::string("got '") + size + "'") != std::string::npos);
        CHECK_FALSE(std::filesystem::exists(path));
    }
    auto pt = run("run gather --lang pt-BR --svg " + path + " --size 1x1");
    CHECK(pt.status == 64);
    CHECK(pt.err.find("--size espera LARGURAxALTURA em pixels") != std::string::npos);
    auto uk = run("compare sequential gather --lang uk --svg " + path + " --size 1x1");
    CHECK(uk.status == 64);
    CHECK(uk.out.empty());
    CHECK(uk.err.find("--size очікує ШИРИНАxВИСОТА в пікселях") != std::string::npos);
    auto alone = run("run gather --clock virtual --size 1600x900");
    CHECK(alone.status == 64);
    CHECK(alone.out.empty());
    CHECK(alone.err.find("--size sets the size of the --svg picture") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(path));
}

TEST_CASE("cli: run deadlock --svg draws the deadlock, not two bars waiting on a timer") {
    for (const auto& [lang, found, holds] :
         {std::tuple{"en", "Deadlock found at 0.5 s", "holds the lock A"},
          std::tuple{"pt-BR", "Impasse (deadlock) detectado em 0,5 s", "está com o lock B"},
          std::tuple{"uk", "Взаємне блокування виявлено на 0,5 с", "тримає замок A"}}) {
        INFO(lang);
        const auto path = scratch(std::string("deadlock.") + lang + ".svg");
        auto r = run(std::string("run deadlock --clock virtual --lang ") + lang + " --svg " + path);
        REQUIRE(r.status == 0);
        const auto svg = cli_test::read_file(path);
        CHECK(markup_problem(svg) == "");
        CHECK(references_resolve(svg));
        CHECK(count(svg, "<g class=\"deadlock\">") == 1);
        CHECK(svg.find(std::string(">") + found + "</text>") != std::string::npos);
        CHECK(svg.find(std::string(">") + holds + "</text>") != std::string::npos);
        CHECK(count(svg, "class=\"wait-for\"") == 2);      // worker-1 -> worker-2 and back
        CHECK(count(svg, "<g class=\"stuck\"") == 3 + 1);  // main, both workers; the legend
        CHECK(svg.find("class=\"end cancelled\"") == std::string::npos);
        CHECK(svg.find("stroke=\"#c8102e\"") != std::string::npos);  // the alarm colour
    }
}

TEST_CASE("svg: a pool wait is its own bar and legend entry; forty jobs make one band") {
    const auto pool =
        render::svg_timeline(fixtures::pool(3, 2, 1), {"Lesson 30", ""}, Language::uk);
    CHECK(markup_problem(pool) == "");
    CHECK(references_resolve(pool));
    CHECK(count(pool, "class=\"bar pool\"") == 1);
    CHECK(count(pool, "class=\"bar thread\"") == 3);
    CHECK(pool.find(">чекає на вільний потік у пулі</text>") != std::string::npos);
    CHECK(picture(gather_timeline()).find("pattern-pool") == std::string::npos);

    const auto many = render::svg_timeline(fixtures::gather_40(), {"Lesson 11", ""}, Language::en);
    CHECK(markup_problem(many) == "");
    CHECK(count(many, "<g class=\"task\">") == 9);
    CHECK(count(many, "<g class=\"band\" data-tasks=\"32\">") == 1);
    CHECK(many.find(">job-5 … job-36</text>") != std::string::npos);
    CHECK(many.find(">32 tasks, same pattern</text>") != std::string::npos);
}
