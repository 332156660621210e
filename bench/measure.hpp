// Timing shared by the benchmarks: wall-clock milliseconds, a figure over several runs, and the
// one line per figure that bench/run.mjs collects into its table and bench/results/latest.json:
//   @figure {"id":…,"label":…,"unit":"ms","median":…,"min":…,"max":…,"p99":…,"runs":…,
//            "baseline":{"label":…,"median":…,"min":…,"max":…,"runs":…},"count":…,"per":"events"}
// (docs/performance.md). Everything else a benchmark prints is for people reading its log.
#pragma once
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace hearth::bench {

inline double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

struct Figure {
  double median = 0, min = 0, max = 0, p99 = 0;
  int runs = 0;
};

// Median, min, max and 99th percentile (nearest rank) of some samples.
inline Figure of_samples(std::vector<double> t) {
  if (t.empty()) return {};
  std::sort(t.begin(), t.end());
  const std::size_t rank99 = (t.size() * 99 + 99) / 100;  // ceil(0.99 n), 1-based
  return {t[t.size() / 2], t.front(), t.back(), t[std::min(t.size(), rank99) - 1], static_cast<int>(t.size())};
}

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
  return of_samples(std::move(t));
}

// A figure scaled by a constant (a per-item baseline times the item count).
inline Figure scaled(Figure f, double k) { return {f.median * k, f.min * k, f.max * k, f.p99 * k, f.runs}; }

inline std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) continue;
    out += c;
  }
  return out + "\"";
}

// A figure measured once (a size, a one-off time).
inline Figure once(double v) { return {v, v, v, v, 1}; }

inline std::string numbers(const Figure& f, bool p99) {
  char b[200];
  if (p99)
    std::snprintf(b, sizeof b, "\"median\":%.4f,\"min\":%.4f,\"max\":%.4f,\"p99\":%.4f,\"runs\":%d", f.median, f.min, f.max, f.p99, f.runs);
  else
    std::snprintf(b, sizeof b, "\"median\":%.4f,\"min\":%.4f,\"max\":%.4f,\"runs\":%d", f.median, f.min, f.max, f.runs);
  return b;
}

// One @figure line: FigureLine(id, label, value).baseline(label, figure).count(n, "events").print().
class FigureLine {
 public:
  FigureLine(std::string id, std::string label, Figure value, std::string unit = "ms")
      : id_(std::move(id)), label_(std::move(label)), unit_(std::move(unit)), value_(value) {}
  FigureLine& baseline(std::string label, Figure f) {
    baseline_label_ = std::move(label);
    baseline_ = f;
    return *this;
  }
  // what the figure processed, for a rate (events per second)
  FigureLine& count(std::uint64_t n, std::string per) {
    count_ = n;
    per_ = std::move(per);
    return *this;
  }
  FigureLine& with_p99() {
    p99_ = true;
    return *this;
  }
  void print() const {
    std::string line = "@figure {\"id\":" + json_string(id_) + ",\"label\":" + json_string(label_) + ",\"unit\":" + json_string(unit_) + "," +
                       numbers(value_, p99_);
    if (!baseline_label_.empty()) line += ",\"baseline\":{\"label\":" + json_string(baseline_label_) + "," + numbers(baseline_, p99_) + "}";
    if (count_) line += ",\"count\":" + std::to_string(count_) + ",\"per\":" + json_string(per_);
    std::printf("%s}\n", line.c_str());
    std::fflush(stdout);
  }

 private:
  std::string id_, label_, unit_, baseline_label_, per_;
  Figure value_, baseline_;
  std::uint64_t count_ = 0;
  bool p99_ = false;
};

}  // namespace hearth::bench
