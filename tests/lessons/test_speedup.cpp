// The summary under every lesson's timeline, on the default params, under the virtual clock:
// the elapsed time, the sum of the tasks' own time, and the line that compares them (the
// speed-up where the comparison holds, otherwise the reason). Each row is worked out from the
// lesson's program and its SYLLABUS.md entry, not copied from a run.
//
// Own time: on the loop, on a worker thread, or in a sleep the task itself started. Waiting
// for another task, a lock, a semaphore, an event, a queue or a pool slot is not own time.
// The seeded lessons draw their delays with seeded_delays(seed, count, min, max); for seed 1
// and 5 delays in [1, 5] s those are 3.7, 2.2, 2.6, 1.2, 4.5 (sum 14.2, max 4.5).
#include <cmath>

#include "render/common.hpp"
#include "support.hpp"
#include "timeline/comparison.hpp"

using lesson_testing::same_time;

namespace {

struct Expected {
    const char* slug;
    double elapsed;
    double work;
    const char* line;  // the summary's last line, in English
};

// clang-format off
const Expected table[] = {
    // 1: one line at t=0 and nothing else.
    {"hello", 0, 0, "Nothing to compare: the run took no time."},
    // 2: main sleeps 1 s.
    {"sleep", 1, 1, "No faster: all the work was in one task, so nothing could overlap."},
    // 3: main awaits a coroutine that sleeps 5 s.
    {"await-coroutine", 5, 5, "No faster: all the work was in one task, so nothing could overlap."},
    // 4: main awaits 1, 3 and 2 s in turn.
    {"sequential", 6, 6, "No faster: all the work was in one task, so nothing could overlap."},
    // 5: main sleeps 14.2 s one job after another, then five tasks sleep 14.2 s in 4.5:
    //    28.4 s of own time in 18.7 s.
    {"simulated-io", 18.7, 28.4, "1.52× faster than if the tasks had done their own work one after another."},
    // 6: main sleeps 1 s, then awaits send_email (1 s); the forgotten coroutine never runs.
    {"never-awaited", 2, 2, "No faster: all the work was in one task, so nothing could overlap."},
    // 7: three tasks sleep 1, 3, 2 s at once; main only waits for them.
    {"create-task", 3, 6, "2× faster than if the tasks had done their own work one after another."},
    // 8: tasks of 1 and 2 s together (2 s), then main's own 3 + 4 s: 10 s of own time in 9.
    {"tasks-then-coroutines", 9, 10, "1.11× faster than if the tasks had done their own work one after another."},
    // 9: main awaits job-1 (3 s) and job-2 (1 s), then cancels job-3, 3 s into its 20000 s.
    {"cancel", 3, 7, "No comparison: job-3 was cancelled at 3 s, before its own work was done."},
    // 10: main sleeps 1 s; "ok" sleeps 3 s, "fail" 5 s and raises on its own: 9 s in 5.
    {"task-state", 5, 9, "1.8× faster than if the tasks had done their own work one after another."},
    // 11: 1 + 5 + 3 s of sleeping in 5 s.
    {"gather", 5, 9, "1.8× faster than if the tasks had done their own work one after another."},
    // 12: main squares six numbers 1 s each in turn (6 s), then six tasks 1 s each at once (1 s).
    {"gather-comprehension", 7, 12, "1.71× faster than if the tasks had done their own work one after another."},
    // 13: five seeded jobs at once: 14.2 s in 4.5.
    {"gather-filter", 4.5, 14.2, "3.16× faster than if the tasks had done their own work one after another."},
    // 14: twice three jobs of 1, 2, 3 s (job-2 raises at 2 s by itself, nothing is cancelled):
    //     12 s in 6.
    {"gather-errors", 6, 12, "2× faster than if the tasks had done their own work one after another."},
    // 15: 1 + 2 + 3 s in 3.
    {"taskgroup", 3, 6, "2× faster than if the tasks had done their own work one after another."},
    // 16: five seeded jobs (3.7, 2.2, 2.6, 1.2, 4.5 s) in batches of 3: a TaskGroup of the
    //     first three (3.7 s), then one of the last two (4.5 s): 14.2 s in 8.2.
    {"taskgroup-callbacks", 8.2, 14.2, "1.73× faster than if the tasks had done their own work one after another."},
    // 17: job-1 raises at 1 s; the group cancels job-2 and job-3 then, 1 s into their sleeps.
    {"taskgroup-failure", 1, 3, "No comparison: job-1 failed at 1 s, and 2 tasks still working were cancelled with it."},
    // 18: 2 + 1 s in 2.
    {"as-completed", 2, 3, "1.5× faster than if the tasks had done their own work one after another."},
    // 19: wait returns at the 1.5 s timeout with job-1 (2 s) pending; main cancels it.
    {"wait", 1.5, 2.5, "No comparison: job-1 was cancelled at 1.5 s, before its own work was done."},
    // 20: job-1 (10 s) is cancelled at the 2 s limit; then job-2 (1 s) ends and job-3 (10 s)
    //     is cancelled at the second limit, t = 4: 2 + 1 + 2 s of own time.
    {"wait-for", 4, 5, "No comparison: 2 tasks were cancelled before their own work was done, the first (job-1) at 2 s."},
    // 21: main alone: 2 s until the fixed deadline cuts it (main catches TimeoutError), then
    //     10 s under the moving one.
    {"timeout", 12, 12, "No faster: all the work was in one task, so nothing could overlap."},
    // 22: five tasks sleep 1 s at once.
    {"race-condition", 1, 5, "5× faster than if the tasks had done their own work one after another."},
    // 23: five tasks hold the lock 1 s each, in turn; the rest of their time is waiting.
    {"lock", 5, 5, "No faster: the lock made them take turns."},
    // 24: five holds of 1 s, two at a time: 3 waves.
    {"semaphore", 3, 5, "1.67× faster than if the tasks had done their own work one after another."},
    // 25: promo works 2 s; email waits on the event, then works 1 + 1 s.
    {"event", 4, 4, "No faster: the tasks' own work never overlapped; each worked while the others waited."},
    // 26: the producer sleeps 2.1 s in all (make times 0.1 0.5 0.1 0.1 0.2 0.4 0.1 0.4 0.1
    //     0.1), the consumer 11.8 s (handle times 1.1 0.9 1.5 1.4 1.5 0.9 1.2 1.5 0.9 0.9)
    //     from the first item at 0.1 s without a break: join returns at 11.9 s. The consumer is
    //     cancelled while it waits for an item that never comes: no work lost. The thread that
    //     feeds the inbox costs no virtual time.
    {"queue", 11.9, 13.9, "1.17× faster than if the tasks had done their own work one after another."},
    // 27: each worker sleeps 0.5 s holding one lock, then waits for the other's: deadlock.
    {"deadlock", 0.5, 1, "No comparison: the run deadlocked at 0.5 s, with its work left undone."},
    // 28: "blocking" holds the loop 5 s while "other" waits for its first turn, then sleeps
    //     1 s; main computes 2 × 1 s on the loop; cpu-1 and cpu-2 hold it 1 s each.
    {"blocking-call", 10, 10, "No faster: a blocking call held the loop, and the other tasks waited for it."},
    // 29: twice a 5 s thread call next to a 1 s sleep.
    {"to-thread", 10, 12, "1.2× faster than if the tasks had done their own work one after another."},
    // 30: 8 jobs of 1 s on a pool of 4: two rounds. Queued jobs wait, they do not work.
    {"thread-pool", 2, 8, "4× faster than if the tasks had done their own work one after another."},
    // 31: main computes 2 × 1 s on the loop; two "Python threads" take turns at the GIL (1 s
    //     each of thread time); two C++ threads run 1 s side by side: 6 s in 2 + 2 + 1.
    {"cpu-bound", 5, 6, "1.2× faster than if the tasks had done their own work one after another."},
    // 37, 38: file requests and database calls are real work: no virtual time at all.
    {"files", 0, 0, "Nothing to compare: the run took no time."},
    {"sqlite", 0, 0, "Nothing to compare: the run took no time."},
    // 39: main's 1 s GET on a thread, next to ticker's 1 s of sleeps (0.25 s each).
    {"run-in-executor", 1, 2, "2× faster than if the tasks had done their own work one after another."},
    // 40: the tickers (periods 1.2 and 1.7 s) sleep side by side until both are cancelled at
    //     the 5 s stop, in the middle of a sleep.
    {"event-loop", 5, 10, "No comparison: 2 tasks were cancelled before their own work was done, the first (ticker-a) at 5 s."},
    // 41: test-1 sleeps 2 s; then test-2 sleeps until its 1 s limit (it catches the
    //     TimeoutError itself): one after the other.
    {"testing", 3, 3, "No faster: the tasks' own work never overlapped; each worked while the others waited."},
    // 42: main sleeps 1 + 1 + 2 s; payment sleeps 1 s and raises by itself; report has slept
    //     2 of its 5 s when main returns at 4 s and run() cancels it.
    {"common-mistakes", 4, 7, "No comparison: report was cancelled at 4 s, before its own work was done."},
};
// clang-format on

}  // namespace

