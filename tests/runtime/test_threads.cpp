// Threads (to_thread, run_in_executor, call_soon_threadsafe), simulated blocking work under
// both clocks, and the slow-step alarm. Cases that use worker threads are named "thread: ..."
// so that `runtime_tests -tc='thread:*'` selects them (the TSan pass). Real-clock cases only
// check bounds a slow machine cannot break: never an upper bound that matters.
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "support.hpp"

using asyncio::Coroutine;
using testing::Log;
using testing::now;
using testing::run_virtual;
using testing::settle;
using Lines = std::vector<std::string>;
using namespace std::chrono_literals;

namespace {

double wall_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

template <class T>
T run_real(Coroutine<T> main, asyncio::Observer* observer = nullptr) {
    asyncio::RunOptions options;
    options.observer = observer;
    return asyncio::run(std::move(main), options);
}

struct Diagnostics : asyncio::Observer {
    struct Seen {
        asyncio::DiagnosticKind kind;
        std::string subject;
        std::string detail;
    };
    std::vector<Seen> seen;
    std::vector<asyncio::WaitInfo> waits;
    void diagnostic(asyncio::DiagnosticKind kind, std::string_view subject,
                    std::string_view detail) override {
        seen.push_back({kind, std::string(subject), std::string(detail)});
    }
    void task_suspended(const asyncio::WaitInfo& w, double) override { waits.push_back(w); }
    std::vector<Seen> slow_steps() const {
        std::vector<Seen> out;
        for (const auto& s : seen)
            if (s.kind == asyncio::DiagnosticKind::slow_step) out.push_back(s);
        return out;
    }
};

int add(int a, int b) {
    return a + b;
}

}  // namespace

// ------------------------------------------------------------------------------ to_thread basics

TEST_CASE("thread: to_thread runs the call on a worker thread and returns its result") {
    auto main = []() -> Coroutine<> {
        const auto loop_thread = std::this_thread::get_id();
        auto [sum, where] = co_await asyncio::to_thread(
            [](int a, int b) { return std::make_pair(a + b, std::this_thread::get_id()); }, 20, 22);
        CHECK(sum == 42);
        CHECK(where != loop_thread);
        CHECK(co_await asyncio::to_thread(add, 1, 2) == 3);
        // A move-only result and argument are moved, not copied.
        auto boxed = co_await asyncio::to_thread(
            [](std::unique_ptr<int> p) {
                *p += 1;
                return p;
            },
            std::make_unique<int>(41));
        CHECK(*boxed == 42);
        co_await asyncio::to_thread([] {});  // void
    };
    SUBCASE("real clock") {
        run_real(main());
    }
    SUBCASE("virtual clock: a real call costs no virtual time") {
        auto timed = [&]() -> Coroutine<double> {
            co_await main();
            co_return now();
        };
        CHECK(run_virtual(timed()) == 0);
    }
}

TEST_CASE("thread: an exception thrown by the call reaches the awaiting task") {
    auto main = []() -> Coroutine<> {
        try {
            co_await asyncio::to_thread([]() -> int { throw asyncio::ValueError("bad input"); });
            FAIL("to_thread must raise");
        } catch (const asyncio::ValueError& e) {
            CHECK(std::string(e.what()) == "bad input");
        }
        try {
            co_await asyncio::to_thread([] { throw std::runtime_error("foreign"); });
            FAIL("to_thread must raise");
        } catch (const std::runtime_error& e) {
            CHECK(std::string(e.what()) == "foreign");
        }
    };
    SUBCASE("real clock") {
        run_real(main());
    }
    SUBCASE("virtual clock") {
        run_virtual(main());
    }
}

TEST_CASE("thread: the awaiting task waits on \"thread\", and no deadlock is seen meanwhile") {
    Diagnostics observer;
    auto main = []() -> Coroutine<int> {
        co_return co_await asyncio::to_thread([] {
            std::this_thread::sleep_for(20ms);  // real work: the loop must wait for it
            return 5;
        });
    };
    SUBCASE("real clock") {
        CHECK(run_real(main(), &observer) == 5);
    }
    SUBCASE("virtual clock") {
        CHECK(run_virtual(main(), &observer) == 5);
    }
    REQUIRE_FALSE(observer.waits.empty());
    CHECK(observer.waits.front().name == "main");
    CHECK(observer.waits.front().on == asyncio::WaitOn::thread);
}

