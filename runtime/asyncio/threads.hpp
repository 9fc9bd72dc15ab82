#pragma once
// Running blocking calls on worker threads: asyncio.to_thread and loop.run_in_executor, on
// libuv's thread pool (uv_queue_work).
//
//     int n = co_await asyncio::to_thread(count_lines, path);      // a coroutine: lazy
//     auto f = asyncio::run_in_executor(loop, count_lines, path);  // a Future: submitted now
//
// The awaiting task waits on "thread". The call's result, or the exception it threw, comes
// back to that task. Cancelling the task does not stop a call already running: the call
// finishes on its thread and its outcome is dropped, as Python's executor does; a call that
// has not started yet is withdrawn. The loop waits for calls still running when it closes.
//
// Time. Under the real clock a job costs what it really takes. Under the virtual clock a job
// costs the simulated blocking work it does (blocking_sleep, burn_cpu: see blocking.hpp) and
// nothing for real work; the pool is modelled with thread_pool_size() workers in virtual time,
// so jobs beyond that wait for a free worker, first in, first out, and n equal jobs of d
// seconds take ceil(n / pool) * d exactly. Python's to_thread(time.sleep, d) is written
// to_thread(asyncio::blocking_sleep, d), or to_thread_simulated(d, fn, args...) for a call
// that also computes something.
//
// A job that has to queue for a worker is awaited as "pool" until it gets one, then as
// "thread": the timeline shows its wait for the pool apart from its time on a thread.
//
// ThreadPoolExecutor(max_workers) is Python's executor of that size, for run_in_executor:
//
//     asyncio::ThreadPoolExecutor executor(8);  // with ThreadPoolExecutor(max_workers=8):
//     co_await asyncio::run_in_executor(executor, blocking_sleep, 1.0);
//
// Under the real clock it runs its jobs on threads of its own, at most max_workers at once,
// whatever the size of libuv's pool; under the virtual clock the model above has
// max_workers workers. Its destructor waits for the jobs still running on its threads, as
// leaving Python's `with ThreadPoolExecutor(...)` block does.
//
// Arguments are copied (or moved) into the job, as std::thread does: pass std::ref for a
// reference, and keep what it refers to alive until the job has ended.
#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>

#include "asyncio/blocking.hpp"
#include "asyncio/task.hpp"

struct uv_work_s;

namespace asyncio {

// libuv's pool size: UV_THREADPOOL_SIZE (1 to 1024), 4 when unset; libuv reads it once, when
// the first job is queued, and so do we.
std::size_t thread_pool_size();

namespace detail {

struct ThreadPoolState;

// One call for the pool, with the future its caller awaits in the same allocation (see
// CallJob). The worker thread touches only invoke() and the virtual cost; the rest belongs to
// the loop thread. Kept alive by libuv while it holds the request, by the virtual pool model
// while it is modelled, and by whoever holds the future.
//
// The loop reaches it through the ready queue as a ChildWatcher: child_done is both the hop
// that hands the outcome over (real clock, after the worker) and the check that withdraws a
// cancelled call, which Python's _chain_future runs as the future's first done callback.
class ThreadJob : public ChildWatcher, public std::enable_shared_from_this<ThreadJob> {
  public:
    ThreadJob(EventLoop& loop, FutureCore& future) noexcept;
    virtual ~ThreadJob() = default;
    ThreadJob(const ThreadJob&) = delete;
    ThreadJob& operator=(const ThreadJob&) = delete;

    // Worker thread.
    void execute() noexcept;
    ClockKind clock() const noexcept { return clock_; }
    double speed() const noexcept { return speed_; }
    void add_virtual_cost(double seconds) noexcept { virtual_cost_ += seconds; }

    // Loop thread.
    EventLoop& loop() const noexcept { return *loop_; }
    FutureCore& future() const noexcept { return *future_; }
    // Hands the outcome to the future, unless its awaiter gave up (cancelled) meanwhile.
    void complete();
    // The future is being cancelled: the withdrawal check is queued ahead of its waiters.
    void cancelling();
    void child_done(FutureCore& future) override;

