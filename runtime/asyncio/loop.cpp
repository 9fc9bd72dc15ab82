#include "asyncio/loop.hpp"

#include <sys/timerfd.h>
#include <unistd.h>
#include <uv.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>

#include "asyncio/detail/loopback.hpp"
#include "asyncio/detail/uv_handle.hpp"
#include "asyncio/diagnostics.hpp"
#include "asyncio/task.hpp"

namespace asyncio {

namespace {
// Min-heap on (deadline, insertion order): equal deadlines fire in the order they were set.
// A type, not a function: the heap algorithms inline it.
struct Later {
    bool operator()(const std::shared_ptr<detail::CallbackHandle>& a,
                    const std::shared_ptr<detail::CallbackHandle>& b) const noexcept {
        return a->when_ns != b->when_ns ? a->when_ns > b->when_ns : a->seq > b->seq;
    }
};
constexpr Later later{};

std::int64_t to_ns(double seconds) {
    if (!std::isfinite(seconds)) throw ValueError("delay must be a finite number of seconds");
    return static_cast<std::int64_t>(std::llround(seconds * 1e9));
}

std::string describe_waits(const std::vector<WaitInfo>& waits) {
    std::string text = "every task waits and nothing can wake any of them:";
    auto name_of = [&](TaskId id) -> std::string {
        for (const auto& w : waits)
            if (w.task == id) return w.name;
        return "task #" + std::to_string(id);
    };
    for (const auto& w : waits) {
        text += " " + w.name + " waits on " + std::string(to_string(w.on));
        if (!w.detail.empty()) text += " " + w.detail;
        if (w.on != WaitOn::task && w.on_task != no_task) text += " held by " + name_of(w.on_task);
        text += ";";
    }
    return text;
}
}  // namespace

DeadlockError::DeadlockError(std::vector<WaitInfo> waits)
    : RuntimeError(describe_waits(waits)), waits_(std::move(waits)) {}

void TimerHandle::cancel() {
    if (!handle_) return;
    using State = detail::CallbackHandle::State;
    if (handle_->state == State::cancelled || handle_->state == State::ran) return;
    handle_->state = State::cancelled;
    handle_->callback = nullptr;  // frees what the callback captured now, not at pop time
    loop_->handle_cancelled(*handle_);
}

bool TimerHandle::cancelled() const {
    return handle_ && handle_->state == detail::CallbackHandle::State::cancelled;
}

double TimerHandle::when() const {
    return handle_ ? handle_->when_ns / 1e9 : 0.0;
}

// The libuv loop and the two handles the loop itself owns. The handles are closed (and
// their memory freed by libuv's close callbacks) before uv_loop_close.
struct EventLoop::Libuv {
    uv_loop_t loop{};
    detail::UvHandle<uv_timer_t> wakeup;  // bounds a poll by the next timer's deadline
    detail::UvHandle<uv_async_t> async;   // call_soon_threadsafe's poke
    // Real-clock waits for a timer: libuv's timers and epoll count whole milliseconds, so a
    // wake-up could be a millisecond late. A timerfd takes the deadline in nanoseconds on
    // the clock uv_hrtime reads, and the poll watches it. -1 where it cannot be had.
    int timer_fd = -1;
    detail::UvHandle<uv_poll_t> timer_watch;

    Libuv() {
        detail::check_uv(uv_loop_init(&loop), "uv_loop_init");
        try {
            wakeup.init(uv_timer_init(&loop, wakeup.get()), "uv_timer_init");
            // The callback only has to wake the poll; run_once drains the queue itself.
            async.init(uv_async_init(&loop, async.get(), [](uv_async_t*) {}), "uv_async_init");
            open_timer_fd();
        } catch (...) {
            wakeup.close();
            async.close();
            timer_watch.close();
            uv_run(&loop, UV_RUN_DEFAULT);  // runs the close callbacks
            // Nothing is left open now; the init error above is the one worth reporting.
            static_cast<void>(uv_loop_close(&loop));
            throw;
        }
        // Unref'd: a loop with nothing else to do must not wait for posts that may never come.
        uv_unref(async.base());
    }

    void open_timer_fd() {
        timer_fd = ::timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
        if (timer_fd < 0) return;  // the millisecond timer does the work, a little later
        if (uv_poll_init(&loop, timer_watch.get(), timer_fd) < 0) {
            ::close(timer_fd);
            timer_fd = -1;
            return;
        }
        timer_watch.init(0, "uv_poll_init");
    }