TEST_CASE("thread: run_in_executor submits the call at once; to_thread only when awaited") {
    auto main = []() -> Coroutine<> {
        std::atomic<int> ran{0};
        auto& loop = asyncio::EventLoop::current();
        auto future = asyncio::run_in_executor(loop, [&ran] { return ++ran; });
        auto lazy = asyncio::to_thread([&ran] { return ++ran; });
        CHECK(co_await future == 1);  // ran without anyone awaiting it before
        CHECK(ran.load() == 1);       // the coroutine has queued nothing yet
        CHECK(co_await std::move(lazy) == 2);
        auto on_running_loop = asyncio::run_in_executor(add, 2, 3);
        CHECK(co_await on_running_loop == 5);
    };
    SUBCASE("real clock") {
        run_real(main());
    }
    SUBCASE("virtual clock") {
        run_virtual(main());
    }
}

// -------------------------------------------------------------------------------- cancellation

TEST_CASE(
    "thread: cancelling the awaiting task while the call runs: the call finishes, result dropped") {
    std::atomic<bool> finished{false};
    bool saw_cancel = false;
    auto main = [&]() -> Coroutine<> {
        auto job = [&finished] {
            std::this_thread::sleep_for(150ms);
            finished = true;
            return 7;
        };
        auto worker = [&]() -> Coroutine<> { (void)co_await asyncio::to_thread(job); };
        auto t = asyncio::create_task(worker());
        co_await asyncio::sleep(0.03);
        t.cancel();
        try {
            co_await t;
        } catch (const asyncio::CancelledError&) {
            saw_cancel = true;
        }
        CHECK(t.cancelled());
    };
    run_real(main());
    CHECK(saw_cancel);
    // The loop waited for the call before closing (run() would throw if a handle was left).
    CHECK(finished.load());
}

TEST_CASE("thread: a call not yet started when its awaiter is cancelled never runs") {
    const std::size_t pool = asyncio::thread_pool_size();
    if (pool > 64) return;  // occupying every worker would take too many blockers
    std::atomic<bool> release{false};
    std::atomic<bool> extra_ran{false};
    auto main = [&]() -> Coroutine<> {
        auto& loop = asyncio::EventLoop::current();
        // Every worker busy until released: the extra call stays in libuv's queue.
        std::vector<asyncio::Future<>> blockers;
        for (std::size_t i = 0; i < pool; ++i) {
            blockers.push_back(asyncio::run_in_executor(loop, [&release] {
                while (!release.load()) std::this_thread::sleep_for(1ms);
            }));
        }
        auto extra = [&]() -> Coroutine<> {
            co_await asyncio::to_thread([&extra_ran] { extra_ran = true; });
        };
        auto t = asyncio::create_task(extra());
        co_await asyncio::sleep(0.01);
        t.cancel();
        co_await settle(t);
        co_await asyncio::sleep(0.01);  // the withdrawal happens in a done-callback
        release = true;
        for (auto& b : blockers) co_await b;
        CHECK(t.cancelled());
    };
    try {
        run_real(main());
    } catch (...) {
        release = true;
        throw;
    }
    CHECK_FALSE(extra_ran.load());
}