    // Loop-thread bookkeeping, kept by threads.cpp.
    uv_work_s* request = nullptr;  // while libuv owns the request
    bool in_batch = false;         // submitted, not yet handed to libuv (see flush_thread_jobs)
    bool withdrawn = false;        // cancelled while in the batch: never handed to libuv
    bool ran = false;              // the call ran (it was not withdrawn before starting)
    bool real_done = false;        // the worker has finished with it
    bool virtual_started = false;  // holds a worker of the virtual pool
    std::int64_t virtual_start_ns = 0;
    std::uint64_t end_seq = 0;              // its place among timers ending at the same time
    std::shared_ptr<ThreadPoolState> pool;  // the workers it is counted against
    // libuv's request lives here (no allocation of its own); `queued` keeps the job alive
    // from uv_queue_work until the after-work callback.
    alignas(std::max_align_t) unsigned char request_storage[128];
    std::shared_ptr<ThreadJob> queued;
    // The simulated cost the call ran up; read only once the worker is done with the job
    // (libuv's queue mutex orders the two threads).
    double virtual_cost() const noexcept { return virtual_cost_; }

  protected:
    virtual void invoke() noexcept = 0;
    virtual void deliver() = 0;

  private:
    EventLoop* loop_;
    FutureCore* future_;  // a member of the derived CallJob
    ClockKind clock_;
    double speed_;
    double virtual_cost_ = 0;  // worker side
};

// The future of a thread job: cancelling it also queues the job's withdrawal check.
template <class R>
class ThreadFuture final : public FutureState<R> {
  public:
    ThreadFuture(EventLoop& loop, ThreadJob& job) noexcept
        : FutureState<R>(loop, WaitOn::thread), job_(&job) {}
    bool cancel(std::string message = {}) override {
        if (!this->done()) job_->cancelling();
        return FutureState<R>::cancel(std::move(message));
    }

  private:
    ThreadJob* job_;  // the job this future is a member of
};

// The job this worker thread is running, or nullptr elsewhere (blocking.cpp asks).
ThreadJob* current_thread_job() noexcept;
// Queues the job on `pool` (the loop's default one, libuv's, when null); loop thread only.
void submit(std::shared_ptr<ThreadJob> job, std::shared_ptr<ThreadPoolState> pool = nullptr);
// An executor's own workers: max_workers of them.
std::shared_ptr<ThreadPoolState> make_executor_pool(EventLoop& loop, std::size_t max_workers);
// Waits for the executor's threads (real clock); loop thread only.
void shut_down(ThreadPoolState& pool) noexcept;

// The call and its future in one allocation: a Future handed out shares the job's ownership.
template <class R, class Call>
class CallJob final : public ThreadJob {
  public:
    CallJob(EventLoop& loop, Call call)
        : ThreadJob(loop, state_), state_(loop, *this), call_(std::move(call)) {}
    FutureState<R>& state() noexcept { return state_; }

  private:
    void invoke() noexcept override {
        try {
            if constexpr (std::is_void_v<R>)
                call_();
            else
                value_.emplace(call_());
        } catch (...) {
            error_ = std::current_exception();
        }
    }
    void deliver() override {
        if (error_) {
            state_.set_exception(error_);
        } else if constexpr (std::is_void_v<R>) {
            state_.set_result();
        } else {
            state_.set_result(std::move(*value_));
        }
    }

    ThreadFuture<R> state_;
    Call call_;
    std::optional<std::conditional_t<std::is_void_v<R>, bool, R>> value_;
    std::exception_ptr error_;
};

// Makes the job, queues it on `pool` and hands out its future.
template <class R, class Call>
Future<R> submit_call(EventLoop& loop, Call call, std::shared_ptr<ThreadPoolState> pool = nullptr) {
    auto job = std::make_shared<CallJob<R, Call>>(loop, std::move(call));
    Future<R> future(std::shared_ptr<FutureState<R>>(job, &job->state()));
    submit(std::move(job), std::move(pool));
    return future;
}

template <class F, class... Args>
using thread_result_t = std::decay_t<std::invoke_result_t<std::decay_t<F>, std::decay_t<Args>...>>;

// Awaits a thread job's future and moves its value out (a result may be move-only).
template <class R>
struct TakeResult {
    FutureState<R>& state;
    bool await_ready() const noexcept { return state.done(); }
    void await_suspend(std::coroutine_handle<> at) { running_task().suspend_on(state, at); }
    R await_resume() {
        running_task().throw_if_cancel_pending();
        state.rethrow_if_failed();
        if constexpr (!std::is_void_v<R>) return std::move(state.result());
    }
};

}  // namespace detail

// loop.run_in_executor(None, fn, *args): queued on the pool now; the returned Future completes
// with the call's result or exception. Cancelling the Future withdraws a call not yet started.
template <class F, class... Args>
auto run_in_executor(EventLoop& loop, F&& fn, Args&&... args)
    -> Future<detail::thread_result_t<F, Args...>> {
    using R = detail::thread_result_t<F, Args...>;
    auto call = [fn = std::forward<F>(fn),
                 args = std::make_tuple(std::forward<Args>(args)...)]() mutable -> R {
        return std::apply(std::move(fn), std::move(args));
    };
    return detail::submit_call<R>(loop, std::move(call));
}

class ThreadPoolExecutor {
  public:
    explicit ThreadPoolExecutor(std::size_t max_workers, EventLoop& loop = EventLoop::current())
        : max_workers_(max_workers),
          loop_(&loop),
          pool_(detail::make_executor_pool(loop, max_workers)) {}
    ~ThreadPoolExecutor() { detail::shut_down(*pool_); }
    ThreadPoolExecutor(const ThreadPoolExecutor&) = delete;
    ThreadPoolExecutor& operator=(const ThreadPoolExecutor&) = delete;

