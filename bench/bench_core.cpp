// bench_core [divisor]: the core's figures on the synthetic district (DistrictScale divided by
// `divisor`; 1 = the whole district: 1,000 enterprises, 100,000 workers, 500,000 completions,
// 100,000 health checks, 20,000 complaints), each beside its baseline.
//   generate: every record through decide + commit (validation, sealing, folding)
//   fold:     rebuild state from the stored event bytes   vs  decoding the same bytes only
//   snapshot: encode the folded workspace, restore it       vs  fold and decode above
//   memory:   heap held by the folded state (malloc statistics)
//   register: build the worker register's table and search index  vs  copying the names
//   search:   search as you type over all workers, in the register and in a picker, each
//             keystroke of a name, ID digits and a phone number (median and p99 over
//             keystrokes)                                  vs  a bare linear scan of the names
//   rules:    KPIs for a year, the dashboard's figures, credit grades of all enterprises
//   size:     stored bytes per event type
// Medians of several runs, with min and max, because the machine is shared and noisy. Each
// figure is also printed as an @figure line (measure.hpp) for bench/run.mjs.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <malloc.h>

#include "catalog.hpp"
#include "measures.hpp"
#include "register_tables.hpp"
#include "rules.hpp"
#include "snapshot.hpp"
#include "measure.hpp"
#include "synthetic.hpp"
#include "text_table.hpp"
#include "workspace.hpp"
#include "yearly_report.hpp"

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
  bench::FigureLine("core.generate", "generate the district (decide + seal + commit each record)", bench::once(gen_ms))
      .count(gen.events, "events").print();
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
  bench::FigureLine("core.fold", "fold all events into state", fold)
      .baseline("bare deserialization of the same bytes", decode).count(gen.events, "events").print();
  const double state_mib = static_cast<double>(heap_after - heap_before) / 1048576.0;
  const double stored_mib = static_cast<double>(gen.stored_bytes) / 1048576.0;
  bench::FigureLine("core.state_memory", "state in memory after fold (heap in use)", bench::once(state_mib), "MiB")
      .baseline("the stored events it folds", bench::once(stored_mib)).print();
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
  bench::FigureLine("core.snapshot_encode", "encode a snapshot of the state", encode).baseline("fold all events into state", fold).print();
  bench::FigureLine("core.snapshot_restore", "restore the state from its snapshot", restore)
      .baseline("bare deserialization of all events", decode).print();

  const State& state = std::get<RestoredSnapshot>(*restored).workspace.state();
  std::vector<std::string> names;
  for (const auto& w : state.workers().rows()) names.push_back(w.name());
  std::size_t sink = 0;

  // The worker register as the screen holds it (register_tables.hpp), rebuilt after every save
  // in it, with the index its search box scans (text_table.hpp).
  const Catalog& zh = Catalog::builtin("zh-CN");
  std::optional<TextTable> table;
  std::optional<TableSearch> index;
  const Figure build = measure(
      runs,
      [&] {
        table.emplace(workers_table(state, Date{2022, 12, 31}, zh, false));
        index.emplace(*table);
      },
      [&] {
        index.reset();
        table.reset();
      });
  std::vector<std::string> copies;
  const Figure copy = measure(runs, [&] { copies = names; }, [&] { copies = {}; });
  copies = {};
  const std::string table_label = "build the worker register (" + std::to_string(table->size()) + " rows) and its search index";
  row(table_label.c_str(), build, "copy the names", copy);
  std::printf("%-34s %9.1f MiB of search index\n", "", static_cast<double>(index->bytes()) / 1048576.0);
  bench::FigureLine("core.register_build", table_label, build).baseline("copy the 100,000 names", copy).print();

  // Search as you type: every keystroke of a name, of ID digits and of a phone number is one
  // search over all workers; each figure is over keystrokes (median and p99), 20 rounds.
  //   register: what the worker register's search box does (chosen_rows over the index, in
  //             the register's order);
  //   picker:   what a worker picker and the training roll do (State::search_workers).
  // The first picker search after opening also sorts the workers once (newest first): timed apart.
  const std::vector<std::string> typed = {"张", "张伟", "5", "50", "500", "5001", "50015", "500154", "5001541", "50015419",
                                          "500154198", "5001541985", "1", "13", "138", "1388"};
  const double first_ms = [&] {
    const auto t = std::chrono::steady_clock::now();
    sink += state.search_workers("张").size();
    return ms_since(t);
  }();
  const std::vector<std::uint32_t> register_order = sorted_rows(*table, -1, false);
  std::vector<double> per_register, per_picker, per_scan;
  constexpr int kRounds = 20;  // 320 keystrokes: the p99 is the 4th slowest
  for (int r = 0; r < kRounds; ++r)
    for (const std::string& q : typed) {
      auto t = std::chrono::steady_clock::now();
      sink += chosen_rows(*table, *index, register_order, {q, {}, {}}).size();
      per_register.push_back(ms_since(t));
      t = std::chrono::steady_clock::now();
      sink += state.search_workers(q).size();
      per_picker.push_back(ms_since(t));
      t = std::chrono::steady_clock::now();
      for (const auto& nm : names) sink += nm.find(q) != std::string::npos;
      per_scan.push_back(ms_since(t));
    }
  const Figure in_register = bench::of_samples(per_register), in_picker = bench::of_samples(per_picker), scan = bench::of_samples(per_scan);
  const std::string n = std::to_string(names.size());
  const std::string register_label = "search as you type, worker register (" + n + " workers), per keystroke";
  const std::string picker_label = "search as you type, worker picker (" + n + " workers), per keystroke";
  row(register_label.c_str(), in_register, "linear scan of names", scan);
  row(picker_label.c_str(), in_picker, "linear scan of names", scan);
  std::printf("%-34s p99: register %.2f ms, picker %.2f ms, linear scan %.2f ms; the first picker search after opening %.1f ms\n", "",
              in_register.p99, in_picker.p99, scan.p99, first_ms);
  bench::FigureLine("core.search_register", register_label, in_register)
      .baseline("a linear scan of the names", scan).count(names.size(), "workers").with_p99().print();
  bench::FigureLine("core.search_picker", picker_label, in_picker)
      .baseline("a linear scan of the names", scan).count(names.size(), "workers").with_p99().print();
  bench::FigureLine("core.search_first", "the first picker search after opening (sorts the workers once)", bench::once(first_ms)).print();

  const ProgrammeConfig& config = ProgrammeConfig::builtin();
  const Figure kpis = measure(runs, [&] { sink += programme_kpis(state, 2021, 0, config, MeasureRegistry::builtin()).size(); });
  const Figure count = measure(runs, [&] {
    for (const auto& k : state.completions().rows()) sink += k.passed && k.date.year == 2021;
  });
  row("KPIs for 2021 (whole district)", kpis, "count 2021 completions", count);
  bench::FigureLine("core.kpis", "KPIs for a year, whole district", kpis).baseline("count the year's completions", count).print();
  // the dashboard recomputes all of it whenever the state changes (a save, a merge) while it is open
  const Figure dashboard = measure(runs, [&] { sink += dashboard_figures(state, 2021, 0, config, MeasureRegistry::builtin()).kpis.size(); });
  row("the dashboard's figures (2021)", dashboard, "count 2021 completions", count);
  bench::FigureLine("core.dashboard", "the dashboard's figures for a year (KPIs, by township, over the years)", dashboard)
      .baseline("count the year's completions", count).print();
  const Figure credit = measure(runs, [&] {
    for (const auto& e : state.enterprises().rows()) sink += static_cast<std::size_t>(rate_credit(state, e.key, Date{2022, 12, 31}, config).score);
  });
  const Figure employee = measure(runs, [&] {
    for (const auto& e : state.enterprises().rows()) sink += employee_based(state, e.key, Date{2022, 12, 31}, config).held();
  });
  row("credit grade of every enterprise", credit, "员工制 test of every enterprise", employee);
  bench::FigureLine("core.credit", "credit grade of every enterprise", credit)
      .baseline("the employee-based (员工制) test of every enterprise", employee).count(scale.enterprises, "enterprises").print();

  std::printf("\nstored size per event type (portable binary, before any compression)\n");
  for (std::size_t i = 0; i < by_type.size(); ++i)
    if (by_type[i].first)
      std::printf("  %-24s %9llu events %8.1f bytes each\n", kEventNames[i], static_cast<unsigned long long>(by_type[i].first),
                  static_cast<double>(by_type[i].second) / static_cast<double>(by_type[i].first));
  return sink == 0 ? 1 : 0;
}
