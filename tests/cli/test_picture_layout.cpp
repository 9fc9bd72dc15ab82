// The picture's layout, before any SVG: the slide-sized page, bands for many alike tasks, the
// pool wait, the deadlock's notes and arrows, and that nothing on the page overlaps, in all
// three languages. Also the row plan and the --size parser on their own.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "../pictures/fixtures.hpp"
#include "commands/picture_options.hpp"
#include "i18n/messages.hpp"
#include "render/picture_layout.hpp"
#include "render/picture_rows.hpp"
#include "render/picture_text.hpp"
#include "usage_error.hpp"

using namespace render::picture;
using i18n::Language;

namespace {

constexpr Language all_languages[] = {Language::en, Language::pt_BR, Language::uk};

Layout lay_out_run(const timeline::Timeline& t, Language language,
                   const Deadlock* deadlock = nullptr, PageSize page = {}) {
    return lay_out({RunInput{&t, {}, {}, deadlock}}, "Lesson 11 · gather: many awaits at once",
                   "Params: delays = 1, 5, 3 · virtual clock", render::run_summary(t, language),
                   language, page);
}

// The box a line of text takes, as the layout estimates it.
struct Box {
    double left, right, top, bottom;
    std::string what;
};

Box box_of(const Text& t) {
    const double w = text_width(t.words, t.size, t.bold);
    const double left = t.anchor == Anchor::start    ? t.x
                        : t.anchor == Anchor::middle ? t.x - w / 2
                                                     : t.x - w;
    return {left, left + w, t.y - 0.8 * t.size, t.y + 0.25 * t.size, t.words};
}

std::vector<Box> text_boxes(const Layout& layout) {
    std::vector<Box> boxes;
    auto add = [&](const Text& t) {
        if (!t.words.empty()) boxes.push_back(box_of(t));
    };
    add(layout.title);
    add(layout.subtitle);
    for (const auto& h : layout.headings) {
        add(Text{.words = h.label + "    " + h.description,
                 .x = h.x,
                 .y = h.y,
                 .size = h.size,
                 .bold = true,
                 .role = "run"});
    }
    for (const auto& row : layout.rows)
        for (const auto& t : row.label) add(t);
    for (const auto& tick : layout.axis.ticks) {
        add(Text{.words = tick.label,
                 .x = tick.x,
                 .y = layout.axis.label_y,
                 .anchor = Anchor::middle,
                 .role = "tick"});
    }
    add(layout.axis.caption);
    for (const auto& item : layout.legend) add(item.words);
    for (const auto& line : layout.summary) {
        std::string joined;
        for (const auto& p : line.pieces) joined += p + "      ";
        add(Text{.words = joined,
                 .x = line.x,
                 .y = line.y,
                 .size = line.size,
                 .bold = line.bold,
                 .role = "summary"});
    }
    for (const auto& d : layout.deadlocks) {
        add(d.caption);
        for (const auto& n : d.notes) add(n);
        for (const auto& a : d.arrows) add(a.label);
    }
    return boxes;
}

// What is drawn besides text: bars, end and stuck marks, the legend's samples.
std::vector<Box> shape_boxes(const Layout& layout) {
    std::vector<Box> boxes;
    for (const auto& row : layout.rows) {
        for (const auto& bar : row.bars) {
            boxes.push_back({bar.x0, bar.x1, bar.cy - bar.height / 2, bar.cy + bar.height / 2,
                             "bar of " + bar.task});
        }
        for (const auto& e : row.ends) {
            const double half = e.tick ? 1.5 : e.size;
            boxes.push_back({e.cx - half, e.cx + half, e.cy - e.size, e.cy + e.size, "end mark"});
        }
    }
    for (const auto& d : layout.deadlocks) {
        for (const auto& m : d.stuck)
            boxes.push_back({m.cx - m.size, m.cx + m.size, m.cy - m.size, m.cy + m.size, "stuck"});
    }
    for (const auto& item : layout.legend)
        boxes.push_back({item.x, item.x + 34, item.cy - 11, item.cy + 11, "legend sample"});
    return boxes;
}

bool overlap(const Box& a, const Box& b) {
    return a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 &&
           b.top < a.bottom - 1;
}

// Nothing leaves the page, no two lines of text overlap, names end before the bars, bars stay
// on the plot and rows do not overlap.
void check_tidy(const Layout& layout) {
    const auto boxes = text_boxes(layout);
    for (const auto& b : boxes) {
        INFO(b.what);
        CHECK(b.left >= 0);
        CHECK(b.right <= layout.width);
        CHECK(b.top >= 0);
        CHECK(b.bottom <= layout.height);
    }
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        for (std::size_t j = i + 1; j < boxes.size(); ++j) {
            INFO(boxes[i].what << " / " << boxes[j].what);
            CHECK_FALSE(overlap(boxes[i], boxes[j]));
        }
    }
    for (const auto& shape : shape_boxes(layout)) {
        CHECK(shape.left >= 0);
        CHECK(shape.right <= layout.width);
        for (const auto& text : boxes) {
            INFO(shape.what << " / " << text.what);
            CHECK_FALSE(overlap(shape, text));
        }
    }
    double previous_bottom = 0;
    for (const auto& row : layout.rows) {
        CHECK(row.top >= previous_bottom - 0.01);
        previous_bottom = row.top + row.height;
        for (const auto& t : row.label) CHECK(box_of(t).right <= layout.axis.x0);
        for (const auto& bar : row.bars) {
            CHECK(bar.x0 >= layout.axis.x0 - 0.01);
            CHECK(bar.x1 <= layout.axis.x1 + 0.01);
            CHECK(bar.cy - bar.height / 2 >= row.top - 0.01);
            CHECK(bar.cy + bar.height / 2 <= row.top + row.height + 0.01);
        }
    }
    CHECK(layout.axis.y >= previous_bottom);
}

