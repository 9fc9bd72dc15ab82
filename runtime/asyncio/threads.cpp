#include "asyncio/threads.hpp"

#include <uv.h>

#include <algorithm>
#include <cstdlib>
#include <deque>
#include <new>
#include <string_view>
#include <thread>
#include <vector>

#include "asyncio/detail/uv_handle.hpp"

namespace asyncio {

std::size_t thread_pool_size() {
    // The same reading of the variable as libuv's init_threads: atoi, 0 means 1, and anything
    // above the maximum (a negative number wraps around) means the maximum.
    static const std::size_t size = [] {
        const char* text = std::getenv("UV_THREADPOOL_SIZE");
        if (!text) return std::size_t{4};
        auto n = static_cast<unsigned>(std::atoi(text));
        if (n == 0) n = 1;
        if (n > 1024) n = 1024;
        return std::size_t{n};
    }();
    return size;
}

namespace detail {

// A pool's workers as the loop sees them: `size` of them; a job takes the first free one in
// the order jobs were submitted. A job that has to queue is awaited as "pool" until it gets
// its worker, then as "thread" (announced to the observer then).
//
// Under the virtual clock (any pool) a job holds its worker for its simulated cost: its end is
// a loop timer whose place among equal deadlines is fixed when it gets its worker, so ties do
// not depend on when the real worker happened to finish; the call itself runs on libuv's pool.
// Under the real clock an executor's pool (own_threads) runs each job that gets a worker on a
// thread of its own; the default pool is libuv's, which queues by itself.
struct ThreadPoolState : std::enable_shared_from_this<ThreadPoolState> {
    ThreadPoolState(EventLoop& l, std::size_t workers, bool own)
        : loop(l), size(workers), own_threads(own) {}

    // Queues job.child_done(job.future()) for the loop's next pass, as a callback would be.
    static void tell_at_next_pass(std::shared_ptr<ThreadJob> job) {
        FutureCore* future = &job->future();
        EventLoop& loop = job->loop();
        loop.schedule_child_done(std::move(job), future);
    }

    // The loop's default pool (libuv's), made on first use.
    static std::shared_ptr<ThreadPoolState> default_of(EventLoop& loop) {
        return loop.thread_pool_state().shared_from_this();
    }

    void submitted(const std::shared_ptr<ThreadJob>& job) {
        if (busy < size && waiting.empty()) {
            start(job);
        } else {
            job->future().set_kind(WaitOn::pool);
            waiting.push_back(job);
        }
    }

    // The worker finished: its cost is known now.
    void real_work_done(const std::shared_ptr<ThreadJob>& job) {
        if (job->virtual_started) schedule_end(job);
    }

    // The awaiter gave up: a job still queued for a worker never runs.
    bool withdraw(const ThreadJob* job) {
        for (auto it = waiting.begin(); it != waiting.end(); ++it) {
            if (it->get() == job) {
                waiting.erase(it);
                return true;
            }
        }
        return false;
    }

    // A job on one of this pool's own threads is over (real clock, loop thread).
    void own_thread_done(const std::shared_ptr<ThreadJob>& job) {
        job->real_done = true;
        job->ran = true;
        loop.external_work_finished(true);
        if (loop.is_closed()) return;
        ended(job);
    }

    void join_threads() noexcept {
        for (auto& t : threads)
            if (t.joinable()) t.join();
        threads.clear();
    }

    // Jobs for libuv's pool submitted during this pass (default pool only). They are handed
    // over together when the pass ends: posted back to back, a woken worker finds several
    // jobs queued instead of one, runs them all and sleeps once, where one job per wake-up
    // cost a futex wake and a context switch per call.
    void flush();

    EventLoop& loop;
    std::size_t size;
    bool own_threads;
    std::size_t busy = 0;
    std::vector<std::shared_ptr<ThreadJob>> batch;
    std::vector<std::shared_ptr<ThreadJob>> flushing;  // batch's storage while it is handed over
    std::deque<std::shared_ptr<ThreadJob>> waiting;
    std::vector<std::thread> threads;

