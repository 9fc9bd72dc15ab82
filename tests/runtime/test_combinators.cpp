// gather, TaskGroup, wait, wait_for, timeout(), as_completed, shield.
#include "support.hpp"

using asyncio::Coroutine;
using testing::Log;
using testing::now;
using testing::run_virtual;

namespace {

Coroutine<int> job(Log& log, int n, double delay) {
    log.add("job" + std::to_string(n) + " start");
    co_await asyncio::sleep(delay);
    log.add("job" + std::to_string(n) + " end");
    co_return n * 10;
}

Coroutine<int> failing(Log& log, int n, double delay) {
    co_await asyncio::sleep(delay);
    log.add("job" + std::to_string(n) + " raises");
    throw asyncio::ValueError("job " + std::to_string(n) + " failed");
}

Coroutine<int> cancellable(Log& log, int n, double delay) {
    try {
        co_await asyncio::sleep(delay);
    } catch (const asyncio::CancelledError&) {
        log.add("job" + std::to_string(n) + " cancelled");
        throw;
    }
    log.add("job" + std::to_string(n) + " end");
    co_return n;
}

}  // namespace

TEST_CASE("gather returns results in argument order whatever the finishing order") {
    Log log;
    auto main = [&]() -> Coroutine<> {
        auto [a, b, c] = co_await asyncio::gather(job(log, 1, 1), job(log, 2, 5), job(log, 3, 3));
        CHECK(a == 10);
        CHECK(b == 20);
        CHECK(c == 30);
        CHECK(now() == 5);
    };
    run_virtual(main());
    CHECK(log.lines == std::vector<std::string>{"0 job1 start", "0 job2 start", "0 job3 start",
                                                "1 job1 end", "3 job3 end", "5 job2 end"});
}

TEST_CASE("gather over a vector keeps the vector's order") {
    Log log;
    auto main = [&]() -> Coroutine<> {
        std::vector<Coroutine<int>> jobs;
        const double delays[] = {0.5, 2.25, 1};
        for (int i = 0; i < 3; ++i) jobs.push_back(job(log, i, delays[i]));
        auto results = co_await asyncio::gather(std::move(jobs));
        CHECK(results == std::vector<int>{0, 10, 20});
        CHECK(now() == 2.25);
        auto none = co_await asyncio::gather(std::vector<Coroutine<int>>{});
        CHECK(none.empty());
    };
    run_virtual(main());
}

TEST_CASE("gather without return_exceptions: the first error reaches the awaiter, others go on") {
    Log log;
    auto main = [&]() -> Coroutine<> {
        auto t1 = asyncio::create_task(job(log, 1, 1));
        auto t3 = asyncio::create_task(job(log, 3, 3));
        try {
            co_await asyncio::gather(t1, failing(log, 2, 2), t3);
            FAIL("gather must raise");
        } catch (const asyncio::ValueError& e) {
            log.add(std::string("caught ") + e.what());
        }
        CHECK_FALSE(t3.done());
        co_await t3;  // not cancelled: it finishes at its own time
        CHECK(t3.result() == 30);
    };
    run_virtual(main());
    CHECK(log.lines == std::vector<std::string>{"0 job1 start", "0 job3 start", "1 job1 end",
                                                "2 job2 raises", "2 caught job 2 failed",
                                                "3 job3 end"});
}

TEST_CASE("gather with return_exceptions puts the error in its slot and waits for all") {
    Log log;
    auto main = [&]() -> Coroutine<> {
        auto [a, b, c] = co_await asyncio::gather(asyncio::return_exceptions, job(log, 1, 1),
                                                  failing(log, 2, 2), job(log, 3, 3));
        CHECK(a.ok());
        CHECK(a.get() == 10);
        CHECK_FALSE(b.ok());
        CHECK(asyncio::describe(b.error) == "ValueError: job 2 failed");
        CHECK(c.get() == 30);
        CHECK(now() == 3);
    };
    run_virtual(main());
}

TEST_CASE("gather with return_exceptions shows a cancelled child as CancelledError in its slot") {
    Log log;
    auto main = [&]() -> Coroutine<> {
        auto t = asyncio::create_task(job(log, 1, 5));
        auto g = asyncio::gather(asyncio::return_exceptions, t, job(log, 2, 1));
        co_await asyncio::sleep(0.5);
        t.cancel();
        auto [a, b] = co_await g;
        CHECK(asyncio::is_cancelled_error(a.error));
        CHECK(b.get() == 20);
    };
    run_virtual(main());
}

