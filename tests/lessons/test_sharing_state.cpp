// Syllabus facts of part 5, sharing state (lessons 22 to 27: race-condition, lock,
// semaphore, event, queue, deadlock), for the defaults and for other param values, under the
// virtual clock.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <thread>

#include "asyncio/threads.hpp"
#include "i18n/format.hpp"
#include "random.hpp"
#include "support.hpp"

using lesson_testing::job;
using lesson_testing::lines_of;
using lesson_testing::number;
using lesson_testing::run;
using lesson_testing::Run;
using lesson_testing::same_time;
using lesson_testing::setting;
using timeline::SegmentKind;
using timeline::TaskState;

namespace {

// Position of a given line in the whole output.
std::size_t position(const Run& r, const timeline::OutputLine& line) {
    const auto& all = r.result.timeline.output;
    for (std::size_t i = 0; i < all.size(); ++i)
        if (all[i].t == line.t && all[i].task == line.task && all[i].key == line.key &&
            all[i].text == line.text)
            return i;
    FAIL("line not found: " << line.text);
    return 0;
}

// Does the task wait on `on` from `start` to `end` (one segment, or several in a row)?
bool waits_on(const timeline::Task& task, asyncio::WaitOn on, double start, double end) {
    double covered_to = start;
    for (const auto& s : task.segments) {
        if (s.kind != SegmentKind::wait || s.on != on) continue;
        if (s.start <= covered_to + 1e-9 && s.end > covered_to) covered_to = s.end;
    }
    return covered_to >= end - 1e-9;
}

}  // namespace

TEST_CASE("race-condition: every task reads before any writes; the counter ends at 1") {
    for (int tasks : {5, 1, 2, 10, 37}) {
        CAPTURE(tasks);
        auto r = run("race-condition", {"tasks=" + std::to_string(tasks)});
        const auto reads = r.lines("read");
        const auto writes = r.lines("wrote");
        REQUIRE(reads.size() == static_cast<std::size_t>(tasks));
        REQUIRE(writes.size() == static_cast<std::size_t>(tasks));
        for (int n = 1; n <= tasks; ++n) {
            const auto read = lines_of(r, "read", job(n));
            const auto wrote = lines_of(r, "wrote", job(n));
            REQUIRE(read.size() == 1);
            REQUIRE(wrote.size() == 1);
            CHECK(read[0].t == 0);
            CHECK(read[0].text == "read the counter: 0");
            CHECK(wrote[0].t == 1);
            CHECK(wrote[0].text == "wrote 1 back");
        }
        // Every read comes before the first write: no threads, only an await in between.
        CHECK(position(r, reads.back()) < position(r, writes.front()));
        const auto final = r.lines("final");
        REQUIRE(final.size() == 1);
        CHECK(final[0].t == 1);
        CHECK(final[0].text == "counter = 1 after " + std::to_string(tasks) +
                                   (tasks == 1
                                        ? " increment: no update lost"
                                        : " increments: " + std::to_string(tasks - 1) +
                                              (tasks == 2 ? " update lost" : " updates lost")));
        CHECK(r.elapsed() == 1);
        CHECK(r.task_count() == static_cast<std::size_t>(tasks) + 1);
    }
}

