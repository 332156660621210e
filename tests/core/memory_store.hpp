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
  std::map<std::uint64_t, std::vector<std::uint8_t>> events, snapshots;
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
    done(std::nullopt, std::move(info));
  }
  void read(std::uint64_t snapshot, std::uint64_t after, ReadDone done) override {
    ++reads;
    StoredRange r;
    if (snapshot) r.snapshot = snapshots.at(snapshot);
    for (auto it = events.upper_bound(after); it != events.end(); ++it) r.events.push_back({it->first, it->second});
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
  void dump(DumpDone done) override {
    StoreDump d{device, head, exported, {}, {}};
    for (auto it = snapshots.rbegin(); it != snapshots.rend(); ++it) d.snapshots.push_back({it->first, it->second});
    for (const auto& [seq, bytes] : events) d.events.push_back({seq, bytes});
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
    done(std::nullopt);
  }
  void open(std::function<void(std::optional<StoreError>, std::vector<std::uint8_t>, std::string)> done) override {
    done(std::nullopt, to_open, "backup.hearth-backup");
  }
};

}  // namespace hearth::test