TEST_CASE("cancelling gather cancels its children") {
    Log log;
    auto main = [&]() -> Coroutine<> {
        auto g = asyncio::gather(cancellable(log, 1, 5), cancellable(log, 2, 6));
        co_await asyncio::sleep(1);
        CHECK(g.cancel());
        try {
            co_await g;
            FAIL("a cancelled gather raises CancelledError");
        } catch (const asyncio::CancelledError&) {
            log.add("gather cancelled");
        }
    };
    run_virtual(main());
    CHECK(log.lines ==
          std::vector<std::string>{"1 job1 cancelled", "1 job2 cancelled", "1 gather cancelled"});
}

TEST_CASE("cancelling the task that awaits gather cancels the children too") {
    Log log;
    auto main = [&]() -> Coroutine<> {
        auto body = [&]() -> Coroutine<> {
            co_await asyncio::gather(cancellable(log, 1, 5), cancellable(log, 2, 6));
        };
        auto outer = asyncio::create_task(body());
        co_await asyncio::sleep(2);
        outer.cancel();
        try {
            co_await outer;
        } catch (const asyncio::CancelledError&) {
            log.add("outer cancelled");
        }
    };
    run_virtual(main());
    CHECK(log.lines ==
          std::vector<std::string>{"2 job1 cancelled", "2 job2 cancelled", "2 outer cancelled"});
}

TEST_CASE("TaskGroup: the block ends when every child has ended") {
    Log log;
    auto main = [&]() -> Coroutine<> {
        co_await asyncio::async_with(asyncio::TaskGroup(),
                                     [&](asyncio::TaskGroup& tg) -> Coroutine<> {
                                         tg.create_task(job(log, 1, 1));
                                         tg.create_task(job(log, 2, 3));
                                         tg.create_task(job(log, 3, 2));
                                         log.add("all created");
                                         co_return;
                                     });
        log.add("group done");
    };
    run_virtual(main());
    CHECK(log.lines.front() == "0 all created");
    CHECK(log.lines.back() == "3 group done");
}

TEST_CASE("TaskGroup: the first failure cancels the siblings and raises an ExceptionGroup") {
    Log log;
    auto main = [&]() -> Coroutine<> {
        try {
            co_await asyncio::async_with(asyncio::TaskGroup(),
                                         [&](asyncio::TaskGroup& tg) -> Coroutine<> {
                                             tg.create_task(cancellable(log, 1, 5));
                                             tg.create_task(failing(log, 2, 1));
                                             tg.create_task(cancellable(log, 3, 9));
                                             co_await asyncio::sleep(100);
                                             log.add("body not reached");
                                         });
            FAIL("the group must raise");
        } catch (const asyncio::ExceptionGroup& group) {
            REQUIRE(group.exceptions().size() == 1);
            CHECK(asyncio::describe(group.exceptions()[0]) == "ValueError: job 2 failed");
            log.add("group raised");
        }
        CHECK(asyncio::current_task()->cancelling() == 0);
    };
    run_virtual(main());
    CHECK(log.lines == std::vector<std::string>{"1 job2 raises", "1 job1 cancelled",
                                                "1 job3 cancelled", "1 group raised"});
}

TEST_CASE("TaskGroup collects every child error that happens before the group ends") {
    Log log;
    auto main = [&]() -> Coroutine<> {
        try {
            co_await asyncio::async_with(asyncio::TaskGroup(),
                                         [&](asyncio::TaskGroup& tg) -> Coroutine<> {
                                             tg.create_task(failing(log, 1, 1));
                                             tg.create_task(failing(log, 2, 1));
                                             co_return;
                                         });
        } catch (const asyncio::ExceptionGroup& group) {
            CHECK(group.exceptions().size() == 2);
        }
    };
    run_virtual(main());
}

TEST_CASE("TaskGroup refuses new tasks before it is entered and once it is finished") {
    Log log;
    auto main = [&]() -> Coroutine<> {
        asyncio::TaskGroup fresh;
        CHECK_THROWS_AS(fresh.create_task(job(log, 1, 1)), asyncio::RuntimeError);
        asyncio::TaskGroup group;
        co_await asyncio::async_with(group, [&]() -> Coroutine<> {
            group.create_task(job(log, 2, 1));
            co_return;
        });
        CHECK_THROWS_AS(group.create_task(job(log, 3, 1)), asyncio::RuntimeError);
    };
    run_virtual(main());
}

