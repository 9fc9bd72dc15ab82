// The summary under a timeline: what counts as a task's own time, when "N× faster than one
// after another" holds, the reason printed where it does not, and compare's ratio.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "i18n/width.hpp"
#include "render/common.hpp"
#include "run_binary.hpp"
#include "timeline/comparison.hpp"
#include "timeline/model.hpp"

using i18n::Language;
using timeline::Outcome;
using timeline::Segment;
using timeline::SegmentKind;
using timeline::TaskState;
using timeline::Verdict;
using timeline::WaitKind;

namespace {

timeline::Task task(std::uint64_t id, std::string name, std::vector<Segment> segments,
                    TaskState state = TaskState::done) {
    timeline::Task t;
    t.id = id;
    t.name = std::move(name);
    t.started = segments.empty() ? 0 : segments.front().start;
    t.finished = segments.empty() ? 0 : segments.back().end;
    t.state = state;
    t.segments = std::move(segments);
    return t;
}

Segment wait(double start, double end, WaitKind on, double due = -1) {
    return Segment{SegmentKind::wait, start, end, on, due};
}

Segment step(double at) {
    return Segment{SegmentKind::run, at, at, {}, -1};
}

// main waits on gather for `elapsed`; the others are given.
timeline::Timeline run_of(std::vector<timeline::Task> tasks, double elapsed,
                          Outcome outcome = Outcome::ok) {
    timeline::Timeline t;
    t.tasks.push_back(
        task(1, "main", {step(0), wait(0, elapsed, WaitKind::gather), step(elapsed)}));
    for (auto& x : tasks) t.tasks.push_back(std::move(x));
    t.elapsed = elapsed;
    t.outcome = outcome;
    return t;
}

std::string line(const timeline::Timeline& t, Language language = Language::en) {
    return render::run_summary(t, language).verdict;
}

}  // namespace

TEST_CASE("wait kinds: one classifier over the runtime's enum") {
    CHECK(timeline::is_own_work(WaitKind::sleep));
    CHECK(timeline::is_own_work(WaitKind::thread));
    CHECK_FALSE(timeline::is_own_work(WaitKind::pool));
    CHECK_FALSE(timeline::is_own_work(WaitKind::lock));
    CHECK(timeline::is_turn_taking(WaitKind::pool));
    CHECK_FALSE(timeline::is_turn_taking(WaitKind::event));
}

TEST_CASE("own time: the loop, a thread, a sleep up to its due time; never a wait on others") {
    CHECK(timeline::own_part({SegmentKind::run, 1, 1.25, {}}) == 0.25);
    CHECK(timeline::own_part({SegmentKind::blocked, 1, 3, {}}) == 2);
    CHECK(timeline::own_part({SegmentKind::thread, 0, 4, timeline::WaitKind::thread}) == 4);
    CHECK(timeline::own_part(wait(0, 2, WaitKind::sleep)) == 2);
    CHECK(timeline::own_part(wait(0, 2, WaitKind::io)) == 2);
    // The loop was held elsewhere until 5: only the 1 s the sleep asked for is its own.
    CHECK(timeline::own_part(wait(0, 5, WaitKind::sleep, 1)) == 1);
    // Cancelled halfway through: what it slept.
    CHECK(timeline::own_part(wait(0, 0.5, WaitKind::sleep, 1)) == 0.5);
    for (const WaitKind on : asyncio::all_wait_kinds) {
        CAPTURE(to_string(on));
        const bool own = on == WaitKind::sleep || on == WaitKind::io || on == WaitKind::thread;
        CHECK(timeline::own_part(wait(0, 3, on)) == (own ? 3 : 0));
    }
    // The shared contract: a job queued for a worker slot is waiting, whatever carries it.
    CHECK(timeline::own_part({SegmentKind::thread, 0, 3, timeline::WaitKind::pool}) == 0);
    // Two pool jobs of 1 s on one worker: 2 s of own time, not 3.
    const auto pooled =
        run_of({task(2, "job-1",
                     {step(0), {SegmentKind::thread, 0, 1, timeline::WaitKind::thread}, step(1)}),
                task(3, "job-2",
                     {step(0),
                      wait(0, 1, WaitKind::pool),
                      {SegmentKind::thread, 1, 2, timeline::WaitKind::thread},
                      step(2)})},
               2);
    CHECK(timeline::total_own_time(pooled) == 2);
    CHECK(line(pooled) == "No faster: the worker pool made them take turns.");
    CHECK(line(pooled, Language::uk) == "Не швидше: через пул потоків задачі працювали по черзі.");
}

