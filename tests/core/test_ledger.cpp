#include <catch2/catch.hpp>

#include <algorithm>

#include "helpers.hpp"
#include "workspace.hpp"

using namespace hearth;
using hearth::test::kNowMs;
using hearth::test::with_check;

namespace {
const DeviceId kDevice{0xD1, 0xE5};

RegisterWorker person(int i) {
  char seq[16];
  std::snprintf(seq, sizeof seq, "%03d", i);
  return {"工人", with_check(std::string("50015419900101") + seq), "13812345678", 500154001};
}

// A ledger of n events as stored, built through the real decide/commit path.
std::vector<StoredEvent> ledger_events(int n) {
  Workspace ws(kDevice);
  std::vector<StoredEvent> out;
  for (int i = 1; i <= n; ++i) {
    auto d = ws.decide(person(i), kNowMs + i);
    REQUIRE(d.accepted());
    out.push_back({d.events[0].event.seq, d.events[0].bytes});
    REQUIRE_FALSE(ws.commit(d.events));
  }
  return out;
}
StoredHead head_of(const std::vector<StoredEvent>& events) { return {events.back().seq, blake2b_256(events.back().bytes)}; }

// Flips one bit inside the worker's mobile number: the event still decodes, its hash changes.
void alter_content(StoredEvent& e) {
  const std::string mobile = std::get<WorkerRegistered>(decode_event(e.bytes).body).details.mobile;
  const auto at = std::search(e.bytes.begin(), e.bytes.end(), mobile.begin(), mobile.end());
  REQUIRE(at != e.bytes.end());
  at[5] ^= 0x01;
}
// Flips one bit of the event's `prev` field (the link to the event before it).
void alter_link(StoredEvent& e) {
  Event ev = decode_event(e.bytes);
  ev.prev[7] ^= 0x01;
  e.bytes = encode_event(ev);
}
}  // namespace

TEST_CASE("appended events are numbered, stamped and chained by hash", "[ledger]") {
  Workspace ws(kDevice);
  Hash256 prev{};
  for (int i = 1; i <= 3; ++i) {
    const auto d = ws.decide(person(i), kNowMs);  // the same physical millisecond each time
    REQUIRE(d.accepted());
    const Event& e = d.events[0].event;
    CHECK(e.device == kDevice);
    CHECK(e.seq == static_cast<std::uint64_t>(i));
    CHECK(e.prev == prev);
    CHECK(e.stamp == Hlc{kNowMs, static_cast<std::uint32_t>(i - 1)});  // the counter orders them
    CHECK(d.events[0].hash == blake2b_256(d.events[0].bytes));
    REQUIRE_FALSE(ws.commit(d.events));
    prev = d.events[0].hash;
  }
  CHECK(ws.ledger().last_seq() == 3);
  CHECK(ws.ledger().head() == prev);
  CHECK(ws.state().workers().size() == 3);
}

TEST_CASE("the folded state is rebuilt from the stored bytes alone, and the head vouches for the end", "[ledger]") {
  const auto stored = ledger_events(5);
  Workspace ws(kDevice);
  const LoadReport r = ws.load(stored, head_of(stored));
  CHECK(r.events_loaded == 5);
  CHECK_FALSE(r.damaged());
  CHECK(ws.state().workers().size() == 5);
  CHECK(ws.state().record_id(ws.state().workers().rows()[4].key) == RecordId{kDevice, 5});
  // and the next event continues that chain
  const auto d = ws.decide(person(6), kNowMs + 100);
  CHECK(d.events[0].event.seq == 6);
  CHECK(d.events[0].event.prev == blake2b_256(stored[4].bytes));
}