TEST_CASE("wait returns (done, pending) at the timeout; it never raises and never cancels") {
    Log log;
    auto main = [&]() -> Coroutine<> {
        std::vector<asyncio::Task<int>> tasks{asyncio::create_task(job(log, 1, 2)),
                                              asyncio::create_task(job(log, 2, 1))};
        auto [done, pending] = co_await asyncio::wait(tasks, 1.5);
        CHECK(now() == 1.5);
        REQUIRE(done.size() == 1);
        CHECK(done[0].result() == 20);
        REQUIRE(pending.size() == 1);
        CHECK_FALSE(pending[0].cancelled());
        CHECK_FALSE(pending[0].done());
        co_await pending[0];
        CHECK(now() == 2);
    };
    run_virtual(main());
}

TEST_CASE("wait FIRST_COMPLETED and FIRST_EXCEPTION return as soon as the condition holds") {
    Log log;
    auto main = [&]() -> Coroutine<> {
        std::vector<asyncio::Task<int>> tasks{asyncio::create_task(job(log, 1, 2)),
                                              asyncio::create_task(job(log, 2, 1))};
        auto first = co_await asyncio::wait(tasks, std::nullopt, asyncio::FIRST_COMPLETED);
        CHECK(now() == 1);
        CHECK(first.done.size() == 1);

        std::vector<asyncio::Task<int>> risky{asyncio::create_task(job(log, 3, 5)),
                                              asyncio::create_task(failing(log, 4, 3))};
        auto failed = co_await asyncio::wait(risky, std::nullopt, asyncio::FIRST_EXCEPTION);
        CHECK(now() == 4);
        REQUIRE(failed.done.size() == 1);
        CHECK(failed.done[0].exception() != nullptr);
        CHECK(failed.pending.size() == 1);
        for (auto& t : failed.pending) t.cancel();
        co_await asyncio::sleep(0);
    };
    run_virtual(main());
}

TEST_CASE("wait_for: TimeoutError at the timeout, and the inner task ends cancelled then") {
    Log log;
    auto main = [&]() -> Coroutine<> {
        auto inner = asyncio::create_task(cancellable(log, 1, 10));
        try {
            co_await asyncio::wait_for(inner, 2.0);
            FAIL("must time out");
        } catch (const asyncio::TimeoutError&) {
            log.add("timeout");
        }
        CHECK(inner.cancelled());
        CHECK(asyncio::current_task()->cancelling() == 0);
        int v = co_await asyncio::wait_for(cancellable(log, 2, 1), 2.0);
        CHECK(v == 2);
        CHECK(now() == 3);
    };
    run_virtual(main());
    CHECK(log.lines == std::vector<std::string>{"2 job1 cancelled", "2 timeout", "3 job2 end"});
}

TEST_CASE("wait_for around gather cancels every child on timeout") {
    Log log;
    auto main = [&]() -> Coroutine<> {
        auto both = [&]() -> Coroutine<> {
            co_await asyncio::gather(cancellable(log, 1, 5), cancellable(log, 2, 1),
                                     cancellable(log, 3, 7));
        };
        try {
            co_await asyncio::wait_for(both(), 3.0);
        } catch (const asyncio::TimeoutError&) {
            log.add("timeout");
        }
    };
    run_virtual(main());
    CHECK(log.lines == std::vector<std::string>{"1 job2 end", "3 job1 cancelled",
                                                "3 job3 cancelled", "3 timeout"});
}

