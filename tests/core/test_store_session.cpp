// The session over a store with snapshots, retention, a head, other windows, storage limits
// and backups (tests/core/memory_store.hpp has the browser store's semantics): opening reads
// the newest snapshot and the events after it; a damaged snapshot costs time, not data;
// compaction never loses what was not exported; a follower never writes; a backup restores.
#include <catch2/catch.hpp>

#include <algorithm>

#include "helpers.hpp"
#include "memory_store.hpp"
#include "session.hpp"
#include "snapshot.hpp"

using namespace hearth;
using hearth::test::with_check;

namespace {
RegisterWorker person(int i) {
  char seq[16];
  std::snprintf(seq, sizeof seq, "%03d", i);
  static const char* const kNames[] = {"赵", "钱", "孙", "李", "周", "吴", "郑", "王", "冯", "陈", "褚", "卫", "蒋", "沈", "韩", "杨", "朱", "秦", "尤", "许"};
  return {std::string(kNames[(i - 1) % 20]) + "工", with_check(std::string("50015419900101") + seq), "13812345678", 500154001};
}

struct Device {
  test::MemoryStore store;
  test::FixedClock clock;
  test::CountingRandom random;
  test::FakeLease lease;
  test::FakeGauge gauge;
  test::FakeFiles files;
  Session::Options options{5};  // a snapshot every 5 events
  Session::Effects effects() { return {store, clock, random, &lease, &gauge, &files}; }
};

void add_workers(Session& s, int from, int to) {
  for (int i = from; i <= to; ++i) {
    REQUIRE(s.submit(person(i)).problems.empty());
    REQUIRE(s.last_write().status == Session::WriteStatus::Saved);
  }
}
}  // namespace

TEST_CASE("snapshots are written as the ledger grows, and opening starts from the newest", "[store]") {
  Device d;
  {
    Session s(d.effects(), d.options);
    s.open();
    add_workers(s, 1, 12);
    CHECK(s.newest_snapshot() == 10);
    CHECK(s.last_snapshot().bytes > 0);
  }
  CHECK(d.store.snapshots.size() == 2);  // 5 and 10: the two newest are kept
  CHECK(d.store.events.size() == 12);    // nothing was exported, so nothing is dropped
  Session s(d.effects(), d.options);
  s.open();
  REQUIRE(s.phase() == Session::Phase::Ready);
  CHECK(s.load_report().snapshot_seq == 10);
  CHECK(s.load_report().events_loaded == 2);  // 11 and 12 folded on top
  CHECK_FALSE(s.load_report().damaged());
  CHECK(s.state().workers().size() == 12);
  CHECK(s.workspace().ledger().last_seq() == 12);
  add_workers(s, 13, 13);  // and the chain goes on from the snapshot's head
  CHECK(s.state().workers().size() == 13);
}

TEST_CASE("a damaged snapshot is rebuilt from the one before it and the events — nothing is lost", "[store]") {
  Device d;
  {
    Session s(d.effects(), d.options);
    s.open();
    add_workers(s, 1, 11);
  }
  d.store.snapshots.at(10)[40] ^= 0x01;
  Session s(d.effects(), d.options);
  s.open();
  REQUIRE(s.phase() == Session::Phase::Ready);
  CHECK_FALSE(s.load_report().damaged());
  REQUIRE(s.repaired().size() == 1);
  CHECK(s.repaired()[0].seq == 10);
  CHECK(s.repaired()[0].message.starts_with("err.snapshot."));
  CHECK(s.load_report().snapshot_seq == 5);
  CHECK(s.state().workers().size() == 11);
  CHECK_FALSE(s.read_only());
}

