// The exercises' facts on timelines made by hand, and the constants a check changes.
#include <doctest/doctest.h>

#include "exercise/exercises.hpp"
#include "exercise/facts.hpp"

namespace {

using timeline::Segment;
using timeline::SegmentKind;
using timeline::WaitKind;

timeline::Task task(std::uint64_t id, std::vector<Segment> segments, double end,
                    timeline::TaskState state = timeline::TaskState::done) {
    timeline::Task t;
    t.id = id;
    t.name = "t" + std::to_string(id);
    t.started = 0.0;
    t.finished = end;
    t.state = state;
    t.segments = std::move(segments);
    return t;
}

Segment sleep(double start, double end) {
    return {SegmentKind::wait, start, end, WaitKind::sleep, end};
}

Segment run(double start, double end) {
    return {SegmentKind::run, start, end, std::nullopt, -1};
}

RunResult result(std::vector<timeline::Task> tasks, double elapsed) {
    RunResult r;
    r.timeline.tasks = std::move(tasks);
    r.timeline.elapsed = elapsed;
    return r;
}

bool holds(const char* kind, const RunResult& student, const RunResult& reference = {},
           std::optional<double> limit = std::nullopt) {
    return exercise::check_fact(kind, student, reference, limit).holds;
}

}  // namespace

TEST_CASE("at most LIMIT: counts the tasks asleep at one moment; touching ends are no overlap") {
    const auto three = result({task(1, {}, 2), task(2, {sleep(0, 1)}, 1), task(3, {sleep(0, 1)}, 1),
                               task(4, {sleep(0.5, 2)}, 2)},
                              2);
    CHECK(holds("at_most", three, {}, 3.0));
    CHECK_FALSE(holds("at_most", three, {}, 2.0));
    CHECK(exercise::check_fact("at_most", three, {}, 2.0).measured == 3);
    const auto turns = result({task(1, {sleep(0, 1)}, 1), task(2, {sleep(1, 2)}, 2)}, 2);
    CHECK(holds("at_most", turns, {}, 1.0));
    CHECK_FALSE(holds("overlap", turns));
    CHECK(holds("overlap", three));
    CHECK_FALSE(holds("at_most", three));  // no limit known: it cannot hold
    // Requests in flight are I/O waits; a task waiting for the semaphore's slot is not at work.
    const Segment request{SegmentKind::wait, 0, 1, WaitKind::io, -1};
    const Segment slot{SegmentKind::wait, 0, 1, WaitKind::semaphore, -1};
    const auto in_flight = result({task(1, {request}, 1), task(2, {request}, 1),
                                   task(3, {slot, {SegmentKind::wait, 1, 2, WaitKind::io, -1}}, 2)},
                                  2);
    CHECK(holds("at_most", in_flight, {}, 2.0));
    CHECK_FALSE(holds("at_most", in_flight, {}, 1.0));
}

TEST_CASE("no blocking: a step of 10 ms passes, one longer does not") {
    CHECK(holds("no_blocking", result({task(1, {run(0, 0.010), sleep(0.010, 1)}, 1)}, 1)));
    const auto held = result({task(1, {run(0, 0.011)}, 0.011)}, 0.011);
    CHECK_FALSE(holds("no_blocking", held));
    CHECK(exercise::check_fact("no_blocking", held, {}, std::nullopt).measured ==
          doctest::Approx(0.011));
}

TEST_CASE("every task awaited: none cancelled or pending, none ending after main") {
    CHECK(holds("all_awaited", result({task(1, {}, 3), task(2, {sleep(0, 3)}, 3)}, 3)));
    CHECK_FALSE(holds("all_awaited", result({task(1, {}, 1), task(2, {sleep(0, 3)}, 3)}, 3)));
    CHECK_FALSE(holds("all_awaited",
                      result({task(1, {}, 1), task(2, {}, 1, timeline::TaskState::cancelled)}, 1)));
}

