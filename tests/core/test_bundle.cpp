// Keys, enrolment and bundles: every way a bundle can be wrong is refused with its reason and
// changes nothing; the merge is idempotent, order-independent and honest about gaps.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "bundle.hpp"
#include "enrolment.hpp"
#include "helpers.hpp"
#include "memory_store.hpp"
#include "merge.hpp"
#include "session.hpp"
#include "scenario.hpp"
#include "snapshot.hpp"
#include "state_compare.hpp"

using namespace hearth;
using hearth::test::canonical;
using hearth::test::Scenario;
using hearth::test::with_check;

namespace {

Seed seed(std::uint8_t b) {
  Seed s{};
  s.fill(b);
  return s;
}

DeviceKeys keys(std::uint8_t device, DeviceRole role, std::uint8_t sign_seed) {
  return DeviceKeys{DeviceId{device}, role, SigningKey::from_seed(seed(sign_seed)), BoxKey::from_seed(seed(sign_seed + 1))};
}

DeviceKeys district_keys() { return keys(0xD0, DeviceRole::District, 0x40); }

const std::int64_t kNow = (Date{2026, 11, 29}.days_since_1970() * 86400) * 1000;

// A district office, and devices it enrolled.
struct District {
  DeviceKeys keys = district_keys();
  Workspace ws{DeviceId{0xD0}};
  std::uint32_t serial = 1;
  Certificate enrol(const DeviceKeys& device, DeviceUnit unit) {
    const EnrolmentRequest q = make_request(device, std::move(unit), kNow);
    Certificate c = issue_certificate(keys, q, serial++, kNow);
    Decision d = ws.decide(EnrolDevice{c.encode()}, kNow);
    REQUIRE(d.accepted());
    REQUIRE_FALSE(ws.commit(d.events));
    return c;
  }
  DistrictTrust trust() const { return {keys.sign.public_key, &keys.box, ws.ledger().device()}; }
  ImportPlan import(std::vector<ImportInput> files) {
    ImportPlan p = ws.plan_import(std::move(files), trust(), kNow);
    ws.commit_import(p, kNow);
    return p;
  }
  ImportPlan import(const Bytes& one, std::string name = "b.hearth") { return import({ImportInput{std::move(name), one}}); }
};

}  // namespace

namespace hearth::test {
DeviceKeys keys_for_district() { return keys(0xD0, DeviceRole::District, 0x40); }
}  // namespace hearth::test

namespace {

// A township device with `n` registered workers.
struct Township {
  DeviceKeys keys;
  Certificate cert;
  Scenario s;
  std::vector<StoredEvent> stored;  // its ledger as a store keeps it
  Township(District& district, std::uint8_t id, int n, std::uint32_t township = 500154001)
      : keys(::keys(id, DeviceRole::Township, id)), cert(district.enrol(keys, DeviceUnit{DeviceRole::Township, township, "", "平板" + std::to_string(id)})),
        s(id) {
    s.on(Date{2026, 11, 1});
    for (int i = 1; i <= n; ++i) add_worker(i);
  }
  void add_worker(int i) {
    static const char* const kNames[] = {"赵", "钱", "孙", "李", "周", "吴", "郑", "王", "冯", "陈", "褚", "卫", "蒋", "沈", "韩", "杨", "朱", "秦", "尤", "许"};
    char digits[32];
    std::snprintf(digits, sizeof digits, "50015419%02d0101%03d", 50 + s.ws.ledger().device()[0] % 40, i % 1000);
    s.ok(RegisterWorker{std::string(kNames[i % 20]) + "工" + kNames[(i / 20) % 20], with_check(digits), "13812345678", 500154001});
    sync();
  }
  void sync() {
    stored.clear();
    for (const Event& e : s.log) stored.push_back({e.seq, encode_event(e)});
  }
  Bytes bundle(std::uint64_t first, std::uint64_t last, bool seal = true) const {
    const Hash256 prev = first == 1 ? Hash256{} : blake2b_256(stored[first - 2].bytes);
    return make_bundle(keys, cert, std::span(stored).subspan(first - 1, last - first + 1), prev, kNow, seal, seed(0x77));
  }
};

ImportOutcome outcome(const ImportPlan& p, std::size_t i = 0) { return p.results.at(i).outcome; }
std::string reason(const ImportPlan& p, std::size_t i = 0) { return p.results.at(i).problem.message; }

}  // namespace