TEST_CASE("wait_for takes a gather itself: on timeout, zero included, its children are cancelled") {
    Log log;
    auto main = [&]() -> Coroutine<> {
        std::vector<asyncio::Task<int>> slow{asyncio::create_task(cancellable(log, 1, 5)),
                                             asyncio::create_task(cancellable(log, 2, 1))};
        try {
            co_await asyncio::wait_for(asyncio::gather(slow), 3.0);
            FAIL("must time out");
        } catch (const asyncio::TimeoutError&) {
            log.add("timeout");
        }
        CHECK(slow[0].cancelled());
        std::vector<asyncio::Task<int>> unstarted{asyncio::create_task(cancellable(log, 3, 1)),
                                                  asyncio::create_task(cancellable(log, 4, 2))};
        CHECK_THROWS_AS(co_await asyncio::wait_for(asyncio::gather(unstarted), 0.0),
                        asyncio::TimeoutError);
        CHECK(unstarted[0].cancelled());
        CHECK(unstarted[1].cancelled());
        auto [a, b] = co_await asyncio::wait_for(
            asyncio::gather(cancellable(log, 5, 1), cancellable(log, 6, 2)), 10.0);
        CHECK(a == 5);
        CHECK(b == 6);
        CHECK(now() == 5);
    };
    run_virtual(main());
    CHECK(log.lines == std::vector<std::string>{"1 job2 end", "3 job1 cancelled", "3 timeout",
                                                "4 job5 end", "5 job6 end"});
}

TEST_CASE("wait_for with a zero timeout cancels at once") {
    Log log;
    auto main = [&]() -> Coroutine<> {
        CHECK_THROWS_AS(co_await asyncio::wait_for(cancellable(log, 1, 3), 0.0),
                        asyncio::TimeoutError);
        CHECK(now() == 0);
    };
    run_virtual(main());
}

TEST_CASE("timeout(): one deadline for a block of several awaits, visible and movable") {
    Log log;
    auto main = [&]() -> Coroutine<> {
        try {
            co_await asyncio::async_with(asyncio::timeout(2.5),
                                         [&](asyncio::Timeout& cm) -> Coroutine<> {
                                             CHECK(*cm.remaining() == 2.5);
                                             co_await job(log, 1, 1);
                                             CHECK(*cm.remaining() == 1.5);
                                             cm.reschedule(*cm.when() + 1);
                                             co_await job(log, 2, 1);
                                             co_await cancellable(log, 3, 5);
                                         });
            FAIL("must time out");
        } catch (const asyncio::TimeoutError&) {
            log.add("timeout");
        }
    };
    run_virtual(main());
    CHECK(log.lines.back() == "3.5 timeout");
    CHECK(log.lines[log.lines.size() - 2] == "3.5 job3 cancelled");
}

TEST_CASE("nested timeouts: the inner one fires and the outer one does not see it") {
    Log log;
    auto main = [&]() -> Coroutine<> {
        co_await asyncio::async_with(asyncio::timeout(10), [&]() -> Coroutine<> {
            try {
                co_await asyncio::async_with(
                    asyncio::timeout(1), [&]() -> Coroutine<> { co_await cancellable(log, 1, 5); });
            } catch (const asyncio::TimeoutError&) {
                log.add("inner timeout");
            }
            co_await job(log, 2, 2);
        });
        log.add("outer finished in time");
    };
    run_virtual(main());
    CHECK(log.lines == std::vector<std::string>{"1 job1 cancelled", "1 inner timeout",
                                                "1 job2 start", "3 job2 end",
                                                "3 outer finished in time"});
}

TEST_CASE("nested timeouts: when the outer one fires first, the outer one raises") {
    Log log;
    auto main = [&]() -> Coroutine<> {
        try {
            co_await asyncio::async_with(asyncio::timeout(1), [&]() -> Coroutine<> {
                try {
                    co_await asyncio::async_with(asyncio::timeout(5), [&]() -> Coroutine<> {
                        co_await cancellable(log, 1, 10);
                    });
                } catch (const asyncio::TimeoutError&) {
                    log.add("inner saw timeout (wrong)");
                }
            });
        } catch (const asyncio::TimeoutError&) {
            log.add("outer timeout");
        }
    };
    run_virtual(main());
    CHECK(log.lines == std::vector<std::string>{"1 job1 cancelled", "1 outer timeout"});
}

TEST_CASE("a cancellation from outside is not turned into TimeoutError") {
    Log log;
    auto main = [&]() -> Coroutine<> {
        auto body = [&]() -> Coroutine<> {
            co_await asyncio::async_with(
                asyncio::timeout(10), [&]() -> Coroutine<> { co_await cancellable(log, 1, 20); });
        };
        auto t = asyncio::create_task(body());
        co_await asyncio::sleep(1);
        t.cancel();
        try {
            co_await t;
        } catch (const asyncio::CancelledError&) {
            log.add("cancelled, not timed out");
        }
    };
    run_virtual(main());
    CHECK(log.lines.back() == "1 cancelled, not timed out");
}

