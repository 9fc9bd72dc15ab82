#include "workloads.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <numeric>

#include "asyncio/asyncio.hpp"

extern char** environ;

namespace bench {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_between(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double>(b - a).count();
}

// splitmix64, as in py_bench.py: advance, then mix.
struct SplitMix64 {
    std::uint64_t x;
    std::uint64_t next() {
        x += 0x9E3779B97F4A7C15ULL;
        std::uint64_t z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
};

asyncio::Coroutine<> nothing() {
    co_return;
}

// --- W1
asyncio::Coroutine<> w1_sleeper(double delay) {
    co_await asyncio::sleep(delay);
}

asyncio::Coroutine<> w1_main(std::int64_t n, double delay, W1Result& r) {
    const auto t0 = Clock::now();
    std::vector<asyncio::Task<>> tasks;
    tasks.reserve(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) tasks.push_back(asyncio::create_task(w1_sleeper(delay)));
    const auto t1 = Clock::now();
    co_await asyncio::gather(std::move(tasks));
    const auto t2 = Clock::now();
    r.create_s = seconds_between(t0, t1);
    r.wall_s = seconds_between(t0, t2);
    r.overhead_s = r.wall_s - delay;
}

// --- W2
asyncio::Coroutine<> w2_worker(std::int64_t k) {
    for (std::int64_t i = 0; i < k; ++i) co_await asyncio::sleep(0);
}

asyncio::Coroutine<> w2_main(std::int64_t t, std::int64_t k, W2Result& r) {
    const auto t0 = Clock::now();
    std::vector<asyncio::Task<>> tasks;
    for (std::int64_t i = 0; i < t; ++i) tasks.push_back(asyncio::create_task(w2_worker(k)));
    co_await asyncio::gather(std::move(tasks));
    r.wall_s = seconds_between(t0, Clock::now());
    r.switches_per_s = static_cast<double>(t * k) / r.wall_s;
}

// --- W3
asyncio::Coroutine<> w3_worker(asyncio::Lock& lock, std::int64_t k, std::int64_t& count) {
    for (std::int64_t i = 0; i < k; ++i) {
        co_await lock.acquire();
        ++count;
        co_await asyncio::sleep(0);
        lock.release();
    }
}

asyncio::Coroutine<> w3_main(std::int64_t t, std::int64_t k, W3Result& r) {
    asyncio::Lock lock;
    const auto t0 = Clock::now();
    std::vector<asyncio::Task<>> tasks;
    for (std::int64_t i = 0; i < t; ++i)
        tasks.push_back(asyncio::create_task(w3_worker(lock, k, r.count)));
    co_await asyncio::gather(std::move(tasks));
    r.wall_s = seconds_between(t0, Clock::now());
    r.acq_per_s = static_cast<double>(t * k) / r.wall_s;
}

// --- W4
asyncio::Coroutine<std::int64_t> w4_producer(asyncio::Queue<std::int64_t>& q, std::int64_t n) {
    for (std::int64_t i = 0; i < n; ++i) co_await q.put(i);
    co_return 0;
}

asyncio::Coroutine<std::int64_t> w4_consumer(asyncio::Queue<std::int64_t>& q, std::int64_t n) {
    std::int64_t s = 0;
    for (std::int64_t i = 0; i < n; ++i) s += co_await q.get();
    co_return s;
}

asyncio::Coroutine<> w4_main(std::int64_t n, std::int64_t maxsize, W4Result& r) {
    asyncio::Queue<std::int64_t> q(static_cast<std::size_t>(maxsize));
    const auto t0 = Clock::now();
    std::vector<asyncio::Coroutine<std::int64_t>> both;
    both.push_back(w4_producer(q, n));
    both.push_back(w4_consumer(q, n));
    auto sums = co_await asyncio::gather(std::move(both));
    r.wall_s = seconds_between(t0, Clock::now());
    r.sum = sums[1];
    r.items_per_s = static_cast<double>(n) / r.wall_s;
}

// --- W5
int trivial() {
    return 1;
}

asyncio::Coroutine<> w5_one(asyncio::Semaphore& sem, std::int64_t& done) {
    co_await sem.acquire();
    try {
        done += co_await asyncio::to_thread(trivial);
    } catch (...) {
        sem.release();
        throw;
    }
    sem.release();
}

asyncio::Coroutine<> w5_main(std::int64_t n, std::int64_t conc, W5Result& r) {
    asyncio::Semaphore sem(static_cast<int>(conc));
    const auto t0 = Clock::now();
    std::vector<asyncio::Coroutine<>> calls;
    calls.reserve(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) calls.push_back(w5_one(sem, r.done));
    co_await asyncio::gather(std::move(calls));
    r.wall_s = seconds_between(t0, Clock::now());
    r.calls_per_s = static_cast<double>(n) / r.wall_s;
}

// --- W6
asyncio::Coroutine<> w6_sleeper(double delay_s, double& late_s) {
    const auto start = Clock::now();
    co_await asyncio::sleep(delay_s);
    late_s = seconds_between(start, Clock::now()) - delay_s;
}

asyncio::Coroutine<> w6_main(const std::vector<std::int64_t>& delays_ms, std::vector<double>& late,
                             W6Result& r) {
    const auto t0 = Clock::now();
    std::vector<asyncio::Task<>> tasks;
    for (std::size_t i = 0; i < delays_ms.size(); ++i)
        tasks.push_back(
            asyncio::create_task(w6_sleeper(static_cast<double>(delays_ms[i]) / 1000.0, late[i])));
    co_await asyncio::gather(std::move(tasks));
    r.wall_s = seconds_between(t0, Clock::now());
}

}  // namespace

long maxrss_kib() {
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

void empty_run() {
    asyncio::run(nothing());
}

W1Result w1(std::int64_t n, double delay_s) {
    W1Result r;
    empty_run();
    r.empty_maxrss_kib = maxrss_kib();
    asyncio::run(w1_main(n, delay_s, r));
    r.maxrss_kib = maxrss_kib();
    r.rss_per_task_bytes = n > 0 ? static_cast<double>(r.maxrss_kib - r.empty_maxrss_kib) * 1024.0 /
                                       static_cast<double>(n)
                                 : 0.0;
    return r;
}

W1Result w1_observed(std::int64_t n, double delay_s, asyncio::Observer& observer) {
    W1Result r;
    asyncio::RunOptions options;
    options.observer = &observer;
    asyncio::run(w1_main(n, delay_s, r), options);
    return r;
}

W2Result w2(std::int64_t tasks, std::int64_t k) {
    W2Result r;
    asyncio::run(w2_main(tasks, k, r));
    return r;
}

W3Result w3(std::int64_t tasks, std::int64_t k) {
    W3Result r;
    asyncio::run(w3_main(tasks, k, r));
    return r;
}

W4Result w4(std::int64_t n, std::int64_t maxsize) {
    W4Result r;
    asyncio::run(w4_main(n, maxsize, r));
    return r;
}

W5Result w5(std::int64_t n, std::int64_t conc) {
    W5Result r;
    r.pool_threads = static_cast<std::int64_t>(asyncio::thread_pool_size());
    asyncio::run(w5_main(n, conc, r));
    return r;
}

std::vector<std::int64_t> w6_delays_ms(std::int64_t count, std::int64_t maxms, std::uint64_t seed) {
    SplitMix64 g{seed};
    std::vector<std::int64_t> out;
    out.reserve(static_cast<std::size_t>(count));
    for (std::int64_t i = 0; i < count; ++i)
        out.push_back(static_cast<std::int64_t>(g.next() % static_cast<std::uint64_t>(maxms + 1)));
    return out;
}

double percentile(const std::vector<double>& sorted, double q) {
    if (sorted.empty()) return 0;
    const auto n = static_cast<double>(sorted.size());
    const auto k = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(q * n)));
    return sorted[std::min(k, sorted.size()) - 1];
}

