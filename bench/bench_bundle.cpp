// bench_bundle [events] [runs]: signed data bundles (bundle.hpp, merge.hpp), each figure beside
// a baseline measured in the same run. Defaults: 10,000 events, 3 runs; `bench_bundle 1000 1`
// is the small mode scripts/test runs.
//   (a) ONE bundle of `events` events from one device;
//   (b) 100 bundles of events/100 events each: 10 devices, 10 contiguous bundles per device.
// For each: export (make_bundle, sealed), verify (open_bundle: unseal, certificate and bundle
// signatures, events digest, each event's hash chain), merge (a district Workspace's
// plan_import + commit_import of the whole batch; for (b) also one file per import in
// shuffled order, so that some wait for a gap and are released later).
// Baselines: bare crypto_sign_verify_detached over a message the size of a bundle header, bare
// BLAKE2b-256 over the events section; "bare" for a case is one of each per bundle, and the
// ratio is verify time / that; for reference, the box opening and the per-event decode + hash
// that verify also does. Median, best and worst of the runs; an @figure line (measure.hpp) per
// figure for bench/run.mjs, each beside the bare signature + digest work of the same bundles.
// The devices' events come from the synthetic district generator, one district per device.
// Their certificates have the District role: a township or trainer may not record every
// event type the generator makes (role_may_write), and the merge refuses only the district's
// OWN device id, so another device enrolled as District may bring everything.
#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "bundle.hpp"
#include "merge.hpp"
#include "measure.hpp"
#include "synthetic.hpp"
#include "workspace.hpp"

using namespace hearth;

namespace {
using bench::Figure;
using bench::measure;
using bench::ms_since;

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "bench_bundle: %s\n", what.c_str());
  std::exit(2);
}

constexpr std::int64_t kNow = 1795953600000;  // 2026-11-29 12:00 UTC: when the bundles are made and merged
constexpr int kDevices = 10, kBundlesPerDevice = 10;

Seed seed_of(std::uint8_t tag, std::uint8_t i) {
  Seed s{};
  s.fill(tag);
  s[0] = i;
  return s;
}

struct Device {
  DeviceKeys keys;
  Certificate cert;
  std::vector<StoredEvent> stored;  // seq 1…, bytes as stored
  std::vector<Hash256> hashes;      // [i] is the hash of stored[i]
};

// A device enrolled with the district, with at least `need` events of its own synthetic district.
Device make_device(const DeviceKeys& district, std::uint8_t n, std::size_t need) {
  DeviceId id{};
  id.fill(n);
  Device d{DeviceKeys{id, DeviceRole::District, SigningKey::from_seed(seed_of(0x51, n)), BoxKey::from_seed(seed_of(0xB0, n))}, {}, {}, {}};
  const EnrolmentRequest q = make_request(d.keys, DeviceUnit{DeviceRole::District, 0, "", "bench " + std::to_string(n)}, kNow - 86400000);
  d.cert = issue_certificate(district, q, n, kNow - 86400000);
  // The whole district is about 1.2 million events; divide it to get a little more than needed.
  for (auto divisor = static_cast<std::uint32_t>(std::max<std::size_t>(1, 1'200'000 / std::max<std::size_t>(need, 1)));;
       divisor = std::max(1u, divisor / 2)) {
    d.stored.clear();
    d.hashes.clear();
    Workspace ws(id);
    generate_district(ws, 20201222 + n, DistrictScale::divided_by(divisor), [&](const SealedEvent& e) {
      if (d.stored.size() >= need) return;
      d.stored.push_back({e.event.seq, e.bytes});
      d.hashes.push_back(e.hash);
    });
    if (d.stored.size() >= need) break;
    if (divisor == 1) fail("the whole synthetic district has fewer than " + std::to_string(need) + " events");
  }
  return d;
}

struct Bundle {
  std::string name;
  Bytes sealed;
  std::size_t events = 0;
  std::size_t header_bytes = 0;  // signed header (what the signature covers)
  std::size_t section_bytes = 0; // the events section (what the digest covers)
};

Bytes bundle_of(const Device& d, std::size_t from, std::size_t count, bool seal, const Seed& eph) {
  const Hash256 prev = from == 0 ? Hash256{} : d.hashes[from - 1];
  return make_bundle(d.keys, d.cert, std::span(d.stored).subspan(from, count), prev, kNow, seal, eph);
}