TEST_CASE("lock: one task at a time, in arrival order; tasks x hold; the counter is right") {
    struct Case {
        int tasks;
        double hold;
    };
    for (const auto& c : std::vector<Case>{{5, 1}, {3, 0.5}, {8, 0.25}, {1, 1}, {4, 0}, {6, 1.5}}) {
        CAPTURE(c.tasks);
        CAPTURE(c.hold);
        auto r = run("lock", {"tasks=" + std::to_string(c.tasks), setting("hold", c.hold)});
        std::string order;
        for (int n = 1; n <= c.tasks; ++n) {
            CAPTURE(n);
            const auto wants = lines_of(r, "wants_lock", job(n));
            const auto got = lines_of(r, "got_lock", job(n));
            const auto released = lines_of(r, "releasing", job(n));
            REQUIRE(wants.size() == 1);
            REQUIRE(got.size() == 1);
            REQUIRE(released.size() == 1);
            CHECK(wants[0].t == 0);
            // Task n gets in when the n - 1 before it have each held the lock `hold` seconds.
            CHECK(same_time(got[0].t, (n - 1) * c.hold));
            CHECK(got[0].text == "got the lock; the counter is " + std::to_string(n - 1));
            CHECK(same_time(released[0].t, n * c.hold));
            CHECK(released[0].text == "wrote " + std::to_string(n) + "; releasing the lock");
            // Nobody else inside meanwhile: the next one gets in only after this one left.
            if (n < c.tasks) {
                const auto next = lines_of(r, "got_lock", job(n + 1));
                REQUIRE(next.size() == 1);
                CHECK(position(r, released[0]) < position(r, next[0]));
            }
            if (n > 1 && c.hold > 0)
                CHECK(waits_on(r.task(job(n)), asyncio::WaitOn::lock, 0, (n - 1) * c.hold));
            order += (n > 1 ? ", " : "") + job(n);
        }
        CHECK(r.lines("order").at(0).text == "order of entry: [" + order + "]");
        const double expected = c.tasks * c.hold;
        const auto final = r.lines("final");
        REQUIRE(final.size() == 1);
        CHECK(same_time(final[0].t, expected));
        CHECK(final[0].text == "counter = " + std::to_string(c.tasks) + " after " +
                                   std::to_string(c.tasks) +
                                   (c.tasks == 1 ? " increment" : " increments") +
                                   ", at t=" + number(expected) + " s");
        CHECK(same_time(r.elapsed(), expected));
    }
}

TEST_CASE("semaphore: never more than `limit` inside; ceil(tasks/limit) x hold") {
    struct Case {
        int tasks, limit;
        double hold;
    };
    for (const auto& c : std::vector<Case>{
             {5, 2, 1}, {10, 3, 1}, {4, 4, 0.5}, {7, 1, 0.25}, {3, 5, 2}, {9, 4, 0.75}}) {
        CAPTURE(c.tasks);
        CAPTURE(c.limit);
        CAPTURE(c.hold);
        auto r = run("semaphore", {"tasks=" + std::to_string(c.tasks),
                                   "limit=" + std::to_string(c.limit), setting("hold", c.hold)});
        const std::string places = c.limit == 1 ? " place taken" : " places taken";
        for (int n = 1; n <= c.tasks; ++n) {
            CAPTURE(n);
            const auto entered = lines_of(r, "entered", job(n));
            const auto leaving = lines_of(r, "leaving", job(n));
            REQUIRE(entered.size() == 1);
            REQUIRE(leaving.size() == 1);
            // In waves of `limit`, in the order the tasks arrived.
            const int wave = (n - 1) / c.limit;
            CHECK(same_time(entered[0].t, wave * c.hold));
            CHECK(same_time(leaving[0].t, (wave + 1) * c.hold));
            CHECK(entered[0].text == "in: " + std::to_string((n - 1) % c.limit + 1) + " of " +
                                         std::to_string(c.limit) + places);
            if (wave > 0)
                CHECK(waits_on(r.task(job(n)), asyncio::WaitOn::semaphore, 0, wave * c.hold));
        }
        // Count who is inside, line by line: it never goes above the limit.
        int inside = 0, peak = 0;
        for (const auto& line : r.result.timeline.output) {
            if (line.key == "entered") peak = std::max(peak, ++inside);
            if (line.key == "leaving") --inside;
            CHECK(inside <= c.limit);
        }
        CHECK(peak == std::min(c.tasks, c.limit));
        CHECK(r.lines("peak").at(0).text == "at most " + std::to_string(peak) +
                                                " inside at once (limit " +
                                                std::to_string(c.limit) + ")");
        const double expected =
            std::ceil(static_cast<double>(c.tasks) / static_cast<double>(c.limit)) * c.hold;
        CHECK(same_time(r.lines("finished").at(0).t, expected));
        CHECK(r.lines("finished").at(0).text == "all done at t=" + number(expected) + " s");
        CHECK(same_time(r.elapsed(), expected));
    }
}

