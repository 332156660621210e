// Snapshots: a restored workspace is the saved one exactly (rows, indexes, ledger position),
// folding and deciding carry on from it as from the original, damaged bytes are refused with
// their reason and never crash, and the bytes are the same natively and in wasm — the same as
// the version-1 fixture, which every later version must keep opening.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>

#include "cereal_bounded.hpp"
#include <cereal/types/array.hpp>

#include "scenario.hpp"
#include "snapshot.hpp"
#include "state_compare.hpp"
#include "synthetic.hpp"

using namespace hearth;
using hearth::test::canonical;
using hearth::test::first_difference;
using hearth::test::Scenario;
using hearth::test::with_check;

namespace {
using Bytes = std::vector<std::uint8_t>;
constexpr std::size_t kHeaderSize = 84, kChecksumSize = 32;
const char* kFixture = HEARTH_SOURCE_DIR "/tests/fixtures/snapshot-v1.bin";
const char* kFixtureV2 = HEARTH_SOURCE_DIR "/tests/fixtures/snapshot-v2.bin";
const char* kFixtureV3 = HEARTH_SOURCE_DIR "/tests/fixtures/snapshot-v3.bin";

const RestoredSnapshot& restored(const std::variant<RestoredSnapshot, SnapshotProblem>& r) {
  if (const auto* p = std::get_if<SnapshotProblem>(&r)) FAIL(p->message << ": " << p->detail);
  return std::get<RestoredSnapshot>(r);
}
std::string problem_of(std::span<const std::uint8_t> bytes) {
  const auto r = restore_snapshot(bytes);
  return std::holds_alternative<SnapshotProblem>(r) ? std::get<SnapshotProblem>(r).message : "restored";
}
// A new checksum (and payload length) over edited bytes: damage the checksum cannot see.
Bytes resealed(Bytes b) {
  b.resize(b.size() - kChecksumSize);
  const std::uint64_t payload = b.size() - kHeaderSize;
  for (std::size_t i = 0; i < 8; ++i) b[76 + i] = static_cast<std::uint8_t>(payload >> (8 * i));
  const Hash256 sum = blake2b_256(b);
  b.insert(b.end(), sum.begin(), sum.end());
  return b;
}

// The fixture's world: a tiny deterministic district on device 0x31 at the Scenario's fixed
// clock, touching every kind of primary data a snapshot holds (rows of many tables, an edit
// with its history, a spell end, a complaint closure, revenue) and one event of another device.
Scenario fixture_scenario() {
  Scenario s;
  const RecordId a = s.worker();  // 张三
  RegisterWorker form{"李秀英", with_check("50015419850315124"), "13987654321", 500154002};
  form.occupation = Occupation::InfantCarer;
  const RecordId b = s.ok(form);
  form.mobile = "13700001111";
  s.ok(EditWorker{b, form});
  const RecordId ent = s.enterprise();
  const RecordId spell = s.hire(a, ent, "2022-03-01");
  s.ok(EndEmployment{spell, "2022-05-31", EmploymentEnd::Resigned});
  s.ok(VerifyIdentity{b, "2022-06-01", IdentityMethod::PoliceCheck});
  s.complete(s.session(s.course(CourseType::PreJob), "2022-05-01"), b, "2022-05-03");
  s.check(b, "2022-06-10", HealthCategory::MaternalInfant, "2023-02-28");
  s.ok(IssueLicence{b, "2022-06-30"});
  const RecordId k = s.ok(FileComplaint{ComplaintChannel::Hotline12315, "2022-03-01", "赵女士", "13700002222", ent, {}, 500154001, "未按时上门"});
  s.ok(RecordMediationStep{k, "2022-03-05", Mediator::ConsumerAssociation, "电话调解"});
  s.ok(CloseComplaint{k, "2022-03-10", ComplaintOutcome::Upheld, "已退款"});
  s.ok(RecordCreditEvent{ent, CreditKind::Evaluation, "2022-04-01", 5, "服务好"});
  s.ok(ReportRevenue{ent, "2021", "1234567.89"});
  Scenario other(0x77);  // another device's registration, learnt here
  other.worker("50015419920202123");
  for (const Event& e : other.log) s.ws.receive(e, s.now);
  return s;
}

// Format 3 adds revoked cards: the same world, with 李秀英's card revoked.
Scenario fixture_scenario_v3() {
  Scenario s = fixture_scenario();
  const Worker* li = s.state().worker_by_resident_id(with_check("50015419850315124"));
  REQUIRE(li);
  s.ok(RevokeLicence{s.state().record_id(li->key), "2022-06-30", "伪造体检报告"});
  return s;
}

Bytes read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}
}  // namespace