// ---- keys ---------------------------------------------------------------------------------------
TEST_CASE("a key file opens only with its passphrase, which can be changed", "[bundle][keys]") {
  std::array<std::uint8_t, 64> secrets{};
  secrets.fill(9);
  std::array<std::uint8_t, 16> salt{};
  std::array<std::uint8_t, 24> nonce{};
  const KeyFile f = create_key_file(DeviceId{1}, DeviceRole::Trainer, "正确的口令abc", secrets, salt, nonce, KdfCost::for_tests());
  auto back = KeyFile::decode(f.encode());
  REQUIRE(std::holds_alternative<KeyFile>(back));
  const KeyFile& g = std::get<KeyFile>(back);
  auto ok = unlock_key_file(g, "正确的口令abc");
  REQUIRE(std::holds_alternative<DeviceKeys>(ok));
  CHECK(std::get<DeviceKeys>(ok).role == DeviceRole::Trainer);
  CHECK(std::get<DeviceKeys>(ok).sign.public_key == f.sign_public);
  auto wrong = unlock_key_file(g, "错误的口令abc");
  REQUIRE(std::holds_alternative<TrustProblem>(wrong));
  CHECK(std::get<TrustProblem>(wrong).message == "err.key.wrong_passphrase");

  SECTION("changing the public part makes it unopenable, not different") {
    Bytes b = f.encode();
    b[12] ^= 1;  // the device id
    auto h = KeyFile::decode(b);
    REQUIRE(std::holds_alternative<KeyFile>(h));
    CHECK(std::get<TrustProblem>(unlock_key_file(std::get<KeyFile>(h), "正确的口令abc")).message == "err.key.wrong_passphrase");
  }
  SECTION("a new passphrase replaces the old one; the key stays the same") {
    std::array<std::uint8_t, 16> salt2{};
    salt2.fill(3);
    auto changed = change_passphrase(g, "正确的口令abc", "新的口令12345", salt2, nonce);
    REQUIRE(std::holds_alternative<KeyFile>(changed));
    const KeyFile& n = std::get<KeyFile>(changed);
    CHECK(n.sign_public == f.sign_public);
    CHECK(std::holds_alternative<TrustProblem>(unlock_key_file(n, "正确的口令abc")));
    CHECK(std::holds_alternative<DeviceKeys>(unlock_key_file(n, "新的口令12345")));
    CHECK(std::get<TrustProblem>(change_passphrase(g, "不对", "x", salt2, nonce)).message == "err.key.wrong_passphrase");
  }
  SECTION("passphrase rules") {
    CHECK(check_new_passphrase("短", "短").at(0).message == "err.key.passphrase_short");
    CHECK(check_new_passphrase("八个字的口令一二", "八个字的口令一三").at(0).message == "err.key.passphrase_mismatch");
    CHECK(check_new_passphrase("八个字的口令一二", "八个字的口令一二").empty());
  }
  SECTION("every truncation of the file is refused") {
    const Bytes b = f.encode();
    for (std::size_t n = 0; n < b.size(); ++n) CHECK(std::holds_alternative<TrustProblem>(KeyFile::decode(std::span(b).first(n))));
  }
}