  private:
    void start(const std::shared_ptr<ThreadJob>& job) {
        ++busy;
        if (job->future().kind() == WaitOn::pool) announce_running(*job);
        if (own_threads) {
            std::weak_ptr<ThreadPoolState> self = weak_from_this();
            EventLoop* on = &loop;
            threads.emplace_back([job, self, on] {
                job->execute();
                try {
                    on->call_soon_threadsafe([job, self] {
                        if (auto pool = self.lock()) pool->own_thread_done(job);
                    });
                } catch (const RuntimeError&) {
                    // The loop closed meanwhile: nobody is left to hand the outcome to.
                }
            });
            return;
        }
        job->virtual_started = true;
        job->virtual_start_ns = loop.now_ns();
        job->end_seq = loop.reserve_timer_seq();
        // Otherwise the end is scheduled when the worker finishes; virtual time waits for
        // it meanwhile. (Only blocking work on the loop thread can move time past the end;
        // the timer then fires at the next pass, as an overdue sleep does.)
        if (job->real_done) schedule_end(job);
    }

    // The job leaves the queue for a worker: whoever awaits it now waits on a thread.
    void announce_running(ThreadJob& job) {
        FutureCore& future = job.future();
        future.set_kind(WaitOn::thread);
        Observer* observer = loop.observer();
        if (!observer) return;
        for (TaskCore* task : loop.all_tasks()) {
            if (task->waiting_on() != &future) continue;
            observer->task_suspended(
                WaitInfo{task->id(), task->get_name(), WaitOn::thread, future.detail(), no_task},
                loop.time());
        }
    }

    void schedule_end(const std::shared_ptr<ThreadJob>& job) {
        const double end = static_cast<double>(job->virtual_start_ns) / 1e9 + job->virtual_cost();
        loop.call_at(
            end, [self = shared_from_this(), job] { self->ended(job); }, job->end_seq);
    }

