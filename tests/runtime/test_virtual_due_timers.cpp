// Virtual clock with a real job on a thread: a timer that is already due runs at once, not
// after the job. (The loop used to block in its poll for as long as any real job ran, so a
// task woken by a due timer waited for an unrelated thread.) Named "thread: ..." for the TSan
// pass.
#include <atomic>
#include <chrono>
#include <thread>

#include "support.hpp"

using asyncio::Coroutine;
using testing::run_virtual;
using namespace std::chrono_literals;

namespace {

// Real work on a thread that waits (up to `limit`) for the loop to set `seen`; it tells
// whether it saw it.
bool wait_for_flag(std::atomic<bool>* seen, std::chrono::milliseconds limit) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (!seen->load()) {
        if (std::chrono::steady_clock::now() > until) return false;
        std::this_thread::sleep_for(1ms);
    }
    return true;
}

}  // namespace

TEST_CASE("thread: under the virtual clock a due timer runs while a real job is on a thread") {
    std::atomic<bool> seen{false};
    bool slow_saw_flag = false;
    double woke_at = -1;
    run_virtual([&]() -> Coroutine<> {
        auto& loop = asyncio::EventLoop::current();
        // The slow job holds a worker until the loop has run the timer below.
        auto slow = asyncio::create_task(asyncio::to_thread(wait_for_flag, &seen, 3000ms));
        co_await asyncio::sleep(0);  // the slow job is on its thread now
        // A timer due at once (call_later(0) is a timer, not a ready callback).
        auto wake = [&] {
            woke_at = loop.time();
            seen = true;
        };
        loop.call_later(0.0, wake);
        slow_saw_flag = co_await slow;
    }());
    CHECK(woke_at == 0);
    CHECK(slow_saw_flag);  // false: the timer ran only after the job gave up waiting
}

TEST_CASE("thread: under the virtual clock a quick job's end is not held back by a slow one") {
    std::atomic<bool> seen{false};
    bool slow_saw_flag = false;
    run_virtual([&]() -> Coroutine<> {
        auto slow = asyncio::create_task(asyncio::to_thread(wait_for_flag, &seen, 3000ms));
        auto quick = [] { return 7; };
        const int got = co_await asyncio::to_thread(quick);  // ends on a timer due at once
        CHECK(got == 7);
        seen = true;
        slow_saw_flag = co_await slow;
        CHECK(asyncio::EventLoop::current().time() == 0);
    }());
    CHECK(slow_saw_flag);
}
