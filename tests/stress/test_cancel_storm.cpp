// A cancellation storm (issue 11, "Load"): tasks wait on every kind of thing a task can wait
// on (sleep, Lock, Semaphore, Event, Condition, Queue get and put, to_thread, a stream read,
// an HTTP request) while a canceller, from a seeded generator, cancels random ones at random
// moments. Then everything they wait for is released. What must hold: every task ends,
// cancelled exactly when a cancel() of it succeeded, else with its wait done; the counts of
// the queues, the threads and the servers add up; no primitive keeps a waiter; the lock is
// never held by two. Real clock; a reduced size here, the full one under LOAD_FULL=1.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "aiohttp/aiohttp.hpp"
#include "asyncio/asyncio.hpp"
#include "load.hpp"
#include "server/http_server.hpp"

using asyncio::Coroutine;
using asyncio::StreamReader;
using asyncio::StreamWriter;
using asyncio::Task;

namespace {

// What task i waits on: kind i % kinds.
enum Kind {
    on_sleep,
    on_lock,
    on_semaphore,
    on_event,
    on_condition,
    on_get,
    on_put,
    on_thread,
    on_read,
    on_http,
    kinds
};

// Everything the tasks wait on, and the counts the checks compare.
struct World {
    asyncio::Lock lock;
    asyncio::Semaphore semaphore{2};
    asyncio::Event event;
    asyncio::Condition condition;
    bool go = false;  // the condition's predicate
    asyncio::Queue<long> gets;
    asyncio::Queue<long> puts{1};
    std::atomic<bool> threads_released{false};
    std::atomic<long> thread_jobs_ended{0};
    int echo_port = 0;
    std::string http_url;
    aiohttp::ClientSession* session = nullptr;