    std::size_t max_workers() const noexcept { return max_workers_; }
    EventLoop& loop() const noexcept { return *loop_; }
    const std::shared_ptr<detail::ThreadPoolState>& pool() const noexcept { return pool_; }

  private:
    std::size_t max_workers_;
    EventLoop* loop_;
    std::shared_ptr<detail::ThreadPoolState> pool_;
};

// loop.run_in_executor(executor, fn, *args) on a ThreadPoolExecutor of one's own.
template <class F, class... Args>
auto run_in_executor(ThreadPoolExecutor& executor, F&& fn, Args&&... args)
    -> Future<detail::thread_result_t<F, Args...>> {
    using R = detail::thread_result_t<F, Args...>;
    auto call = [fn = std::forward<F>(fn),
                 args = std::make_tuple(std::forward<Args>(args)...)]() mutable -> R {
        return std::apply(std::move(fn), std::move(args));
    };
    return detail::submit_call<R>(executor.loop(), std::move(call), executor.pool());
}

// The same on the running loop.
template <class F, class... Args>
requires(!std::is_same_v<std::decay_t<F>, EventLoop> &&
         !std::is_same_v<std::decay_t<F>, ThreadPoolExecutor>) auto run_in_executor(F&& fn,
                                                                                    Args&&... args)
    -> Future<detail::thread_result_t<F, Args...>> {
    return run_in_executor(EventLoop::current(), std::forward<F>(fn), std::forward<Args>(args)...);
}

// asyncio.to_thread(fn, *args): a coroutine, so nothing is queued until it is awaited (or
// made a task); then the awaiting task waits on "thread" for the result.
template <class F, class... Args>
auto to_thread(F fn, Args... args) -> Coroutine<detail::thread_result_t<F, Args...>> {
    using R = detail::thread_result_t<F, Args...>;
    // As Python's to_thread: the call runs in a copy of the caller's context.
    auto in_context = [context = copy_context(),
                       fn = std::move(fn)](std::decay_t<Args>&&... a) mutable -> R {
        return context.run([&]() -> R { return std::invoke(fn, std::move(a)...); });
    };
    auto future = run_in_executor(EventLoop::current(), std::move(in_context), std::move(args)...);
    co_return co_await detail::TakeResult<R>{future.state()};
}

// A job of a given cost: blocking_sleep(cost) on the worker, then fn(args...). Real clock:
// the worker really sleeps; virtual clock: the job ends `cost` seconds after it got a worker.
template <class F, class... Args>
auto to_thread_simulated(double cost, F fn, Args... args)
    -> Coroutine<detail::thread_result_t<F, Args...>> {
    auto job = [cost, fn = std::move(fn)](std::decay_t<Args>&&... a) mutable {
        blocking_sleep(cost);
        return std::invoke(std::move(fn), std::move(a)...);
    };
    co_return co_await to_thread(std::move(job), std::move(args)...);
}

// A job that only costs time: to_thread(blocking_sleep, cost).
inline Coroutine<> to_thread_simulated(double cost) {
    return to_thread(blocking_sleep, cost);
}

}  // namespace asyncio