TEST_CASE("as_completed hands results over in completion order, each at its own time") {
    Log log;
    auto main = [&]() -> Coroutine<> {
        std::vector<Coroutine<int>> jobs;
        jobs.push_back(job(log, 1, 2));
        jobs.push_back(job(log, 2, 1));
        jobs.push_back(job(log, 3, 3));
        std::vector<std::string> got;
        for (auto next : asyncio::as_completed(std::move(jobs))) {
            int r = co_await next;
            got.push_back(std::to_string(r) + "@" + testing::stamp(now()));
        }
        CHECK(got == std::vector<std::string>{"20@1", "10@2", "30@3"});
    };
    run_virtual(main());
}

TEST_CASE("as_completed with a timeout raises TimeoutError for what is not done by then") {
    Log log;
    auto main = [&]() -> Coroutine<> {
        std::vector<asyncio::Task<int>> tasks{asyncio::create_task(job(log, 1, 1)),
                                              asyncio::create_task(job(log, 2, 5))};
        int ok = 0, timeouts = 0;
        for (auto next : asyncio::as_completed(tasks, 2.0)) {
            try {
                co_await next;
                ++ok;
            } catch (const asyncio::TimeoutError&) {
                ++timeouts;
                CHECK(now() == 2);
            }
        }
        CHECK(ok == 1);
        CHECK(timeouts == 1);
        tasks[1].cancel();
    };
    run_virtual(main());
}

namespace {
// Takes one item of as_completed and logs what it got, as a task of its own would.
Coroutine<> take_one(Log& log, std::string who, Coroutine<int> next) {
    try {
        int r = co_await std::move(next);
        log.add(who + " got " + std::to_string(r));
    } catch (const asyncio::TimeoutError&) {
        log.add(who + " timed out");
    } catch (const asyncio::CancelledError&) {
        log.add(who + " cancelled");
        throw;
    }
}
}  // namespace

// Regression: the iterator used to keep one waiting slot, so a second task awaiting an item
// overwrote (and freed) the first one's future: a deadlock and a use after free. CPython
// feeds a queue; each awaiter waits on a future of its own, served in the order it came.
TEST_CASE("as_completed: several tasks await its items at the same time") {
    Log log;
    auto main = [&]() -> Coroutine<> {
        std::vector<Coroutine<int>> jobs;
        jobs.push_back(job(log, 1, 3));
        jobs.push_back(job(log, 2, 1));
        jobs.push_back(job(log, 3, 2));
        std::vector<asyncio::Task<>> takers;
        int i = 0;
        for (auto next : asyncio::as_completed(std::move(jobs)))
            takers.push_back(asyncio::create_task(
                take_one(log, "taker" + std::to_string(++i), std::move(next).coroutine())));
        co_await asyncio::gather(std::move(takers));
    };
    run_virtual(main());
    CHECK(log.lines == std::vector<std::string>{"0 job1 start", "0 job2 start", "0 job3 start",
                                                "1 job2 end", "1 taker1 got 20", "2 job3 end",
                                                "2 taker2 got 30", "3 job1 end",
                                                "3 taker3 got 10"});
}

TEST_CASE("as_completed: concurrent awaiters and a timeout each get one item") {
    Log log;
    auto main = [&]() -> Coroutine<> {
        std::vector<asyncio::Task<int>> tasks{asyncio::create_task(job(log, 1, 5)),
                                              asyncio::create_task(job(log, 2, 1)),
                                              asyncio::create_task(job(log, 3, 4))};
        std::vector<asyncio::Task<>> takers;
        int i = 0;
        for (auto next : asyncio::as_completed(tasks, 2.0))
            takers.push_back(asyncio::create_task(
                take_one(log, "taker" + std::to_string(++i), std::move(next).coroutine())));
        co_await asyncio::gather(std::move(takers));
        for (auto& t : tasks) t.cancel();
    };
    run_virtual(main());
    CHECK(log.lines == std::vector<std::string>{"0 job1 start", "0 job2 start", "0 job3 start",
                                                "1 job2 end", "1 taker1 got 20",
                                                "2 taker2 timed out", "2 taker3 timed out"});
}

