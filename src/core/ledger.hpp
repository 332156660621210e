// The device's ledger: where its next event goes (sequence number, previous hash, clock),
// and the check that a run of stored events forms an unbroken chain.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "event.hpp"

namespace hearth {

struct ChainBreak {
  std::uint64_t seq = 0;    // the first event that does not fit
  std::string message;      // catalog key: err.ledger.*
  std::string detail;       // technical detail for the log
};

// One stored event as the store keeps it: its key (the sequence number) and exact bytes.
struct StoredEvent {
  std::uint64_t seq = 0;
  std::vector<std::uint8_t> bytes;
};

// The ledger's last event as the store recorded it in the same transaction as the event
// itself: the check that nothing at the end was lost or changed (a hash chain alone cannot
// vouch for its own newest link).
struct StoredHead {
  std::uint64_t seq = 0;
  Hash256 hash{};
  bool operator==(const StoredHead&) const = default;
};

class Ledger {
 public:
  explicit Ledger(DeviceId device) : device_(device) {}

  const DeviceId& device() const { return device_; }
  std::uint64_t last_seq() const { return last_seq_; }
  const Hash256& head() const { return head_; }

  // The next event of this device at physical time now_ms, sealed but not yet appended.
  SealedEvent next(EventBody body, std::int64_t now_ms) const;
  // Appends an event of this device; refuses one that does not continue the chain.
  std::optional<ChainBreak> append(const SealedEvent& e);
  // Moves the position to `e` without checking it continues the chain: only for a damaged
  // ledger that is opened read-only, so the view shows where it ends.
  void force(const SealedEvent& e);
  StoredHead stored_head() const { return {last_seq_, head_}; }
  // Another device's event was seen: later local stamps follow it (hybrid logical clock).
  void observe(const Hlc& remote, std::int64_t now_ms) { clock_ = hlc_receive(clock_, remote, now_ms); }

 private:
  friend struct SnapshotCodec;  // snapshot.cpp saves and restores the position
  DeviceId device_;
  std::uint64_t last_seq_ = 0;
  Hash256 head_{};
  Hlc clock_;
};

}  // namespace hearth
