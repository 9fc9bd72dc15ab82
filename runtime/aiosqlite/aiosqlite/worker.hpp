#pragma once
// The thread that serves one connection: jobs run on it one at a time, in the order they were
// posted; each job's outcome goes back to the loop with call_soon_threadsafe.
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include "asyncio/detail/io_wait.hpp"

namespace aiosqlite::detail {

class Worker {
  public:
    Worker();
    // Runs the jobs still queued, then joins the thread.
    ~Worker();
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    void post(std::function<void()> job);

  private:
    void run();

    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::function<void()>> jobs_;
    bool stopping_ = false;
    std::thread thread_;  // last: starts once the rest exists
};

// Runs `fn` on the worker and awaits its result from the running task (on=WaitOn::io,
// detail="db"). A task cancelled meanwhile gets CancelledError at once; the job still runs
// to its end on the worker (SQLite cannot be interrupted there) and its result is dropped.
template <class T, class F>
asyncio::Coroutine<T> on_worker(Worker& worker, F fn) {
    asyncio::EventLoop& loop = asyncio::EventLoop::current();
    auto future = asyncio::detail::io_future<T>(loop, "db");
    // A real job on a thread: virtual time waits for it, and it may wake the task.
    loop.external_work_started(true);
    asyncio::EventLoop* target = &loop;
    worker.post([fn = std::move(fn), future, target]() mutable {
        std::optional<T> value;
        std::exception_ptr error;
        try {
            value.emplace(fn());
        } catch (...) {
            error = std::current_exception();
        }
        try {
            target->call_soon_threadsafe(
                [future = std::move(future), value = std::move(value), error, target]() mutable {
                    target->external_work_finished(true);
                    if (future->done()) return;
                    if (error)
                        future->set_exception(error);
                    else
                        future->set_result(std::move(*value));
                });
        } catch (const asyncio::RuntimeError&) {
            // The loop closed meanwhile: nobody is left to hand the outcome to.
        }
    });
    co_return co_await asyncio::detail::io_wait(*future);
}

}  // namespace aiosqlite::detail