struct Case {
  const char* key;    // "a" / "b", for the figures' ids
  std::string title;
  std::vector<const Device*> device_of;  // per bundle
  std::vector<std::pair<std::size_t, std::size_t>> range;  // per bundle: first index, count
  std::vector<Bundle> bundles;
  std::size_t events = 0, sealed_bytes = 0, header_bytes = 0, section_bytes = 0;
};

void add_bundle(Case& c, const Device& d, std::size_t from, std::size_t count) {
  c.device_of.push_back(&d);
  c.range.emplace_back(from, count);
  Bundle b;
  const Seed eph = seed_of(0xE0, static_cast<std::uint8_t>(c.bundles.size()));
  b.name = bundle_file_name(d.cert, from + 1, from + count, kNow, "");
  b.sealed = bundle_of(d, from, count, true, eph);
  b.events = count;
  for (std::size_t i = from; i < from + count; ++i) b.section_bytes += 4 + d.stored[i].bytes.size();
  b.header_bytes = bundle_of(d, from, count, false, eph).size() - 64 - b.section_bytes;
  c.events += count;
  c.sealed_bytes += b.sealed.size();
  c.header_bytes += b.header_bytes;
  c.section_bytes += b.section_bytes;
  c.bundles.push_back(std::move(b));
}

// The baseline of every figure of a case: one bare signature verify per bundle and one BLAKE2b
// pass over its events section, from the rates measured in the same run (min from the best
// rates, max from the worst).
struct Bare {
  Figure sig;            // one crypto_sign_verify_detached, ms
  Figure hash_per_byte;  // BLAKE2b-256, ms per byte
  Figure of(const Case& c) const {
    const double n = static_cast<double>(c.bundles.size()), bytes = static_cast<double>(c.section_bytes);
    return {sig.median * n + hash_per_byte.median * bytes, sig.min * n + hash_per_byte.min * bytes, sig.max * n + hash_per_byte.max * bytes,
            0, sig.runs};
  }
};

void row(const Case& c, const char* what, const char* label, Figure f, const Bare& bare, const std::string& extra = "") {
  const double per_s = f.median > 0 ? static_cast<double>(c.events) * 1000 / f.median : 0;
  const double best_per_s = f.min > 0 ? static_cast<double>(c.events) * 1000 / f.min : 0;
  std::printf("  %-8s %-48s median %9.2f ms  best %9.2f ms  %11.0f events/s (best %.0f)%s\n", what, label, f.median, f.min, per_s,
              best_per_s, extra.c_str());
  const std::string title = c.bundles.size() == 1 ? "one bundle of " + std::to_string(c.events) + " events"
                                                  : std::to_string(c.bundles.size()) + " bundles, " + std::to_string(c.events) + " events";
  bench::FigureLine(std::string("bundle.") + c.key + "." + what, std::string(what) + ", " + title + ": " + label, f)
      .baseline("bare Ed25519 verify of the same signatures + BLAKE2b of the same events", bare.of(c)).count(c.events, "events").print();
}

DistrictTrust trust_of(const DeviceKeys& district) { return DistrictTrust{district.sign.public_key, &district.box, district.device}; }

std::vector<ImportInput> inputs_of(const Case& c, const std::vector<std::size_t>& order) {
  std::vector<ImportInput> in;
  for (std::size_t i : order) in.push_back({c.bundles[i].name, c.bundles[i].sealed});
  return in;
}

// Everything merged, nothing held: what the district must hold after importing case `c`.
void check_merged(const Workspace& ws, const Case& c) {
  if (ws.inbox().received_events() != c.events || !ws.inbox().held().empty())
    fail(std::string("case ") + c.key + ": the district holds " + std::to_string(ws.inbox().received_events()) + " events and " +
         std::to_string(ws.inbox().held().size()) + " held bundles after merging " + std::to_string(c.events) + " events");
}

