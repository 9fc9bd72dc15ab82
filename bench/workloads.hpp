#pragma once
// The benchmark workloads in C++, each the twin of one workload of py_bench.py (the asyncio
// side, which lives outside the repo: see bench/README.md). Same parameters, same
// definitions, same figures; times are std::chrono::steady_clock around the body, as
// py_bench.py takes time.perf_counter() around the body of main().
//
// Every workload runs in the calling thread on a fresh loop (asyncio::run, real clock).
#include <cstdint>
#include <string>
#include <vector>

namespace asyncio {
class Observer;
}

namespace bench {

// W1: N tasks that each await sleep(delay); gather. The RSS figure is ru_maxrss after the run
// minus ru_maxrss after an empty asyncio::run in the same process, per task (a high-water
// mark: run W1 before anything bigger, as `asyncdemo bench` does).
struct W1Result {
    double create_s = 0, wall_s = 0, overhead_s = 0;
    long maxrss_kib = 0, empty_maxrss_kib = 0;
    double rss_per_task_bytes = 0;
};
W1Result w1(std::int64_t n, double delay_s);
// W1 with an observer attached to the loop (`asyncdemo bench` attaches the timeline recorder,
// as a run of a lesson does): what watching a run costs, set against w1 detached. No RSS
// figures: the observer's own memory is what it keeps, not the tasks'.
W1Result w1_observed(std::int64_t n, double delay_s, asyncio::Observer& observer);

// W2: T tasks each doing K x `co_await sleep(0)`.
struct W2Result {
    double wall_s = 0, switches_per_s = 0;
};
W2Result w2(std::int64_t tasks, std::int64_t k);

// W3: T tasks each acquiring one Lock K times, sleep(0) inside; count must be T*K.
struct W3Result {
    double wall_s = 0, acq_per_s = 0;
    std::int64_t count = 0;
};
W3Result w3(std::int64_t tasks, std::int64_t k);

// W4: 1 producer -> Queue(maxsize) -> 1 consumer, the ints 0..N-1; sum must be N(N-1)/2.
struct W4Result {
    double wall_s = 0, items_per_s = 0;
    std::int64_t sum = 0;
};
W4Result w4(std::int64_t n, std::int64_t maxsize);

// W5: N x `co_await to_thread(trivial)`, conc at a time (Semaphore).
struct W5Result {
    double wall_s = 0, calls_per_s = 0;
    std::int64_t done = 0;
    std::int64_t pool_threads = 0;
};
W5Result w5(std::int64_t n, std::int64_t conc);

// W6: T tasks each sleeping splitmix64(seed) % (maxms+1) ms; lateness = wake time - (time
// just before the sleep + delay), on the real (steady) clock, in ms.
struct W6Result {
    double wall_s = 0, delay_sum_ms = 0;
    double late_min_ms = 0, late_p50_ms = 0, late_p99_ms = 0, late_max_ms = 0, late_mean_ms = 0;
};
W6Result w6(std::int64_t tasks, std::int64_t maxms, std::uint64_t seed);

// The delays W6 uses: the first `count` values of splitmix64(seed), each % (maxms+1).
std::vector<std::int64_t> w6_delays_ms(std::int64_t count, std::int64_t maxms, std::uint64_t seed);

// Nearest-rank percentile of sorted values (py_bench.py's pct).
double percentile(const std::vector<double>& sorted, double q);

// asyncio::run of an empty coroutine: the floor of W1 and the body of W7's child process.
void empty_run();

// W7: start-up of a whole process, `argv` (argv[0] a path), stdout and stderr to /dev/null;
// the median wall time over `repeats` runs, in seconds. Negative when it could not start or
// did not exit 0.
double process_startup_s(const std::vector<std::string>& argv, int repeats);

// getrusage(RUSAGE_SELF).ru_maxrss (KiB on Linux).
long maxrss_kib();

}  // namespace bench
