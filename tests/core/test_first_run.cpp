// The first run: a fresh device, its unit kept for enrolment, and the demo district loaded
// as one stored batch that survives a reopen and can never be exported.
#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "memory_store.hpp"
#include "session.hpp"

using namespace hearth;

namespace {
struct Device {
  test::MemoryStore store;
  test::FixedClock clock;
  test::CountingRandom random;
  test::FakeLease lease;
  test::FakeGauge gauge;
  test::FakeFiles files;
  Session::Options options{2000, KdfCost::for_tests()};
  Session::Effects effects() { return {store, clock, random, &lease, &gauge, &files}; }
};
}  // namespace

TEST_CASE("a fresh device keeps the unit chosen at first run", "[first_run]") {
  Device d;
  {
    Session s(d.effects(), d.options);
    s.open();
    REQUIRE(s.fresh());
    CHECK_FALSE(s.unit());
    std::optional<StoreError> err{StoreError{"x", "not called"}};
    s.set_unit(DeviceUnit{DeviceRole::Township, 500154001, "", "汉丰街道 1 号平板"}, [&](std::optional<StoreError> e) { err = e; });
    CHECK_FALSE(err);
  }
  Session s(d.effects(), d.options);
  s.open();
  REQUIRE(s.unit());
  CHECK(s.unit()->township == 500154001u);
  CHECK(s.unit()->label == "汉丰街道 1 号平板");
  CHECK(s.fresh());  // a unit alone is not a key: the first-run screen still offers the rest
  std::vector<TrustProblem> problems{{"not called", {}, {}}};
  s.create_key(DeviceRole::Township, "correct horse", "correct horse", "", [&](std::vector<TrustProblem> ps) { problems = ps; });
  CHECK(problems.empty());
  CHECK_FALSE(s.fresh());
}

TEST_CASE("the demo district loads into a fresh device, survives a reopen, and is never exported", "[first_run]") {
  Device d;
  std::uint64_t events = 0;
  std::size_t workers = 0;
  {
    Session s(d.effects(), d.options);
    s.open();
    REQUIRE(s.fresh());
    std::optional<StoreError> err{StoreError{"x", "not called"}};
    s.load_demo(200, [&](std::optional<StoreError> e) { err = e; });
    CHECK_FALSE(err);
    REQUIRE(s.phase() == Session::Phase::Ready);
    CHECK(s.demo());
    CHECK_FALSE(s.fresh());
    events = s.workspace().ledger().last_seq();
    workers = s.state().workers().size();
    CHECK(events > 1000);
    CHECK(workers >= 500);
    CHECK(d.store.snapshots.size() == 1);  // one snapshot of the whole batch: the next open is quick
    // a second load is refused: the device is no longer empty
    s.load_demo(200, [&](std::optional<StoreError> e) { err = e; });
    REQUIRE(err);
    CHECK(err->kind == "refused");
  }
  Session s(d.effects(), d.options);
  s.open();
  REQUIRE(s.phase() == Session::Phase::Ready);
  CHECK_FALSE(s.load_report().damaged());
  CHECK(s.demo());
  CHECK(s.workspace().ledger().last_seq() == events);
  CHECK(s.state().workers().size() == workers);
  // never exported, whatever the key and certificate say
  std::vector<TrustProblem> problems;
  s.export_bundle(0, 0, [&](std::optional<Session::ExportResult>, std::vector<TrustProblem> ps) { problems = ps; });
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].message == "err.demo.export");
}

TEST_CASE("a demo load the store refuses leaves the device fresh and says why", "[first_run]") {
  Device d;
  Session s(d.effects(), d.options);
  s.open();
  d.store.fail_next = StoreError{"quota", "no room"};
  std::optional<StoreError> err;
  s.load_demo(200, [&](std::optional<StoreError> e) { err = e; });
  REQUIRE(err);
  CHECK(err->kind == "quota");
  CHECK(s.fresh());
  CHECK_FALSE(s.demo());
  CHECK(d.store.events.empty());
}
