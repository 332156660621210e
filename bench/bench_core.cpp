// bench_core [divisor]: the core's figures on the synthetic district (DistrictScale divided by
// `divisor`; 1 = the whole district: 1,000 enterprises, 100,000 workers, 500,000 completions,
// 100,000 health checks, 20,000 complaints), each beside its baseline.
//   generate: every record through decide + commit (validation, sealing, folding)
//   fold:     rebuild state from the stored event bytes   vs  decoding the same bytes only
//   snapshot: encode the folded workspace, restore it       vs  fold and decode above
//   memory:   heap held by the folded state (malloc statistics)
//   search:   search-as-you-type over all workers         vs  a bare linear scan of the names
//   rules:    KPIs for a year, credit grades of all enterprises
//   size:     stored bytes per event type
// Medians of several runs, with min and max, because the machine is shared and noisy.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <malloc.h>

#include "measures.hpp"
#include "rules.hpp"
#include "snapshot.hpp"
#include "measure.hpp"
#include "synthetic.hpp"
#include "workspace.hpp"

using namespace hearth;

namespace {
using bench::Figure;
using bench::measure;
using bench::ms_since;

void row(const char* name, Figure f, const char* base_name, Figure b) {
  std::printf("%-34s %9.2f ms (%.2f–%.2f)   %-28s %9.2f ms   ratio %.1f\n", name, f.median, f.min, f.max, base_name, b.median,
              b.median > 0 ? f.median / b.median : 0.0);
}
std::size_t heap_in_use() {
#ifdef __EMSCRIPTEN__
  return static_cast<std::size_t>(mallinfo().uordblks);
#else
  const auto m = mallinfo2();
  return m.uordblks + m.hblkhd;  // big blocks (a table's rows) may be mmapped, outside uordblks
#endif
}

const char* kEventNames[] = {"WorkerRegisteredV1", "WorkerRegistered", "EnterpriseRegistered", "RecordEditedV1", "EmploymentStarted",
                             "EmploymentEnded", "CourseCreated", "SessionScheduled", "Enrolled", "AttendanceRecorded",
                             "CompletionRecorded", "HealthCheckRecorded", "IdentityVerified", "LicenceIssued", "ContractRegistered",
                             "ComplaintFiled", "MediationStepRecorded", "ComplaintClosed", "CreditEventRecorded", "AssessmentRecorded",
                             "ServicePointOpened", "RevenueReported", "ProgressReported", "DeviceEnrolled", "DeviceRevoked", "RecordEdited",
                             "LicenceRevoked"};
static_assert(std::size(kEventNames) == std::variant_size_v<EventBody>);
}  // namespace