TEST_CASE("every lesson's summary: the speed-up where it holds, otherwise why not") {
    CHECK(std::size(table) == catalogue::builtin().lessons.size());
    for (const auto& row : table) {
        CAPTURE(row.slug);
        const auto r = lesson_testing::run(row.slug);
        const auto& t = r.result.timeline;
        CHECK(same_time(t.elapsed, row.elapsed));
        CHECK(same_time(timeline::total_own_time(t), row.work));
        CHECK(render::run_summary(t, i18n::Language::en).verdict == row.line);
    }
}

TEST_CASE("the JSON report's work is the summary's own time, and its verdict the same line") {
    // The renderers and the report read one comparison: check it says the same as the table
    // for the ones that hold and for a reason.
    for (const char* slug : {"gather", "lock", "deadlock"}) {
        CAPTURE(slug);
        const auto r = lesson_testing::run(slug);
        const auto c = timeline::compare_with_one_after_another(r.result.timeline);
        CHECK(c.work == timeline::total_own_time(r.result.timeline));
        CHECK(c.holds() == (std::string_view(slug) == "gather"));
    }
}

TEST_CASE("the summary's reasons in pt-BR and uk, with their plurals") {
    const auto failure = lesson_testing::run("taskgroup-failure");
    CHECK(render::run_summary(failure.result.timeline, i18n::Language::pt_BR).verdict ==
          "Sem comparação: a tarefa job-1 falhou em 1 s, e 2 tarefas que ainda trabalhavam foram "
          "canceladas junto com ela.");
    CHECK(render::run_summary(failure.result.timeline, i18n::Language::uk).verdict ==
          "Без порівняння: задача job-1 завершилася помилкою о 1 с, і разом із нею скасовано 2 "
          "задачі, які ще працювали.");
    // One sibling left to cancel: the singular.
    const auto one = lesson_testing::run("taskgroup-failure", {"delays=1,2"});
    CHECK(render::run_summary(one.result.timeline, i18n::Language::en).verdict ==
          "No comparison: job-1 failed at 1 s, and 1 task still working was cancelled with it.");
    CHECK(render::run_summary(one.result.timeline, i18n::Language::uk).verdict ==
          "Без порівняння: задача job-1 завершилася помилкою о 1 с, і разом із нею скасовано 1 "
          "задачу, яка ще працювала.");
    // Five cancelled, in Ukrainian the "many" form.
    const auto five = lesson_testing::run("taskgroup-failure", {"delays=1,2,3,4,5,6"});
    CHECK(render::run_summary(five.result.timeline, i18n::Language::uk).verdict ==
          "Без порівняння: задача job-1 завершилася помилкою о 1 с, і разом із нею скасовано 5 "
          "задач, які ще працювали.");
    const auto lock = lesson_testing::run("lock");
    CHECK(render::run_summary(lock.result.timeline, i18n::Language::pt_BR).verdict ==
          "Não ficou mais rápido: o lock fez as tarefas se revezarem.");
    const auto gather = lesson_testing::run("gather");
    CHECK(render::run_summary(gather.result.timeline, i18n::Language::uk).verdict ==
          "У 1,8 раза швидше, ніж якби задачі виконували свою роботу одна за одною.");
    CHECK(render::run_summary(gather.result.timeline, i18n::Language::pt_BR).verdict ==
          "1,8× mais rápido do que se as tarefas fizessem o próprio trabalho uma depois da outra.");
}

