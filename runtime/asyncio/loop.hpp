#pragma once
// The event loop: a ready queue, one heap of timers, and libuv underneath for I/O and
// threads. One pass runs exactly the callbacks that were ready when the pass began, as
// CPython's BaseEventLoop._run_once does, so the order of output is deterministic.
#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "asyncio/clock_kind.hpp"
#include "asyncio/detail/ready_ring.hpp"
#include "asyncio/duration.hpp"
#include "asyncio/errors.hpp"
#include "asyncio/observer.hpp"

struct uv_loop_s;

namespace asyncio {

class TaskCore;
class FutureCore;
class EventLoop;

struct LoopOptions {
    ClockKind clock = ClockKind::real;
    // Real clock only: lesson seconds per wall second (2 = twice as fast).
    double speed = 1.0;
    Observer* observer = nullptr;
};

// Raised when every task waits and nothing (timer, I/O, thread job) can wake any of them.
// Python would hang forever; we stop and say who waits for what.
class DeadlockError : public RuntimeError {
  public:
    explicit DeadlockError(std::vector<WaitInfo> waits);
    const char* type_name() const noexcept override { return "DeadlockError"; }
    const std::vector<WaitInfo>& waits() const noexcept { return waits_; }

  private:
    std::vector<WaitInfo> waits_;
};

namespace detail {
// The loop running on this thread. Read inline: every await asks for the running task.
inline constinit thread_local EventLoop* running_loop = nullptr;
struct ThreadPoolState;  // threads.cpp: the virtual-time model of the worker pool
class ChildWatcher;      // future.hpp: gather's future, told when a child ends
struct CallbackHandle {
    enum class State : std::uint8_t { scheduled, ready, cancelled, ran };
    std::function<void()> callback;
    std::int64_t when_ns = 0;
    std::uint64_t seq = 0;
    State state = State::scheduled;
    bool in_heap = false;
};
}  // namespace detail

// What call_soon / call_later return: asyncio.Handle / TimerHandle.
class TimerHandle {
  public:
    TimerHandle() = default;
    void cancel();
    bool cancelled() const;
    double when() const;
    explicit operator bool() const { return static_cast<bool>(handle_); }

  private:
    friend class EventLoop;
    TimerHandle(EventLoop* loop, std::shared_ptr<detail::CallbackHandle> h)
        : loop_(loop), handle_(std::move(h)) {}
    EventLoop* loop_ = nullptr;
    std::shared_ptr<detail::CallbackHandle> handle_;
};

class EventLoop {
  public:
    explicit EventLoop(LoopOptions options = {});
    ~EventLoop();
    EventLoop(const EventLoop&) = delete;
    EventLoop& operator=(const EventLoop&) = delete;

    // The loop running on this thread; RuntimeError when there is none, as
    // asyncio.get_running_loop() raises.
    static EventLoop& current();
    static EventLoop* current_or_null() noexcept { return detail::running_loop; }

    // Lesson seconds since the loop was created.
    double time() const noexcept { return static_cast<double>(now_ns()) / 1e9; }
    std::int64_t now_ns() const noexcept;
    ClockKind clock() const noexcept { return options_.clock; }
    double speed() const noexcept { return options_.speed; }
    Observer* observer() const noexcept { return options_.observer; }

    TimerHandle call_soon(std::function<void()> callback);
    TimerHandle call_later(double delay, std::function<void()> callback);
    // The same with the delay in the loop's own unit: no trip through seconds.
    TimerHandle call_later(Duration delay, std::function<void()> callback);
    TimerHandle call_at(double when, std::function<void()> callback);
    // The only method that may be called from another thread. The callback runs on the loop
    // thread at its next pass. RuntimeError once the loop is closed. A thread the loop does
    // not know about (not a to_thread job) should be announced with external_work_started,
    // or the loop may call it a deadlock before its callback arrives.
    void call_soon_threadsafe(std::function<void()> callback);

    // asyncio's debug-mode alarm: a task step that holds the loop longer than this many
    // lesson seconds is reported as DiagnosticKind::slow_step. Watched when an observer is
    // attached or debug is on; under the virtual clock the time is what blocking work
    // inside the step advanced, so the alarm is deterministic. 0 turns it off.
    void set_slow_callback_duration(double seconds) noexcept {
        slow_step_ns_ = to_ns_floor(seconds);
    }
    double slow_callback_duration() const noexcept { return slow_step_ns_ / 1e9; }
    void set_debug(bool enabled) noexcept { debug_ = enabled; }
    bool get_debug() const noexcept { return debug_; }

    // Runs passes until `future` is done. Raises DeadlockError when nothing can finish it.
    void run_until_complete(FutureCore& future);
    // run_forever() until stop(): the stop takes effect at the end of the current pass.
    void run_forever();
    void stop() noexcept { stopping_ = true; }
    bool is_running() const noexcept { return running_; }
    // Releases libuv; afterwards uv_loop_close must have succeeded (see closed_cleanly()).
    void close();
    bool is_closed() const noexcept { return closed_; }
    bool closed_cleanly() const noexcept { return closed_cleanly_; }

    TaskCore* current_task() const noexcept { return current_task_; }
    std::vector<TaskCore*> all_tasks() const;
    std::vector<WaitInfo> waiting_tasks() const;
    // What the next pass will run: the tasks to step, in order, and how many other callbacks.
    std::vector<TaskId> ready_tasks() const;
    std::size_t ready_callbacks() const;