double row_units(const Layout& layout) {
    double units = 0;
    for (const auto& row : layout.rows) units += row.members > 1 ? band_units : 1;
    return units;
}

double smallest_text(const Layout& layout) {
    double smallest = 1e9;
    for (const auto& b : text_boxes(layout))
        smallest = std::min(smallest, (b.bottom - b.top) / 1.05);
    return smallest;
}

}  // namespace

TEST_CASE("picture: a 16:9 slide whatever the number of tasks, text at least 18 px") {
    for (int jobs : {3, 40}) {
        std::vector<double> delays;
        for (int i = 0; i < jobs; ++i) delays.push_back(1 + i % 5);
        const auto t = fixtures::gather(delays);
        for (auto language : all_languages) {
            INFO(jobs << " jobs, " << i18n::code(language));
            const auto layout = lay_out_run(t, language);
            CHECK(layout.width == 1600);
            CHECK(layout.height == 900);
            CHECK(layout.page.width == 1600);
            CHECK(layout.page.height == 900);
            CHECK(row_units(layout) <= 16);
            CHECK(smallest_text(layout) >= 18 - 1e-9);
            check_tidy(layout);
        }
    }
}

TEST_CASE("picture: forty alike jobs become job-1..4, one labelled band, job-37..40") {
    const auto t = fixtures::gather_40();
    const char* counts[] = {"32 tasks, same pattern", "32 tarefas, mesmo padrão",
                            "32 задачі, однаковий перебіг"};
    for (std::size_t l = 0; l < 3; ++l) {
        const auto layout = lay_out_run(t, all_languages[l]);
        REQUIRE(layout.rows.size() == 10);  // main, 4 jobs, the band, 4 jobs
        CHECK(layout.rows[0].label[0].words == "main");
        CHECK(layout.rows[4].label[0].words == "job-4");
        const auto& band = layout.rows[5];
        CHECK(band.members == 32);
        REQUIRE(band.label.size() == 2);
        CHECK(band.label[0].words == "job-5 … job-36");
        CHECK(band.label[1].words == counts[l]);
        CHECK(band.bars.size() == 32);  // one lane per task, each with its own length
        CHECK(band.ends.size() == 32);
        CHECK(layout.rows[6].label[0].words == "job-37");
        CHECK(band.height == doctest::Approx(2 * layout.rows[4].height));
    }
}

