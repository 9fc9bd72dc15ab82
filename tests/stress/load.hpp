#pragma once
// What the load tests share: the size each runs at, and their figures. A test runs at its
// reduced size (the `stress` label, also under ASan in CI: a few seconds each); with
// LOAD_FULL=1 in the environment the same test runs at issue 11's full size and prints its
// figures, which README.md's "Load" table reports:
//
//     LOAD_FULL=1 build/tests/stress_tests -tc='load:*'
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "random.hpp"

namespace load {

inline bool full_size() {
    const char* full = std::getenv("LOAD_FULL");
    return full && std::string(full) == "1";
}

// `reduced` normally, `full` under LOAD_FULL=1.
inline long size(long reduced, long full) {
    return full_size() ? full : reduced;
}

// Wall-clock seconds since construction, on the steady clock.
class Stopwatch {
  public:
    double seconds() const {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    }

  private:
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

// One line per case on stderr: "load <case> n=<size> <seconds> s <more>".
inline void report(const char* name, long n, double seconds, const std::string& more = {}) {
    std::fprintf(stderr, "load %s n=%ld %.3f s%s%s\n", name, n, seconds, more.empty() ? "" : " ",
                 more.c_str());
}

// In [0, n), from the lessons' seeded generator: the same choices for the same seed.
inline long below(lessons::SplitMix64& random, long n) {
    return static_cast<long>(random.next() % static_cast<std::uint64_t>(n));
}

}  // namespace load