TEST_CASE("a snapshot restores exactly the folded state, and folding continues from it", "[snapshot]") {
  Workspace reference(DeviceId{0xA1});
  std::vector<StoredEvent> stored;
  generate_district(reference, 11, DistrictScale::divided_by(1000), [&](const SealedEvent& e) { stored.push_back({e.event.seq, e.bytes}); });
  REQUIRE(stored.size() > 500);

  const std::size_t cut = GENERATE_COPY(std::size_t{1}, stored.size() / 3, stored.size() - 1);
  INFO("snapshot after event " << cut << " of " << stored.size());
  Workspace original(DeviceId{0xA1});
  REQUIRE(original.load({stored.begin(), stored.begin() + static_cast<std::ptrdiff_t>(cut)}).events_loaded == cut);
  const Bytes snap = encode_snapshot(original, 42);

  const auto peeked = peek_snapshot(snap);
  REQUIRE(std::holds_alternative<SnapshotInfo>(peeked));
  const SnapshotInfo& info = std::get<SnapshotInfo>(peeked);
  CHECK(info.format == kSnapshotFormat);
  CHECK(info.device == original.ledger().device());
  CHECK(info.local_seq == cut);
  CHECK(info.head == original.ledger().head());
  CHECK(info.received == 42);
  CHECK(info.bytes == snap.size());

  auto result = restore_snapshot(snap);
  const RestoredSnapshot& r = restored(result);
  CHECK(r.info.received == 42);
  Workspace copy = r.workspace;
  CHECK(copy.ledger().last_seq() == cut);
  CHECK(copy.ledger().head() == original.ledger().head());
  CHECK(copy.state().revision() == original.state().revision());
  CHECK(first_difference(original.state(), copy.state()) == "");
  CHECK(encode_snapshot(copy, 42) == snap);  // the same state, the same bytes

  // The events after the snapshot fold onto both alike, and onto the restored one as onto a full fold.
  const std::vector<StoredEvent> rest(stored.begin() + static_cast<std::ptrdiff_t>(cut), stored.end());
  REQUIRE(original.load(rest).events_loaded == rest.size());
  const LoadReport continued = copy.load(rest);
  REQUIRE_FALSE(continued.damaged());
  REQUIRE(continued.events_loaded == rest.size());
  CHECK(first_difference(original.state(), copy.state()) == "");
  CHECK(first_difference(reference.state(), copy.state()) == "");
  CHECK(copy.ledger().head() == reference.ledger().head());
}

TEST_CASE("a restored device with another device's events decides and folds like the original", "[snapshot]") {
  // Device B registers one of A's people first (a duplicate), learns half of A's events plus
  // the later edits, spell ends and closings (whose records it has not seen yet: held, pending),
  // then edits, trains and rates A's records: two devices in the keys, history, duplicates.
  Workspace a(DeviceId{0xA1});
  std::vector<Event> from_a;
  generate_district(a, 5, DistrictScale::divided_by(1000), [&](const SealedEvent& e) { from_a.push_back(e.event); });
  const std::size_t half = from_a.size() / 2;

  Scenario b(0xB2);
  b.on(Date{2020, 1, 15});
  b.ok(RegisterWorker{"重复登记", a.state().workers().rows()[3].resident_id, "13911112222", 500154005});
  b.on(Date{2023, 1, 10});
  auto early = [&](std::size_t i) {  // a later event of A that arrives before its record does
    const auto& body = from_a[i].body;
    return i >= half && (std::holds_alternative<RecordEdited>(body) || std::holds_alternative<EmploymentEnded>(body) ||
                         std::holds_alternative<ComplaintClosed>(body));
  };
  std::size_t pending = 0;
  for (std::size_t i = 0; i < from_a.size(); ++i)
    if (i < half || early(i)) b.ws.receive(from_a[i], b.now), pending += early(i);
  REQUIRE(pending > 5);
  const Worker& w = b.state().workers().rows()[5];
  RegisterWorker form{w.details.name, w.resident_id, "13755556666", w.details.township};
  form.occupation = w.details.occupation;
  b.ok(EditWorker{b.state().record_id(w.key), form});
  const RecordId session = b.session(b.course(CourseType::Refresher), "2023-01-05");
  for (std::size_t i = 10; i < 15; ++i) b.complete(session, b.state().record_id(b.state().workers().rows()[i].key), "2023-01-06");
  b.ok(RecordCreditEvent{b.state().record_id(b.state().enterprises().rows()[0].key), CreditKind::Violation, "2022-12-01", 2, "未签合同"});

  const Bytes snap = encode_snapshot(b.ws, half);
  auto result = restore_snapshot(snap);
  const RestoredSnapshot& r = restored(result);
  CHECK(r.info.received == half);
  Workspace copy = r.workspace;
  CHECK(first_difference(b.state(), copy.state()) == "");
  CHECK(copy.state().worker_by_resident_id(a.state().workers().rows()[3].resident_id)->name() == "重复登记");

  // The same commands at the same moment give the same events on both: the chain goes on.
  const RecordId next = b.state().record_id(b.state().workers().rows()[20].key);
  for (const Command& cmd : {Command{Enrol{session, next}}, Command{RecordCompletion{session, next, "2023-01-06", "91.0", "JZ2023009"}}}) {
    const Decision on_original = b.ws.decide(cmd, b.now);
    const Decision on_copy = copy.decide(cmd, b.now);
    REQUIRE(on_original.accepted());
    REQUIRE(on_copy.accepted());
    CHECK(on_copy.events[0].bytes == on_original.events[0].bytes);
    CHECK(on_copy.events[0].hash == on_original.events[0].hash);
    REQUIRE_FALSE(b.ws.commit(on_original.events));
    REQUIRE_FALSE(copy.commit(on_copy.events));
    b.log.push_back(on_original.events[0].event);
    b.now += 1000;
  }

  // and the rest of A's events fold onto both alike, the held values joining their records
  for (std::size_t i = half; i < from_a.size(); ++i) {
    if (early(i)) continue;
    b.ws.receive(from_a[i], b.now);
    copy.receive(from_a[i], b.now);
  }
  CHECK(first_difference(b.state(), copy.state()) == "");
  State in_order;  // and they are the state that folding everything in order gives
  for (const Event& e : b.log) in_order.apply(e);
  for (const Event& e : from_a) in_order.apply(e);
  CHECK(canonical(in_order) == canonical(copy.state()));
  CHECK(encode_snapshot(copy, 1) == encode_snapshot(b.ws, 1));
}