TEST_CASE("picture: up to sixteen rows no band forms; tasks that differ are not called alike") {
    std::vector<double> delays(15, 1);
    CHECK(row_units(lay_out_run(fixtures::gather(delays), Language::en)) == 16);
    CHECK(lay_out_run(fixtures::gather(delays), Language::en).rows.size() == 16);

    // Forty jobs that alternate between a sleep and a lock wait: no two neighbours are alike.
    timeline::Timeline t;
    t.tasks.push_back(fixtures::task(
        1, "main", {{timeline::SegmentKind::wait, 0, 2, timeline::WaitKind::gather}}));
    for (int i = 0; i < 40; ++i) {
        t.tasks.push_back(
            fixtures::task(static_cast<std::uint64_t>(i) + 2, "job-" + std::to_string(i + 1),
                           {{timeline::SegmentKind::wait, 0, 1.0 + i % 2,
                             i % 2 ? timeline::WaitKind::lock : timeline::WaitKind::sleep}}));
    }
    t.elapsed = 2;
    const auto layout = lay_out_run(t, Language::pt_BR);
    CHECK(row_units(layout) <= 16);
    bool mixed = false;
    for (const auto& row : layout.rows) {
        if (row.members > 1) {
            CHECK(row.label[1].words.find("mesmo padrão") == std::string::npos);
            mixed = mixed || row.label[1].words.find("padrões diferentes") != std::string::npos;
        }
    }
    CHECK(mixed);
    check_tidy(layout);
}

TEST_CASE("picture: a job queued for a pool slot waits for the pool, then runs on a thread") {
    const auto t = fixtures::pool(3, 2, 1);
    const auto layout = lay_out_run(t, Language::en);
    REQUIRE(layout.rows.size() == 4);
    const auto& job3 = layout.rows[3].bars;
    REQUIRE(job3.size() == 2);
    CHECK(job3[0].kind == Kind::pool);
    CHECK(job3[0].start == 0);
    CHECK(job3[0].end == 1);
    CHECK(job3[1].kind == Kind::thread);
    CHECK(job3[1].x0 == doctest::Approx(job3[0].x1));
    CHECK(job3[0].height < job3[1].height);  // a wait is a thinner bar than work
    for (int r = 1; r <= 2; ++r) {
        REQUIRE(layout.rows[r].bars.size() == 1);
        CHECK(layout.rows[r].bars[0].kind == Kind::thread);
    }
    std::vector<Kind> legend;
    for (const auto& item : layout.legend) legend.push_back(item.kind);
    CHECK(legend == std::vector<Kind>{Kind::task, Kind::pool, Kind::thread, Kind::done});
    CHECK(layout.legend[1].words.words == "waiting for a free worker thread");
    check_tidy(layout);

    // No pool wait, no pool in the legend.
    const auto gather = lay_out_run(fixtures::gather({1, 5, 3}), Language::en);
    for (const auto& item : gather.legend) CHECK(item.kind != Kind::pool);
    CHECK_FALSE(gather.shown[static_cast<std::size_t>(Kind::pool)]);
}

TEST_CASE("picture: forty pool jobs fit the slide, their waits and threads apart in the band") {
    for (auto language : all_languages) {
        const auto layout = lay_out_run(fixtures::pool(40, 4, 1), language);
        CHECK(row_units(layout) <= 16);
        check_tidy(layout);
        const auto band = std::find_if(layout.rows.begin(), layout.rows.end(),
                                       [](const Row& r) { return r.members > 1; });
        REQUIRE(band != layout.rows.end());
        const auto pools = std::count_if(band->bars.begin(), band->bars.end(),
                                         [](const Bar& b) { return b.kind == Kind::pool; });
        CHECK(pools == static_cast<long>(band->members));
    }
}