TEST_CASE("a run that did not end normally gets no ratio, and says how it ended") {
    const std::vector<timeline::Task> jobs{
        task(2, "job-1", {step(0), wait(0, 2, WaitKind::sleep, 2)}),
        task(3, "job-2", {step(0), wait(0, 2, WaitKind::sleep, 2)})};
    CHECK(line(run_of(jobs, 2)) ==
          "2× faster than if the tasks had done their own work one after another.");
    CHECK(line(run_of(jobs, 2, Outcome::deadlock)) ==
          "No comparison: the run deadlocked at 2 s, with its work left undone.");
    CHECK(line(run_of(jobs, 2, Outcome::interrupted)) ==
          "No comparison: the run was stopped at 2 s, before its end.");
    CHECK(line(run_of(jobs, 2, Outcome::stopped), Language::pt_BR) ==
          "Sem comparação: a execução foi interrompida em 2 s, antes do fim.");
    CHECK(line(run_of(jobs, 2.5, Outcome::error), Language::uk) ==
          "Без порівняння: запуск завершився помилкою о 2,5 с.");
    CHECK(line(run_of({}, 0)) == "Nothing to compare: the run took no time.");
}

TEST_CASE("cancellations: work cut short breaks the comparison; an idle waiter does not") {
    // A task cancelled at 4 s, in the middle of a sleep, after another failed at 1 s on its own:
    // the failure did not cause it.
    auto t = run_of(
        {task(2, "payment", {step(0), wait(0, 1, WaitKind::sleep, 1), step(1)}, TaskState::failed),
         task(3, "report", {step(0), wait(0, 4, WaitKind::sleep, 5), step(4)},
              TaskState::cancelled)},
        4);
    auto c = timeline::compare_with_one_after_another(t);
    CHECK(c.verdict == Verdict::cancelled);
    CHECK(c.task == "report");
    CHECK(c.at == 4);
    CHECK(line(t, Language::pt_BR) ==
          "Sem comparação: a tarefa report foi cancelada em 4 s, antes de terminar o próprio "
          "trabalho.");
    // Cancelled the moment a sibling failed: the failure is the reason.
    t = run_of(
        {task(2, "job-1", {step(0), wait(0, 1, WaitKind::sleep, 1), step(1)}, TaskState::failed),
         task(3, "job-2", {step(0), wait(0, 1, WaitKind::sleep, 2), step(1)},
              TaskState::cancelled)},
        1);
    c = timeline::compare_with_one_after_another(t);
    CHECK(c.verdict == Verdict::failure_cancels);
    CHECK(c.task == "job-1");
    CHECK(c.count == 1);
    // Cancelled while queued for a lock: its critical section never ran.
    t = run_of(
        {task(2, "job-1", {step(0), wait(0, 1, WaitKind::sleep, 1), step(1)}),
         task(3, "job-2", {step(0), wait(0, 1, WaitKind::lock), step(1)}, TaskState::cancelled)},
        1);
    CHECK(timeline::compare_with_one_after_another(t).verdict == Verdict::cancelled);
    // A consumer cancelled while it waits for an item that never comes loses nothing.
    t = run_of(
        {task(2, "producer", {step(0), wait(0, 2, WaitKind::sleep, 2), step(2)}),
         task(3, "consumer",
              {step(0), wait(0, 2, WaitKind::sleep, 2), wait(2, 3, WaitKind::queue), step(3)},
              TaskState::cancelled)},
        3);
    c = timeline::compare_with_one_after_another(t);
    CHECK(c.verdict == Verdict::faster);
    CHECK(c.ratio == doctest::Approx(4.0 / 3).epsilon(0.01));
    // Several cut short: counted, the first named; Ukrainian plural forms.
    std::vector<timeline::Task> many;
    for (std::uint64_t i = 0; i < 5; ++i) {
        many.push_back(task(i + 2, "t" + std::to_string(i),
                            {step(0), wait(0, 1.0 + static_cast<double>(i), WaitKind::sleep, 9),
                             step(1.0 + static_cast<double>(i))},
                            TaskState::cancelled));
    }
    CHECK(line(run_of(many, 5), Language::uk) ==
          "Без порівняння: 5 задач скасовано, перш ніж вони виконали свою роботу; першу (t0) — о "
          "1 с.");
    many.resize(2);
    CHECK(line(run_of(many, 5), Language::uk) ==
          "Без порівняння: 2 задачі скасовано, перш ніж вони виконали свою роботу; першу (t0) — о "
          "1 с.");
}

