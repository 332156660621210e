// Workspace: the core as one value-like object for a device — its ledger position and the
// folded state — with the one-way flow command → validate → events → (stored) → fold.
// Storing is the caller's job (src/app/session): `decide` proposes sealed events, and only
// after the store confirms them durable does the caller `commit` them.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "ledger.hpp"
#include "merge.hpp"
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

// One thing wrong with the stored ledger, and what it affects.
struct Damage {
  std::uint64_t seq = 0;       // the event concerned (the first of a run of missing ones)
  std::uint64_t last_seq = 0;  // the last of that run; == seq for a single event
  std::string message;         // catalog key err.ledger.* / err.snapshot.*
  std::string detail;          // technical detail for the log
  std::string affects;         // catalog key of what the event recorded (app.event.*), "" when unreadable
  std::string label;           // that record's name, when it has one
};

struct LoadReport {
  std::uint64_t events_loaded = 0;
  std::uint64_t snapshot_seq = 0;  // the snapshot the state was restored from; 0 = folded from the first event
  std::vector<Damage> damage;      // in seq order; empty when everything checked out
  bool damaged() const { return !damage.empty(); }
};

class Workspace {
 public:
  explicit Workspace(DeviceId device, const ProgrammeConfig& config = ProgrammeConfig::builtin())
      : ledger_(device), config_(&config) {}
  // A workspace as it was saved: its ledger position and folded state (restore_snapshot).
  Workspace(Ledger ledger, State state, Inbox inbox = {}, const ProgrammeConfig& config = ProgrammeConfig::builtin())
      : ledger_(std::move(ledger)), state_(std::move(state)), inbox_(std::move(inbox)), config_(&config) {}

  // Folds this device's stored events that follow the ledger's position (all of them for a
  // fresh workspace, those after the snapshot for a restored one), checking every link of the
  // hash chain and, when the store kept one, the head it recorded with the last append.
  // Nothing intact is dropped: an event that cannot be read, is missing, or was changed is
  // left out and reported with what it recorded; every other event is folded. A damaged
  // ledger is positioned at its last stored event (the session then opens it read-only).
  LoadReport load(std::vector<StoredEvent> stored, const std::optional<StoredHead>& head = std::nullopt);

  Decision decide(const Command& cmd, std::int64_t now_ms) const;
  // Folds durably stored events. Refuses (and changes nothing) if they no longer continue
  // the ledger, e.g. when two decisions raced; the caller then decides again.
  std::optional<ChainBreak> commit(const std::vector<SealedEvent>& events);

  // Folds another device's event (tests that need no bundle): the state learns it and this
  // device's clock moves past it. Nothing is appended to this ledger.
  void receive(const Event& e, std::int64_t now_ms) {
    ledger_.observe(e.stamp, now_ms);
    state_.apply(e);
  }

  // The district merge (merge.hpp): plan a batch of bundle files without changing anything;
  // once the plan's events and held bundles are stored, commit folds them.
  ImportPlan plan_import(std::vector<ImportInput> inputs, const DistrictTrust& trust, std::int64_t now_ms) const {
    return inbox_.plan(std::move(inputs), state_, trust, now_ms);
  }
  void commit_import(const ImportPlan& plan, std::int64_t now_ms) {
    for (const SealedEvent& e : plan.to_store) receive(e.event, now_ms);
    inbox_.commit(plan, now_ms);
  }
  // Reading the store back: an event received earlier from another device. False (and not
  // folded) when it does not continue that device's events — the store was damaged.
  bool restore_received(const SealedEvent& e, std::int64_t now_ms) {
    if (!inbox_.restore(e)) return false;
    receive(e.event, now_ms);
    return true;
  }
  void restore_held(HeldBundle b) { inbox_.restore_held(std::move(b)); }

  const State& state() const { return state_; }
  const Ledger& ledger() const { return ledger_; }
  const Inbox& inbox() const { return inbox_; }
  const ProgrammeConfig& config() const { return *config_; }

 private:
  Ledger ledger_;
  State state_;
  Inbox inbox_;
  const ProgrammeConfig* config_;
};

}  // namespace hearth
