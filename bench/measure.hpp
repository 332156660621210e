// Timing shared by the benchmarks: wall-clock milliseconds, and a figure over several runs.
#pragma once
#include <algorithm>
#include <chrono>
#include <functional>
#include <vector>

namespace hearth::bench {

inline double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

struct Figure {
  double median, min, max;
};

// `untimed` runs before each run: to hand over fresh input, or to free the last run's result
// (tearing a big state down is not part of building it).
inline Figure measure(int runs, const std::function<void()>& fn, const std::function<void()>& untimed = {}) {
  std::vector<double> t;
  for (int i = 0; i < runs; ++i) {
    if (untimed) untimed();
    const auto t0 = std::chrono::steady_clock::now();
    fn();
    t.push_back(ms_since(t0));
  }
  std::sort(t.begin(), t.end());
  return {t[t.size() / 2], t.front(), t.back()};
}

}  // namespace hearth::bench