int main(int argc, char** argv) {
  const std::uint32_t divisor = argc > 1 ? static_cast<std::uint32_t>(std::atoi(argv[1])) : 1;
  const int runs = argc > 2 ? std::atoi(argv[2]) : 3;
  const DistrictScale scale = DistrictScale::divided_by(divisor);
  std::printf("bench_core: district / %u = %u enterprises, %u workers, %u completions, %u health checks, %u complaints\n", divisor,
              scale.enterprises, scale.workers, scale.completions, scale.health_checks, scale.complaints);

  // Each step keeps alive only what the app would have at that point (a big live heap makes
  // allocation slower): generating leaves the stored events, folding them leaves one
  // workspace, encoding it leaves the snapshot, and restoring leaves the workspace that the
  // search and rule figures then use.
  std::vector<StoredEvent> stored;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> by_type(std::variant_size_v<EventBody>);  // count, bytes
  const auto t0 = std::chrono::steady_clock::now();
  const GenerationReport gen = [&] {
    Workspace ws(DeviceId{0xBE});
    return generate_district(ws, 20201222, scale, [&](const SealedEvent& e) {
      stored.push_back({e.event.seq, e.bytes});
      auto& [count, bytes] = by_type[e.event.body.index()];
      ++count;
      bytes += e.bytes.size();
    });
  }();
  const double gen_ms = ms_since(t0);
  std::printf("generate (decide + seal + commit)   %9.0f ms for %llu events: %.2f µs per event; stored %.1f MiB\n", gen_ms,
              static_cast<unsigned long long>(gen.events), gen_ms * 1000 / static_cast<double>(gen.events),
              static_cast<double>(gen.stored_bytes) / 1048576.0);

  std::size_t heap_before = 0, heap_after = 0;
  std::vector<StoredEvent> input;  // what the store hands over, moved into load()
  std::optional<Workspace> folded;
  const Figure fold = measure(
      runs,
      [&] {
        Workspace w(DeviceId{0xBE});
        if (w.load(std::move(input)).events_loaded != gen.events) std::abort();
        heap_after = heap_in_use();
        folded.emplace(std::move(w));
      },
      [&] {
        folded.reset();
        heap_before = heap_in_use();  // load() frees the input as it goes: count from before it
        input = stored;
      });
  const Figure decode = measure(runs, [&] {
    for (const auto& s : stored) (void)decode_event(s.bytes);
  });
  row("fold all events into state", fold, "decode only", decode);
  std::printf("state in memory after fold          %9.1f MiB (heap in use; stored events %.1f MiB)\n",
              static_cast<double>(heap_after - heap_before) / 1048576.0, static_cast<double>(gen.stored_bytes) / 1048576.0);

  std::vector<std::uint8_t> snap;
  const Figure encode = measure(runs, [&] { snap = encode_snapshot(*folded); }, [&] { snap = {}; });
  stored = {};
  folded.reset();
  std::size_t heap_restored = 0;
  std::optional<std::variant<RestoredSnapshot, SnapshotProblem>> restored;
  const Figure restore = measure(
      runs,
      [&] {
        const std::size_t before = heap_in_use();
        restored.emplace(restore_snapshot(snap));
        if (!std::holds_alternative<RestoredSnapshot>(*restored)) std::abort();
        heap_restored = heap_in_use() - before;
      },
      [&] { restored.reset(); });
  const Figure checksum = measure(runs, [&] { (void)blake2b_256(snap); });
  std::printf("snapshot                            %9.1f MiB (%.1f bytes per event; state in memory after restore %.1f MiB)\n",
              static_cast<double>(snap.size()) / 1048576.0, static_cast<double>(snap.size()) / static_cast<double>(gen.events),
              static_cast<double>(heap_restored) / 1048576.0);
  row("encode snapshot", encode, "fold all events", fold);
  row("restore snapshot", restore, "fold all events", fold);
  row("restore snapshot ", restore, "decode only", decode);
  row("  of which checksum (BLAKE2b-256)", checksum, "restore snapshot", restore);

  const State& state = std::get<RestoredSnapshot>(*restored).workspace.state();
  std::vector<std::string> names;
  for (const auto& w : state.workers().rows()) names.push_back(w.name());
  std::size_t sink = 0;
  for (const char* q : {"张伟", "5001541985", "1388"}) {
    const Figure search = measure(21, [&] { sink += state.search_workers(q).size(); });
    const Figure scan = measure(21, [&] {
      for (const auto& nm : names) sink += nm.find(q) != std::string::npos;
    });
    const std::string label = std::string("search ") + std::to_string(names.size()) + " workers \"" + q + "\"";
    row(label.c_str(), search, "linear scan of names", scan);
  }

  const ProgrammeConfig& config = ProgrammeConfig::builtin();
  const Figure kpis = measure(runs, [&] { sink += programme_kpis(state, 2021, 0, config, MeasureRegistry::builtin()).size(); });
  const Figure count = measure(runs, [&] {
    for (const auto& k : state.completions().rows()) sink += k.passed && k.date.year == 2021;
  });
  row("KPIs for 2021 (whole district)", kpis, "count 2021 completions", count);
  const Figure credit = measure(runs, [&] {
    for (const auto& e : state.enterprises().rows()) sink += static_cast<std::size_t>(rate_credit(state, e.key, Date{2022, 12, 31}, config).score);
  });
  const Figure employee = measure(runs, [&] {
    for (const auto& e : state.enterprises().rows()) sink += employee_based(state, e.key, Date{2022, 12, 31}, config).held();
  });
  row("credit grade of every enterprise", credit, "员工制 test of every enterprise", employee);

  std::printf("\nstored size per event type (portable binary, before any compression)\n");
  for (std::size_t i = 0; i < by_type.size(); ++i)
    if (by_type[i].first)
      std::printf("  %-24s %9llu events %8.1f bytes each\n", kEventNames[i], static_cast<unsigned long long>(by_type[i].first),
                  static_cast<double>(by_type[i].second) / static_cast<double>(by_type[i].first));
  return sink == 0 ? 1 : 0;
}