TEST_CASE("compaction drops only events that were exported and that the older snapshot covers", "[store]") {
  Device d;
  d.store.exported = 7;
  // the district confirmed it holds them (a receipt): without one nothing is dropped (test_bundle.cpp)
  const DeviceKeys district{DeviceId{0xD1}, DeviceRole::District, SigningKey::from_seed(Seed{1}), BoxKey::from_seed(Seed{2})};
  d.store.meta[kMetaConfirmed] = make_receipt(district, DeviceId{}, 7, Hash256{}, 0).encode();
  {
    Session s(d.effects(), d.options);
    s.open();
    add_workers(s, 1, 16);  // snapshots at 5, 10, 15
  }
  CHECK(d.store.snapshots.size() == 2);
  CHECK(d.store.snapshots.contains(10));
  CHECK(d.store.snapshots.contains(15));
  CHECK(d.store.events.begin()->first == 8);  // ≤ min(exported 7, oldest kept 10) dropped; 8… kept
  SECTION("opening still gives everything") {
    Session s(d.effects(), d.options);
    s.open();
    CHECK(s.state().workers().size() == 16);
    CHECK_FALSE(s.load_report().damaged());
  }
  SECTION("with the newest snapshot damaged, the older one and the kept events still give everything") {
    d.store.snapshots.at(15)[60] ^= 0x01;
    Session s(d.effects(), d.options);
    s.open();
    CHECK(s.state().workers().size() == 16);
    CHECK_FALSE(s.load_report().damaged());
    CHECK(s.repaired().size() == 1);
    // replaced at once; the damaged one is dropped, the sound older one kept as the fallback
    CHECK(d.store.snapshots.size() == 2);
    CHECK(d.store.snapshots.contains(16));
    CHECK(d.store.snapshots.contains(10));
    CHECK(d.store.events.begin()->first == 8);
  }
  SECTION("with both damaged, the events that were compacted away are reported missing: read-only") {
    d.store.snapshots.at(15)[60] ^= 0x01;
    d.store.snapshots.at(10)[60] ^= 0x01;
    Session s(d.effects(), d.options);
    s.open();
    REQUIRE(s.load_report().damaged());
    CHECK(s.read_only());
    const auto& dmg = s.load_report().damage;
    CHECK(std::any_of(dmg.begin(), dmg.end(), [](const Damage& x) { return x.message == "err.ledger.missing" && x.seq == 1 && x.last_seq == 7; }));
    CHECK(s.state().workers().size() == 9);  // 8…16: what is intact still shows
  }
}

TEST_CASE("plan_retention keeps two snapshots and never drops an unexported event", "[store]") {
  CHECK(plan_retention({}, 5, 100) == Retention{{}, 0});         // one snapshot: nothing to fall back on
  CHECK(plan_retention({5}, 10, 100) == Retention{{}, 5});       // covered by the older kept snapshot
  CHECK(plan_retention({10, 5}, 15, 100) == Retention{{5}, 10});
  CHECK(plan_retention({10, 5}, 15, 3) == Retention{{5}, 3});    // only what was exported
  CHECK(plan_retention({10, 5}, 15, 0) == Retention{{5}, 0});
}

TEST_CASE("a store from before heads were kept gets its head once its chain checks out", "[store]") {
  Device d;
  {
    Session s(d.effects(), d.options);
    s.open();
    add_workers(s, 1, 3);
  }
  const auto head = d.store.head;
  d.store.head.reset();
  Session s(d.effects(), d.options);
  s.open();
  CHECK_FALSE(s.load_report().damaged());
  CHECK(d.store.head == head);
}

TEST_CASE("an event changed in the store makes the session read-only and names the record", "[store]") {
  Device d;
  {
    Session s(d.effects(), d.options);
    s.open();
    add_workers(s, 1, 3);
  }
  auto& bytes = d.store.events.at(3);
  const std::string mobile = "13812345678";
  std::search(bytes.begin(), bytes.end(), mobile.begin(), mobile.end())[4] ^= 0x01;  // a digit of the newest event's mobile
  Session s(d.effects(), d.options);
  s.open();
  REQUIRE(s.load_report().damage.size() == 1);
  CHECK(s.load_report().damage[0].seq == 3);
  CHECK(s.load_report().damage[0].label == "孙工");
  CHECK(s.read_only());
  CHECK(s.submit(person(4)).problems[0].message == "err.store.read_only");
  CHECK(s.state().workers().size() == 2);
}

TEST_CASE("a follower window never writes, follows the writer, and takes over when it goes", "[store]") {
  Device d;
  Session writer(d.effects(), d.options);
  writer.open();
  add_workers(writer, 1, 2);

  test::FakeLease follower_lease;
  follower_lease.role = WriterLease::Role::Follower;
  Session follower(Session::Effects{d.store, d.clock, d.random, &follower_lease, &d.gauge, &d.files}, d.options);
  follower.open();
  CHECK(follower.role() == WriterLease::Role::Follower);
  CHECK(follower.read_only());
  CHECK(follower.submit(person(9)).problems[0].message == "err.store.other_window");

  add_workers(writer, 3, 4);
  REQUIRE(d.lease.announced.back() == 4);
  follower_lease.grew(4);  // the writer's announcement arrives
  CHECK(follower.state().workers().size() == 4);

  add_workers(writer, 5, 5);  // written, but this announcement is lost
  follower_lease.become(WriterLease::Role::Writer);  // the writer's window closed
  CHECK(follower.role() == WriterLease::Role::Writer);
  CHECK(follower.state().workers().size() == 5);  // caught up before taking over
  add_workers(follower, 6, 6);
  CHECK(d.store.events.size() == 6);
}