    long lock_inside = 0, lock_most = 0;
    long semaphore_inside = 0, semaphore_most = 0;
    long got = 0, answers_read = 0, http_ok = 0;
};

// Holds for one loop pass inside, so that others queue behind; gives it back if cancelled.
Coroutine<> hold_lock(World& w) {
    co_await w.lock.acquire();
    w.lock_most = std::max(w.lock_most, ++w.lock_inside);
    try {
        co_await asyncio::sleep(0);
    } catch (...) {
        --w.lock_inside;
        w.lock.release();
        throw;
    }
    --w.lock_inside;
    w.lock.release();
}

Coroutine<> hold_semaphore(World& w) {
    co_await w.semaphore.acquire();
    w.semaphore_most = std::max(w.semaphore_most, ++w.semaphore_inside);
    try {
        co_await asyncio::sleep(0);
    } catch (...) {
        --w.semaphore_inside;
        w.semaphore.release();
        throw;
    }
    --w.semaphore_inside;
    w.semaphore.release();
}

Coroutine<> wait_condition(World& w) {
    co_await w.condition.acquire();
    auto ready = [&w] { return w.go; };
    try {
        co_await w.condition.wait_for(ready);
    } catch (...) {
        w.condition.release();  // wait() holds the lock again when it raises
        throw;
    }
    w.condition.release();
}

// A worker thread's job that lasts until the storm is over (or 60 s, never to hang a run).
void held_job(World* w) {
    for (int i = 0; i < 60'000 && !w->threads_released.load(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    ++w->thread_jobs_ended;
}

Coroutine<> read_line(World& w) {
    auto [reader, writer] = co_await asyncio::open_connection("127.0.0.1", w.echo_port);
    const std::string line = co_await reader.readline();
    if (line == "go\n") ++w.answers_read;
    writer.close();
}

Coroutine<> fetch(World& w) {
    aiohttp::ClientResponse response = co_await w.session->get(w.http_url);
    const std::string body = co_await response.text();
    if (response.status() == 200) ++w.http_ok;
}

Coroutine<> wait_on(World& w, Kind kind, long n) {
    switch (kind) {
        case on_sleep:
            co_await asyncio::sleep(0.1 + 0.004 * static_cast<double>(n % 50));
            break;
        case on_lock:
            co_await hold_lock(w);
            break;
        case on_semaphore:
            co_await hold_semaphore(w);
            break;
        case on_event:
            co_await w.event.wait();
            break;
        case on_condition:
            co_await wait_condition(w);
            break;
        case on_get:
            co_await w.gets.get();
            ++w.got;
            break;
        case on_put:
            co_await w.puts.put(n);
            break;
        case on_thread: {
            auto job = [world = &w] { held_job(world); };
            co_await asyncio::to_thread(job);
            break;
        }
        case on_read:
            co_await read_line(w);
            break;
        case on_http:
            co_await fetch(w);
            break;
        case kinds:
            break;
    }
}

// The server side of a read: answers once released; the client may be gone by then.
Coroutine<> answer_when_released(std::shared_ptr<asyncio::Event> released, StreamReader,
                                 StreamWriter writer) {
    try {
        co_await released->wait();
        writer.write("go\n");
        co_await writer.drain();
    } catch (const asyncio::OSError&) {
        // The client was cancelled and closed: nobody to answer.
    }
    writer.close();
    try {
        co_await writer.wait_closed();
    } catch (const asyncio::OSError&) {
    }
}

struct Tally {
    long done = 0, cancelled = 0, failed = 0;
    long done_of[kinds] = {};
    long cancelled_of[kinds] = {};
    long cancel_calls = 0;              // cancel() that returned true
    std::set<long> cancelled_by_storm;  // the tasks they were for
    long drained = 0;                   // items main took out of `puts`
    std::size_t http_requests = 0, http_in_flight = 0;
};

// Releases everything the tasks may still wait for, the way the program would go on.
Coroutine<> release_all(World& w, const std::vector<Task<>>& tasks, long n, Tally& t,
                        std::shared_ptr<asyncio::Event> echo_release) {
    w.lock.release();
    w.semaphore.release();
    w.semaphore.release();
    w.event.set();
    co_await w.condition.acquire();
    w.go = true;
    w.condition.notify_all();
    w.condition.release();
    for (long i = 0; i < n; ++i)
        if (i % kinds == on_get) w.gets.put_nowait(i);
    w.threads_released = true;
    echo_release->set();
    // The putters: take items out until every one of them has ended.
    auto putters_left = [&] {
        for (long i = on_put; i < n; i += kinds)
            if (!tasks[static_cast<std::size_t>(i)].done()) return true;
        return false;
    };
    while (putters_left()) {
        if (!w.puts.empty()) {
            w.puts.get_nowait();
            ++t.drained;
        }
        co_await asyncio::sleep(0.001);
    }
}

Coroutine<> storm(long n, long cancels, std::uint64_t seed, World& w, Tally& t) {
    auto echo_release = std::make_shared<asyncio::Event>();
    auto handler = [echo_release](StreamReader r, StreamWriter s) {
        return answer_when_released(echo_release, std::move(r), std::move(s));
    };
    auto echo = co_await asyncio::start_server(handler, "127.0.0.1", 0, asyncio::stream_limit,
                                               static_cast<int>(n / kinds + 1));
    w.echo_port = echo.port();
    lesson_server::Server web(asyncio::EventLoop::current());
    w.http_url = web.url("/delay?seconds=0.3");
    aiohttp::ClientSession session;
    w.session = &session;
    co_await w.lock.acquire();  // held by main for the whole storm
    co_await w.semaphore.acquire();
    co_await w.semaphore.acquire();
    w.puts.put_nowait(-1);  // full: every put waits

    std::vector<Task<>> tasks;
    for (long i = 0; i < n; ++i)
        tasks.push_back(asyncio::create_task(wait_on(w, static_cast<Kind>(i % kinds), i)));
    lessons::SplitMix64 random(seed);
    for (long c = 0; c < cancels; ++c) {
        co_await asyncio::sleep(0.0002 * static_cast<double>(load::below(random, 10)));
        const long victim = load::below(random, n);
        if (tasks[static_cast<std::size_t>(victim)].cancel()) {
            ++t.cancel_calls;
            t.cancelled_by_storm.insert(victim);
        }
    }
    co_await release_all(w, tasks, n, t, echo_release);

    for (long i = 0; i < n; ++i) {
        try {
            co_await tasks[static_cast<std::size_t>(i)];
            ++t.done;
            ++t.done_of[i % kinds];
        } catch (const asyncio::CancelledError&) {
            ++t.cancelled;
            ++t.cancelled_of[i % kinds];
        } catch (...) {
            ++t.failed;
        }
    }
    co_await session.close();
    // A request whose client was cancelled ends at the server when it reads the close.
    for (int i = 0; i < 5000 && web.stats("/delay").in_flight > 0; ++i)
        co_await asyncio::sleep(0.001);
    t.http_requests = web.stats("/delay").requests;
    t.http_in_flight = web.stats("/delay").in_flight;
    web.close();
    echo.close();
    co_await echo.wait_closed();
}

void run_storm(long n, long cancels, std::uint64_t seed) {
    World w;
    Tally t;
    load::Stopwatch watch;
    asyncio::run(storm(n, cancels, seed, w, t));
    load::report("storm", n, watch.seconds(), std::to_string(t.cancelled) + " cancelled");
    INFO("seed " << seed);
    CHECK(t.failed == 0);
    CHECK(t.done + t.cancelled == n);
    // Cancelled exactly the tasks a cancel() succeeded for: none swallows it, none is lost.
    CHECK(t.cancelled == static_cast<long>(t.cancelled_by_storm.size()));
    // The storm reached every kind of wait, and every kind also saw waits that were not hit.
    for (int kind = 0; kind < kinds; ++kind) {
        INFO("kind " << kind);
        CHECK(t.cancelled_of[kind] > 0);
        CHECK(t.done_of[kind] > 0);
    }
    // Never held by two; given back every time.
    CHECK(w.lock_most <= 1);
    CHECK_FALSE(w.lock.locked());
    CHECK(w.lock.waiters().empty());
    CHECK(w.semaphore_most <= 2);
    CHECK(w.semaphore.value() == 2);
    CHECK(w.semaphore.waiters().empty());
    CHECK(w.event.waiters().empty());
    CHECK(w.condition.waiters().empty());
    CHECK_FALSE(w.condition.locked());
    // Every item put is got or still there; every put went in and came out.
    long getters = 0;
    for (long i = on_get; i < n; i += kinds) ++getters;
    CHECK(w.got == t.done_of[on_get]);
    CHECK(w.got + static_cast<long>(w.gets.qsize()) == getters);
    CHECK(1 + t.done_of[on_put] == t.drained + static_cast<long>(w.puts.qsize()));
    CHECK(w.gets.getters().empty());
    CHECK(w.puts.putters().empty());
    // A cancelled to_thread still runs its job (Python's does too): every job ends, and at
    // least those whose task did.
    CHECK(w.thread_jobs_ended.load() >= t.done_of[on_thread]);
    CHECK(w.answers_read == t.done_of[on_read]);
    CHECK(w.http_ok == t.done_of[on_http]);
    CHECK(t.http_requests >= static_cast<std::size_t>(t.done_of[on_http]));
    CHECK(t.http_in_flight == 0);
}

}  // namespace

TEST_CASE("load: a cancellation storm over every kind of wait ends every task cleanly") {
    const long n = load::size(300, 10'000);
    for (const std::uint64_t seed : {1u, 2u, 3u}) {
        run_storm(n, n / 2, seed);
        if (load::full_size()) break;  // one seed at full size
    }
}