TEST_CASE("event: the e-mail waits for set() at t=update; elapsed = update + fetch + send") {
    struct Case {
        double update, fetch, send;
    };
    for (const auto& c :
         std::vector<Case>{{2, 1, 1}, {0.5, 1, 1}, {5, 0.5, 2}, {0, 1, 1}, {3, 0, 0}}) {
        CAPTURE(c.update);
        CAPTURE(c.fetch);
        CAPTURE(c.send);
        auto r = run("event", {setting("update", c.update), setting("fetch", c.fetch),
                               setting("send", c.send)});
        CHECK(lines_of(r, "waiting_promotions", "email").at(0).t == 0);
        CHECK(lines_of(r, "updating", "promo").at(0).t == 0);
        const auto ready = lines_of(r, "promotions_ready", "promo").at(0);
        const auto fetching = lines_of(r, "fetching", "email").at(0);
        CHECK(ready.t == c.update);
        CHECK(fetching.t == c.update);
        CHECK(position(r, ready) < position(r, fetching));
        CHECK(same_time(lines_of(r, "sending", "email").at(0).t, c.update + c.fetch));
        const double expected = c.update + c.fetch + c.send;
        CHECK(same_time(lines_of(r, "sent", "email").at(0).t, expected));
        CHECK(same_time(r.lines("finished").at(0).t, expected));
        CHECK(same_time(r.elapsed(), expected));
        // The e-mail task is parked on the event, not polling, until it is set.
        if (c.update > 0) CHECK(waits_on(r.task("email"), asyncio::WaitOn::event, 0, c.update));
        CHECK(same_time(*r.task("promo").finished, c.update));
    }
}

TEST_CASE(
    "queue: items come out in order; a full queue makes the producer wait; join() "
    "returns at the last task_done()") {
    struct Case {
        int items, maxsize;
        std::uint64_t seed;
    };
    for (const auto& c : std::vector<Case>{
             {10, 0, 1}, {10, 2, 1}, {5, 1, 7}, {12, 3, 42}, {20, 1, 3}, {8, 20, 5}}) {
        CAPTURE(c.items);
        CAPTURE(c.maxsize);
        CAPTURE(c.seed);
        auto r = run("queue",
                     {"items=" + std::to_string(c.items), "maxsize=" + std::to_string(c.maxsize),
                      "seed=" + std::to_string(c.seed)});
        const auto n = static_cast<std::size_t>(c.items);
        const auto make = lessons::seeded_delays(c.seed, n, 0.1, 0.5);
        const auto handle = lessons::seeded_delays(c.seed + 1, n, 0.5, 1.5);

        // The schedule, worked out by hand: the producer puts item i once it is made and, with
        // a maxsize, once item i - maxsize has been taken out (room); the consumer takes each
        // item when it is free and the item is there, and is busy with it for handle[i].
        std::vector<double> put(n), got(n), done(n);
        double t = 0;
        for (std::size_t i = 0; i < n; ++i) {
            t += make[i];
            const auto room = static_cast<std::size_t>(c.maxsize);
            if (c.maxsize > 0 && i >= room) t = std::max(t, got[i - room]);
            put[i] = t;
            got[i] = std::max(i > 0 ? done[i - 1] : 0.0, put[i]);
            done[i] = got[i] + handle[i];
        }

        const auto puts = lines_of(r, "put", "producer");
        const auto gets = lines_of(r, "got", "consumer");
        const auto handled = lines_of(r, "handled", "consumer");
        REQUIRE(puts.size() == n);
        REQUIRE(gets.size() == n);
        REQUIRE(handled.size() == n);
        for (std::size_t i = 0; i < n; ++i) {
            CAPTURE(i);
            const std::string item = std::to_string(i + 1);
            // First in, first out: the i-th item taken is the i-th put.
            CHECK(puts[i].text.rfind("put item " + item + ";", 0) == 0);
            CHECK(gets[i].text.rfind("took item " + item + ";", 0) == 0);
            CHECK(handled[i].text == "item " + item + " handled: task_done()");
            CHECK(same_time(puts[i].t, put[i]));
            CHECK(same_time(gets[i].t, got[i]));
            CHECK(same_time(handled[i].t, done[i]));
            // The queue never holds more than maxsize items.
            int size = -1;
            CHECK(std::sscanf(puts[i].text.c_str(), "put item %*d; %d in the queue", &size) == 1);
            if (c.maxsize > 0) CHECK(size <= c.maxsize);
        }

        // Back-pressure: each "full" is followed by its put, once there is room; the producer
        // is shown waiting on the queue meanwhile. Without a maxsize the queue is never full.
        const auto full = lines_of(r, "queue_full", "producer");
        if (c.maxsize == 0) CHECK(full.empty());
        const auto& producer = r.task("producer");
        bool waited = false;
        for (const auto& f : full) {
            const int item = std::stoi(f.text.substr(f.text.find("put(") + 4));
            const auto& p = puts.at(static_cast<std::size_t>(item - 1));
            CHECK(position(r, f) < position(r, p));
            CHECK(f.t <= p.t);
            if (p.t > f.t) {
                CHECK(waits_on(producer, asyncio::WaitOn::queue, f.t, p.t));
                waited = true;
            }
        }
        // Where the schedule says the producer had to wait for room, it did.
        bool must_wait = false;
        for (std::size_t i = 0; i < n; ++i) {
            const double made = (i > 0 ? put[i - 1] : 0.0) + make[i];
            if (put[i] > made + 1e-9) must_wait = true;
        }
        CHECK(waited == must_wait);
        if (c.maxsize == 2 && c.seed == 1) CHECK(must_wait);  // the example the notice means

        // join() returns right after the last task_done(), not at the last get.
        const auto joined = r.lines("joined");
        REQUIRE(joined.size() == 1);
        CHECK(same_time(joined[0].t, done.back()));
        CHECK(position(r, handled.back()) < position(r, joined[0]));
        CHECK(same_time(r.lines("joining").at(0).t, put.back()));
        CHECK(r.task("consumer").state == TaskState::cancelled);
        CHECK(r.task("producer").state == TaskState::done);

        // The thread-safe way in: the loop did the puts, in order.
        std::string items;
        for (int i = 1; i <= c.items; ++i) items += (i > 1 ? ", " : "") + std::to_string(i);
        const auto fed = r.lines("thread_fed");
        REQUIRE(fed.size() == 1);
        CHECK(same_time(fed[0].t, done.back()));
        CHECK(fed[0].text.find(": [" + items + "]") != std::string::npos);
        CHECK(same_time(r.elapsed(), done.back()));
    }
}