// ---- enrolment ----------------------------------------------------------------------------------
TEST_CASE("a request travels as text and a certificate proves the district enrolled the device", "[bundle][enrol]") {
  const DeviceKeys district = district_keys();
  const DeviceKeys tablet = keys(0x21, DeviceRole::Township, 0x21);
  const EnrolmentRequest q = make_request(tablet, DeviceUnit{DeviceRole::Township, 500154001, "", "汉丰 平板1"}, kNow);
  const std::string text = "请把这段发给区联席办：\n" + q.text() + "\n谢谢";
  auto parsed = parse_request(Bytes(text.begin(), text.end()));
  REQUIRE(std::holds_alternative<EnrolmentRequest>(parsed));
  CHECK(std::get<EnrolmentRequest>(parsed).unit.label == "汉丰 平板1");

  Bytes forged = q.encode();
  forged[forged.size() - 70] ^= 1;  // inside the signed part
  CHECK(std::get<TrustProblem>(EnrolmentRequest::decode(forged)).message == "err.request.signature");

  const Certificate c = issue_certificate(district, q, 7, kNow);
  const std::string cert_text = c.text();
  auto back = parse_certificate(Bytes(cert_text.begin(), cert_text.end()));
  REQUIRE(std::holds_alternative<Certificate>(back));
  CHECK(std::get<Certificate>(back) == c);
  CHECK_FALSE(check_own_certificate(c, tablet));
  CHECK(check_own_certificate(c, keys(0x22, DeviceRole::Township, 0x22))->message == "err.cert.not_ours");
  Bytes bad = c.encode();
  bad[80] ^= 1;
  CHECK(std::get<TrustProblem>(Certificate::decode(bad)).message == "err.cert.signature");

  CHECK(check_unit(DeviceUnit{DeviceRole::Township, 123, "", "x"}).at(0).message == "err.enrol.township");
  CHECK(check_unit(DeviceUnit{DeviceRole::Trainer, 0, " ", "x"}).at(0).message == "err.enrol.provider");
  CHECK(check_unit(DeviceUnit{DeviceRole::Trainer, 0, "开州职教中心", ""}).at(0).message == "err.enrol.label");
}

// ---- opening bundles ------------------------------------------------------------------------------
TEST_CASE("every single-byte change and every truncation of a bundle is refused, and changes nothing", "[bundle][tamper]") {
  District district;
  Township t(district, 0x31, 3);
  for (const bool sealed : {true, false}) {
    const Bytes good = t.bundle(1, 3, sealed);
    {
      Workspace copy = district.ws;
      ImportPlan p = copy.plan_import({{"ok", good}}, district.trust(), kNow);
      REQUIRE(outcome(p) == ImportOutcome::Merged);
    }
    const std::string before = canonical(district.ws.state());
    std::size_t refused = 0;
    for (std::size_t i = 0; i < good.size(); ++i) {
      Bytes bad = good;
      bad[i] ^= 0x01;
      const ImportPlan p = district.ws.plan_import({{"bad", bad}}, district.trust(), kNow);
      if (outcome(p) == ImportOutcome::Refused && !p.changes()) ++refused;
      else FAIL_CHECK("byte " << i << " of " << good.size() << (sealed ? " (sealed)" : "") << " changed and was not refused");
    }
    CHECK(refused == good.size());
    for (std::size_t n = 0; n < good.size(); n += (n < 600 ? 1 : 97)) {
      const ImportPlan p = district.ws.plan_import({{"short", Bytes(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(n))}}, district.trust(), kNow);
      CHECK(outcome(p) == ImportOutcome::Refused);
    }
    CHECK(canonical(district.ws.state()) == before);
  }
}

