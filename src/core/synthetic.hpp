// A deterministic synthetic district: seeded, realistic Chinese names, valid ID numbers and
// credit codes, the 40 townships, plausible dates through the programme period. Everything
// it makes goes through Workspace::decide and commit, the same commands as user input, so
// a refused command is a bug here (it throws, naming the problem). It feeds the tests, the
// app's demo mode and bench/.
#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include "workspace.hpp"

namespace hearth {

struct DistrictScale {
  std::uint32_t enterprises = 1000;
  std::uint32_t workers = 100000;
  std::uint32_t completions = 500000;
  std::uint32_t health_checks = 100000;
  std::uint32_t complaints = 20000;
  // The whole district divided by `d` (at least a handful of each record).
  static DistrictScale divided_by(std::uint32_t d);
};

struct GenerationReport {
  std::uint64_t events = 0;
  std::uint64_t stored_bytes = 0;  // sum of the sealed events' sizes
};

// Fills `ws` (a fresh workspace) with a district. `sink` sees each sealed event as it is
// committed (to store it, or to measure it). Dates run from 2020-01 to 2022-12.
GenerationReport generate_district(Workspace& ws, std::uint64_t seed, const DistrictScale& scale,
                                   const std::function<void(const SealedEvent&)>& sink = {});

// The same small pseudo-random source the generator uses (splitmix64), for tests.
class SplitMix {
 public:
  explicit SplitMix(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::uint32_t below(std::uint32_t n) { return n ? static_cast<std::uint32_t>(next() % n) : 0; }
  bool chance(std::uint32_t per_mille) { return below(1000) < per_mille; }

 private:
  std::uint64_t s_;
};

}  // namespace hearth