TEST_CASE("picture: the deadlock shows who holds what, waits for what, and when it was found") {
    const auto t = fixtures::deadlock(0.5);
    const auto report = fixtures::deadlock_report(0.5);
    struct Words {
        Language language;
        const char* found;
        const char* holds_a;
        const char* waits_b;
    };
    for (const auto& w : {Words{Language::en, "Deadlock found at 0.5 s", "holds the lock A",
                                "waits for the lock B"},
                          Words{Language::pt_BR, "Impasse (deadlock) detectado em 0,5 s",
                                "está com o lock A", "espera o lock B"},
                          Words{Language::uk, "Взаємне блокування виявлено на 0,5 с",
                                "тримає замок A", "чекає на замок B"}}) {
        INFO(i18n::code(w.language));
        const auto layout = lay_out_run(t, w.language, &report);
        REQUIRE(layout.deadlocks.size() == 1);
        const auto& d = layout.deadlocks[0];
        CHECK(d.caption.words == w.found);
        CHECK(std::string(d.caption.colour) == render::picture::alarm);
        CHECK(d.x == doctest::Approx(layout.axis.x1));  // the moment: the end of the run
        CHECK(d.stuck.size() == 3);
        // worker-1 (row 1) holds A and waits for B, which worker-2 (row 2) holds: an arrow
        // from row 1 to row 2 labelled B, and one back labelled A.
        REQUIRE(d.arrows.size() == 2);
        const double row1 = layout.rows[1].top + layout.rows[1].height / 2;
        const double row2 = layout.rows[2].top + layout.rows[2].height / 2;
        CHECK(d.arrows[0].from_y == doctest::Approx(row1));
        CHECK(d.arrows[0].to_y == doctest::Approx(row2));
        CHECK(d.arrows[0].label.words == "B");
        CHECK(d.arrows[1].from_y == doctest::Approx(row2));
        CHECK(d.arrows[1].label.words == "A");
        std::vector<std::string> notes;
        for (const auto& n : d.notes) notes.push_back(n.words);
        CHECK(std::find(notes.begin(), notes.end(), w.holds_a) != notes.end());
        CHECK(std::find(notes.begin(), notes.end(), w.waits_b) != notes.end());
        // Stuck tasks did not end: no "cancelled" marks from the teardown after the report.
        for (const auto& row : layout.rows) CHECK(row.ends.empty());
        for (const auto& item : layout.legend) CHECK(item.kind != Kind::cancelled);
        CHECK(std::count_if(layout.legend.begin(), layout.legend.end(), [](const auto& i) {
                  return i.symbol == Symbol::stuck || i.symbol == Symbol::wait_for;
              }) == 2);
        check_tidy(layout);
    }
    // Without the report the same timeline is just three cancelled tasks.
    const auto plain = lay_out_run(t, Language::en);
    CHECK(plain.deadlocks.empty());
    CHECK(plain.rows[1].ends.size() == 1);
}

TEST_CASE("picture: another page shape gives more or fewer rows, never text below 18") {
    const auto t = fixtures::gather_40();
    const auto tall = lay_out_run(t, Language::uk, nullptr, {1200, 1600});
    CHECK(tall.width == 1600);
    CHECK(tall.height == doctest::Approx(2133));
    CHECK(tall.rows.size() > 10);  // more room: fewer tasks in a band
    check_tidy(tall);
    const auto wide = lay_out_run(t, Language::uk, nullptr, {2000, 800});
    CHECK(wide.height == 640);
    CHECK(smallest_text(wide) >= 18 - 1e-9);
    check_tidy(wide);
}

