// libFuzzer target for everything that reads a file a person brings to Hearth: bundles
// (sealed or not), certificates, requests, receipts, key files, text codes, and the district
// merge that plans them. Built with clang, AddressSanitizer and UndefinedBehaviorSanitizer by
// scripts/fuzz (docs/testing.md); the seed corpus comes from tests/interop/make_sample_bundle.
//
// The first byte of an input chooses how the rest is used:
//   0 (and 3) raw     the bytes as a file: every parser, and Inbox::plan with a district
//                     that already holds events 1–4 of the sample device and a held bundle.
//   1 signed          flags, then a bundle header's fields (u64 first, u64 last, u32 count,
//                     prev[32], last_hash[32], i64 created_ms), then an events section; this
//                     target signs it with the sample device's key (and seals it), so
//                     mutations reach what only a signed bundle reaches: event decoding,
//                     numbering, the chain and the merge.
//   2 merge           a scenario of three-byte operations over two versions of one device's
//                     ledger (bundles of any range, sealed or not, revocation, foreign and
//                     expired bundles, plan and commit), checking the merge's promises after
//                     every commit: a contiguous chain, nothing past a revocation, a second
//                     plan of the same files changes nothing, arrival order does not matter.
// A broken promise aborts with a message, so libFuzzer keeps the input as a crash.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <tuple>

#include "merge.hpp"
#include "sample_keys.hpp"
#include "state.hpp"

using namespace hearth;

