#include "workspace.hpp"

namespace hearth {

LoadReport Workspace::load(std::vector<std::vector<std::uint8_t>> stored) {
  LoadReport report;
  for (auto& bytes : stored) {
    SealedEvent s;
    try {
      s = unseal(std::move(bytes));
    } catch (const DecodeError& e) {
      report.damage = ChainBreak{ledger_.last_seq() + 1, "err.ledger.undecodable", e.what()};
      break;
    }
    if (auto broken = ledger_.append(s)) {
      report.damage = std::move(broken);
      break;
    }
    state_.apply(s.event);
    ++report.events_loaded;
  }
  return report;
}

Decision Workspace::decide(const Command& cmd, std::int64_t now_ms) const {
  Decision d;
  const Context ctx{state_, Date::from_unix_ms(now_ms), *config_};
  std::visit(
      [&](const auto& c) {
        typename EventFor<std::decay_t<decltype(c)>>::type body;
        d.problems = validate(c, ctx, body);
        if (d.problems.empty()) d.events.push_back(ledger_.next(std::move(body), now_ms));
      },
      cmd);
  return d;
}

std::optional<ChainBreak> Workspace::commit(const std::vector<SealedEvent>& events) {
  Ledger trial = ledger_;
  for (const auto& e : events)
    if (auto broken = trial.append(e)) return broken;
  ledger_ = std::move(trial);
  for (const auto& e : events) state_.apply(e.event);
  return std::nullopt;
}

}  // namespace hearth
