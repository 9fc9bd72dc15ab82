// Lock, Semaphore, BoundedSemaphore, Event, Condition, Barrier, and the deadlock report: one
// case per rule of CPython's locks.py, with exact virtual times.
#include <algorithm>
#include <string>
#include <vector>

#include "support.hpp"

using asyncio::Coroutine;
using testing::Log;
using testing::now;
using testing::run_virtual;
using testing::settle;
using Lines = std::vector<std::string>;

namespace {

// What the timeline is told a task waits on.
struct WaitRecorder : asyncio::Observer {
    std::vector<asyncio::WaitInfo> waits;
    void task_suspended(const asyncio::WaitInfo& wait, double) override { waits.push_back(wait); }
    bool saw(const std::string& task, asyncio::WaitOn on, const std::string& detail) const {
        return std::any_of(waits.begin(), waits.end(), [&](const asyncio::WaitInfo& w) {
            return w.name == task && w.on == on && w.detail == detail;
        });
    }
};

}  // namespace

// ---------------------------------------------------------------------------------------- Lock

TEST_CASE("Lock: waiters get the lock first in, first out; a cancelled waiter leaves no trace") {
    Log log;
    asyncio::Lock lock("L");
    auto worker = [&](std::string name) -> Coroutine<> {
        log.add(name + " wants");
        co_await lock.acquire();
        log.add(name + " has");
        co_await asyncio::sleep(1);
        lock.release();
    };
    auto main = [&]() -> Coroutine<> {
        co_await lock.acquire();
        std::vector<asyncio::Task<>> tasks;
        for (const char* name : {"a", "b", "c", "d"})
            tasks.push_back(asyncio::create_task(worker(name)));
        co_await asyncio::sleep(1);
        tasks[1].cancel();
        lock.release();
        for (auto& t : tasks) co_await settle(t);
        CHECK(tasks[1].cancelled());
        CHECK_FALSE(lock.locked());
        // Nobody is left in the queue: the lock is taken at once.
        const double before = now();
        co_await lock.acquire();
        CHECK(now() == before);
        lock.release();
    };
    run_virtual(main());
    CHECK(log.lines == Lines{"0 a wants", "0 b wants", "0 c wants", "0 d wants", "1 a has",
                             "2 c has", "3 d has"});
}

TEST_CASE("Lock: a waiter cancelled after it was woken passes the lock to the next waiter") {
    Log log;
    asyncio::Lock lock;
    auto worker = [&](std::string name) -> Coroutine<> {
        try {
            co_await lock.acquire();
        } catch (const asyncio::CancelledError&) {
            log.add(name + " cancelled");
            throw;
        }
        log.add(name + " has");
        lock.release();
    };
    auto main = [&]() -> Coroutine<> {
        co_await lock.acquire();
        auto a = asyncio::create_task(worker("a"));
        auto b = asyncio::create_task(worker("b"));
        co_await asyncio::sleep(1);
        lock.release();  // wakes a...
        a.cancel();      // ...which is cancelled before it could run
        co_await settle(a);
        co_await settle(b);
        CHECK(a.cancelled());
        CHECK(b.done());
        CHECK_FALSE(lock.locked());
    };
    run_virtual(main());
    CHECK(log.lines == Lines{"1 a cancelled", "1 b has"});
}

TEST_CASE("Lock: a newcomer does not overtake a woken waiter") {
    Log log;
    asyncio::Lock lock;
    auto worker = [&]() -> Coroutine<> {
        co_await lock.acquire();
        log.add("worker has");
        co_await asyncio::sleep(1);
        lock.release();
    };
    auto main = [&]() -> Coroutine<> {
        co_await lock.acquire();
        auto w = asyncio::create_task(worker());
        co_await asyncio::sleep(1);
        lock.release();
        CHECK_FALSE(lock.locked());  // free, but promised to the worker
        co_await lock.acquire();
        log.add("main has again");
        lock.release();
        co_await w;
    };
    run_virtual(main());
    CHECK(log.lines == Lines{"1 worker has", "2 main has again"});
}

TEST_CASE("Lock: async with releases the lock when the body raises; release unlocked raises") {
    asyncio::Lock lock;
    auto main = [&]() -> Coroutine<> {
        try {
            co_await asyncio::async_with(lock, [&]() -> Coroutine<> {
                CHECK(lock.locked());
                co_await asyncio::sleep(1);
                throw asyncio::ValueError("inside");
            });
        } catch (const asyncio::ValueError&) {
        }
        CHECK_FALSE(lock.locked());
        CHECK_THROWS_AS(lock.release(), asyncio::RuntimeError);
    };
    run_virtual(main());
}