namespace {

#define FUZZ_CHECK(cond, ...)                                              \
  do {                                                                     \
    if (!(cond)) {                                                         \
      std::fprintf(stderr, "fuzz_bundle: broken promise: %s: ", #cond);   \
      std::fprintf(stderr, __VA_ARGS__);                                   \
      std::fprintf(stderr, "\n");                                          \
      std::abort();                                                        \
    }                                                                      \
  } while (0)

constexpr std::int64_t kNow = sample::kNowMs + 2 * 3600000;
constexpr std::size_t kLedgerLength = 30, kShared = 10;

struct World {
  DeviceKeys district = sample::district();
  DeviceKeys device = sample::device();
  DeviceKeys township = [] {
    DeviceKeys k = sample::device();
    k.role = DeviceRole::Township;
    return k;
  }();
  Certificate cert = sample::device_certificate();
  Certificate township_cert = sample::certificate_for(sample::district(), township, "渠口镇 1号平板", 3);
  Certificate foreign_cert = sample::certificate_for(sample::other_district(), sample::device(), "区联席办 2号电脑", 2);
  Certificate own_cert = self_certificate(sample::district(), "区联席办", sample::kNowMs);
  DistrictTrust trust{district.sign.public_key, &district.box, district.device};
  std::vector<SealedEvent> a, b;  // two versions of the device's ledger: the same events 1–10, then different ones
  std::vector<SealedEvent> own;   // the district's own ledger
  State state;                    // for raw and signed inputs: nothing enrolled or revoked
  Inbox inbox;                    // for raw and signed inputs: holds events 1–4 and a bundle of 10–12 waiting

  World() {
    Ledger la(device.device), lb(device.device), lo(district.device);
    for (std::size_t i = 1; i <= kLedgerLength; ++i) {
      const std::string n = std::to_string(i);
      a.push_back(la.next(WorkerRegisteredV1{"甲" + n, "50015419900101" + n, "1381234" + n, 500154001}, sample::kNowMs + 1000 * i));
      la.append(a.back());
      if (i <= kShared) {
        lb.append(a.back());
        b.push_back(a.back());
      } else {
        b.push_back(lb.next(WorkerRegisteredV1{"乙" + n, "50015419900101" + n, "1391234" + n, 500154002}, sample::kNowMs + 1000 * i));
        lb.append(b.back());
      }
      own.push_back(lo.next(WorkerRegisteredV1{"丙" + n, "50015419900101" + n, "1371234" + n, 500154003}, sample::kNowMs + 1000 * i));
      lo.append(own.back());
    }
    const ImportPlan p = inbox.plan({{"1-4", bundle(a, 1, 4, false)}, {"10-12", bundle(a, 10, 12, true)}}, state, trust, kNow);
    FUZZ_CHECK(p.to_store.size() == 4 && p.to_hold.size() == 1, "setting up the inbox");
    inbox.commit(p, kNow);
  }

  // Made once each (signing and sealing cost more than anything else here).
  const Bytes& bundle(const std::vector<SealedEvent>& ledger, std::uint64_t first, std::uint64_t last, bool sealed,
                      const Certificate* c = nullptr, std::int64_t made = kNow, const DeviceKeys* keys = nullptr) const {
    const auto key = std::make_tuple(ledger.data(), first, last, sealed, c, made);
    auto it = cache.find(key);
    if (it == cache.end()) it = cache.emplace(key, make(ledger, first, last, sealed, c, made, keys)).first;
    return it->second;
  }
  mutable std::map<std::tuple<const SealedEvent*, std::uint64_t, std::uint64_t, bool, const Certificate*, std::int64_t>, Bytes> cache;

  Bytes make(const std::vector<SealedEvent>& ledger, std::uint64_t first, std::uint64_t last, bool sealed, const Certificate* c,
             std::int64_t made, const DeviceKeys* keys) const {
    const auto part = sample::stored(std::vector<SealedEvent>(ledger.begin() + static_cast<std::ptrdiff_t>(first - 1),
                                                              ledger.begin() + static_cast<std::ptrdiff_t>(last)));
    const Hash256 prev = first == 1 ? Hash256{} : ledger[first - 2].hash;
    return make_bundle(keys ? *keys : device, c ? *c : cert, part, prev, made, sealed, sample::seed(static_cast<std::uint8_t>(first * 7 + last)));
  }
};

World& world() {
  static World w;
  return w;
}

// ---- 0: raw bytes -------------------------------------------------------------------------
void raw(std::span<const std::uint8_t> in) {
  const World& w = world();
  (void)file_kind(in);
  (void)peek_bundle(in);
  (void)open_bundle(in, nullptr);
  if (auto opened = open_bundle(in, &w.district.box); auto* b = std::get_if<OpenedBundle>(&opened)) {
    FUZZ_CHECK(b->events.size() == b->header.count, "%zu events, count %u", b->events.size(), b->header.count);
    FUZZ_CHECK(b->events.back().hash == b->header.last_hash, "last hash");
  }
  (void)Certificate::decode(in);
  (void)EnrolmentRequest::decode(in);
  (void)Receipt::decode(in);
  if (auto key = KeyFile::decode(in); auto* k = std::get_if<KeyFile>(&key)) {
    const KdfCost cheap = KdfCost::for_tests();  // Argon2id at any other cost is too slow to fuzz
    if (k->cost.opslimit == cheap.opslimit && k->cost.memlimit == cheap.memlimit) (void)unlock_key_file(*k, "sample passphrase");
  }
  (void)parse_request(in);
  (void)parse_certificate(in);
  const ImportPlan plan = w.inbox.plan({{"fuzz", Bytes(in.begin(), in.end())}}, w.state, w.trust, kNow);
  FUZZ_CHECK(plan.results.size() == 1, "one result per input");
}

// ---- 1: signed by this target ---------------------------------------------------------------
struct Fields {
  std::uint8_t flags = 0;
  std::uint64_t first = 0, last = 0;
  std::uint32_t count = 0;
  Hash256 prev{}, last_hash{};
  std::int64_t created = 0;
  Bytes section;
};

Fields read_fields(std::span<const std::uint8_t> in) {
  Bytes head(in.begin(), in.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(in.size(), 93)));
  head.resize(93, 0);
  ByteReader r(head);
  Fields f;
  f.flags = r.le<std::uint8_t>();
  f.first = r.le<std::uint64_t>();
  f.last = r.le<std::uint64_t>();
  f.count = r.le<std::uint32_t>();
  f.prev = r.fixed<32>();
  f.last_hash = r.fixed<32>();
  f.created = r.le<std::int64_t>();
  if (in.size() > 93) f.section.assign(in.begin() + 93, in.end());
  return f;
}

// The events section's blobs, as far as they are well framed.
std::vector<Bytes> blobs(const Bytes& section) {
  std::vector<Bytes> out;
  ByteReader r(section);
  try {
    while (r.remaining() > 0) {
      const auto b = r.blob();
      out.emplace_back(b.begin(), b.end());
    }
  } catch (const ByteReader::Truncated&) {
  }
  return out;
}

void signed_bundle(std::span<const std::uint8_t> in) {
  const World& w = world();
  Fields f = read_fields(in);
  const bool fix_last = f.flags & 1, sealed_file = f.flags & 2, fix_chain = f.flags & 4, as_township = f.flags & 8;
  if (fix_chain) {  // events that decode get this device, their numbers and the chain; the rest are dropped
    f.first = f.first % 64 + 1;
    if (f.first == 1) f.prev = Hash256{};
    Bytes section;
    ByteWriter sw(section);
    Hash256 prev = f.prev;
    std::uint32_t n = 0;
    for (const Bytes& blob : blobs(f.section)) {
      Event e;
      try {
        e = decode_event(blob);
      } catch (const DecodeError&) {
        continue;
      }
      e.device = w.device.device;
      e.seq = f.first + n;
      e.prev = prev;
      const SealedEvent s = seal(std::move(e));
      sw.blob(s.bytes);
      prev = s.hash;
      ++n;
    }
    if (n == 0) return;
    f.section = std::move(section);
    f.count = n;
    f.last = f.first + n - 1;
    f.last_hash = prev;
  }
  if (fix_last) {
    const auto all = blobs(f.section);
    if (!all.empty()) f.last_hash = blake2b_256(all.back());
  }
  const Certificate& cert = as_township ? w.township_cert : w.cert;
  // The inner bundle exactly as docs/bundle-format.md lays it out.
  Bytes inner;
  ByteWriter bw(inner);
  bw.raw(std::string_view("HEARTHBN"));
  bw.le(kBundleVersion);
  bw.blob(cert.encode());
  bw.le(f.first);
  bw.le(f.last);
  bw.le(f.count);
  bw.raw(f.prev);
  bw.raw(f.last_hash);
  bw.le(f.created);
  bw.raw(blake2b_256(f.section));
  const Signature sig = (as_township ? w.township : w.device).sign.sign(inner);
  bw.raw(sig);
  bw.raw(f.section);
  Bytes file = inner;
  if (sealed_file) {
    file.assign({'H', 'E', 'A', 'R', 'T', 'H', 'S', 'B'});
    ByteWriter fw(file);
    fw.le(kBundleVersion);
    fw.raw(w.district.box.public_key);
    fw.raw(seal_to(w.district.box.public_key, inner, sample::seed(0x77)));
  }

  auto opened = open_bundle(file, &w.district.box);
  FUZZ_CHECK(peek_bundle(inner).has_value(), "a bundle this target framed must be readable");
  if (auto* b = std::get_if<OpenedBundle>(&opened)) {
    const BundleHeader& h = b->header;
    FUZZ_CHECK(b->events.size() == h.count && h.last - h.first + 1 == h.count, "range");
    Hash256 prev = h.prev;
    for (std::size_t i = 0; i < b->events.size(); ++i) {
      const SealedEvent& e = b->events[i];
      FUZZ_CHECK(e.event.seq == h.first + i && e.event.prev == prev && e.event.device == cert.device, "chain at %zu", i);
      FUZZ_CHECK(e.hash == blake2b_256(e.bytes), "hash at %zu", i);
      FUZZ_CHECK(role_may_write(cert.unit.role, e.event.body), "role at %zu", i);
      prev = e.hash;
    }
    FUZZ_CHECK(prev == h.last_hash, "last hash");
  } else if (fix_chain && !as_township) {
    // Every event was re-encoded by this build, chained and signed: only a role or a
    // certificate problem may refuse it, and the district role records anything.
    FUZZ_CHECK(false, "a well-formed signed bundle was refused: %s (%s)", std::get<TrustProblem>(opened).message.c_str(),
               std::get<TrustProblem>(opened).detail.c_str());
  }
  (void)w.inbox.plan({{"signed", file}}, w.state, w.trust, kNow);
}

// ---- 2: merge scenarios ---------------------------------------------------------------------
struct Scenario {
  const World& w = world();
  State state;
  Inbox inbox;
  Ledger own_ledger{world().district.device};
  std::optional<std::uint64_t> accept_through;
  std::int64_t clock = kNow;

