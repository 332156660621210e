// Workspace: the core as one value-like object for a device — its ledger position and the
// folded state — with the one-way flow command → validate → events → (stored) → fold.
// Storing is the caller's job (src/app/session): `decide` proposes sealed events, and only
// after the store confirms them durable does the caller `commit` them.
#pragma once
#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

#include "ledger.hpp"
#include "state.hpp"
#include "worker.hpp"

namespace hearth {

using Command = std::variant<RegisterWorker>;

struct Decision {
  Problems problems;               // non-empty: refused, nothing to store
  std::vector<SealedEvent> events; // accepted: store these, then commit them
  bool accepted() const { return problems.empty(); }
};

struct LoadReport {
  std::uint64_t events_loaded = 0;
  std::optional<ChainBreak> damage;  // the first stored event that could not be used, if any
};

class Workspace {
 public:
  explicit Workspace(DeviceId device) : ledger_(device) {}

  // Rebuilds state from this device's stored events, oldest first. Stops at the first
  // damaged or out-of-chain event and reports it; everything before it is kept.
  LoadReport load(std::vector<std::vector<std::uint8_t>> stored);

  Decision decide(const Command& cmd, std::int64_t now_ms) const;
  // Folds durably stored events. Refuses (and changes nothing) if they no longer continue
  // the ledger, e.g. when two decisions raced; the caller then decides again.
  std::optional<ChainBreak> commit(const std::vector<SealedEvent>& events);

  const State& state() const { return state_; }
  const Ledger& ledger() const { return ledger_; }

 private:
  Ledger ledger_;
  State state_;
};

}  // namespace hearth