TEST_CASE(
    "thread: under the virtual clock a cancelled running job keeps its worker; a queued one is "
    "withdrawn") {
    const auto pool = static_cast<int>(asyncio::thread_pool_size());
    Log log;
    auto main = [&]() -> Coroutine<> {
        auto job = [&](std::string name, double cost) -> Coroutine<> {
            co_await asyncio::to_thread(asyncio::blocking_sleep, cost);
            log.add(name + " done");
        };
        // Worker 0 is free at 5, the others at 10.
        std::vector<asyncio::Task<>> running;
        running.push_back(asyncio::create_task(job("first", 5)));
        for (int i = 1; i < pool; ++i) running.push_back(asyncio::create_task(job("long", 10)));
        auto queued = asyncio::create_task(job("queued", 5));
        auto later = asyncio::create_task(job("later", 1));
        co_await asyncio::sleep(1);
        running[0].cancel();  // still holds its worker until 5
        queued.cancel();      // never gets a worker: `later` takes the one freed at 5
        co_await settle(running[0]);
        co_await settle(queued);
        co_await later;
        running.erase(running.begin());
        for (auto& t : running) co_await t;
    };
    run_virtual(main());
    Lines expected{"6 later done"};
    for (int i = 1; i < pool; ++i) expected.push_back("10 long done");
    CHECK(log.lines == expected);
}

// -------------------------------------------------------------------------- call_soon_threadsafe

TEST_CASE("thread: a thousand call_soon_threadsafe calls from four threads all arrive") {
    auto main = []() -> Coroutine<int> {
        auto& loop = asyncio::EventLoop::current();
        int count = 0;  // touched only on the loop thread, by the callbacks
        auto poster = [&loop, &count] {
            for (int i = 0; i < 250; ++i) loop.call_soon_threadsafe([&count] { ++count; });
        };
        co_await asyncio::gather(asyncio::to_thread(poster), asyncio::to_thread(poster),
                                 asyncio::to_thread(poster), asyncio::to_thread(poster));
        co_return count;  // posted before each job ended, so run before its result arrived
    };
    SUBCASE("real clock") {
        CHECK(run_real(main()) == 1000);
    }
    SUBCASE("virtual clock") {
        CHECK(run_virtual(main()) == 1000);
    }
}

TEST_CASE("thread: call_soon_threadsafe from plain std::threads wakes a loop blocked in poll") {
    auto main = []() -> Coroutine<int> {
        auto& loop = asyncio::EventLoop::current();
        auto all_arrived = asyncio::create_future<int>();
        int count = 0;
        // Threads the loop does not start itself must be announced, or it sees a deadlock.
        loop.external_work_started(false);
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&loop, &count, all_arrived] {
                for (int i = 0; i < 250; ++i) {
                    std::this_thread::sleep_for(std::chrono::microseconds(i % 7));
                    loop.call_soon_threadsafe([&loop, &count, all_arrived] {
                        if (++count == 1000) {
                            loop.external_work_finished(false);
                            all_arrived.set_result(count);
                        }
                    });
                }
            });
        }
        const int n = co_await all_arrived;
        for (auto& t : threads) t.join();
        co_return n;
    };
    CHECK(run_real(main()) == 1000);
}

TEST_CASE(
    "thread: a callback posted with call_soon_threadsafe is a pending wake-up, not a deadlock") {
    auto main = []() -> Coroutine<int> {
        auto& loop = asyncio::EventLoop::current();
        auto woken = asyncio::create_future<int>();
        // Posted, then every task waits: nothing but the posted callback can wake main.
        loop.call_soon_threadsafe([woken] { woken.set_result(7); });
        co_return co_await woken;
    };
    SUBCASE("real clock") {
        CHECK(run_real(main()) == 7);
    }
    SUBCASE("virtual clock") {
        CHECK(run_virtual(main()) == 7);
    }
}

TEST_CASE("thread: call_soon_threadsafe on a closed loop raises RuntimeError") {
    asyncio::EventLoop loop(asyncio::LoopOptions{asyncio::ClockKind::virtual_time});
    bool ran = false;
    loop.call_soon_threadsafe([&ran] { ran = true; });
    loop.call_soon([&loop] { loop.stop(); });
    loop.run_forever();
    CHECK(ran);
    loop.close();
    CHECK(loop.closed_cleanly());
    CHECK_THROWS_AS(loop.call_soon_threadsafe([] {}), asyncio::RuntimeError);
}

// ------------------------------------------------------------------------ the pool in virtual time