TEST_CASE("as_completed: an awaiter cancelled while it waits leaves the line") {
    Log log;
    auto main = [&]() -> Coroutine<> {
        std::vector<asyncio::Task<int>> tasks{asyncio::create_task(job(log, 1, 1)),
                                              asyncio::create_task(job(log, 2, 2))};
        std::vector<asyncio::Task<>> takers;
        int i = 0;
        for (auto next : asyncio::as_completed(tasks))
            takers.push_back(asyncio::create_task(
                take_one(log, "taker" + std::to_string(++i), std::move(next).coroutine())));
        co_await asyncio::sleep(0.5);
        takers[0].cancel();
        co_await testing::settle(takers[0]);
        co_await takers[1];
        CHECK(takers[0].cancelled());
        CHECK(co_await tasks[1] == 20);
    };
    run_virtual(main());
    CHECK(log.lines == std::vector<std::string>{"0 job1 start", "0 job2 start",
                                                "0.5 taker1 cancelled", "1 job1 end",
                                                "1 taker2 got 10", "2 job2 end"});
}

TEST_CASE("as_completed: an awaiter woken and cancelled in the same pass passes the item on") {
    Log log;
    auto main = [&]() -> Coroutine<> {
        std::vector<asyncio::Task<int>> tasks{asyncio::create_task(job(log, 1, 1)),
                                              asyncio::create_task(job(log, 2, 2))};
        std::vector<asyncio::Task<>> takers;
        int i = 0;
        for (auto next : asyncio::as_completed(tasks))
            takers.push_back(asyncio::create_task(
                take_one(log, "taker" + std::to_string(++i), std::move(next).coroutine())));
        // Runs right after as_completed has woken taker1 for job1's result, before taker1
        // could take it: the wake-up must go to taker2, as Queue.get passes it on.
        tasks[0].add_done_callback([&](asyncio::Task<int>) { takers[0].cancel(); });
        co_await testing::settle(takers[0]);
        co_await takers[1];
        CHECK(takers[0].cancelled());
    };
    run_virtual(main());
    CHECK(log.lines == std::vector<std::string>{"0 job1 start", "0 job2 start", "1 job1 end",
                                                "1 taker1 cancelled", "1 taker2 got 10"});
}

TEST_CASE("shield: cancelling the awaiter does not cancel the shielded task") {
    Log log;
    auto main = [&]() -> Coroutine<> {
        auto precious = asyncio::create_task(job(log, 1, 3));
        auto body = [&]() -> Coroutine<int> { co_return co_await asyncio::shield(precious); };
        auto waiter = asyncio::create_task(body());
        co_await asyncio::sleep(1);
        waiter.cancel();
        co_await asyncio::sleep(0);
        co_await asyncio::sleep(0);
        CHECK(waiter.cancelled());
        CHECK_FALSE(precious.cancelled());
        CHECK(co_await precious == 10);
        CHECK(now() == 3);
    };
    run_virtual(main());
}

// Any awaitable future is accepted where CPython accepts one.
TEST_CASE("shield, gather and wait_for take plain futures and gathering futures") {
    Log log;
    auto main = [&]() -> Coroutine<> {
        auto& loop = asyncio::EventLoop::current();
        auto fut = asyncio::create_future<int>();
        loop.call_later(1, [fut] { fut.set_result(7); });
        auto task = asyncio::create_task(job(log, 1, 2));
        auto [a, b] = co_await asyncio::gather(fut, task);
        CHECK(a == 7);
        CHECK(b == 10);
        CHECK(now() == 2);

        auto shielded = asyncio::create_future<int>();
        loop.call_later(1, [shielded] { shielded.set_result(8); });
        CHECK(co_await asyncio::shield(shielded) == 8);

        auto late = asyncio::create_future<int>();
        try {
            co_await asyncio::wait_for(late, 1.0);
            FAIL("no timeout");
        } catch (const asyncio::TimeoutError&) {
        }
        CHECK(late.cancelled());  // wait_for cancels the future it gave up on
        CHECK(now() == 4);

        // wait_for(shield(task)): the timeout cancels the shield, never the task.
        auto precious = asyncio::create_task(job(log, 2, 2));
        try {
            co_await asyncio::wait_for(asyncio::shield(precious), 1.0);
            FAIL("no timeout");
        } catch (const asyncio::TimeoutError&) {
        }
        CHECK_FALSE(precious.done());
        CHECK(co_await precious == 20);
        CHECK(now() == 6);

        // shield(gather(...)): cancelling the awaiter leaves the gather running.
        auto g = asyncio::gather(job(log, 3, 1), job(log, 4, 2));
        auto body = [&]() -> Coroutine<> { co_await asyncio::shield(g); };
        auto waiter = asyncio::create_task(body());
        co_await asyncio::sleep(0.5);
        waiter.cancel();
        co_await testing::settle(waiter);
        CHECK(waiter.cancelled());
        CHECK_FALSE(g.done());
        auto [c, d] = co_await g;
        CHECK(c == 30);
        CHECK(d == 40);
        CHECK(now() == 8);
    };
    run_virtual(main());
}