TEST_CASE("a changed event is named with what it recorded — everything intact is still folded", "[ledger]") {
  auto stored = ledger_events(5);
  const StoredHead head = head_of(stored);
  alter_content(stored[2]);  // event 3: its hash no longer matches event 4's link
  Workspace ws(kDevice);
  const LoadReport r = ws.load(stored, head);
  REQUIRE(r.damage.size() == 1);
  CHECK(r.damage[0].seq == 3);
  CHECK(r.damage[0].message == "err.ledger.hash_mismatch");
  CHECK(r.damage[0].affects == "app.event.worker_registered");
  CHECK(r.damage[0].label == "工人");
  CHECK(r.events_loaded == 4);  // 1, 2, 4 and 5: nothing intact is dropped
  CHECK(ws.state().workers().size() == 4);
  for (const Worker& w : ws.state().workers().rows()) CHECK(ws.state().record_id(w.key).seq != 3);
  CHECK(ws.ledger().last_seq() == 5);  // positioned at the end, for a read-only view
}

TEST_CASE("a changed link is pinned on the event that carries it, not on its neighbour", "[ledger]") {
  auto stored = ledger_events(5);
  const StoredHead head = head_of(stored);
  alter_link(stored[2]);  // event 3's prev: both links around it break
  Workspace ws(kDevice);
  const LoadReport r = ws.load(stored, head);
  REQUIRE(r.damage.size() == 1);
  CHECK(r.damage[0].seq == 3);
  CHECK(r.events_loaded == 4);
}

TEST_CASE("the newest event is checked against the stored head", "[ledger]") {
  auto stored = ledger_events(3);
  const StoredHead head = head_of(stored);
  alter_content(stored[2]);
  SECTION("with the head: the change is found") {
    Workspace ws(kDevice);
    const LoadReport r = ws.load(stored, head);
    REQUIRE(r.damage.size() == 1);
    CHECK(r.damage[0].seq == 3);
    CHECK(r.damage[0].message == "err.ledger.head_mismatch");
    CHECK(r.events_loaded == 2);
  }
  SECTION("without one (a first-version store), nothing after the newest event can vouch for it") {
    Workspace ws(kDevice);
    const LoadReport r = ws.load(stored);
    CHECK_FALSE(r.damaged());  // the reason the head is stored with every append
  }
  SECTION("a changed next-to-last event without a head: either of the last two may be the one") {
    auto two = ledger_events(3);
    alter_content(two[1]);
    Workspace ws(kDevice);
    const LoadReport r = ws.load(two);
    REQUIRE(r.damage.size() == 2);
    CHECK(r.damage[0].seq == 2);
    CHECK(r.damage[1].seq == 3);
    CHECK(r.events_loaded == 1);
  }
}

TEST_CASE("missing events are named as a run — an acknowledged tail that is gone is missing too", "[ledger]") {
  auto stored = ledger_events(6);
  const StoredHead head = head_of(stored);
  stored.erase(stored.begin() + 1, stored.begin() + 3);  // lose events 2 and 3
  stored.pop_back();                                     // and 6, the newest
  Workspace ws(kDevice);
  const LoadReport r = ws.load(stored, head);
  REQUIRE(r.damage.size() == 3);
  // event 1 is folded, but only event 2's link could vouch for it: it is named unverified
  CHECK(r.damage[0].message == "err.ledger.unverified");
  CHECK(r.damage[0].seq == 1);
  CHECK(r.damage[1].message == "err.ledger.missing");
  CHECK(r.damage[1].seq == 2);
  CHECK(r.damage[1].last_seq == 3);
  CHECK(r.damage[2].message == "err.ledger.missing");
  CHECK(r.damage[2].seq == 6);
  CHECK(r.damage[2].last_seq == 6);
  CHECK(r.events_loaded == 3);  // 1, 4, 5
}

TEST_CASE("events beyond the stored head were never acknowledged and are not folded", "[ledger]") {
  auto stored = ledger_events(4);
  const StoredHead head{3, blake2b_256(stored[2].bytes)};
  Workspace ws(kDevice);
  const LoadReport r = ws.load(stored, head);
  REQUIRE(r.damage.size() == 1);
  CHECK(r.damage[0].seq == 4);
  CHECK(r.damage[0].message == "err.ledger.beyond_head");
  CHECK(r.events_loaded == 3);
}