  void revoke(std::uint64_t through) {
    const SealedEvent e = own_ledger.next(DeviceRevoked{w.device.device, through, "lost"}, clock += 1000);
    own_ledger.append(e);
    state.apply(e.event);
    accept_through = through;
  }

  // Plans and commits a batch, checking what the merge promises.
  void run(const std::vector<ImportInput>& batch, bool one_version) {
    if (batch.empty()) return;
    const Inbox before = inbox;
    const ImportPlan plan = inbox.plan(batch, state, w.trust, clock += 1000);
    FUZZ_CHECK(plan.results.size() == batch.size(), "one result per file");

    const auto feed_it = inbox.feeds().find(w.device.device);
    std::uint64_t seq = feed_it == inbox.feeds().end() ? 0 : feed_it->second.seq;
    Hash256 head = feed_it == inbox.feeds().end() ? Hash256{} : feed_it->second.head;
    for (const SealedEvent& e : plan.to_store) {
      FUZZ_CHECK(e.event.device == w.device.device, "only the sample device sends events");
      FUZZ_CHECK(e.event.seq == seq + 1 && e.event.prev == head, "stored event %llu does not continue %llu",
                 static_cast<unsigned long long>(e.event.seq), static_cast<unsigned long long>(seq));
      FUZZ_CHECK(!accept_through || e.event.seq <= *accept_through, "event %llu stored after revocation through %llu",
                 static_cast<unsigned long long>(e.event.seq), static_cast<unsigned long long>(*accept_through));
      seq = e.event.seq;
      head = e.hash;
    }
    if (one_version && batch.size() > 1) {  // arrival order must not matter
      std::vector<ImportInput> reversed(batch.rbegin(), batch.rend());
      const ImportPlan again = before.plan(reversed, state, w.trust, clock);
      FUZZ_CHECK(again.to_store.size() == plan.to_store.size(), "order changed what merges: %zu vs %zu events", again.to_store.size(),
                 plan.to_store.size());
      for (std::size_t i = 0; i < plan.to_store.size(); ++i) FUZZ_CHECK(again.to_store[i].hash == plan.to_store[i].hash, "order changed event %zu", i);
    }
    inbox.commit(plan, clock);
    for (const SealedEvent& e : plan.to_store) state.apply(e.event);

    if (const auto it = inbox.feeds().find(w.device.device); it != inbox.feeds().end()) {
      FUZZ_CHECK(it->second.prefixes.size() == it->second.seq, "feed of %llu events with %zu prefixes",
                 static_cast<unsigned long long>(it->second.seq), it->second.prefixes.size());
      FUZZ_CHECK(it->second.seq == seq && it->second.head == head, "feed after commit");
    }
    for (const Gap& g : inbox.gaps()) FUZZ_CHECK(g.from <= g.to, "gap %llu–%llu", static_cast<unsigned long long>(g.from),
                                                 static_cast<unsigned long long>(g.to));
    // The same files again change nothing.
    const ImportPlan repeat = inbox.plan(batch, state, w.trust, clock += 1000);
    FUZZ_CHECK(repeat.to_store.empty() && repeat.to_hold.empty(), "a second plan of the same files: %zu to store, %zu to hold",
               repeat.to_store.size(), repeat.to_hold.size());
  }
};

void merge(std::span<const std::uint8_t> in) {
  const World& w = world();
  Scenario s;
  std::vector<ImportInput> batch;
  bool used_a = false, used_b = false;  // events after the shared ones, of either version, in this scenario
  auto flush = [&] {
    s.run(batch, !(used_a && used_b));
    batch.clear();
  };
  for (std::size_t i = 0; i + 3 <= in.size() && i < 3 * 32; i += 3) {
    const std::uint8_t op = in[i], x = in[i + 1], y = in[i + 2];
    switch (op % 5) {
      case 0: {  // a bundle of either version: first, length, sealed
        const bool version_b = op & 8;
        const std::uint64_t first = x % kLedgerLength + 1, last = std::min<std::uint64_t>(kLedgerLength, first + y % 10);
        if (last > kShared) (version_b ? used_b : used_a) = true;
        batch.push_back({"v" + std::to_string(version_b) + "-" + std::to_string(first) + "-" + std::to_string(last),
                         w.bundle(version_b ? w.b : w.a, first, last, op & 16)});
        break;
      }
      case 1: flush(); break;
      case 2: s.revoke(x % 32); break;
      case 3: {  // what the merge refuses before looking at the chain
        const std::uint64_t first = y % kLedgerLength + 1, last = std::min<std::uint64_t>(kLedgerLength, first + 2);
        switch (x % 4) {
          case 0: batch.push_back({"foreign", w.bundle(w.a, first, last, true, &w.foreign_cert)}); break;
          case 1: batch.push_back({"own", w.bundle(w.own, first, last, false, &w.own_cert, kNow, &w.district)}); break;
          case 2: batch.push_back({"expired", w.bundle(w.a, first, last, false, nullptr, w.cert.valid_until_ms + 1)}); break;
          default: batch.push_back({"junk", Bytes(y, 0x48)}); break;
        }
        break;
      }
      default: {  // the same file twice in one batch
        if (!batch.empty()) batch.push_back(batch[x % batch.size()]);
        break;
      }
    }
  }
  flush();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::span<const std::uint8_t> in(data + 1, size - 1);
  switch (data[0] % 4) {
    case 1: signed_bundle(in); break;
    case 2: merge(in); break;
    default: raw(in); break;
  }
  return 0;
}
