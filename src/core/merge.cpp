#include "merge.hpp"

#include <algorithm>
#include <cstring>

#include "state.hpp"

namespace hearth {

namespace {

std::uint64_t prefix_of(const Hash256& h) {
  std::uint64_t v = 0;
  std::memcpy(&v, h.data(), sizeof v);
  return v;
}

TrustProblem trouble(std::string key, std::string detail, std::vector<std::string> args = {}) {
  return TrustProblem{std::move(key), std::move(args), std::move(detail)};
}

std::string range_text(std::uint64_t a, std::uint64_t b) { return a == b ? std::to_string(a) : std::to_string(a) + "–" + std::to_string(b); }

// One device's candidates during planning: an opened bundle, new in this batch or held before.
struct Candidate {
  std::size_t input = 0;  // index into results (new) or into held_ (held)
  bool was_held = false;
  OpenedBundle bundle;
};

}  // namespace

HeldBundle held_from(const OpenedBundle& b, std::int64_t received_ms, std::string name) {
  const BundleHeader& h = b.header;
  return HeldBundle{h.cert.device, h.first, h.last, h.last_hash, b.signed_bytes, received_ms, std::move(name), h.cert.unit.label};
}

Bytes encode_held(const HeldBundle& h) {
  Bytes out;
  ByteWriter w(out);
  w.le(h.received_ms);
  w.str(h.name.substr(0, 1000));
  w.blob(h.signed_bytes);
  return out;
}

std::optional<HeldBundle> decode_held(std::span<const std::uint8_t> bytes) {
  try {
    ByteReader r(bytes);
    HeldBundle h;
    h.received_ms = r.le<std::int64_t>();
    h.name = r.str();
    const auto b = r.blob();
    h.signed_bytes.assign(b.begin(), b.end());
    const auto header = peek_bundle(h.signed_bytes);
    if (!header) return std::nullopt;
    h.device = header->cert.device;
    h.first = header->first;
    h.last = header->last;
    h.last_hash = header->last_hash;
    h.label = header->cert.unit.label;
    return h;
  } catch (const ByteReader::Truncated&) {
    return std::nullopt;
  }
}

bool operator==(const HeldBundle& a, const HeldBundle& b) {
  return a.device == b.device && a.first == b.first && a.last == b.last && a.last_hash == b.last_hash && a.signed_bytes == b.signed_bytes &&
         a.received_ms == b.received_ms && a.name == b.name;
}

std::uint64_t Inbox::received_events() const {
  std::uint64_t n = 0;
  for (const auto& [d, f] : feeds_) n += f.seq;
  return n;
}

std::vector<Gap> Inbox::gaps() const {
  std::map<DeviceId, Gap> by_device;
  for (const auto& h : held_) {
    const auto it = feeds_.find(h.device);
    const std::uint64_t have = it == feeds_.end() ? 0 : it->second.seq;
    Gap& g = by_device[h.device];
    g.device = h.device;
    g.from = have + 1;
    g.to = g.bundles_waiting == 0 ? h.first - 1 : std::min(g.to, h.first - 1);
    ++g.bundles_waiting;
    g.label = h.label;  // gaps are drawn every frame: no certificate is parsed here
  }
  std::vector<Gap> out;
  for (auto& [d, g] : by_device) out.push_back(std::move(g));
  return out;
}

void Inbox::advance(DeviceFeed& feed, const SealedEvent& e) {
  feed.seq = e.event.seq;
  feed.head = e.hash;
  feed.prefixes.push_back(prefix_of(e.hash));
}

bool Inbox::restore(const SealedEvent& e) {
  DeviceFeed& feed = feeds_[e.event.device];
  feed.device = e.event.device;
  if (e.event.seq != feed.seq + 1 || e.event.prev != feed.head) return false;
  advance(feed, e);
  return true;
}

ImportPlan Inbox::plan(std::vector<ImportInput> inputs, const State& state, const DistrictTrust& trust, std::int64_t now_ms) const {
  ImportPlan plan;
  plan.results.resize(inputs.size());
  std::map<DeviceId, std::vector<Candidate>> by_device;

  // 1. Each file on its own: open and verify, then check it against this district.
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    ImportResult& r = plan.results[i];
    r.name = inputs[i].name;
    auto opened = open_bundle(inputs[i].bytes, trust.box);
    if (auto* p = std::get_if<TrustProblem>(&opened)) {
      r.problem = std::move(*p);
      continue;
    }
    OpenedBundle& b = std::get<OpenedBundle>(opened);
    const BundleHeader& h = b.header;
    r.device = h.cert.device;
    r.label = h.cert.unit.label;
    r.first = h.first;
    r.last = h.last;
    if (h.cert.district != trust.district) {
      r.problem = trouble("err.bundle.foreign", "certificate issued by " + to_hex(std::span(h.cert.district).first(8)));
      continue;
    }
    if (h.cert.device == trust.own) {
      r.problem = trouble("err.bundle.own", "this bundle is the district's own ledger");
      continue;
    }
    if (!h.cert.valid_at(h.created_ms)) {
      r.problem = trouble("err.bundle.cert_expired", "made at " + std::to_string(h.created_ms) + ", certificate valid " +
                                                         std::to_string(h.cert.valid_from_ms) + "–" + std::to_string(h.cert.valid_until_ms));
      continue;
    }
    if (const EnrolledDevice* d = state.enrolment_of(h.cert.device); d && d->revoked && h.last > d->accept_through) {
      r.problem = trouble("err.bundle.revoked", "revoked; events after " + std::to_string(d->accept_through) + " are refused",
                          {r.label, std::to_string(d->accept_through)});
      continue;
    }
    by_device[h.cert.device].push_back(Candidate{i, false, std::move(b)});
  }

