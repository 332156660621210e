// bench_core [workers]: the core's figures on a synthetic register, each beside its baseline.
//   fold:   rebuild state from stored event bytes   vs  decoding the same bytes only
//   search: search-as-you-type over all workers      vs  a bare linear scan of the names
// Medians of several runs, with min and max, because the machine is shared and noisy.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "resident_id.hpp"
#include "workspace.hpp"

using namespace hearth;

namespace {
double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

struct Figure {
  double median, min, max;
};
Figure measure(int runs, const std::function<void()>& fn) {
  std::vector<double> t;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    fn();
    t.push_back(ms_since(t0));
  }
  std::sort(t.begin(), t.end());
  return {t[t.size() / 2], t.front(), t.back()};
}

void row(const char* name, Figure f, const char* base_name, Figure b) {
  std::printf("%-34s %9.2f ms (%.2f–%.2f)   %-28s %9.2f ms   ratio %.1f\n", name, f.median, f.min, f.max, base_name, b.median,
              b.median > 0 ? f.median / b.median : 0.0);
}
}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 20000;
  const char* surnames[] = {"张", "王", "李", "赵", "陈", "刘", "杨", "黄", "周", "吴"};
  const char* given[] = {"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟"};
  Workspace ws(DeviceId{0xBE});
  std::vector<std::vector<std::uint8_t>> stored;
  std::int64_t now = 1795924800000;
  for (int i = 0; i < n; ++i) {
    char first17[40];
    std::snprintf(first17, sizeof first17, "500154%04d%02d%02d%03d", 1960 + i % 45, 1 + i % 12, 1 + i % 28, i % 1000);
    std::string id = std::string(first17) + ResidentId::check_character(first17);
    // keep the ID unique across the whole run: vary the region's last three digits
    id[3] = static_cast<char>('0' + (i / 1000) % 10);
    id[4] = static_cast<char>('0' + (i / 10000) % 10);
    id[17] = ResidentId::check_character(std::string_view(id).substr(0, 17));
    const std::string name = std::string(surnames[i % 10]) + given[(i / 10) % 15] + (i % 3 ? given[(i / 150) % 15] : "");
    char mobile[24];
    std::snprintf(mobile, sizeof mobile, "138%08d", i);
    auto d = ws.decide(RegisterWorker{name, id, mobile, 500154001}, now += 1000);
    if (!d.accepted()) {
      std::fprintf(stderr, "generator produced an invalid worker %d: %s\n", i, d.problems[0].message.c_str());
      return 1;
    }
    stored.push_back(d.events[0].bytes);
    (void)ws.commit(d.events);
  }
  std::printf("bench_core: %d workers, %zu event bytes\n", n, [&] { std::size_t b = 0; for (auto& s : stored) b += s.size(); return b; }());

  const Figure fold = measure(5, [&] {
    Workspace w(DeviceId{0xBE});
    if (w.load(stored).events_loaded != static_cast<std::uint64_t>(n)) std::abort();
  });
  const Figure decode = measure(5, [&] {
    for (const auto& s : stored) (void)decode_event(s);
  });
  row("fold all events into state", fold, "decode only", decode);

  const State& state = ws.state();
  std::vector<std::string> names;
  for (const auto& w : state.workers()) names.push_back(w.name);
  std::size_t sink = 0;
  const Figure search = measure(21, [&] { sink += state.search_workers("张伟").size(); });
  const Figure scan = measure(21, [&] {
    for (const auto& nm : names) sink += nm.find("张伟") != std::string::npos;
  });
  row("search workers (\"张伟\")", search, "linear scan of names", scan);
  return sink == 0 ? 1 : 0;
}