W6Result w6(std::int64_t tasks, std::int64_t maxms, std::uint64_t seed) {
    W6Result r;
    const auto delays = w6_delays_ms(tasks, maxms, seed);
    std::vector<double> late(delays.size(), 0.0);
    asyncio::run(w6_main(delays, late, r));
    r.delay_sum_ms =
        static_cast<double>(std::accumulate(delays.begin(), delays.end(), std::int64_t{0}));
    std::vector<double> ms;
    ms.reserve(late.size());
    for (double x : late) ms.push_back(x * 1000.0);
    std::sort(ms.begin(), ms.end());
    if (!ms.empty()) {
        r.late_min_ms = ms.front();
        r.late_p50_ms = percentile(ms, 0.50);
        r.late_p99_ms = percentile(ms, 0.99);
        r.late_max_ms = ms.back();
        r.late_mean_ms =
            std::accumulate(ms.begin(), ms.end(), 0.0) / static_cast<double>(ms.size());
    }
    return r;
}

double process_startup_s(const std::vector<std::string>& argv, int repeats) {
    std::vector<double> times;
    for (int i = 0; i < repeats; ++i) {
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
        pid_t pid = 0;
        const auto t0 = Clock::now();
        const int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        if (rc != 0) return -1;
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0) {
            if (errno != EINTR) return -1;
        }
        const auto t1 = Clock::now();
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return -1;
        times.push_back(seconds_between(t0, t1));
    }
    if (times.empty()) return -1;
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

}  // namespace bench
