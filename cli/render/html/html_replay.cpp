#include "render/html/html_replay.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "embedded.hpp"
#include "i18n/messages.hpp"
#include "render/common.hpp"
#include "render/html/replay_data.hpp"
#include "render/json_report.hpp"
#include "render/svg_timeline.hpp"

namespace render {

namespace {

using nlohmann::json;

// JSON inside <script>: no '<' at all, so neither "</script>" nor "<!--" can end or bend the
// element early; \u003c is the same character to JSON.parse.
std::string script_json(const json& value) {
    const std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '<') {
            out += "\\u003c";
        } else {
            out += c;
        }
    }
    return out;
}

// The same picture as --svg: one run, or two on one axis.
picture::Layout layout_of(const HtmlPage& page, i18n::Language language) {
    std::vector<picture::RunInput> inputs;
    for (const auto& run : page.runs)
        inputs.push_back({run.timeline, run.label, run.description, run.deadlock});
    const auto summary = page.runs.size() == 2
                             ? compare_summary(page.runs[0].label, *page.runs[0].timeline,
                                               page.runs[1].label, *page.runs[1].timeline, language)
                             : run_summary(*page.runs[0].timeline, language);
    return picture::lay_out(inputs, page.title, page.subtitle, summary, language, {});
}

std::string task_rows(const HtmlPage& page) {
    std::string out;
    for (std::size_t r = 0; r < page.runs.size(); ++r) {
        const auto& run = page.runs[r];
        if (!run.label.empty())
            out += fmt::format("<li class=\"run\">{}</li>\n", xml_escape(run.label));
        for (std::size_t i = 0; i < run.timeline->tasks.size(); ++i) {
            out += fmt::format(
                "<li class=\"task\" data-run=\"{}\" data-index=\"{}\"><span "
                "class=\"name\">{}</span> <span class=\"state\"></span></li>\n",
                r, i, xml_escape(run.timeline->tasks[i].name));
        }
    }
    return out;
}

// In the order they were printed, both runs' lines interleaved in a comparison, so that the
// newest line is always the last one shown.
std::string printed_lines(const HtmlPage& page, i18n::Language language) {
    struct Printed {
        std::size_t run;
        const timeline::OutputLine* line;
    };
    std::vector<Printed> all;
    for (std::size_t r = 0; r < page.runs.size(); ++r)
        for (const auto& line : page.runs[r].timeline->output) all.push_back({r, &line});
    std::stable_sort(all.begin(), all.end(), [](const Printed& a, const Printed& b) {
        return report_time(a.line->t) < report_time(b.line->t);
    });
    std::string out;
    for (const auto& [r, line] : all) {
        const auto* task = page.runs[r].timeline->find(line->task);
        const std::string prefix = page.runs.size() > 1 ? std::string(1, char('A' + r)) + " " : "";
        out += fmt::format(
            "<li data-run=\"{}\" data-t=\"{}\"><time>{} {}</time> <b>{}{}</b> "
            "<span>{}</span></li>\n",
            r, report_time(line->t), format_seconds(language, line->t),
            xml_escape(i18n::tr(language, "timeline.unit")), xml_escape(prefix),
            xml_escape(task ? task->name : ""), xml_escape(line->text));
    }
    return out;
}

std::string summary_markup(const picture::Layout& layout) {
    std::string out;
    for (const auto& line : layout.summary) {
        out += line.bold ? "<p class=\"verdict\">" : "<p>";
        for (std::size_t i = 0; i < line.pieces.size(); ++i)
            out += (i ? "<span class=\"gap\"></span>" : "") + xml_escape(line.pieces[i]);
        out += "</p>\n";
    }
    return out;
}

// Replaces each {{name}} of the template by its value; {{w:key}} by the message `key`.
std::string fill(std::string_view page, const std::map<std::string, std::string>& values,
                 i18n::Language language) {
    std::string out;
    std::size_t at = 0;
    while (true) {
        const auto open = page.find("{{", at);
        if (open == std::string_view::npos) break;
        const auto close = page.find("}}", open);
        if (close == std::string_view::npos) break;
        out.append(page.substr(at, open - at));
        const std::string name(page.substr(open + 2, close - open - 2));
        if (name.rfind("w:", 0) == 0) {
            out += xml_escape(i18n::tr(language, name.substr(2)));
        } else if (auto it = values.find(name); it != values.end()) {
            out += it->second;
        }
        at = close + 2;
    }
    out.append(page.substr(at));
    return out;
}

// Inside HTML the picture needs no XML declaration: the page's own charset holds.
std::string inline_svg(std::string svg) {
    if (svg.rfind("<?xml", 0) == 0) svg.erase(0, svg.find("?>") + 2);
    return svg;
}

// The lesson's texts keep their blank-line paragraphs.
std::string paragraphs(const std::string& text) {
    std::string out;
    std::size_t at = 0;
    while (at <= text.size()) {
        auto gap = text.find("\n\n", at);
        if (gap == std::string::npos) gap = text.size();
        out += "<p>" + xml_escape(std::string_view(text).substr(at, gap - at)) + "</p>";
        at = gap + 2;
    }
    return out;
}

}  // namespace

std::string html_replay(const HtmlPage& page, i18n::Language language) {
    const auto layout = layout_of(page, language);
    json reports = json::array();
    for (const auto& run : page.runs) reports.push_back(run.report);
    std::map<std::string, std::string> values{
        {"lang", std::string(i18n::code(language))},
        {"title", xml_escape(page.title)},
        {"subtitle", xml_escape(page.subtitle)},
        {"intro", page.intro.empty() ? ""
                                     : "<details id=\"intro\" open><summary>" +
                                           xml_escape(i18n::tr(language, "replay.about")) +
                                           "</summary>" + paragraphs(page.intro) + "</details>\n"},
        {"notice", page.notice.empty() ? "" : paragraphs(page.notice)},
        {"notice_heading",
         page.notice.empty() ? "" : xml_escape(i18n::tr(language, "notice.heading"))},
        {"picture", inline_svg(svg_picture(layout, language))},
        {"tasks", task_rows(page)},
        {"lines", printed_lines(page, language)},
        {"summary", summary_markup(layout)},
        {"report", script_json(page.runs.size() == 1 ? reports[0] : reports)},
        {"data", script_json(html::replay_data(page.runs, layout, language))},
        {"style", std::string(embedded::replay_style())},
        {"script", std::string(embedded::replay_script())},
    };
    return fill(embedded::replay_page(), values, language);
}

}  // namespace render
