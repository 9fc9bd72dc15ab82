// Lib/test/test_asyncio/test_tasks.py (CPython 3.11.7): GatherTestsBase and its two
// subclasses, FutureGatherTests (the children are futures) and CoroutineGatherTests (each
// child is a coroutine awaiting the future). The conventions are those of test_tasks.cpp;
// what is skipped is listed there. `asyncio.gather(*children)` is the vector overload (a
// list in, a list out); `self._run_loop(loop)` (`while loop._ready: run_briefly(loop)`) is
// run_loop() below, from inside the test's task; MockCallback is CallCount.
#include <optional>

#include "assertions.hpp"

using asyncio::Coroutine;
using asyncio::Future;
using cpython::assert_raises;
using cpython::message_of;
using testing::run_virtual;

namespace {

class ZeroDivisionError : public asyncio::Exception {
  public:
    using Exception::Exception;
    const char* type_name() const noexcept override { return "ZeroDivisionError"; }
};

// self._run_loop(loop): passes until nothing is ready but the test's own task.
Coroutine<> run_loop() {
    auto& loop = asyncio::EventLoop::current();
    do {
        co_await asyncio::sleep(0);
    } while (loop.ready_callbacks() > 0 || !loop.ready_tasks().empty());
}

// test_utils.MockCallback: how often it was called, and with which future.
struct CallCount {
    int called = 0;
    const asyncio::FutureCore* with = nullptr;
    void operator()(const auto& future) {
        ++called;
        with = &future.core();
    }
    bool called_once_with(const auto& future) const {
        return called == 1 && with == &future.core();
    }
};

Coroutine<int> await_future(Future<int> fut) {
    co_return co_await fut;
}

// The two ways of handing the futures to gather (wrap_futures of each subclass).
struct FutureGather {
    static std::vector<Future<int>> wrap_futures(std::vector<Future<int>> futures) {
        return futures;
    }
};
struct CoroutineGather {
    static std::vector<Coroutine<int>> wrap_futures(const std::vector<Future<int>>& futures) {
        std::vector<Coroutine<int>> coros;
        for (const auto& fut : futures) coros.push_back(await_future(fut));
        return coros;
    }
};

std::vector<Future<int>> create_futures(int n) {
    std::vector<Future<int>> futures;
    for (int i = 0; i < n; ++i) futures.push_back(asyncio::create_future<int>());
    return futures;
}

template <class Wrap>
Coroutine<> check_success(bool return_exceptions) {
    auto futures = create_futures(3);
    auto &a = futures[0], &b = futures[1], &c = futures[2];
    CallCount cb;
    auto check_values = [&](const auto& fut) -> Coroutine<> {
        fut.add_done_callback(std::ref(cb));
        b.set_result(1);
        a.set_result(2);
        co_await run_loop();
        CHECK(cb.called == 0);
        CHECK_FALSE(fut.done());
        c.set_result(3);
        co_await run_loop();
        CHECK(cb.called_once_with(fut));
    };
    if (return_exceptions) {
        auto fut = asyncio::gather(asyncio::return_exceptions, Wrap::wrap_futures(futures));
        co_await check_values(fut);
        std::vector<int> values;
        for (auto& outcome : fut.result()) values.push_back(outcome.get());
        CHECK(values == std::vector<int>{2, 1, 3});
    } else {
        auto fut = asyncio::gather(Wrap::wrap_futures(futures));
        co_await check_values(fut);
        CHECK(fut.result() == std::vector<int>{2, 1, 3});
    }
}

// Counts the "exception was never retrieved" reports of a run.
struct DiagnosticCount : asyncio::Observer {
    int never_retrieved = 0;
    void diagnostic(asyncio::DiagnosticKind kind, std::string_view, std::string_view) override {
        if (kind == asyncio::DiagnosticKind::exception_never_retrieved) ++never_retrieved;
    }
};

template <class Wrap>
void test_one_exception() {
    DiagnosticCount log;
    run_virtual(
        []() -> Coroutine<> {
            auto futures = create_futures(5);
            auto &a = futures[0], &b = futures[1], &c = futures[2], &d = futures[3],
                 &e = futures[4];
            auto fut = asyncio::gather(Wrap::wrap_futures(futures));
            CallCount cb;
            fut.add_done_callback(std::ref(cb));
            auto exc = std::make_exception_ptr(ZeroDivisionError());
            a.set_result(1);
            b.set_exception(exc);
            co_await run_loop();
            CHECK(fut.done());
            CHECK(cb.called_once_with(fut));
            CHECK(fut.exception() == exc);
            // Does nothing
            c.set_result(3);
            d.cancel();
            e.set_exception(std::make_exception_ptr(asyncio::RuntimeError()));
            (void)e.exception();
            co_await run_loop();
        }(),
        &log);
    // The errors that came after the first were marked retrieved by gather.
    CHECK(log.never_retrieved == 0);
}

template <class Wrap>
Coroutine<> check_return_exceptions() {
    auto futures = create_futures(4);
    auto &a = futures[0], &b = futures[1], &c = futures[2], &d = futures[3];
    auto fut = asyncio::gather(asyncio::return_exceptions, Wrap::wrap_futures(futures));
    CallCount cb;
    fut.add_done_callback(std::ref(cb));
    auto exc = std::make_exception_ptr(ZeroDivisionError());
    auto exc2 = std::make_exception_ptr(asyncio::RuntimeError());
    b.set_result(1);
    c.set_exception(exc);
    a.set_result(3);
    co_await run_loop();
    CHECK_FALSE(fut.done());
    d.set_exception(exc2);
    co_await run_loop();
    CHECK(fut.done());
    CHECK(cb.called_once_with(fut));
    auto res = fut.result();
    REQUIRE(res.size() == 4);
    CHECK(res[0].get() == 3);
    CHECK(res[1].get() == 1);
    CHECK(res[2].error == exc);
    CHECK(res[3].error == exc2);
}

}  // namespace