TEST_CASE("lock and semaphore: waiting at the door is not work, whatever the numbers") {
    // tasks × hold of own time; tasks/limit waves of hold each.
    struct Case {
        int tasks, limit;
        double hold;
    };
    for (const Case& c : {Case{40, 2, 1}, Case{10, 3, 0.5}, Case{4, 4, 2}, Case{5, 1, 1}}) {
        CAPTURE(c.tasks);
        CAPTURE(c.limit);
        const auto r = lesson_testing::run(
            "semaphore", {"tasks=" + std::to_string(c.tasks), "limit=" + std::to_string(c.limit),
                          "hold=" + std::to_string(c.hold)});
        const double waves = std::ceil(static_cast<double>(c.tasks) / c.limit);
        CHECK(same_time(r.elapsed(), waves * c.hold));
        CHECK(same_time(timeline::total_own_time(r.result.timeline), c.tasks * c.hold));
        const auto comparison = timeline::compare_with_one_after_another(r.result.timeline);
        if (c.limit == 1) {
            CHECK(comparison.verdict == timeline::Verdict::took_turns);
            CHECK(comparison.turns == timeline::WaitKind::semaphore);
        } else {
            CHECK(comparison.verdict == timeline::Verdict::faster);
            CHECK(comparison.ratio == doctest::Approx(c.tasks / waves).epsilon(0.006));
        }
    }
    for (int tasks : {1, 2, 7}) {
        const auto r = lesson_testing::run("lock", {"tasks=" + std::to_string(tasks), "hold=0.5"});
        CHECK(same_time(timeline::total_own_time(r.result.timeline), tasks * 0.5));
        // One task alone takes no turns: all the work is in it.
        CHECK(timeline::compare_with_one_after_another(r.result.timeline).verdict ==
              (tasks == 1 ? timeline::Verdict::one_task : timeline::Verdict::took_turns));
    }
}