TEST_CASE("a write that collides with another writer is refused and the session catches up", "[store]") {
  Device d;
  Session a(d.effects(), d.options);
  a.open();
  test::FakeLease lease_b;  // both believe they write (a fallback lease raced)
  Session b(Session::Effects{d.store, d.clock, d.random, &lease_b, &d.gauge, &d.files}, d.options);
  b.open();
  add_workers(a, 1, 1);
  REQUIRE(b.submit(person(2)).problems.empty());
  CHECK(b.last_write().status == Session::WriteStatus::Failed);
  CHECK(b.last_write().error->kind == "conflict");
  CHECK(b.state().workers().size() == 1);  // it read what a wrote
  add_workers(b, 2, 2);                    // and the retry continues the one ledger
  CHECK(d.store.events.size() == 2);
}

TEST_CASE("storage: low space is flagged before writes are refused", "[store]") {
  Device d;
  Session s(d.effects(), d.options);
  s.open();
  CHECK(s.storage().known);
  CHECK_FALSE(s.storage_low());
  d.gauge.estimate = {true, 950e6, 1000e6, false};
  s.measure_storage();
  CHECK(s.storage_low());
  d.gauge.estimate = {true, 10e9, 100e9, false};  // 10 %, lots left
  s.measure_storage();
  CHECK_FALSE(s.storage_low());
  d.gauge.estimate = {true, 1e6, 50e6, false};  // a small quota: under 100 MB left
  s.measure_storage();
  CHECK(s.storage_low());
}

TEST_CASE("a write refused for space changes nothing and the same event is retried", "[store]") {
  Device d;
  Session s(d.effects(), d.options);
  s.open();
  add_workers(s, 1, 1);
  d.store.fail_next = StoreError{"quota", "QuotaExceededError"};
  REQUIRE(s.submit(person(2)).problems.empty());
  CHECK(s.last_write().error->message_key() == "err.store.quota");
  CHECK(d.store.events.size() == 1);
  add_workers(s, 2, 2);
  CHECK(d.store.events.rbegin()->first == 2);
}

TEST_CASE("backup and restore: the same ledger on another device, with a warning first", "[store]") {
  Device a;
  Session s(a.effects(), a.options);
  s.open();
  add_workers(s, 1, 7);
  s.backup();
  REQUIRE(s.backup_job().status == Session::Job::Status::Done);
  REQUIRE_FALSE(a.files.saved.empty());
  CHECK(a.files.saved_name.ends_with(".hearth-backup"));

  Device b;
  b.random.next = 200;  // another device id
  Session t(b.effects(), b.options);
  t.open();
  add_workers(t, 1, 1);
  SECTION("a damaged file is refused before anything is touched") {
    auto bad = a.files.saved;
    bad[bad.size() / 2] ^= 0x01;
    t.preview_restore(bad, "x.hearth-backup");
    CHECK_FALSE(t.restore_preview());
    CHECK(t.restore_job().message == "err.backup.checksum");
    t.preview_restore({1, 2, 3}, "notes.txt");
    CHECK(t.restore_job().message == "err.backup.not_a_backup");
    CHECK(t.state().workers().size() == 1);
  }
  SECTION("the preview says what the file holds; confirming replaces and reopens") {
    b.files.to_open = a.files.saved;
    t.choose_restore();
    REQUIRE(t.restore_preview());
    CHECK(t.restore_preview()->events == 7);
    CHECK(t.restore_preview()->workers == 7);
    CHECK_FALSE(t.restore_preview()->same_device);
    CHECK(t.restore_preview()->damage.empty());
    CHECK(t.state().workers().size() == 1);  // nothing replaced yet
    t.confirm_restore();
    REQUIRE(t.phase() == Session::Phase::Ready);
    CHECK(t.restore_job().status == Session::Job::Status::Done);
    CHECK(t.workspace().ledger().device() == s.workspace().ledger().device());
    CHECK(t.state().workers().size() == 7);
    CHECK_FALSE(t.load_report().damaged());
    add_workers(t, 8, 8);  // the restored ledger continues here
    CHECK(b.store.events.size() == 8);
  }
  SECTION("cancel leaves everything as it was") {
    t.preview_restore(a.files.saved, "a.hearth-backup");
    REQUIRE(t.restore_preview());
    t.cancel_restore();
    CHECK_FALSE(t.restore_preview());
    CHECK(t.state().workers().size() == 1);
  }
}