TEST_CASE("the current format encodes the fixture scenario to its exact bytes (native and wasm alike)", "[snapshot][schema]") {
  // Written by running this test with HEARTH_WRITE_FIXTURES=1 (natively) when the format was
  // made. A new format gets a new fixture; the older fixtures must keep opening.
  const Scenario s = fixture_scenario_v3();
  const Bytes bytes = encode_snapshot(s.ws, 7);
  if (std::getenv("HEARTH_WRITE_FIXTURES")) std::ofstream(kFixtureV3, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  const Bytes fixture = read_file(kFixtureV3);
  REQUIRE_FALSE(fixture.empty());
  CHECK(bytes == fixture);
  auto result = restore_snapshot(fixture);
  const RestoredSnapshot& r = restored(result);
  CHECK(r.info.format == 3);
  CHECK(hearth::test::first_difference(r.workspace.state(), s.ws.state()) == "");
  const Worker* li = r.workspace.state().worker_by_resident_id(with_check("50015419850315124"));
  REQUIRE(li);
  REQUIRE(r.workspace.state().licence_revocation_of(li->key));
  CHECK(r.workspace.state().licence_revocation_of(li->key)->reason == "伪造体检报告");
}

TEST_CASE("the version-2 fixture still opens", "[snapshot][schema]") {
  // Written when format 2 was made (issue 5); never regenerated. It predates revoked cards.
  const Scenario s = fixture_scenario();
  const Bytes fixture = read_file(kFixtureV2);
  REQUIRE_FALSE(fixture.empty());
  auto result = restore_snapshot(fixture);
  const RestoredSnapshot& r = restored(result);
  CHECK(r.info.format == 2);
  CHECK(r.workspace.state().licence_revocations().size() == 0);
  CHECK(hearth::test::first_difference(r.workspace.state(), s.ws.state()) == "");
}

TEST_CASE("the version-1 fixture still opens", "[snapshot][schema]") {
  // Written once when format 1 was made; never regenerated.
  const Scenario s = fixture_scenario();
  const Bytes fixture = read_file(kFixture);
  REQUIRE_FALSE(fixture.empty());

  auto result = restore_snapshot(fixture);
  const RestoredSnapshot& r = restored(result);
  CHECK(r.info.format == 1);
  CHECK(r.info.received == 7);
  CHECK(r.info.local_seq == s.ws.ledger().last_seq());
  const Workspace& ws = r.workspace;
  CHECK(ws.ledger().device() == DeviceId{0x31});
  CHECK(ws.ledger().last_seq() == 18);  // the device's own events; the other device's one is not in its ledger
  const State& st = ws.state();
  REQUIRE(st.workers().size() == 3);
  CHECK(st.workers().rows()[0].name() == "张三");
  const Worker* li = st.worker_by_resident_id(with_check("50015419850315124"));
  REQUIRE(li);
  CHECK(li->name() == "李秀英");
  CHECK(li->details.mobile == "13700001111");  // the edit
  const auto history = st.history(li->key);
  REQUIRE(history.size() == 1);
  CHECK(history[0].old_value == "13987654321");
  REQUIRE(st.licence_of(li->key));
  CHECK(st.licence_of(li->key)->expires == Date{2023, 2, 28});
  CHECK(st.completions_of_worker(li->key).size() == 1);
  REQUIRE(st.enterprises().size() == 1);
  const Enterprise& ent = st.enterprises().rows()[0];
  CHECK(ent.name() == "重庆安心家政服务有限公司");
  REQUIRE(st.spells().size() == 1);
  REQUIRE(st.spell_end(st.spells().rows()[0].key));
  CHECK(st.spell_end(st.spells().rows()[0].key)->left == Date{2022, 5, 31});
  REQUIRE(st.complaints().size() == 1);
  CHECK(st.mediation_steps_of(st.complaints().rows()[0].key).size() == 1);
  REQUIRE(st.closure_of(st.complaints().rows()[0].key));
  CHECK(st.closure_of(st.complaints().rows()[0].key)->outcome == ComplaintOutcome::Upheld);
  REQUIRE(st.revenue(ent.key, 2021));
  CHECK(st.revenue(ent.key, 2021)->amount_fen == 123456789);
  CHECK(st.credit_events_of(ent.key).size() == 1);
  CHECK(st.record_id(st.workers().rows()[2].key).device == DeviceId{0x77});  // learnt from another device
  CHECK(st.search_workers("").size() == 3);
  CHECK(first_difference(s.state(), st) == "");
}

TEST_CASE("the payload is cereal portable binary: cereal itself reads the ledger at its start", "[snapshot]") {
  const Scenario s = fixture_scenario();
  const Bytes bytes = encode_snapshot(s.ws);
  std::istringstream in(std::string(bytes.begin() + kHeaderSize, bytes.end() - kChecksumSize), std::ios::binary);
  cereal::PortableBinaryInputArchive ar(in);
  DeviceId device{};
  std::uint64_t last_seq = 0, revision = 0;
  Hash256 head{};
  Hlc clock;
  ar(device, last_seq, head, clock, revision);
  CHECK(device == s.ws.ledger().device());
  CHECK(last_seq == s.ws.ledger().last_seq());
  CHECK(head == s.ws.ledger().head());
  CHECK(clock >= s.log.back().stamp);  // moved on past the other device's event, too
  CHECK(revision == s.state().revision());
}

TEST_CASE("damaged snapshots are refused with their reason, never a crash", "[snapshot]") {
  const Scenario s = fixture_scenario();
  const Bytes good = encode_snapshot(s.ws);
  REQUIRE(good.size() > kHeaderSize + kChecksumSize + 100);
  REQUIRE(problem_of(good) == "restored");

  SECTION("every byte of the header and the checksum, flipped") {
    auto expected = [&](std::size_t at, std::uint8_t mask) {
      if (at < 8) return "err.snapshot.not_a_snapshot";
      // another format this build reads (3 ^ 1 = 2) gets as far as the checksum
      if (at == 8 && (kSnapshotFormat ^ mask) >= 1 && (kSnapshotFormat ^ mask) <= kSnapshotFormat) return "err.snapshot.checksum";
      if (at < 12) return "err.snapshot.unsupported_version";
      return "err.snapshot.checksum";  // device, seq, head, received, payload length, the checksum itself
    };
    for (std::uint8_t mask : {0x01, 0x80, 0xFF}) {
      for (std::size_t at = 0; at < good.size(); ++at) {
        if (at == kHeaderSize) at = good.size() - kChecksumSize;
        Bytes bad = good;
        bad[at] ^= mask;
        INFO("byte " << at << " ^ " << int(mask));
        CHECK(problem_of(bad) == expected(at, mask));
      }
    }
  }
  SECTION("bytes of the payload, flipped") {
    SplitMix r(99);
    for (std::size_t n = 0; n < 300; ++n) {
      const std::size_t at = kHeaderSize + (n < 100 ? n * (good.size() - kHeaderSize - kChecksumSize) / 100 : r.below(static_cast<std::uint32_t>(good.size() - kHeaderSize - kChecksumSize)));
      Bytes bad = good;
      bad[at] ^= static_cast<std::uint8_t>(1u << (n % 8));
      INFO("byte " << at);
      CHECK(problem_of(bad) == "err.snapshot.checksum");
    }
  }
  SECTION("truncated at every length, or lengthened") {
    for (std::size_t n = 0; n < good.size(); ++n) {
      INFO("first " << n << " bytes");
      CHECK(problem_of(std::span(good).first(n)) == (n < 8 ? "err.snapshot.not_a_snapshot" : "err.snapshot.checksum"));
    }
    Bytes longer = good;
    longer.push_back(0);
    CHECK(problem_of(longer) == "err.snapshot.checksum");
    const auto peeked = peek_snapshot(std::span(good).first(good.size() - 1));
    REQUIRE(std::holds_alternative<SnapshotProblem>(peeked));
    CHECK(std::get<SnapshotProblem>(peeked).message == "err.snapshot.checksum");
  }
  SECTION("an unknown format version, named") {
    for (std::uint32_t v : {0u, kSnapshotFormat + 1, 0xFFFFFFFFu}) {
      Bytes other = good;
      for (std::size_t i = 0; i < 4; ++i) other[8 + i] = static_cast<std::uint8_t>(v >> (8 * i));
      other = resealed(other);
      const auto r = restore_snapshot(other);
      REQUIRE(std::holds_alternative<SnapshotProblem>(r));
      const SnapshotProblem& p = std::get<SnapshotProblem>(r);
      CHECK(p.message == "err.snapshot.unsupported_version");
      CHECK(p.args == std::vector<std::string>{std::to_string(v), std::to_string(kSnapshotFormat)});
      const auto peeked = peek_snapshot(other);
      REQUIRE(std::holds_alternative<SnapshotProblem>(peeked));
      CHECK(std::get<SnapshotProblem>(peeked).message == "err.snapshot.unsupported_version");
    }
  }
  SECTION("not a snapshot at all") {
    CHECK(problem_of({}) == "err.snapshot.not_a_snapshot");
    CHECK(problem_of(s.ws.ledger().next(s.log.front().body, s.now).bytes) == "err.snapshot.not_a_snapshot");  // an event
    const std::string text = "HEARTHSX and some more text to make it long enough for a header and a checksum, and more, and more.";
    CHECK(problem_of(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size())) == "err.snapshot.not_a_snapshot");
  }
}