TEST_CASE("a bundle is refused with a precise reason", "[bundle]") {
  District district;
  Township t(district, 0x31, 6);

  SECTION("signed with a key other than the certificate's") {
    Township other = t;
    other.keys = keys(0x31, DeviceRole::Township, 0x55);
    const ImportPlan p = district.import(other.bundle(1, 2));
    CHECK(reason(p) == "err.bundle.signature");
  }
  SECTION("sealed to another district") {
    District elsewhere;
    elsewhere.keys = keys(0xE0, DeviceRole::District, 0x60);
    Township theirs(elsewhere, 0x41, 2);
    CHECK(reason(district.import(theirs.bundle(1, 2))) == "err.bundle.foreign");
    CHECK(reason(district.import(theirs.bundle(1, 2, false))) == "err.bundle.foreign");  // their certificate, unsealed
  }
  SECTION("a certificate made by someone who is not the district") {
    const DeviceKeys impostor = keys(0xE1, DeviceRole::District, 0x70);
    Township forged = t;
    forged.cert = issue_certificate(impostor, make_request(t.keys, t.cert.unit, kNow), 1, kNow);
    forged.cert.district_box = district.keys.box.public_key;  // sealed to us, but the signature no longer fits
    CHECK(reason(district.import(forged.bundle(1, 2))) == "err.bundle.cert_forged");
  }
  SECTION("a role that may not record those events") {
    District d2;
    Scenario trainer_ws(0x51);
    const DeviceKeys tk = keys(0x51, DeviceRole::Trainer, 0x51);
    const Certificate tc = d2.enrol(tk, DeviceUnit{DeviceRole::Trainer, 0, "开州职教中心", "教室平板"});
    trainer_ws.enterprise();  // only the district registers enterprises
    std::vector<StoredEvent> ev{{1, encode_event(trainer_ws.log[0])}};
    const ImportPlan p = d2.import(make_bundle(tk, tc, ev, Hash256{}, kNow, true, seed(1)));
    CHECK(reason(p) == "err.bundle.role");
    CHECK(p.results[0].problem.args.at(1) == "app.event.enterprise_registered");
  }
  SECTION("a revoked device: what it recorded up to the line stays valid, beyond it is refused") {
    Decision d = district.ws.decide(RevokeDevice{t.cert.device, 3, "平板丢失"}, kNow);
    REQUIRE(d.accepted());
    REQUIRE_FALSE(district.ws.commit(d.events));
    CHECK(outcome(district.import(t.bundle(1, 3))) == ImportOutcome::Merged);
    const ImportPlan late = district.import(t.bundle(4, 6));
    CHECK(reason(late) == "err.bundle.revoked");
    CHECK(late.results[0].problem.args == std::vector<std::string>{"平板49", "3"});
    CHECK(district.ws.inbox().feeds().at(t.cert.device).seq == 3);
  }
  SECTION("the district's own ledger is not imported") {
    District d2;
    Township self = t;
    self.cert.device = d2.ws.ledger().device();
    CHECK(std::holds_alternative<TrustProblem>(open_bundle(self.bundle(1, 1), &d2.keys.box)));  // the events are not that device's
  }
  SECTION("an expired certificate") {
    Township old = t;
    old.cert = issue_certificate(district.keys, make_request(t.keys, t.cert.unit, kNow), 9, kNow - 10LL * 366 * 86400000, 366LL * 86400000);
    CHECK(reason(district.import(old.bundle(1, 2))) == "err.bundle.cert_expired");
  }
}