// ----------------------------------------------------------------------------------- Semaphore

TEST_CASE("Semaphore: never more tasks inside than its value, and waiters enter FIFO") {
    Log log;
    asyncio::Semaphore sem(3, "pool");
    int inside = 0;
    int most = 0;
    auto worker = [&](int i) -> Coroutine<> {
        co_await asyncio::async_with(sem, [&]() -> Coroutine<> {
            ++inside;
            most = std::max(most, inside);
            log.add("enter " + std::to_string(i));
            co_await asyncio::sleep(1);
            --inside;
        });
    };
    auto main = [&]() -> Coroutine<> {
        std::vector<Coroutine<>> jobs;
        for (int i = 0; i < 10; ++i) jobs.push_back(worker(i));
        co_await asyncio::gather(std::move(jobs));
        CHECK(now() == 4);  // ceil(10 / 3) rounds of one second
        CHECK(sem.value() == 3);
    };
    run_virtual(main());
    CHECK(most == 3);
    CHECK(log.lines == Lines{"0 enter 0", "0 enter 1", "0 enter 2", "1 enter 3", "1 enter 4",
                             "1 enter 5", "2 enter 6", "2 enter 7", "2 enter 8", "3 enter 9"});
}

TEST_CASE("Semaphore: a waiter cancelled after it was woken gives its place to the next") {
    Log log;
    asyncio::Semaphore sem(1);
    auto worker = [&](std::string name) -> Coroutine<> {
        co_await sem.acquire();
        log.add(name + " in");
        sem.release();
    };
    auto main = [&]() -> Coroutine<> {
        co_await sem.acquire();
        auto a = asyncio::create_task(worker("a"));
        auto b = asyncio::create_task(worker("b"));
        auto c = asyncio::create_task(worker("c"));
        co_await asyncio::sleep(1);
        b.cancel();     // cancelled while waiting: leaves no trace
        sem.release();  // the place goes to a...
        a.cancel();     // ...cancelled before it could use it: c gets it
        co_await settle(a);
        co_await settle(b);
        co_await settle(c);
        CHECK(a.cancelled());
        CHECK(b.cancelled());
        CHECK(sem.value() == 1);
        CHECK_FALSE(sem.locked());
    };
    run_virtual(main());
    CHECK(log.lines == Lines{"1 c in"});
}

TEST_CASE(
    "Semaphore: a negative value and a BoundedSemaphore released too often raise ValueError") {
    CHECK_THROWS_AS([] { asyncio::Semaphore bad(-1); }(), asyncio::ValueError);
    auto main = []() -> Coroutine<> {
        asyncio::BoundedSemaphore bounded(2);
        co_await bounded.acquire();
        bounded.release();
        CHECK_THROWS_AS(bounded.release(), asyncio::ValueError);
        CHECK(bounded.value() == 2);
        asyncio::Semaphore plain(1);
        plain.release();  // an unbounded one may go above its initial value
        CHECK(plain.value() == 2);
    };
    run_virtual(main());
}

// --------------------------------------------------------------------------------------- Event

TEST_CASE("Event: set() wakes every waiter; wait() returns at once while set; clear() resets") {
    Log log;
    asyncio::Event event("go");
    auto waiter = [&](std::string name) -> Coroutine<> {
        co_await event.wait();
        log.add(name + " woke");
    };
    auto main = [&]() -> Coroutine<> {
        auto a = asyncio::create_task(waiter("a"));
        auto b = asyncio::create_task(waiter("b"));
        auto c = asyncio::create_task(waiter("c"));
        co_await asyncio::sleep(1);
        CHECK_FALSE(event.is_set());
        event.set();
        CHECK(event.is_set());
        co_await asyncio::gather(a, b, c);
        CHECK(co_await event.wait());  // already set: no wait
        log.add("main passed");
        event.clear();
        auto d = asyncio::create_task(waiter("d"));
        co_await asyncio::sleep(1);
        event.set();
        co_await d;
    };
    run_virtual(main());
    CHECK(log.lines == Lines{"1 a woke", "1 b woke", "1 c woke", "1 main passed", "2 d woke"});
}

