// The district merge (汇总): what the district holds of each device, and the plan that turns
// a batch of bundle files into events to store — or precise reasons not to.
//
// Properties (tests/core/test_bundle.cpp):
//   - a bad bundle changes nothing: it is refused with a reason, the rest of the batch merges;
//   - idempotent: a bundle already merged is recognised (same content) and changes nothing;
//   - order-independent: each device's events are folded in sequence order whatever order
//     bundles arrive in; one that leaves a gap is held, named ("events 120–180 missing"),
//     and merged when the gap is filled;
//   - a bundle that repeats a range with different content is refused as a replay.
//
// Like decide/commit for commands: `Workspace::plan_import` decides without changing
// anything, the caller stores the plan's events and held bundles durably, then commits.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "bundle.hpp"

namespace hearth {

class State;

// What the district holds of one device's ledger: events 1..seq, contiguous.
struct DeviceFeed {
  DeviceId device{};
  std::uint64_t seq = 0;
  Hash256 head{};
  // The first 8 bytes of each held event's hash ([i] is event i+1): enough to recognise a
  // repeated range and to tell a replay with different content, at 8 bytes per event.
  std::vector<std::uint64_t> prefixes;
  Bytes certificate;  // the newest certificate its bundles carried
  std::int64_t last_merge_ms = 0;
  bool operator==(const DeviceFeed&) const = default;
};

// A verified bundle waiting for the events before it.
struct HeldBundle {
  DeviceId device{};
  std::uint64_t first = 0, last = 0;
  Hash256 last_hash{};
  Bytes signed_bytes;  // the inner bundle (unsealed), re-verified whenever it is read back
  std::int64_t received_ms = 0;
  std::string name;    // the file it came in
  std::string label;   // the device's label, from the bundle's certificate (not stored: read from it)
};
// A held bundle as both stores keep it: [i64 received_ms][u16 name][u32 signed bundle]. The
// device, range, last hash and label are read back from the bundle itself; nullopt when that
// cannot be read (the next import of its range replaces it).
Bytes encode_held(const HeldBundle& h);
std::optional<HeldBundle> decode_held(std::span<const std::uint8_t> bytes);
// The same from a bundle already opened (the merge).
HeldBundle held_from(const OpenedBundle& b, std::int64_t received_ms, std::string name);

// Events missing between what is held and a held bundle: "device X: events 120–180 missing".
struct Gap {
  DeviceId device{};
  std::string label;  // the device's label from its certificate
  std::uint64_t from = 0, to = 0;
  std::size_t bundles_waiting = 0;
};

enum class ImportOutcome : std::uint8_t { Merged, AlreadyHad, Held, Refused };

struct ImportResult {
  std::string name;  // the file
  ImportOutcome outcome = ImportOutcome::Refused;
  TrustProblem problem;  // why, when refused; the gap's key (err.bundle.gap) when held
  DeviceId device{};
  std::string label;
  std::uint64_t first = 0, last = 0;
  std::uint64_t new_events = 0;
};

struct ImportInput {
  std::string name;
  Bytes bytes;
};

// The district's keys as the merge needs them.
struct DistrictTrust {
  SignPublicKey district{};
  const BoxKey* box = nullptr;  // to unseal; null: only unsealed bundles open
  DeviceId own{};               // the district's own device (its events are never imported)
};

struct ImportPlan {
  std::vector<ImportResult> results;      // one per input, in input order
  std::vector<SealedEvent> to_store;      // new events of other devices, each device's in seq order
  std::vector<HeldBundle> to_hold;        // bundles that wait for a gap
  std::vector<HeldBundle> to_release;     // held bundles merged (or refused) by this batch
  std::vector<ImportResult> released;     // what became of them
  std::map<DeviceId, Bytes> certificates; // the certificate each merged device's newest bundle carried
  bool changes() const { return !to_store.empty() || !to_hold.empty() || !to_release.empty(); }
};

class Inbox {
 public:
  const std::map<DeviceId, DeviceFeed>& feeds() const { return feeds_; }
  const std::vector<HeldBundle>& held() const { return held_; }
  std::vector<Gap> gaps() const;
  std::uint64_t received_events() const;  // all devices

  ImportPlan plan(std::vector<ImportInput> inputs, const State& state, const DistrictTrust& trust, std::int64_t now_ms) const;
  // Records the plan's events (already folded by the workspace) and held bundles.
  void commit(const ImportPlan& plan, std::int64_t now_ms);
  // Reading the store back: an event received earlier (its device's next), a held bundle.
  // False when the event does not continue its device's feed (the store was damaged).
  bool restore(const SealedEvent& e);
  void restore_held(HeldBundle b) { held_.push_back(std::move(b)); }

  bool operator==(const Inbox&) const = default;

 private:
  friend struct SnapshotCodec;
  void advance(DeviceFeed& feed, const SealedEvent& e);
  std::map<DeviceId, DeviceFeed> feeds_;
  std::vector<HeldBundle> held_;
};

bool operator==(const HeldBundle& a, const HeldBundle& b);

}  // namespace hearth
