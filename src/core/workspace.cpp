#include "workspace.hpp"

#include <algorithm>

namespace hearth {

// The loader streams the stored events once, folding each one two events late: whether a
// broken link (a, b) means that a or b was changed is only known from the next link — if b's
// own hash is confirmed by the event after it (or by the stored head), then a is the one that
// changed; otherwise b is. So a window of three events is enough, whatever the ledger's size.
LoadReport Workspace::load(std::vector<StoredEvent> stored, const std::optional<StoredHead>& head) {
  LoadReport report;
  struct Item {
    std::optional<SealedEvent> s;
    bool bad = false;
    bool broken_before = false;  // its link to the event before it does not hold
  };
  std::vector<Item> window;  // at most 3, oldest first
  bool damaged = false;
  std::uint64_t last_seen = ledger_.last_seq();
  Hash256 last_hash = ledger_.head();  // the position restored or folded so far is trusted

  auto report_bad = [&](const SealedEvent& s, std::string message, std::string detail) {
    EventSummary what = summarize(s.event.body);
    report.damage.push_back({s.event.seq, s.event.seq, std::move(message), std::move(detail), std::move(what.kind), std::move(what.label)});
  };
  // events from..to are not there: name the ones not already reported as unreadable
  auto report_missing = [&](std::uint64_t from, std::uint64_t to) {
    auto reported = [&](std::uint64_t q) { return std::any_of(report.damage.begin(), report.damage.end(), [q](const Damage& d) { return d.seq <= q && q <= d.last_seq; }); };
    while (from <= to && reported(from)) ++from;
    while (to >= from && reported(to)) --to;
    if (from <= to) report.damage.push_back({from, to, "err.ledger.missing", "no stored event " + std::to_string(from) + "…" + std::to_string(to), "", ""});
  };
  auto fold_front = [&] {
    Item it = std::move(window.front());
    window.erase(window.begin());
    if (!it.s || it.bad) return;
    if (damaged || ledger_.append(*it.s)) {
      damaged = true;
      ledger_.force(*it.s);
    }
    state_.apply(it.s->event);
    ++report.events_loaded;
  };
  // The link (a, b) is broken; called once what follows b is known (window[0] = a, window[1] = b).
  enum class After { Confirms, Breaks, Unknown };
  auto settle = [&](After after) {
    Item& a = window[0];
    Item& b = window[1];
    if (!b.broken_before) return;
    auto blame = [&](Item& it) {
      if (it.s && !it.bad) {
        it.bad = true;
        report_bad(*it.s, "err.ledger.hash_mismatch", "link to event " + std::to_string(b.s->event.seq) + " broken");
      }
    };
    if (after == After::Confirms) blame(a);       // b's own hash is vouched for: a changed
    else if (after == After::Breaks) blame(b);    // both of b's links break: b (its link) changed
    else blame(a), blame(b);                      // nothing can tell which: neither is shown as sound
  };
  // What follows the window cannot vouch for anything (unusable, a gap, the end without a head).
  // The newest event in the window is then unverified: still shown (it is most likely intact)
  // but named, so nobody takes it as checked.
  auto flush_unconfirmed = [&] {
    // ...unless it is the event the stored head names: then the head vouches for it
    const bool head_vouches = !window.empty() && window.back().s && head && head->seq == window.back().s->event.seq &&
                              head->hash == window.back().s->hash;
    while (window.size() > 1) {
      settle(head_vouches && window.size() == 2 ? After::Confirms : After::Unknown);
      fold_front();
    }
    if (!window.empty()) {
      if (window[0].s && !window[0].bad && !head_vouches)
        report_bad(*window[0].s, "err.ledger.unverified", "the event after it cannot be checked against it");
      fold_front();
    }
  };

  for (auto& [key, bytes] : stored) {
    Item it;
    try {
      it.s = unseal(std::move(bytes));
    } catch (const DecodeError& e) {
      report.damage.push_back({key, key, "err.ledger.undecodable", e.what(), "", ""});
    }
    if (it.s) {
      const Event& e = it.s->event;
      if (e.device != ledger_.device()) {
        report_bad(*it.s, "err.ledger.foreign_device", device_hex(e.device));
        it.s.reset();
      } else if (e.seq != key || e.seq <= last_seen) {
        // named by where it is stored: the record it claims to be may well be intact elsewhere
        report.damage.push_back({key, key, "err.ledger.gap", "event " + std::to_string(e.seq) + " stored under " + std::to_string(key), "", ""});
        it.s.reset();
      } else if (head && e.seq > head->seq) {
        report_bad(*it.s, "err.ledger.beyond_head", "the last acknowledged event is " + std::to_string(head->seq));
        it.s.reset();
      }
    }
    if (!it.s) {  // unusable: the chain cannot be checked across it
      damaged = true;
      flush_unconfirmed();
      continue;
    }
    const Event& e = it.s->event;
    if (e.seq != last_seen + 1) {
      // a run of events that were never stored or were reported unreadable above: the link
      // across it cannot be checked, so it vouches for nothing before it
      report_missing(last_seen + 1, e.seq - 1);
      damaged = true;
      flush_unconfirmed();
    } else if (e.prev != last_hash) {
      it.broken_before = true;
      if (window.empty()) {  // the link to the snapshot's (or fold's) trusted position: this event is the one
        it.bad = true;
        report_bad(*it.s, "err.ledger.hash_mismatch", "prev " + to_hex(e.prev) + " != " + to_hex(last_hash));
      }
    }
    last_seen = e.seq;
    last_hash = it.s->hash;
    window.push_back(std::move(it));
    if (window.size() == 3) {
      // window[1]'s hash is confirmed by window[2] when their link holds
      settle(window[2].broken_before ? After::Breaks : After::Confirms);
      fold_front();
    }
  }
  // the end: the stored head vouches for the newest event, or reveals a lost tail
  if (window.size() == 2) {
    // only a stored head that ends here can vouch for the last event; else either of the two may have changed
    if (!head || head->seq != last_seen) settle(After::Unknown);
    else settle(head->hash == last_hash ? After::Confirms : After::Breaks);
  }
  if (head && head->seq == last_seen && head->hash != last_hash && !window.empty() && !window.back().bad) {
    window.back().bad = true;
    report_bad(*window.back().s, "err.ledger.head_mismatch", "stored head " + to_hex(head->hash) + " != " + to_hex(last_hash));
  }
  if (head && head->seq > last_seen) report_missing(last_seen + 1, head->seq);  // acknowledged, and gone
  while (!window.empty()) fold_front();
  std::sort(report.damage.begin(), report.damage.end(), [](const Damage& a, const Damage& b) { return a.seq < b.seq; });
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