TEST_CASE(
    "thread: under the virtual clock the pool runs pool-size jobs at once: ceil(jobs/pool) x "
    "duration") {
    const auto pool = static_cast<int>(asyncio::thread_pool_size());
    for (int jobs : {1, pool, pool + 1, 2 * pool + 1, 3 * pool}) {
        CAPTURE(jobs);
        Log log;
        auto main = [&]() -> Coroutine<double> {
            auto job = [&](int i) -> Coroutine<> {
                co_await asyncio::to_thread(asyncio::blocking_sleep, 0.5);
                log.add("job " + std::to_string(i));
            };
            std::vector<Coroutine<>> all;
            for (int i = 0; i < jobs; ++i) all.push_back(job(i));
            co_await asyncio::gather(std::move(all));
            co_return now();
        };
        const double elapsed = run_virtual(main());
        CHECK(elapsed == std::ceil(static_cast<double>(jobs) / pool) * 0.5);
        // First in, first out, and in submission order within a round.
        REQUIRE(log.lines.size() == static_cast<std::size_t>(jobs));
        for (int i = 0; i < jobs; ++i)
            CHECK(log.lines[i] ==
                  testing::stamp((i / pool + 1) * 0.5) + " job " + std::to_string(i));
    }
}

TEST_CASE("thread: to_thread_simulated ends at now + cost and returns the call's result") {
    auto main = []() -> Coroutine<> {
        co_await asyncio::sleep(1);
        int v = co_await asyncio::to_thread_simulated(2.5, add, 40, 2);
        CHECK(v == 42);
        CHECK(now() == 3.5);
        co_await asyncio::to_thread_simulated(0.25);
        CHECK(now() == 3.75);
        // Costs add up inside one job.
        co_await asyncio::to_thread([] {
            asyncio::blocking_sleep(0.5);
            (void)asyncio::burn_cpu(0.25);
        });
        CHECK(now() == 4.5);
    };
    run_virtual(main());
}

TEST_CASE("thread: a job on a worker does not block the loop; other tasks run meanwhile") {
    Log log;
    auto main = [&]() -> Coroutine<> {
        auto ticker = [&]() -> Coroutine<> {
            for (int i = 0; i < 3; ++i) {
                co_await asyncio::sleep(1);
                log.add("tick");
            }
        };
        auto t = asyncio::create_task(ticker());
        co_await asyncio::to_thread(asyncio::blocking_sleep, 2.5);
        log.add("job done");
        co_await t;
    };
    run_virtual(main());
    CHECK(log.lines == Lines{"1 tick", "2 tick", "2.5 job done", "3 tick"});
}

TEST_CASE("thread: to_thread of simulated work under the real clock takes its time on a worker") {
    const auto pool = static_cast<int>(asyncio::thread_pool_size());
    auto main = [&]() -> Coroutine<double> {
        const auto start = std::chrono::steady_clock::now();
        std::vector<Coroutine<>> jobs;
        for (int i = 0; i < pool + 1; ++i)
            jobs.push_back(asyncio::to_thread(asyncio::blocking_sleep, 0.05));
        co_await asyncio::gather(std::move(jobs));
        co_return wall_since(start);
    };
    // pool + 1 jobs need two rounds at least; generous: a slow machine only makes it longer.
    CHECK(run_real(main()) >= 0.1);
}

TEST_CASE("thread: thread_pool_size follows UV_THREADPOOL_SIZE, 4 by default") {
    const char* env = std::getenv("UV_THREADPOOL_SIZE");
    const std::size_t size = asyncio::thread_pool_size();
    CHECK(size >= 1);
    CHECK(size <= 1024);
    if (!env) CHECK(size == 4);
}

// --------------------------------------------------------------------------- blocking the loop

TEST_CASE(
    "blocking_sleep under the virtual clock holds the loop: a task sleeping 1 s ends at blocking + "
    "1") {
    Log log;
    auto sleeper = [&](std::string name) -> Coroutine<> {
        log.add(name + " starts");
        co_await asyncio::sleep(1);
        log.add(name + " ends");
    };
    auto main = [&]() -> Coroutine<> {
        auto early = asyncio::create_task(sleeper("early"));
        co_await asyncio::sleep(0);  // early is sleeping now
        auto late = asyncio::create_task(sleeper("late"));
        asyncio::blocking_sleep(2);  // late has not even started
        log.add("blocking done");
        co_await asyncio::gather(early, late);
    };
    run_virtual(main());
    CHECK(log.lines == Lines{"0 early starts", "2 blocking done", "2 late starts", "2 early ends",
                             "3 late ends"});
}