TEST_CASE("Event: a cancelled waiter leaves no trace") {
    Log log;
    asyncio::Event event;
    auto waiter = [&](std::string name) -> Coroutine<> {
        co_await event.wait();
        log.add(name + " woke");
    };
    auto main = [&]() -> Coroutine<> {
        auto a = asyncio::create_task(waiter("a"));
        auto b = asyncio::create_task(waiter("b"));
        co_await asyncio::sleep(1);
        a.cancel();
        co_await settle(a);
        event.set();
        co_await b;
        CHECK(a.cancelled());
    };
    run_virtual(main());
    CHECK(log.lines == Lines{"1 b woke"});
}

// ----------------------------------------------------------------------------------- Condition

TEST_CASE(
    "Condition: notify(1) wakes exactly one waiter, first in first out; notify_all the rest") {
    Log log;
    asyncio::Condition cond("c");
    auto consumer = [&](std::string name) -> Coroutine<> {
        co_await asyncio::async_with(cond, [&]() -> Coroutine<> {
            co_await cond.wait();
            CHECK(cond.locked());
            log.add(name + " woke");
        });
    };
    auto notify = [&](std::size_t n, bool all) -> Coroutine<> {
        co_await asyncio::async_with(cond, [&]() -> Coroutine<> {
            if (all)
                cond.notify_all();
            else
                cond.notify(n);
            co_return;
        });
    };
    auto main = [&]() -> Coroutine<> {
        std::vector<asyncio::Task<>> tasks;
        for (const char* name : {"a", "b", "c", "d"})
            tasks.push_back(asyncio::create_task(consumer(name)));
        co_await asyncio::sleep(1);
        co_await notify(1, false);
        co_await asyncio::sleep(1);
        co_await notify(1, false);
        co_await asyncio::sleep(1);
        co_await notify(0, true);
        co_await asyncio::gather(std::move(tasks));
        CHECK_FALSE(cond.locked());
    };
    run_virtual(main());
    CHECK(log.lines == Lines{"1 a woke", "2 b woke", "3 c woke", "3 d woke"});
}

TEST_CASE("Condition: wait re-acquires the lock even when cancelled") {
    Log log;
    asyncio::Condition cond;
    auto waiter = [&]() -> Coroutine<> {
        co_await asyncio::async_with(cond, [&]() -> Coroutine<> {
            try {
                co_await cond.wait();
            } catch (const asyncio::CancelledError&) {
                log.add(std::string("cancelled, lock held: ") + (cond.locked() ? "yes" : "no"));
                throw;
            }
        });
    };
    auto main = [&]() -> Coroutine<> {
        auto w = asyncio::create_task(waiter());
        co_await asyncio::sleep(1);
        co_await cond.acquire();
        w.cancel();
        co_await asyncio::sleep(1);  // the waiter needs the lock main holds: it must wait
        w.cancel();                  // cancelling the re-acquisition only postpones it
        co_await asyncio::sleep(1);
        log.add("main releases");
        cond.release();
        co_await settle(w);
        CHECK(w.cancelled());
        CHECK(w.cancelling() == 2);
        CHECK_FALSE(cond.locked());
    };
    run_virtual(main());
    CHECK(log.lines == Lines{"3 main releases", "3 cancelled, lock held: yes"});
}

TEST_CASE("Condition: a waiter cancelled after it was notified passes the notification on") {
    Log log;
    asyncio::Condition cond;
    auto waiter = [&](std::string name) -> Coroutine<> {
        co_await asyncio::async_with(cond, [&]() -> Coroutine<> {
            co_await cond.wait();
            log.add(name + " woke");
        });
    };
    auto main = [&]() -> Coroutine<> {
        auto a = asyncio::create_task(waiter("a"));
        auto b = asyncio::create_task(waiter("b"));
        co_await asyncio::sleep(1);
        co_await cond.acquire();
        cond.notify(1);  // a is notified...
        a.cancel();      // ...and cancelled before it ran
        cond.release();
        co_await settle(a);
        co_await b;
        CHECK(a.cancelled());
    };
    run_virtual(main());
    CHECK(log.lines == Lines{"1 b woke"});
}

TEST_CASE("Condition: wait_for returns once the predicate holds, with the lock held") {
    Log log;
    asyncio::Condition cond;
    int value = 0;
    auto waiter = [&]() -> Coroutine<> {
        co_await asyncio::async_with(cond, [&]() -> Coroutine<> {
            bool ok = co_await cond.wait_for([&] { return value >= 3; });
            CHECK(ok);
            CHECK(cond.locked());
            log.add("value is " + std::to_string(value));
        });
    };
    auto main = [&]() -> Coroutine<> {
        auto w = asyncio::create_task(waiter());
        for (int i = 0; i < 4; ++i) {
            co_await asyncio::sleep(1);
            co_await asyncio::async_with(cond, [&]() -> Coroutine<> {
                ++value;
                cond.notify_all();
                co_return;
            });
        }
        co_await w;
    };
    run_virtual(main());
    CHECK(log.lines == Lines{"3 value is 3"});
}