  // 2. Per device, the held bundles join the new ones and everything is tried in sequence
  //    order until nothing more fits: arrival order cannot change the outcome.
  for (std::size_t k = 0; k < held_.size(); ++k) {
    if (!by_device.count(held_[k].device)) continue;
    auto opened = open_bundle(held_[k].signed_bytes, nullptr);
    auto* b = std::get_if<OpenedBundle>(&opened);
    if (!b) continue;
    // Held before its device was revoked: refused now, as it would be if it arrived today.
    if (const EnrolledDevice* d = state.enrolment_of(held_[k].device); d && d->revoked && b->header.last > d->accept_through) {
      ImportResult res{held_[k].name, ImportOutcome::Refused, {}, held_[k].device, b->header.cert.unit.label, b->header.first, b->header.last, 0};
      res.problem = trouble("err.bundle.revoked", "revoked; events after " + std::to_string(d->accept_through) + " are refused",
                            {res.label, std::to_string(d->accept_through)});
      plan.to_release.push_back(held_[k]);
      plan.released.push_back(std::move(res));
      continue;
    }
    by_device[held_[k].device].push_back(Candidate{k, true, std::move(*b)});
  }
  for (auto& entry : by_device) {
    const DeviceId& device = entry.first;  // not a structured binding: clang 14 cannot capture one in a lambda
    auto& candidates = entry.second;
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
      if (a.bundle.header.first != b.bundle.header.first) return a.bundle.header.first < b.bundle.header.first;
      if (a.bundle.header.last != b.bundle.header.last) return a.bundle.header.last > b.bundle.header.last;
      return a.was_held > b.was_held;  // a copy already held settles before the same range arriving again
    });
    const auto fit = feeds_.find(device);
    std::uint64_t pos = fit == feeds_.end() ? 0 : fit->second.seq;
    Hash256 head = fit == feeds_.end() ? Hash256{} : fit->second.head;
    std::vector<std::uint64_t> added;  // prefixes of events added in this plan, seq pos0+1…
    const std::uint64_t pos0 = pos;
    auto prefix_at = [&](std::uint64_t seq) -> std::uint64_t {
      if (seq <= pos0) return fit->second.prefixes[seq - 1];
      return added[seq - pos0 - 1];
    };
    auto settle = [&](const Candidate& c, ImportResult res) {
      if (c.was_held) {
        plan.to_release.push_back(held_[c.input]);
        plan.released.push_back(std::move(res));
      } else {
        plan.results[c.input] = std::move(res);
      }
    };
    std::vector<bool> done(candidates.size(), false);
    for (bool progress = true; progress;) {
      progress = false;
      for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (done[i]) continue;
        const Candidate& c = candidates[i];
        const BundleHeader& h = c.bundle.header;
        ImportResult res = c.was_held ? ImportResult{} : plan.results[c.input];
        if (c.was_held) {
          res.name = held_[c.input].name;
          res.device = device;
          res.label = h.cert.unit.label;
          res.first = h.first;
          res.last = h.last;
        }
        if (h.first > pos + 1) continue;  // still a gap before it
        done[i] = true;
        progress = true;
        if (h.last <= pos) {
          if (prefix_at(h.last) == prefix_of(h.last_hash)) {
            res.outcome = ImportOutcome::AlreadyHad;
          } else {
            res.outcome = ImportOutcome::Refused;
            res.problem = trouble("err.bundle.replay_different", "events " + range_text(h.first, h.last) + " were received before with other content",
                                  {range_text(h.first, h.last)});
          }
          settle(c, std::move(res));
          continue;
        }
        // It overlaps or continues what is held: the event just before the new part must be ours.
        const Hash256& before = h.first == pos + 1 ? h.prev : c.bundle.events[pos - h.first].hash;
        if (before != head) {
          res.outcome = ImportOutcome::Refused;
          res.problem = trouble("err.bundle.diverged", "event " + std::to_string(pos + 1) + " does not follow the events already received",
                                {std::to_string(pos)});
          settle(c, std::move(res));
          continue;
        }
        for (std::uint64_t s = pos + 1; s <= h.last; ++s) {
          const SealedEvent& e = c.bundle.events[s - h.first];
          plan.to_store.push_back(e);
          added.push_back(prefix_of(e.hash));
        }
        res.outcome = ImportOutcome::Merged;
        res.new_events = h.last - pos;
        plan.certificates[device] = h.cert.encode();
        pos = h.last;
        head = h.last_hash;
        settle(c, std::move(res));
      }
    }
    // 3. What still does not fit waits for the gap; a new copy of a held range is a repeat.
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      if (done[i] || candidates[i].was_held) continue;
      const Candidate& c = candidates[i];
      const BundleHeader& h = c.bundle.header;
      ImportResult& res = plan.results[c.input];
      const bool repeat = std::any_of(held_.begin(), held_.end(), [&](const HeldBundle& x) {
                            return x.device == device && x.first == h.first && x.last == h.last && x.last_hash == h.last_hash;
                          }) ||
                          std::any_of(plan.to_hold.begin(), plan.to_hold.end(), [&](const HeldBundle& x) {
                            return x.device == device && x.first == h.first && x.last == h.last && x.last_hash == h.last_hash;
                          });
      res.outcome = repeat ? ImportOutcome::AlreadyHad : ImportOutcome::Held;
      res.problem = trouble("err.bundle.gap", "events " + range_text(pos + 1, h.first - 1) + " missing", {res.label, range_text(pos + 1, h.first - 1)});
      if (!repeat) plan.to_hold.push_back(held_from(c.bundle, now_ms, res.name));
    }
  }
  return plan;
}

void Inbox::commit(const ImportPlan& plan, std::int64_t now_ms) {
  for (const SealedEvent& e : plan.to_store) {
    DeviceFeed& feed = feeds_[e.event.device];
    feed.device = e.event.device;
    advance(feed, e);
    feed.last_merge_ms = now_ms;
  }
  for (const auto& [device, cert] : plan.certificates) feeds_[device].certificate = cert;
  for (const HeldBundle& gone : plan.to_release)
    std::erase_if(held_, [&](const HeldBundle& h) { return h.device == gone.device && h.first == gone.first && h.last == gone.last && h.last_hash == gone.last_hash; });
  for (const HeldBundle& h : plan.to_hold) held_.push_back(h);
}

}  // namespace hearth