TEST_CASE("a payload that passes the checksum but does not decode is refused, never a crash", "[snapshot]") {
  const Scenario s = fixture_scenario();
  const Bytes good = encode_snapshot(s.ws);
  const std::size_t payload = good.size() - kHeaderSize - kChecksumSize;

  // cut short inside the payload, at every length
  for (std::size_t n = 0; n < payload; ++n) {
    Bytes cut(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(kHeaderSize + n));
    cut.resize(cut.size() + kChecksumSize);
    INFO("payload cut to " << n << " bytes");
    CHECK(problem_of(resealed(cut)) == "err.snapshot.undecodable");
  }
  // a byte too many after the state
  Bytes longer(good.begin(), good.end() - kChecksumSize);
  longer.push_back(0);
  longer.resize(longer.size() + kChecksumSize);
  CHECK(problem_of(resealed(longer)) == "err.snapshot.undecodable");
  // a header that does not match the ledger inside
  Bytes other_seq = good;
  other_seq[28] ^= 1;
  CHECK(problem_of(resealed(other_seq)) == "err.snapshot.undecodable");
  // every payload byte changed in turn: refused, or decoded into some state — never a crash
  std::size_t refused = 0;
  for (std::size_t at = kHeaderSize; at < kHeaderSize + payload; ++at) {
    for (std::uint8_t mask : {0x01, 0xFF}) {
      Bytes bad = good;
      bad[at] ^= mask;
      const auto r = restore_snapshot(resealed(bad));
      if (const auto* p = std::get_if<SnapshotProblem>(&r)) {
        CHECK(p->message == "err.snapshot.undecodable");
        ++refused;
      } else {
        (void)canonical(std::get<RestoredSnapshot>(r).workspace.state());  // and its state can be read
      }
    }
  }
  CHECK(refused > 0);
  // and random payloads of many sizes
  SplitMix r(7);
  for (std::size_t n = 0; n < 200; ++n) {
    Bytes junk(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(kHeaderSize));
    const std::uint32_t size = r.below(4000);
    for (std::uint32_t i = 0; i < size; ++i) junk.push_back(static_cast<std::uint8_t>(r.next()));
    if (size > 0 && n % 2) junk[kHeaderSize] = 1;  // cereal's little-endian tag, so decoding goes further
    junk.resize(junk.size() + kChecksumSize);
    CHECK(problem_of(resealed(junk)) == "err.snapshot.undecodable");
  }
}