TEST_CASE("Condition: wait and notify without holding the lock raise RuntimeError") {
    auto main = []() -> Coroutine<> {
        asyncio::Condition cond;
        CHECK_THROWS_AS(cond.notify(), asyncio::RuntimeError);
        CHECK_THROWS_AS(cond.notify_all(), asyncio::RuntimeError);
        CHECK_THROWS_AS(co_await cond.wait(), asyncio::RuntimeError);
        // Sharing a lock: holding the lock is holding the condition.
        asyncio::Lock lock;
        asyncio::Condition shared(lock);
        co_await lock.acquire();
        CHECK(shared.locked());
        shared.notify();
        lock.release();
    };
    run_virtual(main());
}

// ------------------------------------------------------------------------------------- Barrier

TEST_CASE("Barrier: wait returns when all parties have arrived, each with its arrival index") {
    Log log;
    asyncio::Barrier barrier(3, "meet");
    auto party = [&](std::string name, double delay) -> Coroutine<> {
        for (int round = 0; round < 2; ++round) {
            co_await asyncio::sleep(delay);
            int index = co_await barrier.wait();
            log.add(name + " passed as " + std::to_string(index));
        }
    };
    auto main = [&]() -> Coroutine<> {
        auto a = asyncio::create_task(party("a", 1));
        auto b = asyncio::create_task(party("b", 2));
        co_await asyncio::sleep(2.5);
        CHECK(barrier.n_waiting() == 2);
        CHECK(barrier.parties() == 3);
        co_await party("c", 3);
        co_await asyncio::gather(a, b);
        CHECK_FALSE(barrier.broken());
    };
    run_virtual(main());
    CHECK(log.lines == Lines{"5.5 c passed as 2", "5.5 a passed as 0", "5.5 b passed as 1",
                             "8.5 c passed as 2", "8.5 a passed as 0", "8.5 b passed as 1"});
}

TEST_CASE("Barrier: abort() breaks it: present and future waiters get BrokenBarrierError") {
    Log log;
    asyncio::Barrier barrier(3);
    auto party = [&](std::string name) -> Coroutine<> {
        try {
            co_await barrier.wait();
            log.add(name + " passed");
        } catch (const asyncio::BrokenBarrierError&) {
            log.add(name + " broken");
        }
    };
    auto main = [&]() -> Coroutine<> {
        auto a = asyncio::create_task(party("a"));
        auto b = asyncio::create_task(party("b"));
        co_await asyncio::sleep(1);
        co_await barrier.abort();
        co_await asyncio::gather(a, b);
        CHECK(barrier.broken());
        co_await party("late");
    };
    run_virtual(main());
    CHECK(log.lines == Lines{"1 a broken", "1 b broken", "1 late broken"});
}

TEST_CASE("Barrier: reset() breaks the present round only; the barrier is usable again") {
    Log log;
    asyncio::Barrier barrier(2);
    auto party = [&](std::string name) -> Coroutine<> {
        try {
            int index = co_await barrier.wait();
            log.add(name + " passed as " + std::to_string(index));
        } catch (const asyncio::BrokenBarrierError&) {
            log.add(name + " broken");
        }
    };
    auto main = [&]() -> Coroutine<> {
        auto a = asyncio::create_task(party("a"));
        co_await asyncio::sleep(1);
        co_await barrier.reset();
        co_await a;
        CHECK_FALSE(barrier.broken());
        auto b = asyncio::create_task(party("b"));
        co_await asyncio::sleep(1);
        co_await party("c");
        co_await b;
        CHECK_THROWS_AS([] { asyncio::Barrier none(0); }(), asyncio::ValueError);
    };
    run_virtual(main());
    CHECK(log.lines == Lines{"1 a broken", "2 c passed as 1", "2 b passed as 0"});
}

// ------------------------------------------------------------------------ timeline and deadlock