TEST_CASE("blocking_sleep and burn_cpu under the real clock really block the thread") {
    auto main = []() -> Coroutine<> {
        auto start = std::chrono::steady_clock::now();
        bool other_ran = false;
        auto other = [&]() -> Coroutine<> {
            other_ran = true;
            co_return;
        };
        auto t = asyncio::create_task(other());
        asyncio::blocking_sleep(0.05);
        CHECK_FALSE(other_ran);  // the loop was held: the task could not start
        CHECK(wall_since(start) >= 0.05);
        start = std::chrono::steady_clock::now();
        (void)asyncio::burn_cpu(0.02);
        CHECK(wall_since(start) >= 0.02);
        co_await t;
        CHECK(other_ran);
    };
    run_real(main());
    CHECK_THROWS_AS(asyncio::blocking_sleep(-1), asyncio::ValueError);
}

TEST_CASE("burn_cpu under the virtual clock costs exactly its time") {
    auto main = []() -> Coroutine<double> {
        co_await asyncio::sleep(1);
        (void)asyncio::burn_cpu(0.75);
        co_return now();
    };
    CHECK(run_virtual(main()) == 1.75);
}

// ---------------------------------------------------------------------------- slow-step alarm

TEST_CASE("slow step: a step holding the loop longer than slow_callback_duration is reported") {
    Diagnostics observer;
    auto main = []() -> Coroutine<> {
        auto hog = []() -> Coroutine<> {
            co_await asyncio::sleep(1);  // waiting is not holding the loop
            asyncio::blocking_sleep(0.25);
        };
        auto quick = []() -> Coroutine<> {
            asyncio::blocking_sleep(0.05);
            co_return;
        };
        co_await asyncio::gather(asyncio::create_task(hog(), "hog"),
                                 asyncio::create_task(quick(), "quick"));
    };
    SUBCASE("the default threshold, 0.1 s") {
        run_virtual(main(), &observer);
        auto slow = observer.slow_steps();
        REQUIRE(slow.size() == 1);
        CHECK(slow[0].subject == "hog");
        CHECK(slow[0].detail == "0.250");
    }
    SUBCASE("a lower threshold set on the loop") {
        asyncio::RunOptions options;
        options.clock = asyncio::ClockKind::virtual_time;
        options.observer = &observer;
        options.on_loop_ready = [](asyncio::EventLoop& loop) {
            CHECK(loop.slow_callback_duration() == doctest::Approx(0.1));
            loop.set_slow_callback_duration(0.01);
        };
        asyncio::run(main(), options);
        auto slow = observer.slow_steps();
        REQUIRE(slow.size() == 2);
        CHECK(slow[0].subject == "quick");
        CHECK(slow[0].detail == "0.050");
        CHECK(slow[1].subject == "hog");
    }
    SUBCASE("turned off") {
        asyncio::RunOptions options;
        options.clock = asyncio::ClockKind::virtual_time;
        options.observer = &observer;
        options.on_loop_ready = [](asyncio::EventLoop& loop) {
            loop.set_slow_callback_duration(0);
        };
        asyncio::run(main(), options);
        CHECK(observer.slow_steps().empty());
    }
}

TEST_CASE("slow step: under the real clock a step that really blocks is reported") {
    Diagnostics observer;
    auto main = []() -> Coroutine<> {
        auto hog = []() -> Coroutine<> {
            asyncio::blocking_sleep(0.15);
            co_return;
        };
        co_await asyncio::create_task(hog(), "hog");
    };
    run_real(main(), &observer);
    bool found = false;
    for (const auto& s : observer.slow_steps()) {
        if (s.subject != "hog") continue;  // a slow machine may report others: that is fine
        found = true;
        CHECK(std::stod(s.detail) >= 0.15);
    }
    CHECK(found);
}