    // Blocks in the poll until `hrtime_due` (uv_hrtime's clock), or until I/O or a post
    // from a thread comes first. The timerfd never fires before its deadline.
    void wait_until(std::uint64_t hrtime_due) {
        itimerspec spec{};
        spec.it_value.tv_sec = static_cast<time_t>(hrtime_due / 1'000'000'000);
        spec.it_value.tv_nsec = static_cast<long>(hrtime_due % 1'000'000'000);
        // Arming anew also clears an expiry left from an earlier wait that I/O ended.
        detail::check_uv(::timerfd_settime(timer_fd, TFD_TIMER_ABSTIME, &spec, nullptr) == 0
                             ? 0
                             : uv_translate_sys_error(errno),
                         "timerfd_settime");
        detail::check_uv(
            uv_poll_start(timer_watch.get(), UV_READABLE,
                          [](uv_poll_t* watch, int, int) {
                              int fd = -1;
                              std::uint64_t expiries = 0;
                              uv_fileno(reinterpret_cast<uv_handle_t*>(watch), &fd);
                              static_cast<void>(::read(fd, &expiries, sizeof expiries));
                          }),
            "uv_poll_start");
        uv_run(&loop, UV_RUN_ONCE);
        detail::check_uv(uv_poll_stop(timer_watch.get()), "uv_poll_stop");
    }
};

EventLoop::EventLoop(LoopOptions options) : options_(options) {
    if (!(options_.speed > 0) || !std::isfinite(options_.speed))
        throw ValueError("speed must be a positive number");
    libuv_ = std::make_unique<Libuv>();
    uv_ = &libuv_->loop;
    start_hrtime_ = uv_hrtime();
}

EventLoop::~EventLoop() {
    if (!closed_) close();
}

EventLoop& EventLoop::current() {
    if (!detail::running_loop) throw RuntimeError("no running event loop");
    return *detail::running_loop;
}

std::int64_t EventLoop::now_ns() const noexcept {
    if (options_.clock == ClockKind::virtual_time) return virtual_now_ns_;
    const double wall = static_cast<double>(uv_hrtime() - start_hrtime_);
    return static_cast<std::int64_t>(wall * options_.speed);
}

TimerHandle EventLoop::call_soon(std::function<void()> callback) {
    auto handle = std::make_shared<detail::CallbackHandle>();
    handle->callback = std::move(callback);
    handle->state = detail::CallbackHandle::State::ready;
    handle->when_ns = now_ns();
    ready_.push_back(ReadyItem{nullptr, handle});
    return TimerHandle(this, std::move(handle));
}

TimerHandle EventLoop::call_later(double delay, std::function<void()> callback) {
    return call_at(static_cast<double>(now_ns()) / 1e9 + delay, std::move(callback));
}

TimerHandle EventLoop::call_later(Duration delay, std::function<void()> callback) {
    return call_at_ns(now_ns() + delay.count(), std::move(callback), ++next_seq_);
}

TimerHandle EventLoop::call_at(double when, std::function<void()> callback) {
    return call_at(when, std::move(callback), ++next_seq_);
}

TimerHandle EventLoop::call_at(double when, std::function<void()> callback, std::uint64_t seq) {
    return call_at_ns(to_ns(when), std::move(callback), seq);
}

TimerHandle EventLoop::call_at_ns(std::int64_t when_ns, std::function<void()> callback,
                                  std::uint64_t seq) {
    auto handle = std::make_shared<detail::CallbackHandle>();
    handle->callback = std::move(callback);
    handle->when_ns = when_ns;
    handle->seq = seq;
    push_timer(handle);
    return TimerHandle(this, std::move(handle));
}

void EventLoop::call_soon_threadsafe(std::function<void()> callback) {
    std::lock_guard lock(threadsafe_mutex_);
    if (threadsafe_closed_) throw RuntimeError("Event loop is closed");
    threadsafe_queue_.push_back(std::move(callback));
    threadsafe_pending_.store(true, std::memory_order_release);
    // Under the mutex: close() cannot free the handle between the check and the send.
    detail::check_uv(uv_async_send(libuv_->async.get()), "uv_async_send");
}

void EventLoop::drain_threadsafe() {
    if (!threadsafe_pending_.load(std::memory_order_acquire)) return;
    std::vector<std::function<void()>> batch;
    {
        std::lock_guard lock(threadsafe_mutex_);
        batch.swap(threadsafe_queue_);
        threadsafe_pending_.store(false, std::memory_order_relaxed);
    }
    for (auto& callback : batch) call_soon(std::move(callback));
}

void EventLoop::check_slow_step(const TaskCore& task, std::int64_t began_ns) {
    const std::int64_t held = now_ns() - began_ns;
    if (held < slow_step_ns_) return;
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.3f", static_cast<double>(held) / 1e9);
    report_diagnostic(DiagnosticKind::slow_step, task.get_name(), seconds);
}

void EventLoop::push_timer(std::shared_ptr<detail::CallbackHandle> handle) {
    handle->in_heap = true;
    timers_.push_back(std::move(handle));
    std::push_heap(timers_.begin(), timers_.end(), later);
}

void EventLoop::handle_cancelled(detail::CallbackHandle& handle) noexcept {
    if (handle.in_heap) ++cancelled_in_heap_;
}

void EventLoop::drop_cancelled_timers() {
    using State = detail::CallbackHandle::State;
    // Like CPython: rebuild when cancelled timers are most of the heap, else pop from the top.
    if (cancelled_in_heap_ > 64 && cancelled_in_heap_ * 2 > timers_.size()) {
        std::erase_if(timers_, [](const auto& h) {
            if (h->state != State::cancelled) return false;
            h->in_heap = false;
            return true;
        });
        std::make_heap(timers_.begin(), timers_.end(), later);
        cancelled_in_heap_ = 0;
    }
    while (!timers_.empty() && timers_.front()->state == State::cancelled) {
        std::pop_heap(timers_.begin(), timers_.end(), later);
        timers_.back()->in_heap = false;
        timers_.pop_back();
        --cancelled_in_heap_;
    }
}

bool EventLoop::has_live_timers() {
    drop_cancelled_timers();
    return !timers_.empty();
}

void EventLoop::move_due_timers() {
    using State = detail::CallbackHandle::State;
    const auto now = now_ns();
    while (!timers_.empty() && timers_.front()->when_ns <= now) {
        std::pop_heap(timers_.begin(), timers_.end(), later);
        auto handle = std::move(timers_.back());
        timers_.pop_back();
        handle->in_heap = false;
        if (handle->state == State::cancelled) {
            --cancelled_in_heap_;
            continue;
        }
        handle->state = State::ready;
        ready_.push_back(ReadyItem{nullptr, std::move(handle)});
    }
}

void EventLoop::schedule_step(TaskCore* task) {
    task->mark_scheduled();
    ready_.push_back(ReadyItem{task, nullptr});
}

void EventLoop::schedule_child_done(std::shared_ptr<detail::ChildWatcher> watcher,
                                    FutureCore* child) {
    ready_.push_back(ReadyItem{child, std::shared_ptr<void>(std::move(watcher))});
}

void EventLoop::link_task(TaskCore* task) noexcept {
    task->next_in_loop = first_task_;
    task->prev_in_loop = nullptr;
    if (first_task_) first_task_->prev_in_loop = task;
    first_task_ = task;
}

void EventLoop::unlink_task(TaskCore* task) noexcept {
    if (task->prev_in_loop) task->prev_in_loop->next_in_loop = task->next_in_loop;
    if (task->next_in_loop) task->next_in_loop->prev_in_loop = task->prev_in_loop;
    if (first_task_ == task) first_task_ = task->next_in_loop;
    task->prev_in_loop = task->next_in_loop = nullptr;
}

std::vector<TaskCore*> EventLoop::all_tasks() const {
    std::vector<TaskCore*> tasks;
    for (auto* t = first_task_; t; t = t->next_in_loop) tasks.push_back(t);
    std::reverse(tasks.begin(), tasks.end());  // creation order
    return tasks;
}

std::vector<WaitInfo> EventLoop::waiting_tasks() const {
    std::vector<WaitInfo> waits;
    for (auto* t : all_tasks()) {
        WaitInfo w{t->id(), t->get_name(), WaitOn::ready, {}, no_task};
        if (auto* f = t->waiting_on()) {
            w.on = f->kind();
            w.detail = f->detail();
            w.on_task = f->awaited_task_id();
            w.wakes_at = f->wakes_at();
        }
        waits.push_back(std::move(w));
    }
    return waits;
}

std::vector<TaskId> EventLoop::ready_tasks() const {
    std::vector<TaskId> ids;
    for (std::size_t i = 0; i < ready_.size(); ++i)
        if (auto* task = ready_[i].task()) ids.push_back(task->id());
    return ids;
}

std::size_t EventLoop::ready_callbacks() const {
    std::size_t n = 0;
    for (std::size_t i = 0; i < ready_.size(); ++i) {
        const ReadyItem& item = ready_[i];
        if (item.task()) continue;
        auto* handle = item.handle();
        if (!handle || handle->state == detail::CallbackHandle::State::ready) ++n;
    }
    return n;
}

void EventLoop::external_work_started(bool blocks_virtual_time) noexcept {
    ++external_work_;
    if (blocks_virtual_time) ++external_work_blocking_virtual_;
}

void EventLoop::external_work_finished(bool blocks_virtual_time) noexcept {
    --external_work_;
    if (blocks_virtual_time) --external_work_blocking_virtual_;
}

void EventLoop::advance_virtual_time(double seconds) {
    if (options_.clock == ClockKind::virtual_time && seconds > 0) virtual_now_ns_ += to_ns(seconds);
}

// uv_run's result is not an error code (it says whether handles are still active), so it
// is not checked.
void EventLoop::poll(int timeout_ms) {
    if (timeout_ms == 0) {
        uv_run(uv_, UV_RUN_NOWAIT);
    } else if (timeout_ms > 0) {
        uv_timer_t* wakeup = libuv_->wakeup.get();
        uv_update_time(uv_);
        detail::check_uv(uv_timer_start(
                             wakeup, [](uv_timer_t*) {}, static_cast<std::uint64_t>(timeout_ms), 0),
                         "uv_timer_start");
        uv_run(uv_, UV_RUN_ONCE);
        detail::check_uv(uv_timer_stop(wakeup), "uv_timer_stop");
    } else {
        uv_run(uv_, UV_RUN_ONCE);
    }
}

void EventLoop::raise_deadlock() {
    throw DeadlockError(waiting_tasks());
}

void EventLoop::run_once() {
    // The jobs the last pass submitted reach the workers together, before the loop waits.
    flush_thread_jobs();
    // A callback posted from another thread is a pending wake-up, not a deadlock.
    drain_threadsafe();
    const bool idle = ready_.empty() && !stopping_;
    const bool timers = has_live_timers();
    if (idle && !timers && external_work_ == 0) raise_deadlock();

    if (options_.clock == ClockKind::virtual_time) {
        poll(0);
        drain_threadsafe();  // before deciding that nothing is ready and time may jump
        // A timer already due runs this pass: a real job on a thread must not hold it back.
        const bool timer_due = has_live_timers() && timers_.front()->when_ns <= virtual_now_ns_;
        if (ready_.empty() && !stopping_ && !timer_due) {
            if (external_work_blocking_virtual_ > 0) {
                poll(-1);  // a real job on a thread: its cost is not virtual, wait for it
            } else if (has_live_timers()) {  // the poll may have added one (a thread job)
                if (external_work_ > 0 && detail::loopback_bytes_in_flight(uv_))
                    poll(1);  // bytes between two of our sockets are still on their way
                else
                    virtual_now_ns_ = std::max(virtual_now_ns_, timers_.front()->when_ns);
            } else if (external_work_ > 0) {
                poll(-1);
            }
        }
    } else if (!idle) {
        poll(0);
    } else if (timers && libuv_->timer_fd >= 0) {
        // On the wall clock, the first nanosecond at which now_ns() reaches the deadline.
        const double due =
            std::ceil(static_cast<double>(timers_.front()->when_ns) / options_.speed);
        libuv_->wait_until(start_hrtime_ + static_cast<std::uint64_t>(std::max(0.0, due)) + 1);
    } else if (timers) {
        const double wait_ns =
            static_cast<double>(timers_.front()->when_ns - now_ns()) / options_.speed;
        // Round up: libuv counts whole milliseconds and a timer must never fire early.
        const double ms = std::ceil(std::max(0.0, wait_ns) / 1e6);
        poll(static_cast<int>(std::min(ms, 2.0e9)));
    } else {
        poll(-1);
    }
    drain_threadsafe();
    move_due_timers();

    ++passes_;
    for (std::size_t n = ready_.size(); n > 0; --n) {
        ReadyItem item = ready_.pop_front();
        if (auto* task = item.task()) {
            task->step();
            continue;
        }
        auto* handle = item.handle();
        std::function<void()> callback;
        if (handle) {
            if (handle->state != detail::CallbackHandle::State::ready) continue;
            handle->state = detail::CallbackHandle::State::ran;
            callback = std::move(handle->callback);
        }
        if (auto* obs = options_.observer) obs->callback_ran(time());
        try {
            if (handle) {
                callback();
            } else {
                static_cast<detail::ChildWatcher*>(item.owner.get())
                    ->child_done(*static_cast<FutureCore*>(item.target));
            }
        } catch (const KeyboardInterrupt&) {
            throw;  // Handle._run lets these two out of the loop; any other is reported
        } catch (const SystemExit&) {
            throw;
        } catch (...) {
            report_diagnostic(DiagnosticKind::callback_raised, {},
                              describe(std::current_exception()));
        }
    }
    if (auto* obs = options_.observer) obs->pass_finished(time());
}

namespace {
// Makes `loop` the running loop for the scope, restoring the previous one after.
struct RunningScope {
    EventLoop* previous;
    bool& running;
    RunningScope(EventLoop* loop, bool& flag) : previous(detail::running_loop), running(flag) {
        if (running) throw RuntimeError("this event loop is already running");
        detail::running_loop = loop;
        running = true;
    }
    ~RunningScope() {
        detail::running_loop = previous;
        running = false;
    }
};
}  // namespace

void EventLoop::run_until_complete(FutureCore& future) {
    if (closed_) throw RuntimeError("Event loop is closed");
    RunningScope scope(this, running_);
    while (!future.done()) {
        run_once();
        if (stopping_) {
            stopping_ = false;
            if (!future.done()) throw RuntimeError("Event loop stopped before Future completed.");
        }
    }
}

void EventLoop::run_forever() {
    if (closed_) throw RuntimeError("Event loop is closed");
    RunningScope scope(this, running_);
    while (!stopping_) run_once();
    stopping_ = false;
}

void EventLoop::close() {
    if (closed_) return;
    if (running_) throw RuntimeError("Cannot close a running event loop");
    closed_ = true;
    destroy_pending_tasks();
    {
        std::lock_guard lock(threadsafe_mutex_);
        threadsafe_closed_ = true;
        threadsafe_queue_.clear();
    }
    close_libuv();
}

// Tasks still pending (after a deadlock, say) lose their frames now, while the loop their
// awaiters point to still exists.
void EventLoop::destroy_pending_tasks() {
    RunningScope scope(this, running_);
    while (first_task_) {
        TaskCore* task = first_task_;
        auto keep = std::move(task->keep_alive);
        unlink_task(task);
        task->destroy_frame();
        task->drop_callbacks();  // a closed loop calls none, and one may hold the task
    }
    ready_.clear();
    timers_.clear();
}

namespace {
std::size_t count_open_handles(uv_loop_t* loop) {
    std::size_t open = 0;
    uv_walk(
        loop, [](uv_handle_t*, void* n) { ++*static_cast<std::size_t*>(n); }, &open);
    return open;
}
}  // namespace

void EventLoop::close_libuv() {
    flush_thread_jobs();  // submitted ones still run, as the default executor's shutdown waits
    libuv_->wakeup.close();
    libuv_->async.close();
    libuv_->timer_watch.close();
    // Waits for thread jobs still running too, as asyncio.run shuts the default executor down.
    uv_run(uv_, UV_RUN_DEFAULT);
    if (libuv_->timer_fd >= 0) ::close(std::exchange(libuv_->timer_fd, -1));
    thread_pool_.reset();
    const int rc = uv_loop_close(uv_);
    closed_cleanly_ = rc == 0;
    if (!closed_cleanly_) {
        // Only a handle opened on uv() by code outside the runtime can still be here (the
        // runtime's own handles are all closed by their owners by now). It is counted, then
        // closed so that the loop can be freed; its memory stays with whoever made it.
        detail::report_failed_loop_close(uv_strerror(rc), count_open_handles(uv_));
        uv_walk(
            uv_,
            [](uv_handle_t* h, void*) {
                if (!uv_is_closing(h)) uv_close(h, nullptr);
            },
            nullptr);
        uv_run(uv_, UV_RUN_DEFAULT);
        // Still busy (a request libuv will never finish): the loop's memory is left to it.
        if (uv_loop_close(uv_) != 0) static_cast<void>(libuv_.release());
    }
    libuv_.reset();
    uv_ = nullptr;
}

}  // namespace asyncio