TEST_CASE("row plan: bands only where they save room, strictest likeness first") {
    RunPatterns p;
    for (int i = 0; i < 5; ++i) {
        p.same.push_back("a");
        p.similar.push_back("a");
    }
    auto plan = plan_rows({p}, 5);  // fits: one row each
    CHECK(plan.runs[0].size() == 5);
    CHECK(plan.units == 5);
    plan = plan_rows({p}, 4);  // a band of 3 and 2 rows kept... within 4 rows
    CHECK(plan.units <= 4);
    CHECK(std::count_if(plan.runs[0].begin(), plan.runs[0].end(),
                        [](const RowPlan& r) { return r.band(); }) == 1);
    CHECK(plan.likeness == Likeness::same);

    // Two stretches that look alike only when order does not count.
    RunPatterns q;
    for (int i = 0; i < 12; ++i) {
        q.same.push_back(i % 2 ? "ab" : "ba");
        q.similar.push_back("ab");
    }
    plan = plan_rows({q}, 6);
    CHECK(plan.likeness == Likeness::similar);
    CHECK(plan.units <= 6);
    std::size_t covered = 0;
    for (const auto& r : plan.runs[0]) {
        CHECK(r.first == covered);  // in order, nothing skipped or repeated
        covered += r.count;
    }
    CHECK(covered == 12);
}

TEST_CASE("--size: WIDTHxHEIGHT within bounds, else a usage error naming what is valid") {
    CHECK(parse_page_size("1600x900").width == 1600);
    CHECK(parse_page_size("1280X720").height == 720);
    CHECK(parse_page_size("900x1600").height == 1600);
    for (const char* bad :
         {"", "1600", "1600x", "x900", "abcxdef", "-1600x900", "1600x900px", "1600 x 900",
          "100x100", "9000x5000", "1600x200", "400x1600", "99999999999x1"}) {
        INFO(bad);
        try {
            parse_page_size(bad);
            FAIL("accepted");
        } catch (const UsageError& e) {
            CHECK(e.key == "error.svg_size");
            CHECK(e.message(Language::en).find("1600x900") != std::string::npos);
        }
    }
    CHECK_THROWS_AS(page_for(std::string("1600x900"), std::nullopt), UsageError);
    CHECK(page_for(std::nullopt, std::nullopt).width == 1600);
}

TEST_CASE("picture: a comparison shares the slide; a deadlock early on needs no extra column") {
    const auto a = fixtures::pool(40, 4, 1);
    const auto b = fixtures::gather_40();
    for (auto language : all_languages) {
        const auto layout = lay_out(
            {RunInput{&a, "A · thread-pool", "jobs = 40", nullptr},
             RunInput{&b, "B · gather", "40 delays", nullptr}},
            "Comparing", "virtual clock",
            render::compare_summary("A", a.elapsed, "B", b.elapsed, language), language, {});
        CHECK(layout.headings.size() == 2);
        CHECK(row_units(layout) <= 16);
        CHECK(layout.axis.grid.size() == 2);
        check_tidy(layout);
    }
    // Lesson 27 (0.5 s) against forty jobs (8 s): the notes fit right of the line inside
    // the plot, which keeps the whole width.
    const auto stuck = fixtures::deadlock(0.5);
    const auto report = fixtures::deadlock_report(0.5);
    const auto layout = lay_out(
        {RunInput{&stuck, "A · deadlock", "", &report}, RunInput{&b, "B · gather", "", nullptr}},
        "Comparing", "", render::compare_summary("A", 0.5, "B", 8, Language::uk), Language::uk, {});
    const auto alone = lay_out_run(b, Language::uk);
    CHECK(layout.axis.x1 == doctest::Approx(alone.axis.x1).epsilon(0.02));
    REQUIRE(layout.deadlocks.size() == 1);
    CHECK(layout.deadlocks[0].x < layout.axis.x1 / 2);
    CHECK(layout.deadlocks[0].bottom < layout.axis.y);  // the line stays with its own run
    check_tidy(layout);
}