namespace {
// What the awaiting tasks wait on, in order, per task name (the timeline's view).
struct Waits : asyncio::Observer {
    std::vector<std::pair<std::string, asyncio::WaitOn>> seen;  // (task, on)
    void task_suspended(const asyncio::WaitInfo& wait, double /*t*/) override {
        seen.emplace_back(wait.name, wait.on);
    }
};
}  // namespace

TEST_CASE("thread: a ThreadPoolExecutor has max_workers workers, beyond libuv's pool") {
    for (const std::size_t workers :
         {std::size_t{1}, std::size_t{3}, std::size_t{8}, std::size_t{16}}) {
        CAPTURE(workers);
        const int jobs = 16;
        std::vector<double> ends;
        auto main = [&]() -> Coroutine<> {
            auto& loop = asyncio::EventLoop::current();
            asyncio::ThreadPoolExecutor executor(workers);
            CHECK(executor.max_workers() == workers);
            auto one = [&]() -> Coroutine<> {
                co_await asyncio::run_in_executor(executor, asyncio::blocking_sleep, 1.0);
                ends.push_back(loop.time());
            };
            std::vector<asyncio::Task<>> tasks;
            for (int n = 0; n < jobs; ++n) tasks.push_back(asyncio::create_task(one()));
            co_await asyncio::gather(tasks);
        };
        run_virtual(main());
        REQUIRE(ends.size() == static_cast<std::size_t>(jobs));
        for (int n = 0; n < jobs; ++n)
            CHECK(ends[static_cast<std::size_t>(n)] ==
                  doctest::Approx(std::ceil((n + 1.0) / static_cast<double>(workers))));
    }
}

TEST_CASE("thread: a job queued for an executor's worker waits on the pool, then on a thread") {
    Waits waits;
    auto main = [&]() -> Coroutine<> {
        asyncio::ThreadPoolExecutor executor(1);
        auto one = [&]() -> Coroutine<> {
            co_await asyncio::run_in_executor(executor, asyncio::blocking_sleep, 1.0);
        };
        auto first = asyncio::create_task(one(), "first");
        auto second = asyncio::create_task(one(), "second");
        co_await first;
        co_await second;
    };
    run_virtual(main(), &waits);
    std::vector<asyncio::WaitOn> first, second;
    for (const auto& [task, on] : waits.seen) {
        if (task == "first") first.push_back(on);
        if (task == "second") second.push_back(on);
    }
    using asyncio::WaitOn;
    CHECK(first == std::vector<WaitOn>{WaitOn::thread});
    CHECK(second == std::vector<WaitOn>{WaitOn::pool, WaitOn::thread});
}

TEST_CASE("thread: under the real clock an executor of 8 runs 8 blocking calls at once") {
    const auto start = std::chrono::steady_clock::now();
    std::atomic<int> running{0}, most{0};
    auto main = [&]() -> Coroutine<> {
        asyncio::ThreadPoolExecutor executor(8);
        auto call = [&] {
            const int now_running = ++running;
            for (int seen = most.load(); now_running > seen;)
                if (most.compare_exchange_weak(seen, now_running)) break;
            // Each call stays until all eight have been seen running together, or 5 s: on a
            // loaded machine starting eight threads can take longer than any fixed sleep, and a
            // pool of four would keep the first four here for the whole 5 s.
            const auto give_up = std::chrono::steady_clock::now() + 5s;
            while (most.load() < 8 && std::chrono::steady_clock::now() < give_up)
                std::this_thread::sleep_for(1ms);
            --running;
        };
        std::vector<asyncio::Future<>> calls;
        for (int n = 0; n < 8; ++n) calls.push_back(asyncio::run_in_executor(executor, call));
        for (auto& c : calls) co_await c;
    };
    run_real(main());
    // All eight at once (libuv's pool has 4 by default), and so without waiting out the 5 s.
    CHECK(most.load() == 8);
    CHECK(wall_since(start) < 5.0);
}