    // Work outside the loop that can still wake a task: a job on a worker thread
    // (blocks_virtual_time: the virtual clock must not jump while it runs) or an I/O wait.
    void external_work_started(bool blocks_virtual_time) noexcept;
    void external_work_finished(bool blocks_virtual_time) noexcept;
    // Simulated blocking: under the virtual clock the loop's time moves by `seconds` (the
    // loop was held that long); under the real clock the caller really blocks.
    void advance_virtual_time(double seconds);

    uv_loop_s* uv() noexcept { return uv_; }
    std::size_t passes() const noexcept { return passes_; }

  private:
    // The runtime's own parts reach the loop's bookkeeping through these friends; nothing
    // below is part of the asyncio API.
    friend class TaskCore;
    friend class FutureCore;
    friend class TimerHandle;
    friend struct detail::ThreadPoolState;

    TaskId next_task_id() noexcept { return ++last_task_id_; }
    bool watches_slow_steps() const noexcept {
        return slow_step_ns_ > 0 && (options_.observer != nullptr || debug_);
    }
    void check_slow_step(const TaskCore& task, std::int64_t began_ns);
    // A timer whose place among equal deadlines was fixed earlier (reserve_timer_seq), when
    // its deadline was not known yet: thread jobs use it so that ties stay deterministic.
    std::uint64_t reserve_timer_seq() noexcept { return ++next_seq_; }
    TimerHandle call_at(double when, std::function<void()> callback, std::uint64_t seq);
    detail::ThreadPoolState& thread_pool_state();  // defined in threads.cpp
    // Hands the thread jobs submitted since the last call to libuv's pool (threads.cpp).
    void flush_thread_jobs();
    void schedule_step(TaskCore* task);
    // A callback of its own kind (see FutureCore::add_watcher): watcher->child_done(*child).
    void schedule_child_done(std::shared_ptr<detail::ChildWatcher> watcher, FutureCore* child);
    void enter_task(TaskCore* task) noexcept { current_task_ = task; }
    void leave_task() noexcept { current_task_ = nullptr; }
    void link_task(TaskCore* task) noexcept;
    void unlink_task(TaskCore* task) noexcept;
    void handle_cancelled(detail::CallbackHandle& handle) noexcept;

    struct Libuv;  // loop.cpp: the uv loop and the loop's own handles
    // Three kinds in 24 bytes (a million tasks can be ready at once): step the TaskCore in
    // `target` (no owner), run the detail::CallbackHandle in `owner` (no target), or tell the
    // detail::ChildWatcher in `owner` that the FutureCore in `target` is done.
    struct ReadyItem {
        void* target = nullptr;
        std::shared_ptr<void> owner;
        TaskCore* task() const noexcept { return owner ? nullptr : static_cast<TaskCore*>(target); }
        detail::CallbackHandle* handle() const noexcept {
            return owner && !target ? static_cast<detail::CallbackHandle*>(owner.get()) : nullptr;
        }
    };
    void run_once();
    void push_timer(std::shared_ptr<detail::CallbackHandle> handle);
    void drop_cancelled_timers();
    void move_due_timers();
    bool has_live_timers();
    void poll(int timeout_ms);
    void drain_threadsafe();
    void destroy_pending_tasks();
    void close_libuv();
    [[noreturn]] void raise_deadlock();
    TimerHandle call_at_ns(std::int64_t when_ns, std::function<void()> callback, std::uint64_t seq);
    static std::int64_t to_ns_floor(double seconds) noexcept {
        return seconds > 0 ? static_cast<std::int64_t>(seconds * 1e9) : 0;
    }

    LoopOptions options_;
    std::unique_ptr<Libuv> libuv_;
    uv_loop_s* uv_ = nullptr;  // inside libuv_, null once closed
    std::uint64_t start_hrtime_ = 0;
    std::int64_t virtual_now_ns_ = 0;
    detail::ReadyRing<ReadyItem> ready_;
    std::vector<std::shared_ptr<detail::CallbackHandle>> timers_;  // a heap on (when, seq)
    std::size_t cancelled_in_heap_ = 0;
    std::uint64_t next_seq_ = 0;
    TaskCore* current_task_ = nullptr;
    TaskCore* first_task_ = nullptr;  // intrusive list of tasks not yet done
    TaskId last_task_id_ = 0;
    int external_work_ = 0;
    int external_work_blocking_virtual_ = 0;
    std::size_t passes_ = 0;
    bool running_ = false;
    bool stopping_ = false;
    bool closed_ = false;
    bool closed_cleanly_ = false;
    bool debug_ = false;
    std::int64_t slow_step_ns_ = 100'000'000;  // asyncio's slow_callback_duration, 0.1 s
    EventLoop* previous_ = nullptr;

    // call_soon_threadsafe: other threads append under the mutex and poke the async handle
    // (libuv merges pokes, so the loop drains the whole queue each time). The flag lets a
    // pass skip the mutex when nothing was posted. The async handle is in libuv_.
    std::mutex threadsafe_mutex_;
    std::vector<std::function<void()>> threadsafe_queue_;
    std::atomic<bool> threadsafe_pending_{false};
    bool threadsafe_closed_ = false;  // guarded by threadsafe_mutex_

    std::shared_ptr<detail::ThreadPoolState> thread_pool_;
};

}  // namespace asyncio
