// Folding is order-independent: the events of several devices, interleaved in any order that
// keeps each device's own sequence, give the same state — compared through everything the
// views and rules read (rows by record id, resolved fields, history, duplicates, KPIs, credit).
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <sstream>

#include "measures.hpp"
#include "rules.hpp"
#include "scenario.hpp"
#include "state_compare.hpp"
#include "synthetic.hpp"

using namespace hearth;
using hearth::test::canonical;
using hearth::test::with_check;

namespace {
// The register form as it stands for `w`, with a new mobile number: an edit of one field.
RegisterWorker with_mobile(const Worker& w, std::string mobile) {
  const WorkerDetails& d = w.details;
  return {d.name, w.resident_id, std::move(mobile), d.township, d.occupation, d.skill, d.skill_certificate, d.special_groups,
          d.awards, d.union_member != 0, d.own_insurance, d.community};
}
}  // namespace

TEST_CASE("folding is independent of how devices' events interleave", "[fold][property]") {
  // Device A: a small district. Device B registers one of A's people offline first (a
  // duplicate), then learns A's events and trains, edits and rates A's records, while A
  // edits the same fields later, unaware of B.
  Workspace a(DeviceId{0xA1});
  std::vector<Event> from_a;
  const auto made = generate_district(a, 11, DistrictScale::divided_by(1000), [&](const SealedEvent& e) { from_a.push_back(e.event); });
  REQUIRE(made.events > 500);

  std::vector<std::size_t> unedited;  // workers the generator never edited, so each history is exactly B's and A's edit
  for (std::size_t i = 10; unedited.size() < 5; ++i)
    if (a.state().history(a.state().workers().rows()[i].key).empty()) unedited.push_back(i);

  hearth::test::Scenario b(0xB2);
  b.on(Date{2020, 1, 15});
  const Worker& early = a.state().workers().rows()[3];
  b.ok(RegisterWorker{"重复登记", early.resident_id, "13911112222", 500154005});
  b.on(Date{2023, 1, 10});
  for (const Event& e : from_a) b.ws.receive(e, b.now);
  for (std::size_t i : unedited) {
    const Worker& w = b.state().workers().rows()[i];
    b.ok(EditWorker{b.state().record_id(w.key), with_mobile(w, "1370000000" + std::to_string(i % 10))});
  }
  const RecordId session = b.session(b.course(CourseType::Refresher), "2023-01-05");
  for (std::size_t i = 20; i < 30; ++i) b.complete(session, b.state().record_id(b.state().workers().rows()[i].key), "2023-01-06");
  b.ok(RecordCreditEvent{b.state().record_id(b.state().enterprises().rows()[0].key), CreditKind::Violation, "2022-12-01", 2, "未签合同"});

  for (std::size_t i : unedited) {  // A's concurrent edits of the same phone numbers, stamped later
    const Worker& w = a.state().workers().rows()[i];
    const auto d = a.decide(EditWorker{a.state().record_id(w.key), with_mobile(w, "1590000000" + std::to_string(i % 10))},
                            Date{2023, 1, 20}.days_since_1970() * 86400 * 1000);
    REQUIRE(d.accepted());
    REQUIRE_FALSE(a.commit(d.events));
    from_a.push_back(d.events[0].event);
  }
  const std::vector<Event>& from_b = b.log;

  // Reference: A's events, then B's.
  State reference;
  for (const auto& e : from_a) reference.apply(e);
  for (const auto& e : from_b) reference.apply(e);
  const std::string expected = canonical(reference);
  // The conflicts resolved as designed: the later edit wins, the losing value stays in history,
  // and the earlier registration holds the ID number.
  const Worker& edited = reference.workers().rows()[unedited[0]];
  CHECK(edited.details.mobile.starts_with("159"));
  const auto history = reference.history(edited.key);
  REQUIRE(history.size() == 2);
  CHECK(history[0].new_value.starts_with("137"));
  CHECK_FALSE(history[0].in_force);
  CHECK(history[1].old_value.starts_with("137"));
  CHECK(history[1].in_force);
  CHECK(reference.worker_by_resident_id(early.resident_id)->name() == "重复登记");  // B registered first (January 2020)

  // Property: any interleaving that keeps each device's order gives the same state.
  SplitMix r(GENERATE(1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u));
  State shuffled;
  std::size_t ia = 0, ib = 0;
  while (ia < from_a.size() || ib < from_b.size()) {
    const bool take_a = ib == from_b.size() || (ia < from_a.size() && r.below(static_cast<std::uint32_t>(from_a.size() + from_b.size())) < from_a.size());
    shuffled.apply(take_a ? from_a[ia++] : from_b[ib++]);
  }
  CHECK(canonical(shuffled) == expected);

  // and B first, then A
  State b_first;
  for (const auto& e : from_b) b_first.apply(e);
  for (const auto& e : from_a) b_first.apply(e);
  CHECK(canonical(b_first) == expected);
}
