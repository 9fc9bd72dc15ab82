#pragma once
// What the ported test_locks and test_queues cases share: run a test body as the main task
// of a fresh virtual-clock loop, as IsolatedAsyncioTestCase runs each test in a fresh loop.
#include <functional>
#include <vector>

#include "support.hpp"

namespace cpython {

// Runs `body()` as the main task; `body` (a lambda the tasks may use) lives until the end.
template <class Body>
void run(Body body) {
    testing::run_virtual(body());
}

// loop.call_soon(fn)
inline void call_soon(std::function<void()> fn) {
    asyncio::EventLoop::current().call_soon(std::move(fn));
}

// loop.call_later(delay, fn)
inline void call_later(double delay, std::function<void()> fn) {
    asyncio::EventLoop::current().call_later(delay, std::move(fn));
}

// [a, b, c] as a vector. A braced list inside a coroutine trips GCC 12 ("array used as
// initializer"); built in a plain function it does not.
template <class T, class... More>
std::vector<T> list(T first, More... more) {
    return std::vector<T>{std::move(first), std::move(more)...};
}

}  // namespace cpython