TEST_CASE("the summary follows the params: the same lessons where nothing is cut short") {
    struct Case {
        const char* slug;
        std::vector<std::string> settings;
        const char* line;
    };
    const Case cases[] = {
        // Everything done by t = 2: 2 + 1 s in 2.
        {"wait",
         {"timeout=5"},
         "1.5× faster than if the tasks had done their own work one after another."},
        // Nobody fails: 1 + 2 + 3 s in 3.
        {"taskgroup-failure",
         {"fail=5"},
         "2× faster than if the tasks had done their own work one after another."},
        // In time: job-1 ends at 1 s, then job-2 and job-3 (1 s each) together: 3 s in 2.
        {"wait-for",
         {"delay=1"},
         "1.5× faster than if the tasks had done their own work one after another."},
        // job-2 ended long before main reaches it, so nothing is cancelled; main then awaits
        // job-3's 20000 s: 20004 s of own time in 20000.
        {"cancel", {"cancel=1"}, "Hardly faster: working side by side saved only 4 s of 20004 s."},
        // The promotions take no time: the e-mail task's 1 + 1 s are all the work.
        {"event",
         {"update=0"},
         "No faster: all the work was in one task, so nothing could overlap."},
    };
    for (const auto& c : cases) {
        CAPTURE(c.slug);
        const auto r = lesson_testing::run(c.slug, c.settings);
        CHECK(render::run_summary(r.result.timeline, i18n::Language::en).verdict == c.line);
    }
}
