// A store in memory with the browser store's semantics (head written with each append,
// snapshots with retention, `add` refusing an existing seq), answering at once or — when
// `hold` is set — only when the test releases it. Plus fakes of the other device effects.
#pragma once
#include <deque>
#include <map>

#include "effects.hpp"

namespace hearth::test {

class MemoryStore final : public EventStore {
 public:
  // the contents, open for tests to inspect and damage
  DeviceId device{};
  bool has_device = false;
  std::optional<StoredHead> head;
  std::uint64_t exported = 0;
  std::map<std::uint64_t, std::vector<std::uint8_t>> events, snapshots, received;  // received: by arrival
  std::vector<HeldBundle> held;
  std::map<std::string, std::vector<std::uint8_t>> meta;
  std::optional<StoreError> fail_next;  // the next write fails with this and changes nothing
  std::size_t reads = 0;

  void open(const DeviceId& fresh, OpenDone done) override {
    StoreInfo info;
    if (!has_device) {
      device = fresh;
      has_device = true;
      info.created = true;
    }
    info.device = device;
    info.head = head;
    info.exported = exported;
    for (auto it = snapshots.rbegin(); it != snapshots.rend(); ++it) info.snapshots.push_back(it->first);
    info.first_event = events.empty() ? 0 : events.begin()->first;
    info.last_event = events.empty() ? 0 : events.rbegin()->first;
    info.meta = meta;
    info.received = received.empty() ? 0 : received.rbegin()->first;
    done(std::nullopt, std::move(info));
  }
  void read(std::uint64_t snapshot, std::uint64_t after, std::uint64_t received_after, ReadDone done) override {
    ++reads;
    StoredRange r;
    if (snapshot) r.snapshot = snapshots.at(snapshot);
    for (auto it = events.upper_bound(after); it != events.end(); ++it) r.events.push_back({it->first, it->second});
    for (auto it = received.upper_bound(received_after); it != received.end(); ++it) r.received.push_back({it->first, it->second});
    r.held = held;
    done(std::nullopt, std::move(r));
  }
  void append(std::vector<PendingEvent> batch, StoredHead after, StoredHead h, Done done) override {
    if (auto e = take_failure()) return done(e);
    if (head && *head != after) return done(StoreError{"conflict", "the stored head moved"});
    for (const auto& e : batch)
      if (events.contains(e.seq)) return done(StoreError{"conflict", "seq " + std::to_string(e.seq) + " exists"});
    for (auto& e : batch) events[e.seq] = std::move(e.bytes);
    head = h;
    done(std::nullopt);
  }
  void put_head(StoredHead h, Done done) override {
    head = h;
    done(std::nullopt);
  }
  void put_snapshot(std::uint64_t seq, std::vector<std::uint8_t> bytes, Retention r, Done done) override {
    if (auto e = take_failure()) return done(e);
    snapshots[seq] = std::move(bytes);
    for (auto s : r.drop_snapshots) snapshots.erase(s);
    if (r.drop_events_through) events.erase(events.begin(), events.upper_bound(r.drop_events_through));
    done(std::nullopt);
  }
  void receive(std::vector<ReceivedEvent> batch, std::vector<HeldBundle> hold, std::vector<HeldBundle> release, Done done) override {
    if (auto e = take_failure()) return done(e);
    const std::uint64_t next = received.empty() ? 1 : received.rbegin()->first + 1;
    for (std::size_t i = 0; i < batch.size(); ++i)
      if (batch[i].arrival != next + i) return done(StoreError{"conflict", "arrival " + std::to_string(batch[i].arrival) + " out of order"});
    for (auto& e : batch) received[e.arrival] = std::move(e.bytes);
    for (const auto& g : release)
      std::erase_if(held, [&](const HeldBundle& h) { return h.device == g.device && h.first == g.first && h.last == g.last; });
    for (auto& h : hold) held.push_back(std::move(h));
    done(std::nullopt);
  }
  void put_meta(std::string name, std::vector<std::uint8_t> value, Done done) override {
    if (auto e = take_failure()) return done(e);
    meta[name] = std::move(value);
    done(std::nullopt);
  }
  void mark_exported(std::uint64_t seq, Done done) override {
    if (auto e = take_failure()) return done(e);
    exported = std::max(exported, seq);
    done(std::nullopt);
  }
  void dump(DumpDone done) override {
    StoreDump d{device, head, exported, {}, {}, {}, held};
    for (auto it = snapshots.rbegin(); it != snapshots.rend(); ++it) d.snapshots.push_back({it->first, it->second});
    for (const auto& [seq, bytes] : events) d.events.push_back({seq, bytes});
    for (const auto& [n, bytes] : received) d.received.push_back({n, bytes});
    done(std::nullopt, std::move(d));
  }
  void replace(StoreDump d, Done done) override {
    if (auto e = take_failure()) return done(e);
    device = d.device;
    has_device = true;
    head = d.head;
    exported = d.exported;
    events.clear();
    snapshots.clear();
    for (auto& s : d.snapshots) snapshots[s.seq] = std::move(s.bytes);
    for (auto& e : d.events) events[e.seq] = std::move(e.bytes);
    received.clear();
    for (auto& e : d.received) received[e.arrival] = std::move(e.bytes);
    held = std::move(d.held);
    done(std::nullopt);
  }

 private:
  std::optional<StoreError> take_failure() {
    auto e = std::move(fail_next);
    fail_next.reset();
    return e;
  }
};

// Two windows' leases as the test decides them.
class FakeLease final : public WriterLease {
 public:
  Role role = Role::Writer;
  std::function<void(Role)> changed;
  std::function<void(std::uint64_t)> grew;
  std::vector<std::uint64_t> announced;
  void claim(std::function<void(Role)> c) override {
    changed = std::move(c);
    changed(role);
  }
  void announce(std::uint64_t last_seq) override { announced.push_back(last_seq); }
  void on_growth(std::function<void(std::uint64_t)> g) override { grew = std::move(g); }
  void become(Role r) {
    role = r;
    changed(r);
  }
};

class FakeGauge final : public StorageGauge {
 public:
  StorageEstimate estimate{true, 10e6, 1e9, true};
  void measure(std::function<void(StorageEstimate)> done) override { done(estimate); }
};

class FakeFiles final : public FileExchange {
 public:
  std::string saved_name;
  std::vector<std::uint8_t> saved, to_open;
  void save(const std::string& name, std::vector<std::uint8_t> bytes, std::function<void(std::optional<StoreError>)> done) override {
    saved_name = name;
    saved = std::move(bytes);
    all_saved.emplace_back(saved_name, saved);
    done(std::nullopt);
  }
  std::vector<ImportInput> to_open_many;
  std::vector<std::pair<std::string, std::vector<std::uint8_t>>> all_saved;  // every save, in order
  void open(std::function<void(std::optional<StoreError>, std::vector<std::uint8_t>, std::string)> done) override {
    done(std::nullopt, to_open, "backup.hearth-backup");
  }
  void open_many(std::function<void(std::optional<StoreError>, std::vector<ImportInput>)> done) override {
    done(std::nullopt, to_open_many);
  }
};

}  // namespace hearth::test