// ---- merging --------------------------------------------------------------------------------------
TEST_CASE("merging is idempotent, holds what leaves a gap, and refuses a replay with other content", "[bundle][merge]") {
  District district;
  Township t(district, 0x31, 15);
  const Bytes a = t.bundle(1, 5), b = t.bundle(6, 10), c = t.bundle(11, 15);

  CHECK(outcome(district.import(a)) == ImportOutcome::Merged);
  const std::string after_a = canonical(district.ws.state());
  const ImportPlan again = district.import(a);
  CHECK(outcome(again) == ImportOutcome::AlreadyHad);
  CHECK_FALSE(again.changes());
  CHECK(canonical(district.ws.state()) == after_a);

  const ImportPlan held = district.import(c, "c.hearth");
  CHECK(outcome(held) == ImportOutcome::Held);
  CHECK(reason(held) == "err.bundle.gap");
  CHECK(held.results[0].problem.args == std::vector<std::string>{"平板49", "6–10"});
  REQUIRE(district.ws.inbox().gaps().size() == 1);
  CHECK(district.ws.inbox().gaps()[0].from == 6);
  CHECK(district.ws.inbox().gaps()[0].to == 10);
  CHECK(district.ws.state().workers().size() == 5);  // held, not folded
  CHECK(outcome(district.import(c)) == ImportOutcome::AlreadyHad);  // the same held bundle again

  const ImportPlan filled = district.import(b);
  CHECK(outcome(filled) == ImportOutcome::Merged);
  REQUIRE(filled.released.size() == 1);
  CHECK(filled.released[0].outcome == ImportOutcome::Merged);
  CHECK(district.ws.inbox().held().empty());
  CHECK(district.ws.inbox().gaps().empty());
  CHECK(district.ws.state().workers().size() == 15);
  CHECK(outcome(district.import(t.bundle(3, 12))) == ImportOutcome::AlreadyHad);  // an overlapping re-export

  SECTION("the same range with other content is a replay, refused") {
    Township fork(district, 0x31, 0);
    fork.keys = t.keys;
    fork.cert = t.cert;
    fork.s.on(Date{2026, 11, 2});
    for (int i = 1; i <= 16; ++i) fork.add_worker(i + 40);  // the same device's key, another history
    const std::string before = canonical(district.ws.state());
    CHECK(reason(district.import(fork.bundle(1, 5))) == "err.bundle.replay_different");
    CHECK(reason(district.import(fork.bundle(14, 16))) == "err.bundle.diverged");
    CHECK(reason(district.import(fork.bundle(16, 16))) == "err.bundle.diverged");
    CHECK(canonical(district.ws.state()) == before);
  }
}

TEST_CASE("bundles from several devices merge to the same state in any order and with repeats", "[bundle][merge][property]") {
  District district;
  std::vector<Township> devices;
  devices.emplace_back(district, 0x31, 23);
  devices.emplace_back(district, 0x32, 17, 500154002);
  devices.emplace_back(district, 0x33, 30, 500154003);
  std::vector<Bytes> bundles;
  std::mt19937 rng(20261129);
  for (auto& d : devices) {  // each device's ledger cut at random points, and a few overlapping re-exports
    const std::uint64_t n = d.stored.size();
    for (std::uint64_t first = 1; first <= n;) {
      const std::uint64_t last = std::min(n, first + rng() % 7);
      bundles.push_back(d.bundle(first, last));
      first = last + 1;
    }
    bundles.push_back(d.bundle(2, std::min<std::uint64_t>(n, 9)));
  }
  State reference;  // everything folded in each device's order
  for (auto& d : devices)
    for (const Event& e : d.s.log) reference.apply(e);
  const std::string expected = canonical(reference);

  for (int round = 0; round < 25; ++round) {
    District fresh;
    fresh.keys = district.keys;
    fresh.ws = district.ws;  // the same enrolments
    std::vector<Bytes> order = bundles;
    for (int k = 0; k < 5; ++k) order.push_back(bundles[rng() % bundles.size()]);  // duplicates
    std::shuffle(order.begin(), order.end(), rng);
    // imported in batches of random size
    for (std::size_t i = 0; i < order.size();) {
      const std::size_t take = 1 + rng() % 6;
      std::vector<ImportInput> batch;
      for (std::size_t j = i; j < std::min(order.size(), i + take); ++j) batch.push_back({"f" + std::to_string(j), order[j]});
      const ImportPlan p = fresh.import(std::move(batch));
      for (const auto& r : p.results) CHECK(r.outcome != ImportOutcome::Refused);
      i += take;
    }
    CHECK(fresh.ws.inbox().held().empty());
    for (auto& d : devices) CHECK(fresh.ws.inbox().feeds().at(d.cert.device).seq == d.stored.size());
    // everything the views read (canonical() leaves out the district's own enrolment rows)
    CHECK(canonical(fresh.ws.state()) == expected);
  }
}

