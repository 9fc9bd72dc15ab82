#pragma once
// asyncio.gather: run awaitables concurrently and collect their results in argument order,
// whatever order they finish in. Coroutines are wrapped into tasks at the call, so they are
// scheduled before the gather is even awaited. Without return_exceptions the first error
// reaches the awaiter and the other jobs keep running (they are not cancelled); with it,
// every error lands in its slot. Cancelling the gather cancels every child.
#include <functional>
#include <memory>
#include <tuple>
#include <vector>

#include "asyncio/outcome.hpp"
#include "asyncio/task.hpp"

namespace asyncio {

struct ReturnExceptions {};
inline constexpr ReturnExceptions return_exceptions{};

namespace detail {

template <class T>
Task<T> ensure_future(Coroutine<T>&& coro) {
    return create_task(std::move(coro));
}
template <class T>
Task<T> ensure_future(const Task<T>& task) {
    return task;
}
// Any future is accepted as it is, as Python's ensure_future returns a future unchanged.
template <class T>
Future<T> ensure_future(const Future<T>& future) {
    return future;
}

// Python's _GatheringFuture and the _done_callback of tasks.gather.
class GatherCore : public FutureState<void>,
                   public ChildWatcher,
                   public std::enable_shared_from_this<GatherCore> {
  public:
    GatherCore(EventLoop& loop, bool return_exceptions)
        : FutureState<void>(loop, WaitOn::gather), return_exceptions_(return_exceptions) {}
    bool cancel(std::string message = {}) override;
    void add_child(std::shared_ptr<FutureCore> child);
    // Completes at once when there are no children, as gather() of nothing does.
    void seal();
    std::string detail() const override;

  private:
    void child_done(FutureCore& child) override;
    std::vector<std::shared_ptr<FutureCore>> children_;
    std::size_t finished_ = 0;
    bool return_exceptions_;
    bool cancel_requested_ = false;
    std::string cancel_request_message_;
};

// F is a Task, a Future or a Gathering: anything with value_type, result() and core().
template <class F>
gathered_t<typename F::value_type> value_of(const F& future) {
    if constexpr (std::is_void_v<typename F::value_type>) {
        future.result();
        return {};
    } else {
        return future.result();
    }
}

template <class F>
Outcome<typename F::value_type> outcome_of(const F& future) {
    Outcome<typename F::value_type> out;
    if (future.cancelled()) {
        out.error = std::make_exception_ptr(CancelledError(future.core().cancel_message()));
    } else if (auto error = future.exception()) {
        out.error = error;
    } else if constexpr (!std::is_void_v<typename F::value_type>) {
        out.value.emplace(future.result());
    }
    return out;
}

}  // namespace detail

// What gather() returns: a future that can be awaited (once or more) and cancelled.
template <class Result>
class Gathering {
  public:
    using value_type = Result;
    Gathering(std::shared_ptr<detail::GatherCore> core, std::function<Result()> collect)
        : core_(std::move(core)), collect_(std::move(collect)) {}

    bool done() const { return core_->done(); }
    bool cancelled() const { return core_->cancelled(); }
    bool cancel(std::string message = {}) const { return core_->cancel(std::move(message)); }
    Result result() const {
        core_->rethrow_if_failed();
        return collect_();
    }
    std::exception_ptr exception() const { return core_->exception(); }
    template <class F>
    FutureCore::CallbackId add_done_callback(F fn) const {
        return core_->add_done_callback([fn = std::move(fn), g = *this] { fn(g); });
    }
    bool remove_done_callback(FutureCore::CallbackId id) const {
        return core_->remove_done_callback(id);
    }
    FutureCore& core() const { return *core_; }
    const std::shared_ptr<detail::GatherCore>& shared_state() const { return core_; }

    struct Awaiter {
        const Gathering& g;
        bool await_ready() const noexcept { return g.core_->done(); }
        void await_suspend(std::coroutine_handle<> at) {
            detail::running_task().suspend_on(*g.core_, at);
        }
        Result await_resume() {
            detail::running_task().throw_if_cancel_pending();
            return g.result();
        }
    };
    Awaiter operator co_await() const& noexcept { return Awaiter{*this}; }

