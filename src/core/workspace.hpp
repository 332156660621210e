// Workspace: the core as one value-like object for a device — its ledger position and the
// folded state — with the one-way flow command → validate → events → (stored) → fold.
// Storing is the caller's job (src/app/session): `decide` proposes sealed events, and only
// after the store confirms them durable does the caller `commit` them.
#pragma once
#include <cstdint>
#include <optional>
#include <utility>
#include <variant>
#include <vector>

#include "ledger.hpp"
#include "state.hpp"
#include "commands.hpp"
#include "programme.hpp"
#include "validate.hpp"

namespace hearth {

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
  explicit Workspace(DeviceId device, const ProgrammeConfig& config = ProgrammeConfig::builtin())
      : ledger_(device), config_(&config) {}
  // A workspace as it was saved: its ledger position and folded state (restore_snapshot).
  Workspace(Ledger ledger, State state, const ProgrammeConfig& config = ProgrammeConfig::builtin())
      : ledger_(std::move(ledger)), state_(std::move(state)), config_(&config) {}

  // Rebuilds state from this device's stored events, oldest first. Stops at the first
  // damaged or out-of-chain event and reports it; everything before it is kept.
  LoadReport load(std::vector<std::vector<std::uint8_t>> stored);

  Decision decide(const Command& cmd, std::int64_t now_ms) const;
  // Folds durably stored events. Refuses (and changes nothing) if they no longer continue
  // the ledger, e.g. when two decisions raced; the caller then decides again.
  std::optional<ChainBreak> commit(const std::vector<SealedEvent>& events);

  // Folds another device's event (from a verified bundle, issue 5; or a test): the state
  // learns it and this device's clock moves past it. Nothing is appended to this ledger.
  void receive(const Event& e, std::int64_t now_ms) {
    ledger_.observe(e.stamp, now_ms);
    state_.apply(e);
  }

  const State& state() const { return state_; }
  const Ledger& ledger() const { return ledger_; }
  const ProgrammeConfig& config() const { return *config_; }

 private:
  Ledger ledger_;
  State state_;
  const ProgrammeConfig* config_;
};

}  // namespace hearth
