// The --html replay page as text: self-contained, in the run's language, its data parseable
// and unable to close the script element that holds it, whatever the program printed. Its
// behaviour in a browser is tested in tests/html (ctest -L html).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <regex>
#include <string>

#include "../pictures/fixtures.hpp"
#include "i18n/messages.hpp"
#include "render/html/html_replay.hpp"
#include "render/html/replay_data.hpp"
#include "render/json_report.hpp"

using i18n::Language;

namespace {

// The text of <script type="application/json" id="ID">, parsed.
nlohmann::json script_data(const std::string& page, const std::string& id) {
    const std::string open = "<script type=\"application/json\" id=\"" + id + "\">";
    const auto from = page.find(open);
    REQUIRE(from != std::string::npos);
    const auto start = from + open.size();
    const auto end = page.find("</script>", start);
    REQUIRE(end != std::string::npos);
    return nlohmann::json::parse(page.substr(start, end - start));
}

render::HtmlPage page_of(const timeline::Timeline& t) {
    render::HtmlPage page;
    page.title = "Lesson 11 · gather";
    page.subtitle = "virtual clock";
    page.intro = "First paragraph.\n\nSecond <paragraph>.";
    page.notice = "Notice this.";
    page.runs.push_back({&t, render::timeline_json(t), {}, {}, nullptr});
    return page;
}

}  // namespace

TEST_CASE("the replay page is one file in the run's language that asks nothing of the network") {
    auto t = fixtures::gather({1, 3});
    t.output.push_back({1, 2, "", "job 1 done"});
    for (Language language : {Language::en, Language::pt_BR, Language::uk}) {
        const std::string page = render::html_replay(page_of(t), language);
        INFO(i18n::code(language));
        CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
        CHECK(page.find("<html lang=\"" + std::string(i18n::code(language)) + "\">") !=
              std::string::npos);
        CHECK(page.find(i18n::tr(language, "replay.lines")) != std::string::npos);
        CHECK(page.find(i18n::tr(language, "replay.keys")) != std::string::npos);
        // Nothing is loaded from elsewhere: no src or href, no URL but the SVG namespace, and
        // the page's own policy forbids any fetch.
        CHECK(page.find("content=\"default-src 'none'") != std::string::npos);
        CHECK_FALSE(std::regex_search(page, std::regex(R"((src|href)\s*=)")));
        const std::string without_namespace =
            std::regex_replace(page, std::regex("http://www\\.w3\\.org/2000/svg|http-equiv"), "");
        CHECK(without_namespace.find("http") == std::string::npos);
        CHECK(page.find("<?xml") == std::string::npos);
        CHECK(page.find("{{") == std::string::npos);  // every placeholder filled
        CHECK(page.find("<p>Second &lt;paragraph&gt;.</p>") != std::string::npos);
        CHECK(script_data(page, "report") == render::timeline_json(t));
    }
}

TEST_CASE("a printed line cannot end the script element that holds the data") {
    auto t = fixtures::gather({1});
    t.output.push_back({1, 2, "", "</script><script>alert(1)</script><!--"});
    const std::string page = render::html_replay(page_of(t), Language::en);
    const auto report = script_data(page, "report");
    CHECK(report["output"][0]["text"] == "</script><script>alert(1)</script><!--");
    // In the list of lines it is text, escaped.
    CHECK(page.find("&lt;/script&gt;&lt;script&gt;alert(1)") != std::string::npos);
    CHECK(page.find("<script>alert(1)") == std::string::npos);
}

TEST_CASE("the page's data: the axis of the picture, every segment's look, the events") {
    auto t = fixtures::gather({1, 3});
    t.output.push_back({0.5, 2, "", "half"});
    const std::string page = render::html_replay(page_of(t), Language::pt_BR);
    const auto data = script_data(page, "replay-data");
    CHECK(data["lang"] == "pt-BR");
    CHECK(data["decimal"] == ",");
    CHECK(data["axis"]["end"] == 3.0);
    CHECK(data["axis"]["x0"].get<double>() < data["axis"]["x1"].get<double>());
    CHECK(data["axis"]["top"].get<double>() < data["axis"]["bottom"].get<double>());
    // main waits on gather: "task" in the legend; the jobs sleep: "sleep".
    CHECK(data["looks"][0][0][1] == "task");
    CHECK(data["looks"][0][1][0] == "sleep");
    CHECK(data["states"]["words"]["sleep"] == i18n::tr(Language::pt_BR, "legend.sleep"));
    CHECK(data["states"]["words"]["ready"] == i18n::tr(Language::pt_BR, "replay.ready"));
    CHECK(data["events"] == nlohmann::json::array({0.5, 1.0, 3.0}));
}