void run_case(Case& c, const DeviceKeys& district, int runs, const Bare& bare_of) {
  std::printf("\n(%s) %s: %zu events, %.2f MiB sealed (%.0f bytes per event; header %zu bytes per bundle)\n", c.key, c.title.c_str(), c.events,
              static_cast<double>(c.sealed_bytes) / 1048576.0, static_cast<double>(c.sealed_bytes) / static_cast<double>(c.events),
              c.header_bytes / c.bundles.size());
  const DistrictTrust trust = trust_of(district);

  std::vector<Bytes> made;
  const Figure exported = measure(
      runs,
      [&] {
        for (std::size_t i = 0; i < c.bundles.size(); ++i)
          made.push_back(bundle_of(*c.device_of[i], c.range[i].first, c.range[i].second, true, seed_of(0xE0, static_cast<std::uint8_t>(i))));
      },
      [&] { made.clear(); });
  if (made.size() != c.bundles.size() || made.front().size() != c.bundles.front().sealed.size()) fail("make_bundle differs between runs");
  made.clear();
  row(c, "export", "make_bundle (sealed)", exported, bare_of);

  std::vector<OpenedBundle> opened;
  const Figure verified = measure(
      runs,
      [&] {
        for (const Bundle& b : c.bundles) {
          auto r = open_bundle(b.sealed, &district.box);
          if (auto* p = std::get_if<TrustProblem>(&r)) fail(b.name + " does not open: " + p->message + " " + p->detail);
          opened.push_back(std::move(std::get<OpenedBundle>(r)));
        }
      },
      [&] { opened.clear(); });
  opened.clear();
  // One signature and one hash over its events section per bundle, from the baselines' rates.
  const double bare = bare_of.of(c).median;
  char ratio[160];
  std::snprintf(ratio, sizeof ratio, "   bare sig+hash %.2f ms, ratio %.1f (best %.1f)", bare, verified.median / bare, verified.min / bare);
  row(c, "verify", "open_bundle (unseal, signatures, digest, chain)", verified, bare_of, ratio);

  std::vector<std::size_t> in_order(c.bundles.size());
  for (std::size_t i = 0; i < in_order.size(); ++i) in_order[i] = i;
  std::vector<std::size_t> shuffled = in_order;
  SplitMix r(7);
  for (std::size_t i = shuffled.size(); i > 1; --i) std::swap(shuffled[i - 1], shuffled[r.below(static_cast<std::uint32_t>(i))]);

  std::optional<Workspace> ws;
  std::vector<ImportInput> inputs;
  const Figure merged = measure(
      runs,
      [&] {
        const ImportPlan plan = ws->plan_import(std::move(inputs), trust, kNow);
        for (const ImportResult& res : plan.results)
          if (res.outcome != ImportOutcome::Merged) fail(res.name + " not merged: " + res.problem.message + " " + res.problem.detail);
        ws->commit_import(plan, kNow);
      },
      [&] {
        ws.reset();
        ws.emplace(district.device);
        inputs = inputs_of(c, shuffled);
      });
  check_merged(*ws, c);
  char merge_ratio[80];
  std::snprintf(merge_ratio, sizeof merge_ratio, "   merge / verify %.1f", merged.median / verified.median);
  row(c, "merge", c.bundles.size() == 1 ? "plan_import + commit_import" : "plan_import + commit_import, one batch", merged, bare_of,
      merge_ratio);

  if (c.bundles.size() > 1) {
    std::size_t held_at_most = 0;
    const Figure one_by_one = measure(
        runs,
        [&] {
          for (ImportInput& in : inputs) {
            std::vector<ImportInput> one;
            one.push_back(std::move(in));
            const ImportPlan plan = ws->plan_import(std::move(one), trust, kNow);
            const ImportOutcome o = plan.results.front().outcome;
            if (o != ImportOutcome::Merged && o != ImportOutcome::Held)
              fail(plan.results.front().name + " neither merged nor held: " + plan.results.front().problem.message);
            ws->commit_import(plan, kNow);
            held_at_most = std::max(held_at_most, ws->inbox().held().size());
          }
        },
        [&] {
          ws.reset();
          ws.emplace(district.device);
          inputs = inputs_of(c, shuffled);
        });
    check_merged(*ws, c);
    char extra[80];
    std::snprintf(extra, sizeof extra, "   (up to %zu held at once)", held_at_most);
    row(c, "merge1", "the same, one file per import, shuffled", one_by_one, bare_of, extra);
  }
}
}  // namespace

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? static_cast<std::size_t>(std::max(100, std::atoi(argv[1]))) : 10000;
  const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  const std::size_t per_bundle = n / (kDevices * kBundlesPerDevice);
  if (sodium_init() < 0) fail("libsodium failed to initialise");
  std::printf("bench_bundle: (a) 1 bundle of %zu events; (b) %d bundles of %zu events from %d devices; %d runs\n", n,
              kDevices * kBundlesPerDevice, per_bundle, kDevices, runs);

  const DeviceKeys district{DeviceId{0xD0}, DeviceRole::District, SigningKey::from_seed(seed_of(0x5D, 0)), BoxKey::from_seed(seed_of(0xBD, 0))};
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<Device> devices;
  devices.reserve(kDevices);
  for (int i = 0; i < kDevices; ++i)
    devices.push_back(make_device(district, static_cast<std::uint8_t>(i + 1), i == 0 ? n : per_bundle * kBundlesPerDevice));
  Case a{"a", "one bundle", {}, {}, {}, 0, 0, 0, 0};
  add_bundle(a, devices[0], 0, n);
  Case b{"b", std::to_string(kDevices * kBundlesPerDevice) + " bundles from " + std::to_string(kDevices) + " devices", {}, {}, {}, 0, 0, 0, 0};
  for (int j = 0; j < kBundlesPerDevice; ++j)
    for (const Device& d : devices) add_bundle(b, d, static_cast<std::size_t>(j) * per_bundle, per_bundle);
  std::printf("inputs (synthetic districts, keys, certificates, bundles) made in %.0f ms\n", ms_since(t0));

  // ---- baselines ----
  // The signature over a message the size of a bundle header (the real header and signature).
  const Device& d0 = devices[0];
  const Bytes inner = bundle_of(d0, 0, n, false, Seed{});
  const std::size_t header_len = a.bundles[0].header_bytes;
  const std::span<const std::uint8_t> header(inner.data(), header_len);
  const std::uint8_t* sig = inner.data() + header_len;
  const std::span<const std::uint8_t> section(inner.data() + header_len + 64, inner.size() - header_len - 64);
  constexpr int kSigs = 500;
  int bad = 0;
  const Figure sigs = measure(runs, [&] {
    for (int i = 0; i < kSigs; ++i) bad += crypto_sign_verify_detached(sig, header.data(), header.size(), d0.keys.sign.public_key.data()) != 0;
  });
  if (bad) fail("the bundle's signature does not verify");
  // BLAKE2b-256 over the big bundle's events section, repeated to about 16 MB per run.
  const int passes = static_cast<int>(std::max<std::size_t>(1, (16u << 20) / section.size()));
  std::uint8_t sink = 0;
  const Figure hashes = measure(runs, [&] {
    for (int i = 0; i < passes; ++i) sink ^= blake2b_256(section)[0];
  });
  const double mb_s = static_cast<double>(section.size()) * passes / 1e6 / (hashes.median / 1000);
  const double best_mb_s = static_cast<double>(section.size()) * passes / 1e6 / (hashes.min / 1000);
  std::printf("\nbaselines\n");
  std::printf("  crypto_sign_verify_detached, %zu-byte message   %9.0f per second (best %.0f), %.1f µs each\n", header_len,
              kSigs * 1000 / sigs.median, kSigs * 1000 / sigs.min, sigs.median / kSigs * 1000);
  std::printf("  BLAKE2b-256 over the events section (%.2f MiB)   %9.1f MB/s (best %.1f)\n",
              static_cast<double>(section.size()) / 1048576.0, mb_s, best_mb_s);
  // Not in the ratio, but what explains most of it: the rest of open_bundle's work, bare.
  const Figure unsealed = measure(runs, [&] {
    if (!open_sealed(district.box, std::span(a.bundles[0].sealed).subspan(42))) fail("the sealed box does not open");
  });
  std::vector<SealedEvent> decoded;
  const Figure per_event = measure(
      runs,
      [&] {
        for (std::size_t i = 0; i < n; ++i) decoded.push_back(unseal(d0.stored[i].bytes));
      },
      [&] { decoded.clear(); });
  decoded.clear();
  std::printf("  crypto_box_seal_open of the one bundle (%.2f MiB) %9.2f ms (best %.2f)\n", static_cast<double>(a.sealed_bytes) / 1048576.0,
              unsealed.median, unsealed.min);
  std::printf("  unseal() each event: decode + BLAKE2b          %9.0f events/s (best %.0f)\n", static_cast<double>(n) * 1000 / per_event.median,
              static_cast<double>(n) * 1000 / per_event.min);
  const Bare bare{bench::scaled(sigs, 1.0 / kSigs), bench::scaled(hashes, 1.0 / passes / static_cast<double>(section.size()))};
  run_case(a, district, runs, bare);
  run_case(b, district, runs, bare);
  volatile std::uint8_t keep = sink;  // the hashes are used
  (void)keep;
  return 0;
}