    void ended(const std::shared_ptr<ThreadJob>& job) {
        --busy;
        job->complete();
        while (busy < size && !waiting.empty()) {
            auto next = std::move(waiting.front());
            waiting.pop_front();
            start(next);
        }
    }
};

namespace {

thread_local ThreadJob* running_job = nullptr;

static_assert(sizeof(uv_work_t) <= sizeof(ThreadJob::request_storage) &&
                  alignof(uv_work_t) <= alignof(std::max_align_t),
              "ThreadJob::request_storage must hold a uv_work_t");

ThreadJob& job_of(uv_work_t* req) noexcept {
    return *static_cast<ThreadJob*>(req->data);
}

void work_on_worker(uv_work_t* req) {
    job_of(req).execute();
}

void after_work(uv_work_t* req, int status);

// Hands the job's request (its own storage) to libuv, which holds the job until after_work.
uv_work_t* queue_work(uv_loop_t* loop, const std::shared_ptr<ThreadJob>& job) {
    auto* req = new (job->request_storage) uv_work_t{};
    req->data = job.get();
    job->queued = job;
    const int rc = uv_queue_work(loop, req, work_on_worker, after_work);
    if (rc != 0) job->queued.reset();
    check_uv(rc, "uv_queue_work");
    return req;
}

// The worker is done with the job, or it never reached one (withdrawn).
void worker_done(std::shared_ptr<ThreadJob> job, bool ran) {
    job->request = nullptr;
    job->real_done = true;
    job->ran = ran;
    EventLoop& loop = job->loop();
    loop.external_work_finished(true);
    // A closing loop has destroyed the tasks that could have awaited this job.
    if (loop.is_closed()) return;
    if (job->clock() == ClockKind::virtual_time) {
        job->pool->real_work_done(job);
    } else {
        // One more hop, as Python's executor future reaches the loop through
        // call_soon_threadsafe: the awaiter resumes the pass after the result is set. The
        // ready queue's watcher item costs no allocation (child_done completes the job).
        ThreadPoolState::tell_at_next_pass(std::move(job));
    }
}

void after_work(uv_work_t* req, int status) {
    worker_done(std::move(job_of(req).queued), status == 0);
}

// The future ended; if it was cancelled, the call is no longer wanted.
void withdraw(ThreadJob& job) {
    if (!job.future().cancelled()) return;
    if (job.clock() == ClockKind::virtual_time || job.pool->own_threads) {
        // A job holding a worker runs on, as a running Python call does.
        if (!job.pool->withdraw(&job)) return;
        if (job.pool->own_threads) {
            job.loop().external_work_finished(true);  // it never reaches a thread
            return;
        }
    }
    if (job.in_batch) {
        job.withdrawn = true;  // flush() ends it without handing it to libuv
        return;
    }
    // Succeeds only if no worker has taken it yet; the after-work callback still comes.
    // UV_EBUSY says a worker has it already: it runs on, as above.
    if (!job.request) return;
    const int rc = uv_cancel(reinterpret_cast<uv_req_t*>(job.request));
    if (rc != UV_EBUSY) check_uv(rc, "uv_cancel");
}

}  // namespace

ThreadJob::ThreadJob(EventLoop& loop, FutureCore& future) noexcept
    : loop_(&loop), future_(&future), clock_(loop.clock()), speed_(loop.speed()) {}

void ThreadJob::execute() noexcept {
    running_job = this;
    invoke();
    running_job = nullptr;
}

void ThreadJob::complete() {
    // Cancelled awaiter: the outcome is dropped, as the executor's is.
    if (future_->done() || !ran) return;
    // Python's _chain_future put its cancel check first among the future's done callbacks:
    // it runs (and does nothing) at the pass the awaiter wakes in, just before the awaiter.
    ThreadPoolState::tell_at_next_pass(shared_from_this());
    deliver();
}

void ThreadJob::cancelling() {
    ThreadPoolState::tell_at_next_pass(shared_from_this());
}

void ThreadJob::child_done(FutureCore&) {
    // Either the hop after the worker (the future is still pending) or the cancel check (it
    // is done): complete() does nothing for the second, withdraw() nothing for the first.
    complete();
    withdraw(*this);
}

ThreadJob* current_thread_job() noexcept {
    return running_job;
}

void submit(std::shared_ptr<ThreadJob> job, std::shared_ptr<ThreadPoolState> pool) {
    EventLoop& loop = job->loop();
    if (loop.is_closed()) throw RuntimeError("Event loop is closed");
    job->pool = pool ? std::move(pool) : ThreadPoolState::default_of(loop);
    const bool own_thread = job->clock() == ClockKind::real && job->pool->own_threads;
    if (!own_thread) {
        job->in_batch = true;
        ThreadPoolState::default_of(loop)->batch.push_back(job);
    }
    // Until the job is over: virtual time must wait for the real call, and a task waiting
    // for it is not deadlocked.
    loop.external_work_started(true);
    if (job->clock() == ClockKind::virtual_time || own_thread) job->pool->submitted(job);
}

void ThreadPoolState::flush() {
    flushing.swap(batch);
    for (auto& job : flushing) {
        job->in_batch = false;
        if (job->withdrawn) {
            worker_done(std::move(job), false);
            continue;
        }
        try {
            job->request = queue_work(loop.uv(), job);
        } catch (...) {
            // libuv refused it: the awaiter gets the error instead of waiting forever.
            if (!job->future().done()) job->future().set_exception(std::current_exception());
            worker_done(std::move(job), false);
        }
    }
    flushing.clear();
}

std::shared_ptr<ThreadPoolState> make_executor_pool(EventLoop& loop, std::size_t max_workers) {
    return std::make_shared<ThreadPoolState>(loop, std::max<std::size_t>(max_workers, 1),
                                             loop.clock() == ClockKind::real);
}

void shut_down(ThreadPoolState& pool) noexcept {
    pool.join_threads();
    if (!pool.own_threads) return;
    // Jobs still queued never run (their awaiters gave up, or the loop is closing).
    for (std::size_t i = 0; i < pool.waiting.size(); ++i) pool.loop.external_work_finished(true);
    pool.waiting.clear();
}

}  // namespace detail

void EventLoop::flush_thread_jobs() {
    if (thread_pool_ && !thread_pool_->batch.empty()) thread_pool_->flush();
}

detail::ThreadPoolState& EventLoop::thread_pool_state() {
    if (!thread_pool_)
        thread_pool_ = std::make_shared<detail::ThreadPoolState>(*this, thread_pool_size(), false);
    return *thread_pool_;
}

}  // namespace asyncio