TEST_CASE("no faster: the reason comes from what the timeline shows") {
    // A blocking call that another task had to wait for.
    timeline::Timeline t;
    t.tasks.push_back(task(1, "main", {step(0), wait(0, 6, WaitKind::gather), step(6)}));
    t.tasks.push_back(task(2, "blocking", {{SegmentKind::blocked, 0, 5, {}}}));
    auto other = task(3, "other", {step(5), wait(5, 6, WaitKind::sleep, 6), step(6)});
    other.created = 0;
    t.tasks.push_back(other);
    t.elapsed = 6;
    CHECK(line(t) ==
          "No faster: a blocking call held the loop, and the other tasks waited for it.");
    // The same block with nobody else around is just work in one task.
    timeline::Timeline alone;
    alone.tasks.push_back(task(1, "main", {{SegmentKind::blocked, 0, 2, {}}}));
    alone.elapsed = 2;
    CHECK(line(alone) == "No faster: all the work was in one task, so nothing could overlap.");
    // Handing over through an event: never overlapped.
    const auto handover = run_of(
        {task(2, "promo", {step(0), wait(0, 2, WaitKind::sleep, 2), step(2)}),
         task(3, "email",
              {step(0), wait(0, 2, WaitKind::event), wait(2, 3, WaitKind::sleep, 3), step(3)})},
        3);
    CHECK(line(handover, Language::pt_BR) ==
          "Não ficou mais rápido: o trabalho das tarefas nunca se sobrepôs; cada uma trabalhou "
          "enquanto as outras esperavam.");
}

TEST_CASE("compare: the ratio of two finished runs; none for a run that did not finish") {
    timeline::Timeline a, b;
    a.elapsed = 6;
    b.elapsed = 3;
    CHECK(render::compare_summary("A", a, "B", b, Language::en).verdict == "B is 2× faster than A");
    b.outcome = Outcome::deadlock;
    b.elapsed = 0.5;
    CHECK(render::compare_summary("A", a, "B", b, Language::en).verdict ==
          "No comparison: B deadlocked at 0.5 s.");
    CHECK(render::compare_summary("A", a, "B", b, Language::uk).verdict ==
          "Без порівняння: запуск B зайшов у взаємне блокування о 0,5 с.");
    a.outcome = Outcome::error;
    CHECK(render::compare_summary("A", a, "B", b, Language::pt_BR).verdict ==
          "Sem comparação: a execução A terminou com um erro em 6 s.");
}

TEST_CASE("cli: compare prints the ratio of elapsed times, and no ratio beside a deadlock") {
    // lock: 5 holds of 1 s in turn, 5 s; semaphore: the same 5 holds two at a time, 3 s.
    auto r = cli_test::run("compare lock semaphore");
    REQUIRE(r.status == 0);
    CHECK(r.out.find("A · lock took 5 s") != std::string::npos);
    CHECK(r.out.find("B · semaphore took 3 s") != std::string::npos);
    CHECK(r.out.find("B · semaphore is 1.67× faster than A · lock") != std::string::npos);
    auto d = cli_test::run("compare deadlock gather");
    CHECK(d.status == 0);  // the deadlock lesson ends in its deadlock, as it should
    CHECK(d.out.find("No comparison: A · deadlock deadlocked at 0.5 s.") != std::string::npos);
    CHECK(d.out.find("faster than") == std::string::npos);
}

TEST_CASE("cli: the JSON report's work and comparison follow the summary") {
    auto r = cli_test::run("run lock --clock virtual --json");
    REQUIRE(r.status == 0);
    auto report = nlohmann::json::parse(r.out);
    CHECK(report["elapsed"] == 5.0);
    CHECK(report["work"] == 5.0);  // five holds of 1 s; the waits at the lock are not work
    CHECK(report["comparison"]["verdict"] == "took_turns");
    CHECK(report["comparison"]["on"] == "lock");
    for (const auto& t : report["tasks"])
        if (t["name"] != "main") CHECK(t["own_time"] == 1.0);
    r = cli_test::run("run gather --clock virtual --json");
    report = nlohmann::json::parse(r.out);
    CHECK(report["work"] == 9.0);
    CHECK(report["comparison"]["verdict"] == "faster");
    CHECK(report["comparison"]["ratio"] == 1.8);
    r = cli_test::run("run deadlock --clock virtual --json");
    report = nlohmann::json::parse(r.out);
    CHECK(report["comparison"]["verdict"] == "deadlock");
    CHECK(report["comparison"]["at"] == 0.5);
}

TEST_CASE("cli: the summary's reason wraps to the terminal like the narration") {
    auto r = cli_test::run("run taskgroup-failure --clock virtual --lang pt-BR", "COLUMNS=60");
    REQUIRE(r.status == 0);
    const auto at = r.out.find("Sem comparação:");
    REQUIRE(at != std::string::npos);
    // The reason and the line after it, up to the blank line that ends the summary.
    const std::string reason = r.out.substr(at, r.out.find("\n\n", at) - at);
    CHECK(reason.find('\n') != std::string::npos);
    std::size_t start = 0;
    while (start < reason.size()) {
        const auto end = std::min(reason.find('\n', start), reason.size());
        CHECK(i18n::display_width(reason.substr(start, end - start)) <= 60);
        start = end + 1;
    }
    CHECK(reason.find("canceladas junto com ela.") != std::string::npos);
}