TEST_CASE("a task waiting on a primitive is shown waiting on its kind, with the primitive named") {
    WaitRecorder recorder;
    asyncio::Lock lock("L");
    asyncio::Semaphore sem(0, "S");
    asyncio::Event event("E");
    asyncio::Condition cond("C");
    asyncio::Barrier barrier(2, "B");
    auto main = [&]() -> Coroutine<> {
        co_await lock.acquire();
        auto on_lock = [&]() -> Coroutine<> { co_await lock.acquire(); };
        auto on_sem = [&]() -> Coroutine<> { co_await sem.acquire(); };
        auto on_event = [&]() -> Coroutine<> { co_await event.wait(); };
        auto on_cond = [&]() -> Coroutine<> {
            co_await cond.acquire();
            co_await cond.wait();
            cond.release();
        };
        auto on_barrier = [&]() -> Coroutine<> { co_await barrier.wait(); };
        auto tasks = std::vector<asyncio::Task<>>{
            asyncio::create_task(on_lock(), "t-lock"), asyncio::create_task(on_sem(), "t-sem"),
            asyncio::create_task(on_event(), "t-event"), asyncio::create_task(on_cond(), "t-cond"),
            asyncio::create_task(on_barrier(), "t-barrier")};
        co_await asyncio::sleep(1);
        lock.release();
        sem.release();
        event.set();
        co_await asyncio::async_with(cond, [&]() -> Coroutine<> {
            cond.notify_all();
            co_return;
        });
        co_await barrier.wait();
        co_await asyncio::gather(std::move(tasks));
    };
    run_virtual(main(), &recorder);
    CHECK(recorder.saw("t-lock", asyncio::WaitOn::lock, "L"));  // the holder travels as on_task
    CHECK(recorder.saw("t-sem", asyncio::WaitOn::semaphore, "S (value 0)"));
    CHECK(recorder.saw("t-event", asyncio::WaitOn::event, "E"));
    CHECK(recorder.saw("t-cond", asyncio::WaitOn::condition, "C"));
    CHECK(recorder.saw("t-barrier", asyncio::WaitOn::barrier, "B (1 of 2 arrived)"));
}

TEST_CASE("deadlock: two tasks taking two locks in opposite order are reported with each holder") {
    asyncio::Lock a("A");
    asyncio::Lock b("B");
    auto worker = [](asyncio::Lock& first, asyncio::Lock& second) -> Coroutine<> {
        co_await asyncio::async_with(first, [&]() -> Coroutine<> {
            co_await asyncio::sleep(1);
            co_await asyncio::async_with(second, []() -> Coroutine<> { co_return; });
        });
    };
    asyncio::TaskId id1 = asyncio::no_task, id2 = asyncio::no_task;
    auto main = [&]() -> Coroutine<> {
        auto t1 = asyncio::create_task(worker(a, b), "t1");
        auto t2 = asyncio::create_task(worker(b, a), "t2");
        id1 = t1.id();
        id2 = t2.id();
        co_await asyncio::gather(t1, t2);
    };
    try {
        run_virtual(main());
        FAIL("a deadlock must be reported");
    } catch (const asyncio::DeadlockError& e) {
        REQUIRE(e.waits().size() == 3);
        CHECK(e.waits()[0].name == "main");
        CHECK(e.waits()[0].on == asyncio::WaitOn::gather);
        CHECK(e.waits()[1].name == "t1");
        CHECK(e.waits()[1].on == asyncio::WaitOn::lock);
        CHECK(e.waits()[1].detail == "B");
        CHECK(e.waits()[1].on_task == id2);  // the wait-for graph: t1 -> t2 -> t1
        CHECK(e.waits()[2].on_task == id1);
        CHECK(e.waits()[2].name == "t2");
        CHECK(e.waits()[2].on == asyncio::WaitOn::lock);
        CHECK(e.waits()[2].detail == "A");
        const std::string text = e.what();
        CHECK(text.find("t1 waits on lock B held by t2") != std::string::npos);
        CHECK(text.find("t2 waits on lock A held by t1") != std::string::npos);
    }
    // run() cancelled both on the way out, and each released what it held.
    CHECK_FALSE(a.locked());
    CHECK_FALSE(b.locked());
}

TEST_CASE("deadlock: a task waiting on an event nobody will set is reported, named") {
    asyncio::Event never("never set");
    auto main = [&]() -> Coroutine<> { co_await never.wait(); };
    try {
        run_virtual(main());
        FAIL("a deadlock must be reported");
    } catch (const asyncio::DeadlockError& e) {
        REQUIRE(e.waits().size() == 1);
        CHECK(e.waits()[0].on == asyncio::WaitOn::event);
        CHECK(e.waits()[0].detail == "never set");
    }
}
