// A Duration (whole nanoseconds) reaches the timer as it is: sleep, call_later, timeout and
// wait_for take one, and under the virtual clock wake at exactly that many nanoseconds.
#include "support.hpp"

using asyncio::Coroutine;
using asyncio::Duration;
using namespace std::chrono_literals;
using testing::run_virtual;

namespace {

std::int64_t now_ns() {
    return asyncio::EventLoop::current().now_ns();
}

Coroutine<int> slow(Duration delay, int value) {
    co_await asyncio::sleep(delay);
    co_return value;
}

}  // namespace

TEST_CASE("sleep(Duration) wakes at exactly that many nanoseconds, one after another") {
    std::vector<std::int64_t> times;
    auto main = [&]() -> Coroutine<> {
        co_await asyncio::sleep(Duration(1));
        times.push_back(now_ns());
        co_await asyncio::sleep(2500ms);
        times.push_back(now_ns());
        // 0.1 s three times is 0.3 s to the nanosecond, which summing floats is not.
        for (int i = 0; i < 3; ++i) co_await asyncio::sleep(100ms);
        times.push_back(now_ns());
    };
    run_virtual(main());
    CHECK(times == std::vector<std::int64_t>{1, 2'500'000'001, 2'800'000'001});
}

TEST_CASE("sleep(Duration::zero()) is one pass of the loop, as sleep(0) is") {
    std::vector<std::string> order;
    auto main = [&]() -> Coroutine<> {
        auto other = asyncio::create_task([&]() -> Coroutine<> {
            order.push_back("other");
            co_return;
        }());
        co_await asyncio::sleep(Duration::zero());
        order.push_back("main");
        CHECK(now_ns() == 0);
        co_await other;
    };
    run_virtual(main());
    CHECK(order == std::vector<std::string>{"other", "main"});
}

TEST_CASE("call_later(Duration) fires at now plus the duration") {
    std::int64_t fired = -1;
    auto main = [&]() -> Coroutine<> {
        co_await asyncio::sleep(Duration(7));
        auto& loop = asyncio::EventLoop::current();
        loop.call_later(Duration(1'000'000'003), [&] { fired = now_ns(); });
        co_await asyncio::sleep(2s);
    };
    run_virtual(main());
    CHECK(fired == 1'000'000'010);
}

TEST_CASE("timeout(Duration) and wait_for(aw, Duration): TimeoutError at the deadline") {
    std::vector<std::int64_t> times;
    auto main = [&]() -> Coroutine<> {
        try {
            co_await asyncio::async_with(asyncio::timeout(1500ms),
                                         [&](asyncio::Timeout& cm) -> Coroutine<> {
                                             CHECK(*cm.when() == 1.5);
                                             co_await asyncio::sleep(10s);
                                         });
            FAIL("must time out");
        } catch (const asyncio::TimeoutError&) {
            times.push_back(now_ns());
        }
        try {
            co_await asyncio::wait_for(slow(5s, 1), Duration(250'000'001));
            FAIL("must time out");
        } catch (const asyncio::TimeoutError&) {
            times.push_back(now_ns());
        }
        CHECK(co_await asyncio::wait_for(slow(1s, 2), 2s) == 2);
        times.push_back(now_ns());
        // A gather under a Duration limit: its children are cancelled when it passes.
        auto task = asyncio::create_task(slow(3s, 3));
        try {
            co_await asyncio::wait_for(asyncio::gather(task), 1s);
            FAIL("must time out");
        } catch (const asyncio::TimeoutError&) {
            times.push_back(now_ns());
        }
        CHECK(task.cancelled());
        // No time left: cancelled at once, as wait_for(aw, 0) does.
        try {
            co_await asyncio::wait_for(slow(1s, 4), Duration::zero());
            FAIL("must time out");
        } catch (const asyncio::TimeoutError&) {
            times.push_back(now_ns());
        }
    };
    run_virtual(main());
    CHECK(times == std::vector<std::int64_t>{1'500'000'000, 1'750'000'001, 2'750'000'001,
                                             3'750'000'001, 3'750'000'001});
}
