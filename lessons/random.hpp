#pragma once
// Seeded "random" numbers that the C++ lesson and its Python twin draw alike: splitmix64,
// the same generator as twin.seeded_delays(). A teacher who passes --set seed=7 gets the
// same delays in both languages and on every machine.
#include <cstdint>
#include <vector>

namespace lessons {

class SplitMix64 {
  public:
    explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }

  private:
    std::uint64_t state_;
};

// `count` delays in [min, max] seconds, in steps of a tenth of a second.
inline std::vector<double> seeded_delays(std::uint64_t seed, std::size_t count, double min,
                                         double max) {
    SplitMix64 rng(seed);
    const auto tenths = static_cast<std::uint64_t>((max - min) * 10 + 0.5) + 1;
    std::vector<double> delays;
    for (std::size_t i = 0; i < count; ++i)
        delays.push_back(min + static_cast<double>(rng.next() % tenths) / 10.0);
    return delays;
}

}  // namespace lessons
