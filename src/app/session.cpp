#include "session.hpp"

namespace hearth {

void Session::open(std::function<void()> on_opened) {
  phase_ = Phase::Opening;
  DeviceId fresh{};
  random_.fill(fresh);
  store_.open(fresh, [this, on_opened = std::move(on_opened)](std::optional<StoreError> err, StoredLedger stored) {
    if (err) {
      open_error_ = std::move(err);
      phase_ = Phase::OpenFailed;
    } else {
      set_aside_ = std::move(stored.set_aside);
      workspace_.emplace(stored.device);
      load_report_ = workspace_->load(std::move(stored.events));
      phase_ = Phase::Ready;
    }
    if (on_opened) on_opened();
  });
}

Session::Submission Session::submit(const Command& cmd, std::function<void(const WriteOutcome&)> on_done) {
  if (phase_ != Phase::Ready) return {0, {{"", "err.store.unavailable", {}}}};
  if (read_only()) return {0, {{"", "err.store.read_only", {}}}};
  if (saving()) return {0, {{"", "err.store.busy", {}}}};
  Decision decision = workspace_->decide(cmd, clock_.now_ms());
  if (!decision.accepted()) return {0, std::move(decision.problems)};

  const std::uint64_t ticket = next_ticket_++;
  last_write_ = {ticket, WriteStatus::Pending, std::nullopt};
  std::vector<PendingEvent> pending;
  for (const auto& e : decision.events) pending.push_back({e.event.seq, e.bytes});
  store_.append(std::move(pending), [this, ticket, events = std::move(decision.events),
                                     on_done = std::move(on_done)](std::optional<StoreError> err) {
    if (!err) {
      if (auto broken = workspace_->commit(events))  // cannot happen with one write in flight
        err = StoreError{"failed", "stored events do not continue the ledger: " + broken->detail};
    }
    last_write_ = {ticket, err ? WriteStatus::Failed : WriteStatus::Saved, std::move(err)};
    if (on_done) on_done(last_write_);
  });
  return {ticket, {}};
}

}  // namespace hearth