TEST_CASE("elapsed, output and outcome are the reference's") {
    auto mine = result({task(1, {sleep(0, 3)}, 3)}, 3);
    auto model = result({task(1, {sleep(0, 3)}, 3)}, 3);
    mine.timeline.output = {{0, 1, "", "['file 1']"}};
    model.timeline.output = {{3, 1, "", "['file 1']"}};
    CHECK(holds("elapsed", mine, model));
    CHECK(holds("same_output", mine, model));  // the text, not when it came
    model.timeline.elapsed = 2;
    CHECK_FALSE(holds("elapsed", mine, model));
    mine.outcome = timeline::Outcome::deadlock;
    CHECK_FALSE(holds("ends_ok", mine));
    CHECK_FALSE(holds("no_such_fact", mine));
    CHECK_FALSE(exercise::known_fact("no_such_fact"));
}

TEST_CASE("same times: the reference's lines, each at its moment; waits on an event") {
    auto mine = result({task(1, {sleep(0, 3)}, 3)}, 3);
    auto model = mine;
    model.timeline.output = {{1, 1, "", "file 2"}, {3, 1, "", "file 1"}};
    mine.timeline.output = model.timeline.output;
    CHECK(holds("same_times", mine, model));
    mine.timeline.output[0].t = 3;  // kept back until the last one was in
    CHECK(holds("same_output", mine, model));
    CHECK_FALSE(holds("same_times", mine, model));
    mine.timeline.output.pop_back();
    CHECK_FALSE(holds("same_times", mine, model));
    CHECK_FALSE(holds("waits_event", mine));
    const Segment on_event{SegmentKind::wait, 0, 2, WaitKind::event, -1};
    CHECK(holds("waits_event", result({task(1, {on_event}, 2)}, 2)));
    CHECK_FALSE(holds("waits_lock", result({task(1, {on_event}, 2)}, 2)));
}

TEST_CASE("the constants: only top-level assignments change, and only those named") {
    const std::string source = "DELAYS = [1, 3, 2]\nLIMIT=2\n    DELAYS = [9]\nOTHER = 1\n";
    const auto changed = exercise::with_constants(source, {{"DELAYS", "[4]"}, {"LIMIT", "5"}});
    CHECK(changed == "DELAYS = [4]\nLIMIT = 5\n    DELAYS = [9]\nOTHER = 1\n");
    CHECK(exercise::constant_value(changed, "LIMIT") == 5.0);
    CHECK_FALSE(exercise::constant_value(changed, "DELAYS").has_value());
    CHECK_FALSE(exercise::constant_value(changed, "MISSING").has_value());
}

TEST_CASE("the seeded set: the first variant's lists in another order, the same for one file") {
    const auto* gather = exercise::find("gather");
    REQUIRE(gather);
    const auto first = exercise::seeded_variant(*gather, "DELAYS = [1, 3, 2]\n");
    REQUIRE(first.has_value());
    const std::string listed = gather->variants.front().at("DELAYS");
    CHECK(first->at("DELAYS") != listed);
    auto sorted = [](std::string text) {
        std::sort(text.begin(), text.end());
        return text;
    };
    CHECK(sorted(first->at("DELAYS")) == sorted(listed));
    CHECK(exercise::seeded_variant(*gather, "DELAYS = [1, 3, 2]\n") == first);
    // An exercise without lists gets no seeded set.
    const auto* lock = exercise::find("lock");
    REQUIRE(lock);
    CHECK_FALSE(exercise::seeded_variant(*lock, "WORKERS = 5\n").has_value());
}

TEST_CASE("every exercise: known facts, templates whose every mark has its words") {
    for (const auto& e : exercise::all()) {
        INFO(e.name);
        for (const auto& fact : e.facts) CHECK(exercise::known_fact(fact.kind));
        for (bool solution : {false, true})
            for (auto lang : {i18n::Language::en, i18n::Language::pt_BR, i18n::Language::uk}) {
                const auto text = exercise::program(e, solution, lang);
                CHECK(text.find("«") == std::string::npos);
                CHECK(text.find("asyncio.run(main())") != std::string::npos);
            }
    }
}
