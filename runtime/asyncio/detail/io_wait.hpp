#pragma once
// What every wait on real I/O shares (streams, aiofiles, aiosqlite): the future a task parks
// on is of kind WaitOn::io with what it waits for as its detail ("connect", "read", "write",
// "accept", "fs", "db"), so the observer and the timeline see it as I/O; and while it is
// pending the loop knows that something outside can still wake the task.
#include <memory>

#include "asyncio/task.hpp"

namespace asyncio::detail {

// Counts as the loop's external work for its lifetime. `blocks_virtual_time`: the work ends
// by itself in a short real time (a connect on loopback, a file operation, an SQLite call),
// so the virtual clock must wait for it instead of jumping past it. A wait on a peer (a read,
// a drain, an accept) does not block virtual time: the peer may be waiting for a timer.
class ExternalWork {
  public:
    ExternalWork(EventLoop& loop, bool blocks_virtual_time) noexcept
        : loop_(&loop), blocks_(blocks_virtual_time) {
        loop_->external_work_started(blocks_);
    }
    ~ExternalWork() { loop_->external_work_finished(blocks_); }
    ExternalWork(const ExternalWork&) = delete;
    ExternalWork& operator=(const ExternalWork&) = delete;

  private:
    EventLoop* loop_;
    bool blocks_;
};

// A future for one wait on I/O: kind WaitOn::io, detail `what`.
template <class T = void>
std::shared_ptr<FutureState<T>> io_future(EventLoop& loop, const char* what) {
    auto future = std::make_shared<FutureState<T>>(loop, WaitOn::io);
    future->set_detail(what);
    return future;
}

// co_await io_wait(future): parks the running task on it; CancelledError when the task is
// cancelled meanwhile, else the future's outcome.
template <class T>
FutureAwaiter<FutureState<T>> io_wait(FutureState<T>& future) noexcept {
    return {future};
}

}  // namespace asyncio::detail