TEST_CASE("test_tasks.FutureGatherTests.test_success") {
    run_virtual(check_success<FutureGather>(false));
}

TEST_CASE("test_tasks.CoroutineGatherTests.test_success") {
    run_virtual(check_success<CoroutineGather>(false));
}

TEST_CASE("test_tasks.FutureGatherTests.test_result_exception_success") {
    run_virtual(check_success<FutureGather>(true));
}

TEST_CASE("test_tasks.CoroutineGatherTests.test_result_exception_success") {
    run_virtual(check_success<CoroutineGather>(true));
}

TEST_CASE("test_tasks.FutureGatherTests.test_one_exception") {
    test_one_exception<FutureGather>();
}

TEST_CASE("test_tasks.CoroutineGatherTests.test_one_exception") {
    test_one_exception<CoroutineGather>();
}

TEST_CASE("test_tasks.FutureGatherTests.test_return_exceptions") {
    run_virtual(check_return_exceptions<FutureGather>());
}

TEST_CASE("test_tasks.CoroutineGatherTests.test_return_exceptions") {
    run_virtual(check_return_exceptions<CoroutineGather>());
}

TEST_CASE("test_tasks.FutureGatherTests.test_constructor_empty_sequence_without_loop") {
    // Python's message is get_event_loop's "no current event loop"; the C++ runtime has no
    // event-loop policy, so it is get_running_loop's "no running event loop".
    try {
        (void)asyncio::gather(std::vector<Future<int>>{});
        FAIL_CHECK("gather() of nothing outside a loop did not raise");
    } catch (const asyncio::RuntimeError& error) {
        CHECK(cpython::contains(error.message(), "event loop"));
    }
}

TEST_CASE("test_tasks.FutureGatherTests.test_constructor_empty_sequence_use_running_loop") {
    run_virtual([]() -> Coroutine<> {
        auto gather = []() { return asyncio::gather(std::vector<Future<int>>{}); };
        auto fut = gather();
        CHECK(&fut.core().loop() == &asyncio::EventLoop::current());
        co_await run_loop();
        CHECK(fut.done());
        CHECK(fut.result().empty());
    }());
}

namespace {
Future<int> future_on(asyncio::EventLoop& loop) {
    return Future<int>(std::make_shared<asyncio::FutureState<int>>(loop));
}
}  // namespace

TEST_CASE("test_tasks.FutureGatherTests.test_constructor_heterogenous_futures") {
    asyncio::EventLoop one_loop;
    asyncio::EventLoop other_loop;
    auto fut1 = future_on(one_loop);
    auto fut2 = future_on(other_loop);
    CHECK_THROWS_AS((void)asyncio::gather(fut1, fut2), asyncio::ValueError);
    std::vector<Future<int>> both{fut1, fut2};
    CHECK_THROWS_AS((void)asyncio::gather(std::move(both)), asyncio::ValueError);
}

TEST_CASE("test_tasks.FutureGatherTests.test_constructor_homogenous_futures") {
    // Outside any running loop: the gathering future takes its children's loop. (The
    // _run_loop(other_loop) passes between are not taken: this loop is not running.)
    asyncio::EventLoop other_loop;
    std::vector<Future<int>> children;
    for (int i = 0; i < 3; ++i) children.push_back(future_on(other_loop));
    auto fut = asyncio::gather(children);
    CHECK(&fut.core().loop() == &other_loop);
    CHECK_FALSE(fut.done());
    auto fut2 = asyncio::gather(children);
    CHECK(&fut2.core().loop() == &other_loop);
    CHECK_FALSE(fut2.done());
    for (auto& child : children) child.cancel();  // so nothing is left pending at the end
}

TEST_CASE("test_tasks.FutureGatherTests.test_one_cancellation") {
    run_virtual([]() -> Coroutine<> {
        auto futures = create_futures(5);
        auto &a = futures[0], &b = futures[1], &c = futures[2], &d = futures[3], &e = futures[4];
        auto fut = asyncio::gather(futures);
        CallCount cb;
        fut.add_done_callback(std::ref(cb));
        a.set_result(1);
        b.cancel();
        co_await run_loop();
        CHECK(fut.done());
        CHECK(cb.called_once_with(fut));
        CHECK_FALSE(fut.cancelled());
        CHECK(asyncio::is_cancelled_error(fut.exception()));
        // Does nothing
        c.set_result(3);
        d.cancel();
        e.set_exception(std::make_exception_ptr(asyncio::RuntimeError()));
        (void)e.exception();
    }());
}