  private:
    std::shared_ptr<detail::GatherCore> core_;
    std::function<Result()> collect_;
};

namespace detail {
// A gathering future is a future too: gather(gather(...)), shield(gather(...)).
template <class R>
Gathering<R> ensure_future(const Gathering<R>& gathering) {
    return gathering;
}
// Declared after every ensure_future overload: only those declared before are seen here.
template <class A>
using ensured_t = decltype(ensure_future(std::declval<A>()));

// The loop the gathering future belongs to: its children's (gather takes a future's own
// loop, even from outside any loop), or the running loop when there are none. A child of
// another loop is the ValueError of ensure_future(fut, loop=loop), raised before any child
// is linked to the gathering future.
EventLoop& gather_loop(const std::vector<FutureCore*>& children);

template <class Tuple>
EventLoop& gather_loop_of(const Tuple& children) {
    return std::apply(
        [](const auto&... child) -> EventLoop& {
            return gather_loop(std::vector<FutureCore*>{&child.core()...});
        },
        children);
}
}  // namespace detail

// gather(job(1), job(2), task) -> tuple of results
template <class... Aws>
auto gather(Aws&&... aws) {
    // Braces: tasks are created left to right, so they start in argument order.
    std::tuple<detail::ensured_t<Aws>...> tasks{detail::ensure_future(std::forward<Aws>(aws))...};
    auto core = std::make_shared<detail::GatherCore>(detail::gather_loop_of(tasks), false);
    std::apply([&](auto&... t) { (core->add_child(t.shared_state()), ...); }, tasks);
    core->seal();
    using Result = std::tuple<gathered_t<typename detail::ensured_t<Aws>::value_type>...>;
    return Gathering<Result>(std::move(core), [tasks] {
        return std::apply([](const auto&... t) { return Result(detail::value_of(t)...); }, tasks);
    });
}

// gather(return_exceptions, job(1), job(2)) -> tuple of Outcome
template <class... Aws>
auto gather(ReturnExceptions, Aws&&... aws) {
    // Braces: tasks are created left to right, so they start in argument order.
    std::tuple<detail::ensured_t<Aws>...> tasks{detail::ensure_future(std::forward<Aws>(aws))...};
    auto core = std::make_shared<detail::GatherCore>(detail::gather_loop_of(tasks), true);
    std::apply([&](auto&... t) { (core->add_child(t.shared_state()), ...); }, tasks);
    core->seal();
    using Result = std::tuple<Outcome<typename detail::ensured_t<Aws>::value_type>...>;
    return Gathering<Result>(std::move(core), [tasks] {
        return std::apply([](const auto&... t) { return Result(detail::outcome_of(t)...); }, tasks);
    });
}

namespace detail {
template <class Each, class A>
auto gather_range(std::vector<A> items, bool return_exceptions, Each each) {
    std::vector<ensured_t<A>> tasks;
    tasks.reserve(items.size());
    std::vector<FutureCore*> cores;
    for (auto& item : items) {
        tasks.push_back(ensure_future(std::move(item)));
        cores.push_back(&tasks.back().core());
    }
    auto core = std::make_shared<GatherCore>(gather_loop(cores), return_exceptions);
    for (const auto& t : tasks) core->add_child(t.shared_state());
    core->seal();
    using Slot = decltype(each(tasks.front()));
    return Gathering<std::vector<Slot>>(std::move(core), [tasks = std::move(tasks), each] {
        std::vector<Slot> out;
        out.reserve(tasks.size());
        for (const auto& t : tasks) out.push_back(each(t));
        return out;
    });
}
}  // namespace detail

// gather(*coros) -> vector of results, in the order of the vector (coroutines, tasks or
// futures)
template <class T>
auto gather(std::vector<Coroutine<T>> coros) {
    return detail::gather_range(std::move(coros), false,
                                [](const Task<T>& t) { return detail::value_of(t); });
}
template <class T>
auto gather(std::vector<Task<T>> tasks) {
    return detail::gather_range(std::move(tasks), false,
                                [](const Task<T>& t) { return detail::value_of(t); });
}
template <class T>
auto gather(std::vector<Future<T>> futures) {
    return detail::gather_range(std::move(futures), false,
                                [](const Future<T>& f) { return detail::value_of(f); });
}
template <class T>
auto gather(ReturnExceptions, std::vector<Coroutine<T>> coros) {
    return detail::gather_range(std::move(coros), true,
                                [](const Task<T>& t) { return detail::outcome_of(t); });
}
template <class T>
auto gather(ReturnExceptions, std::vector<Task<T>> tasks) {
    return detail::gather_range(std::move(tasks), true,
                                [](const Task<T>& t) { return detail::outcome_of(t); });
}
template <class T>
auto gather(ReturnExceptions, std::vector<Future<T>> futures) {
    return detail::gather_range(std::move(futures), true,
                                [](const Future<T>& f) { return detail::outcome_of(f); });
}

}  // namespace asyncio
