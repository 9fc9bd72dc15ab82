#pragma once
// asyncio.wait: wait until a condition on a set of tasks holds (all done, the first done,
// the first error) or the timeout passes, then return (done, pending). It never raises on
// timeout and never cancels anything: what is pending stays running.
#include <memory>
#include <optional>
#include <vector>

#include "asyncio/task.hpp"

namespace asyncio {

enum class ReturnWhen { FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED };
inline constexpr ReturnWhen FIRST_COMPLETED = ReturnWhen::FIRST_COMPLETED;
inline constexpr ReturnWhen FIRST_EXCEPTION = ReturnWhen::FIRST_EXCEPTION;
inline constexpr ReturnWhen ALL_COMPLETED = ReturnWhen::ALL_COMPLETED;

template <class T>
struct WaitResult {
    std::vector<Task<T>> done;  // in the order they were given, as a set has no order
    std::vector<Task<T>> pending;
};

namespace detail {
// The shared part of wait() that does not depend on the result type.
class Waiter {
  public:
    Waiter(std::vector<FutureCore*> futures, std::optional<double> timeout, ReturnWhen when);
    Waiter(std::vector<FutureCore*> futures, Duration timeout, ReturnWhen when);
    Coroutine<> until_ready();

  private:
    struct State;
    std::shared_ptr<State> state_;
};
}  // namespace detail

namespace detail {
// Both spellings of the timeout: Python's float seconds (or none) and a Duration.
template <class T, class Limit>
Coroutine<WaitResult<T>> wait(std::vector<Task<T>> tasks, Limit timeout, ReturnWhen return_when) {
    if (tasks.empty()) throw ValueError("Set of Tasks/Futures is empty.");
    std::vector<FutureCore*> cores;
    for (auto& t : tasks) cores.push_back(&t.core());
    Waiter waiter(std::move(cores), timeout, return_when);
    co_await waiter.until_ready();
    WaitResult<T> result;
    for (auto& t : tasks) (t.done() ? result.done : result.pending).push_back(t);
    co_return result;
}
}  // namespace detail

template <class T>
Coroutine<WaitResult<T>> wait(std::vector<Task<T>> tasks, std::optional<double> timeout = {},
                              ReturnWhen return_when = ALL_COMPLETED) {
    return detail::wait(std::move(tasks), timeout, return_when);
}
// The same with a timeout in the loop's unit, as a lesson's time param reaches it.
template <class T>
Coroutine<WaitResult<T>> wait(std::vector<Task<T>> tasks, Duration timeout,
                              ReturnWhen return_when = ALL_COMPLETED) {
    return detail::wait(std::move(tasks), timeout, return_when);
}

}  // namespace asyncio