TEST_CASE("deadlock: two locks in opposite order; the runtime reports who waits for what") {
    for (double hold : {0.5, 0.0, 2.5, 1.0}) {
        CAPTURE(hold);
        auto r = run("deadlock", {setting("hold", hold)});  // outcome checked: "deadlock"
        CHECK(r.result.outcome == timeline::Outcome::deadlock);
        CHECK(r.lines("started").at(0).t == 0);
        const auto took_a = lines_of(r, "took", "worker-1");
        const auto took_b = lines_of(r, "took", "worker-2");
        REQUIRE(took_a.size() == 1);
        REQUIRE(took_b.size() == 1);
        CHECK(took_a[0].t == 0);
        CHECK(took_a[0].text == "took lock A");
        CHECK(took_b[0].t == 0);
        CHECK(took_b[0].text == "took lock B");
        CHECK(lines_of(r, "wants", "worker-1").at(0).t == hold);
        CHECK(lines_of(r, "wants", "worker-1").at(0).text == "holding A, now waiting for lock B");
        CHECK(lines_of(r, "wants", "worker-2").at(0).t == hold);
        CHECK(r.lines("took_both").empty());
        CHECK(r.lines("finished").empty());
        CHECK(r.elapsed() == hold);

        // The report: a wait-for graph with a cycle, worker-1 -> worker-2 -> worker-1.
        const auto& waits = r.result.deadlock;
        REQUIRE(waits.size() == 3);
        CHECK(waits[0].name == "main");
        CHECK(waits[0].on == asyncio::WaitOn::gather);
        CHECK(waits[1].name == "worker-1");
        CHECK(waits[1].on == asyncio::WaitOn::lock);
        CHECK(waits[1].detail == "B");  // the holder is data: on_task
        CHECK(waits[1].on_task == r.task("worker-2").id);
        CHECK(waits[2].name == "worker-2");
        CHECK(waits[2].on == asyncio::WaitOn::lock);
        CHECK(waits[2].detail == "A");
        CHECK(waits[2].on_task == r.task("worker-1").id);
    }
}