TEST_CASE("what the district holds survives a snapshot, and held bundles come back from the store", "[bundle][snapshot]") {
  District district;
  Township t(district, 0x31, 8);
  district.import(t.bundle(1, 4));
  district.import(t.bundle(7, 8));
  const Bytes snap = encode_snapshot(district.ws, 4);
  auto restored = restore_snapshot(snap);
  REQUIRE(std::holds_alternative<RestoredSnapshot>(restored));
  Workspace& back = std::get<RestoredSnapshot>(restored).workspace;
  CHECK(back.inbox().feeds() == district.ws.inbox().feeds());
  CHECK(back.state().enrolled() == district.ws.state().enrolled());
  CHECK(back.inbox().held().empty());  // held bundles live in the store, not the snapshot
  for (const auto& h : district.ws.inbox().held()) back.restore_held(h);
  const ImportPlan p = back.plan_import({{"b", t.bundle(5, 6)}}, district.trust(), kNow);
  CHECK(outcome(p) == ImportOutcome::Merged);
  REQUIRE(p.released.size() == 1);
  CHECK(p.to_store.size() == 4);
}

// ---- conflicts --------------------------------------------------------------------------------
TEST_CASE("edits made without seeing each other are listed as conflicts — a correction is not", "[bundle][conflict]") {
  Scenario township(0x31);
  const RecordId w = township.worker();
  Scenario district(0xD0);
  district.on(Date{2022, 7, 1});
  for (const Event& e : township.log) district.ws.receive(e, district.now);
  const Worker* dw = district.state().workers().find(district.key(w)) ? district.state().workers().find(district.key(w)) : nullptr;
  REQUIRE(dw);
  RegisterWorker form{dw->name(), dw->resident_id, "13900000001", dw->details.township};
  district.ok(EditWorker{w, form});  // the district corrects the phone number

  township.on(Date{2022, 7, 2});  // the township, offline, never saw that edit
  RegisterWorker tform{"张三", township.state().workers().rows()[0].resident_id, "13700000002", 500154001};
  township.ok(EditWorker{w, tform});
  for (std::size_t i = 1; i < township.log.size(); ++i) district.ws.receive(township.log[i], district.now);

  auto conflicts = district.state().conflicts();
  REQUIRE(conflicts.size() == 1);
  CHECK(conflicts[0].field == static_cast<std::uint16_t>(WorkerField::Mobile));
  CHECK(conflicts[0].in_force.value == "13700000002");  // the later stamp wins
  CHECK(conflicts[0].overridden.value == "13900000001");  // and the other value stays listed
  CHECK(district.state().workers().find(district.key(w))->details.mobile == "13700000002");

  // the district, having seen it, corrects it again: a correction, not a new conflict
  district.on(Date{2022, 7, 3});
  form.mobile = "13900000003";
  district.ok(EditWorker{w, form});
  CHECK(district.state().conflicts().size() == 1);
}

// ---- the session: a tablet and the district office, through their stores ---------------------
namespace {
struct Machine {
  test::MemoryStore store;
  test::FixedClock clock;
  test::CountingRandom random;
  test::FakeFiles files;
  Session::Options options{5, KdfCost::for_tests()};
  std::optional<Session> session;
  explicit Machine(std::uint8_t seed_byte) { random.next = seed_byte; }
  Session& open() {
    session.emplace(Session::Effects{store, clock, random, nullptr, nullptr, &files}, options);
    session->open();
    REQUIRE(session->phase() == Session::Phase::Ready);
    return *session;
  }
  std::vector<TrustProblem> sync(std::function<void(Session::ProblemsDone)> f) {
    std::vector<TrustProblem> out{{"not called", {}, {}}};
    f([&](std::vector<TrustProblem> p) { out = std::move(p); });
    return out;
  }
};
RegisterWorker person(int i) {
  char digits[32];
  std::snprintf(digits, sizeof digits, "5001541988%02d01%03d", 1 + i % 12, i);
  static const char* const kNames[] = {"赵", "钱", "孙", "李", "周", "吴", "郑", "王"};
  return {std::string(kNames[i % 8]) + "工", with_check(digits), "13812345678", 500154001};
}
}  // namespace