namespace {
// A BaseException of the program's own, not an Exception (Python: class Stop(BaseException)).
class Stop : public asyncio::BaseException {
  public:
    using BaseException::BaseException;
};
}  // namespace

TEST_CASE(
    "TaskGroup: a child raising a BaseException gives a BaseExceptionGroup, not an Exception") {
    auto main = [&]() -> Coroutine<> {
        bool caught_as_exception = false;
        try {
            try {
                co_await asyncio::async_with(asyncio::TaskGroup(),
                                             [&](asyncio::TaskGroup& tg) -> Coroutine<> {
                                                 tg.create_task([]() -> Coroutine<> {
                                                     co_await asyncio::sleep(1);
                                                     throw Stop("halt");
                                                 }());
                                                 tg.create_task([]() -> Coroutine<> {
                                                     co_await asyncio::sleep(1);
                                                     throw asyncio::ValueError("bad");
                                                 }());
                                                 co_return;
                                             });
            } catch (const asyncio::Exception&) {
                caught_as_exception = true;
            }
            FAIL("the group was not raised");
        } catch (const asyncio::BaseExceptionGroup& group) {
            CHECK(group.exceptions().size() == 2);
            CHECK(asyncio::describe(std::current_exception()) ==
                  "BaseExceptionGroup: unhandled errors in a TaskGroup (2 sub-exceptions) "
                  "[BaseException: halt, ValueError: bad]");
        }
        CHECK_FALSE(caught_as_exception);
    };
    run_virtual(main());
}

TEST_CASE("Timeout.reschedule after the scope: CPython's messages for each state") {
    auto main = [&]() -> Coroutine<> {
        auto message = [](asyncio::Timeout& cm) {
            try {
                cm.reschedule(10);
            } catch (const asyncio::RuntimeError& e) {
                return e.message();
            }
            return std::string("no error");
        };
        asyncio::Timeout created = asyncio::timeout(1);
        CHECK(message(created) == "Timeout has not been entered");

        asyncio::Timeout finished = asyncio::timeout(1);
        co_await asyncio::async_with(finished, [&]() -> Coroutine<> { co_return; });
        CHECK(message(finished) == "Cannot change state of finished Timeout");

        asyncio::Timeout expired = asyncio::timeout(0.5);
        try {
            co_await asyncio::async_with(expired, [&]() -> Coroutine<> {
                try {
                    co_await asyncio::sleep(1);
                } catch (const asyncio::CancelledError&) {
                    // Inside the scope, after the deadline: the state is "expiring".
                    CHECK(message(expired) == "Cannot change state of expiring Timeout");
                    throw;
                }
            });
        } catch (const asyncio::TimeoutError&) {
        }
        CHECK(message(expired) == "Cannot change state of expired Timeout");
    };
    run_virtual(main());
}

TEST_CASE("a Timeout moved after it was entered still fires, on the moved-to object") {
    auto main = [&]() -> Coroutine<> {
        asyncio::Timeout first = asyncio::timeout(0.5);
        first.aenter();
        asyncio::Timeout moved = std::move(first);
        std::exception_ptr error;
        try {
            co_await asyncio::sleep(1);
        } catch (...) {
            error = std::current_exception();
        }
        CHECK(now() == doctest::Approx(0.5));
        CHECK(moved.expired());
        CHECK_THROWS_AS(moved.aexit(error), asyncio::TimeoutError);
        CHECK_FALSE(first.expired());  // the moved-from object was left alone
    };
    run_virtual(main());
}
