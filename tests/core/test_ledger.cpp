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

// A ledger of n events as stored bytes, built through the real decide/commit path.
std::vector<std::vector<std::uint8_t>> ledger_bytes(int n) {
  Workspace ws(kDevice);
  std::vector<std::vector<std::uint8_t>> out;
  for (int i = 1; i <= n; ++i) {
    auto d = ws.decide(person(i), kNowMs + i);
    REQUIRE(d.accepted());
    out.push_back(d.events[0].bytes);
    REQUIRE_FALSE(ws.commit(d.events));
  }
  return out;
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

TEST_CASE("the folded state is rebuilt from the stored bytes alone", "[ledger]") {
  const auto stored = ledger_bytes(5);
  Workspace ws(kDevice);
  const LoadReport r = ws.load(stored);
  CHECK(r.events_loaded == 5);
  CHECK_FALSE(r.damage);
  CHECK(ws.state().workers().size() == 5);
  CHECK(ws.state().record_id(ws.state().workers().rows()[4].key) == RecordId{kDevice, 5});
  // and the next event continues that chain
  const auto d = ws.decide(person(6), kNowMs + 100);
  CHECK(d.events[0].event.seq == 6);
  CHECK(d.events[0].event.prev == blake2b_256(stored[4]));
}

TEST_CASE("a tampered event breaks the chain and loading stops there", "[ledger]") {
  auto stored = ledger_bytes(5);
  const std::string mobile = std::get<WorkerRegistered>(decode_event(stored[2]).body).details.mobile;
  const auto at = std::search(stored[2].begin(), stored[2].end(), mobile.begin(), mobile.end());
  REQUIRE(at != stored[2].end());
  at[5] ^= 0x01;  // flip one bit inside event 3 (a digit of its mobile number): still decodes
  Workspace ws(kDevice);
  const LoadReport r = ws.load(stored);
  CHECK(r.events_loaded == 3);  // event 3 still decodes; event 4's prev no longer matches
  REQUIRE(r.damage);
  CHECK(r.damage->seq == 4);
  CHECK(r.damage->message == "err.ledger.hash_mismatch");
}

TEST_CASE("a missing event or one from another device is named", "[ledger]") {
  auto stored = ledger_bytes(4);
  stored.erase(stored.begin() + 1);  // lose event 2
  Workspace ws(kDevice);
  const LoadReport r = ws.load(stored);
  CHECK(r.events_loaded == 1);
  REQUIRE(r.damage);
  CHECK(r.damage->message == "err.ledger.gap");
  CHECK(r.damage->seq == 3);

  Workspace other(DeviceId{0x0B});
  const LoadReport r2 = other.load(ledger_bytes(1));
  REQUIRE(r2.damage);
  CHECK(r2.damage->message == "err.ledger.foreign_device");
}

TEST_CASE("undecodable bytes are reported, not thrown", "[ledger]") {
  auto stored = ledger_bytes(2);
  stored[1].resize(stored[1].size() / 2);  // truncated
  Workspace ws(kDevice);
  const LoadReport r = ws.load(stored);
  CHECK(r.events_loaded == 1);
  REQUIRE(r.damage);
  CHECK(r.damage->message == "err.ledger.undecodable");
  CHECK(r.damage->seq == 2);
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

TEST_CASE("hybrid logical clock: monotonic locally, causal across devices", "[hlc]") {
  CHECK(hlc_next({100, 0}, 200) == Hlc{200, 0});
  CHECK(hlc_next({100, 4}, 100) == Hlc{100, 5});
  CHECK(hlc_next({100, 4}, 50) == Hlc{100, 5});  // the wall clock went backwards: stamps still grow
  CHECK(hlc_receive({100, 1}, {300, 7}, 200) == Hlc{300, 8});
  CHECK(hlc_receive({100, 1}, {100, 7}, 50) == Hlc{100, 8});
  CHECK(hlc_receive({100, 9}, {90, 7}, 50) == Hlc{100, 10});
  CHECK(hlc_receive({100, 9}, {90, 7}, 500) == Hlc{500, 0});
}