TEST_CASE("a tablet enrols, exports, and the district merges, confirms and lets it compact", "[bundle][session]") {
  Machine office(0x10), tablet(0x80);
  Session& d = office.open();
  REQUIRE(office.sync([&](auto done) { d.create_key(DeviceRole::District, "区联席办口令123", "区联席办口令123", "开州区联席办", done); }).empty());
  CHECK(d.identity().certificate);  // self-signed

  Session& t = tablet.open();
  CHECK(tablet.sync([&](auto done) { t.create_key(DeviceRole::Township, "短", "短", "", done); }).at(0).message == "err.key.passphrase_short");
  REQUIRE(tablet.sync([&](auto done) { t.create_key(DeviceRole::Township, "平板的口令123", "平板的口令123", "", done); }).empty());
  t.lock();
  CHECK(t.unlock("不对的口令123").at(0).message == "err.key.wrong_passphrase");
  REQUIRE(t.unlock("平板的口令123").empty());
  auto req = t.enrolment_request(DeviceUnit{DeviceRole::Township, 500154001, "", " 汉丰 平板1 "});
  REQUIRE(std::holds_alternative<EnrolmentRequest>(req));
  const std::string code = std::get<EnrolmentRequest>(req).text();

  // the office receives the request among other files; a receipt or certificate is refused with the reason
  d.import_files({{"request.txt", Bytes(code.begin(), code.end())}, {"junk.bin", Bytes{1, 2, 3}}}, {});
  REQUIRE(d.last_import());
  CHECK(d.last_import()->results[1].problem.message == "err.bundle.not_a_bundle");
  REQUIRE(d.pending_requests().size() == 1);
  std::optional<Certificate> cert;
  d.enrol(d.pending_requests()[0], [&](std::optional<Certificate> c, Problems) { cert = c; });
  REQUIRE(cert);
  CHECK(cert->unit.label == "汉丰 平板1");
  CHECK(d.pending_requests().empty());
  CHECK(d.state().enrolled().size() == 1);
  CHECK(office.files.saved == cert->encode());

  // without a certificate there is no export
  std::vector<TrustProblem> problems;
  t.export_bundle(0, 0, [&](auto, std::vector<TrustProblem> p) { problems = p; });
  CHECK(problems.at(0).message == "err.enrol.no_certificate");
  REQUIRE(tablet.sync([&](auto done) { t.import_certificate(office.files.saved, done); }).empty());
  for (int i = 1; i <= 12; ++i) REQUIRE(t.submit(person(i)).problems.empty());
  CHECK(t.unexported() == 12);

  std::optional<Session::ExportResult> first;
  t.export_bundle(0, 0, [&](auto r, auto) { first = r; });
  REQUIRE(first);
  CHECK(first->first == 1);
  CHECK(first->last == 12);
  CHECK(t.unexported() == 0);
  CHECK(tablet.store.exported == 12);
  CHECK(tablet.files.saved_name.find("汉丰街道") != std::string::npos);
  t.export_bundle(0, 0, [&](auto, std::vector<TrustProblem> p) { problems = p; });
  CHECK(problems.at(0).message == "err.bundle.nothing_to_export");
  // nothing is compacted before the district confirms: the bundle may be lost on the way
  CHECK(tablet.store.events.begin()->first == 1);

  Session::ImportReport report;
  d.import_files({{first->file_name, first->bytes}}, [&](const Session::ImportReport& r) { report = r; });
  REQUIRE(report.results.size() == 1);
  CHECK(report.results[0].outcome == ImportOutcome::Merged);
  CHECK(report.new_events == 12);
  CHECK(d.state().workers().size() == 12);
  CHECK(office.store.received.size() == 12);

  SECTION("the district reopens with everything it merged (from its snapshot and store)") {
    Session& again = office.open();
    CHECK(again.state().workers().size() == 12);
    CHECK(again.workspace().inbox().feeds().begin()->second.seq == 12);
    CHECK_FALSE(again.load_report().damaged());
  }
  SECTION("a receipt lets the tablet forget what the district holds") {
    REQUIRE(d.unlock("区联席办口令123").empty());
    std::size_t saved = 0;
    d.save_receipts([&](std::size_t n, auto) { saved = n; });
    CHECK(saved == 1);
    const Bytes receipt = office.files.saved;
    for (int i = 13; i <= 16; ++i) REQUIRE(t.submit(person(i)).problems.empty());  // a snapshot at 15 follows
    REQUIRE(tablet.sync([&](auto done) { t.import_receipt(receipt, done); }).empty());
    CHECK(t.identity().confirmed->through == 12);
    for (int i = 17; i <= 21; ++i) REQUIRE(t.submit(person(i)).problems.empty());  // and one at 20, with the rule applied
    CHECK(tablet.store.events.begin()->first > 1);
    CHECK(tablet.store.events.begin()->first <= 13);  // never an unconfirmed event
    Bytes forged = receipt;
    forged[20] ^= 1;
    CHECK(tablet.sync([&](auto done) { t.import_receipt(forged, done); }).at(0).message == "err.receipt.signature");
    // the tablet reopens with all its workers
    Session& back = tablet.open();
    CHECK(back.state().workers().size() == 21);
  }
  SECTION("a held bundle waits in the store and merges when the gap is filled") {
    for (int i = 13; i <= 20; ++i) REQUIRE(t.submit(person(i)).problems.empty());
    std::optional<Session::ExportResult> b2, b3;
    t.export_bundle(13, 15, [&](auto r, auto) { b2 = r; });
    t.export_bundle(16, 20, [&](auto r, auto) { b3 = r; });
    REQUIRE(b2);
    REQUIRE(b3);
    d.import_files({{b3->file_name, b3->bytes}}, [&](const Session::ImportReport& r) { report = r; });
    CHECK(report.results[0].outcome == ImportOutcome::Held);
    CHECK(office.store.held.size() == 1);
    Session& reopened = office.open();  // the held bundle comes back from the store
    REQUIRE(reopened.workspace().inbox().gaps().size() == 1);
    CHECK(reopened.workspace().inbox().gaps()[0].from == 13);
    REQUIRE(reopened.unlock("区联席办口令123").empty());
    reopened.import_files({{b2->file_name, b2->bytes}}, [&](const Session::ImportReport& r) { report = r; });
    CHECK(report.results[0].outcome == ImportOutcome::Merged);
    REQUIRE(report.released.size() == 1);
    CHECK(report.new_events == 8);
    CHECK(office.store.held.empty());
    CHECK(reopened.state().workers().size() == 20);
  }
  SECTION("a store that fails the merge changes nothing") {
    for (int i = 13; i <= 14; ++i) REQUIRE(t.submit(person(i)).problems.empty());
    std::optional<Session::ExportResult> b2;
    t.export_bundle(0, 0, [&](auto r, auto) { b2 = r; });
    office.store.fail_next = StoreError{"quota", "full"};
    d.import_files({{b2->file_name, b2->bytes}}, [&](const Session::ImportReport& r) { report = r; });
    CHECK(report.error);
    CHECK(report.results[0].outcome == ImportOutcome::Refused);
    CHECK(report.results[0].problem.message == "err.store.quota");
    CHECK(d.state().workers().size() == 12);
    d.import_files({{b2->file_name, b2->bytes}}, [&](const Session::ImportReport& r) { report = r; });
    CHECK(report.results[0].outcome == ImportOutcome::Merged);
    CHECK(d.state().workers().size() == 14);
  }
}