TEST_CASE("an event from another device or stored under another number is named", "[ledger]") {
  Workspace other(DeviceId{0x0B});
  const LoadReport r = other.load(ledger_events(1));
  REQUIRE(r.damage.size() == 1);
  CHECK(r.damage[0].message == "err.ledger.foreign_device");

  auto stored = ledger_events(2);
  stored[1].seq = 7;
  Workspace ws(kDevice);
  const LoadReport r2 = ws.load(stored);
  REQUIRE(r2.damage.size() == 2);
  CHECK(r2.damage[0].seq == 1);  // nothing after it can check it now (and there is no head)
  CHECK(r2.damage[0].message == "err.ledger.unverified");
  CHECK(r2.damage[1].message == "err.ledger.gap");
  CHECK(r2.damage[1].seq == 7);  // named where it is stored
}

TEST_CASE("undecodable bytes are reported, not thrown — what follows still loads", "[ledger]") {
  auto stored = ledger_events(3);
  stored[1].bytes.resize(stored[1].bytes.size() / 2);  // truncated
  Workspace ws(kDevice);
  const LoadReport r = ws.load(stored, head_of(stored));
  REQUIRE(r.damage.size() == 2);
  CHECK(r.damage[0].message == "err.ledger.unverified");  // event 2's link was its only witness
  CHECK(r.damage[0].seq == 1);
  CHECK(r.damage[1].message == "err.ledger.undecodable");
  CHECK(r.damage[1].seq == 2);
  CHECK(r.damage[1].affects.empty());
  CHECK(r.events_loaded == 2);
}

TEST_CASE("events after a trusted position must link to it", "[ledger]") {
  auto stored = ledger_events(4);
  Workspace ws(kDevice);
  REQUIRE_FALSE(ws.load({stored[0], stored[1]}).damaged());  // as a snapshot would leave it
  alter_link(stored[2]);
  const LoadReport r = ws.load({stored[2], stored[3]}, head_of(stored));
  REQUIRE(r.damage.size() == 1);
  CHECK(r.damage[0].seq == 3);
  CHECK(r.events_loaded == 1);
}

TEST_CASE("what nothing can vouch for is never shown as checked", "[ledger]") {
  SECTION("a changed link followed by a missing event") {
    auto stored = ledger_events(6);
    const StoredHead head = head_of(stored);
    alter_link(stored[3]);               // event 4's link
    stored.erase(stored.begin() + 4);    // event 5 missing
    Workspace ws(kDevice);
    const LoadReport r = ws.load(stored, head);
    std::vector<std::uint64_t> named;
    for (const Damage& d : r.damage) named.push_back(d.seq);
    CHECK(named == std::vector<std::uint64_t>{3, 4, 5});  // 3 or 4 changed (unknowable), 5 missing
    CHECK(r.events_loaded == 3);                          // 1, 2, 6
  }
  SECTION("a changed event followed by an unreadable one") {
    auto stored = ledger_events(5);
    const StoredHead head = head_of(stored);
    alter_content(stored[2]);                              // event 3
    stored[3].bytes.resize(stored[3].bytes.size() / 2);    // event 4 unreadable
    Workspace ws(kDevice);
    const LoadReport r = ws.load(stored, head);
    // nothing can check event 3 now: it is shown (most likely intact) but named as unverified
    REQUIRE(r.damage.size() == 2);
    CHECK(r.damage[0].seq == 3);
    CHECK(r.damage[0].message == "err.ledger.unverified");
    CHECK(r.damage[1].seq == 4);
    CHECK(r.damage[1].message == "err.ledger.undecodable");
  }
}

TEST_CASE("a commit that no longer continues the ledger changes nothing", "[ledger]") {
  Workspace ws(kDevice);
  const auto a = ws.decide(person(1), kNowMs);
  const auto b = ws.decide(person(2), kNowMs);  // decided against the same ledger position
  REQUIRE_FALSE(ws.commit(a.events));
  const auto broken = ws.commit(b.events);
  REQUIRE(broken);
  CHECK(broken->message == "err.ledger.gap");
  CHECK(ws.state().workers().size() == 1);
  CHECK(ws.ledger().last_seq() == 1);
}