TEST_CASE("test_tasks.FutureGatherTests.test_result_exception_one_cancellation") {
    run_virtual([]() -> Coroutine<> {
        auto futures = create_futures(6);
        auto &a = futures[0], &b = futures[1], &c = futures[2], &d = futures[3], &e = futures[4],
             &f = futures[5];
        auto fut = asyncio::gather(asyncio::return_exceptions, futures);
        CallCount cb;
        fut.add_done_callback(std::ref(cb));
        a.set_result(1);
        auto zde = std::make_exception_ptr(ZeroDivisionError());
        b.set_exception(zde);
        c.cancel();
        co_await run_loop();
        CHECK_FALSE(fut.done());
        d.set_result(3);
        e.cancel();
        auto rte = std::make_exception_ptr(asyncio::RuntimeError());
        f.set_exception(rte);
        auto res = co_await fut;
        REQUIRE(res.size() == 6);
        CHECK(asyncio::is_cancelled_error(res[2].error));
        CHECK(asyncio::is_cancelled_error(res[4].error));
        CHECK(res[0].get() == 1);
        CHECK(res[1].error == zde);
        CHECK(res[3].get() == 3);
        CHECK(res[5].error == rte);
        CHECK(cb.called_once_with(fut));
    }());
}

TEST_CASE("test_tasks.CoroutineGatherTests.test_constructor_without_loop") {
    // As above, the message is "no running event loop". The coroutines, never run, are
    // reported as never awaited (Python's test closes them to avoid its warning).
    auto coro = []() -> Coroutine<std::string> { co_return "abc"; };
    try {
        (void)asyncio::gather(coro(), coro());
        FAIL_CHECK("gather() outside a loop did not raise");
    } catch (const asyncio::RuntimeError& error) {
        CHECK(cpython::contains(error.message(), "event loop"));
    }
}

TEST_CASE("test_tasks.CoroutineGatherTests.test_constructor_use_running_loop") {
    run_virtual([]() -> Coroutine<> {
        auto coro = []() -> Coroutine<std::string> { co_return "abc"; };
        auto fut = asyncio::gather(coro(), coro());
        CHECK(&fut.core().loop() == &asyncio::EventLoop::current());
        auto [first, second] = co_await fut;
        CHECK(first == "abc");
        CHECK(second == "abc");
    }());
}

TEST_CASE("test_tasks.CoroutineGatherTests.test_cancellation_broadcast") {
    // Cancelling outer() cancels all children.
    run_virtual([]() -> Coroutine<> {
        int proof = 0;
        auto waiter = asyncio::create_future();
        auto inner = [&]() -> Coroutine<> {
            co_await waiter;
            proof += 1;
        };
        auto child1 = asyncio::create_task(inner());
        auto child2 = asyncio::create_task(inner());
        std::optional<asyncio::Gathering<std::tuple<std::monostate, std::monostate>>> gatherer;
        auto outer = [&]() -> Coroutine<> {
            gatherer.emplace(asyncio::gather(child1, child2));
            co_await *gatherer;
            proof += 100;
        };
        auto f = asyncio::create_task(outer());
        co_await asyncio::sleep(0);  // run_briefly
        CHECK(f.cancel());
        co_await assert_raises<asyncio::CancelledError>(f);
        CHECK_FALSE(gatherer->cancel());
        CHECK(waiter.cancelled());
        CHECK(child1.cancelled());
        CHECK(child2.cancelled());
        co_await asyncio::sleep(0);  // run_briefly
        CHECK(proof == 0);
    }());
}

TEST_CASE("test_tasks.CoroutineGatherTests.test_exception_marking") {
    // Test for the first line marked "Mark exception retrieved."
    DiagnosticCount log;
    run_virtual(
        []() -> Coroutine<> {
            auto inner = [](Future<> f) -> Coroutine<> {
                co_await f;
                throw asyncio::RuntimeError("should not be ignored");
            };
            auto a = asyncio::create_future();
            auto b = asyncio::create_future();
            auto outer = [&]() -> Coroutine<> { co_await asyncio::gather(inner(a), inner(b)); };
            // test_utils.run_briefly(loop) is three passes of the loop here (its own task's
            // two steps, then the done callback that stops the loop); the test needs all
            // three: f is done only after the second run_briefly.
            auto run_briefly = []() -> Coroutine<> {
                for (int pass = 0; pass < 3; ++pass) co_await asyncio::sleep(0);
            };
            auto f = asyncio::create_task(outer());
            co_await run_briefly();
            a.set_result();
            co_await run_briefly();
            CHECK(f.done());
            b.set_result();
            co_await run_briefly();
            CHECK(asyncio::type_name_of(f.exception()) == "RuntimeError");
            CHECK(message_of(f.exception()) == "should not be ignored");
        }(),
        &log);
    // inner(b)'s error came after the gather was done: gather marked it retrieved.
    CHECK(log.never_retrieved == 0);
}
