// What the fuzz target found (tests/fuzz/regressions), kept as plain tests so they run
// natively and in wasm alike: sizes in signed input that do not fit the input, and a held
// bundle outliving its device's revocation.
#include <catch2/catch.hpp>

#include "merge.hpp"
#include "sample_keys.hpp"
#include "state.hpp"

using namespace hearth;

namespace {

std::vector<SealedEvent> ledger_of(const DeviceId& device, std::size_t n) {
  Ledger l(device);
  std::vector<SealedEvent> out;
  for (std::size_t i = 1; i <= n; ++i) {
    out.push_back(l.next(WorkerRegisteredV1{"工人" + std::to_string(i), "500154199001011232", "13812345678", 500154001},
                         sample::kNowMs + static_cast<std::int64_t>(1000 * i)));
    REQUIRE_FALSE(l.append(out.back()));
  }
  return out;
}

Bytes bundle_of(const std::vector<SealedEvent>& events, std::uint64_t first, std::uint64_t last) {
  std::vector<StoredEvent> part;
  for (std::uint64_t s = first; s <= last; ++s) part.push_back({s, events[s - 1].bytes});
  return make_bundle(sample::device(), sample::device_certificate(), part, first == 1 ? Hash256{} : events[first - 2].hash,
                     sample::kNowMs + 3600000, true, sample::seed(static_cast<std::uint8_t>(first)));
}

}  // namespace

TEST_CASE("an event claiming a string longer than itself is unreadable, natively and in wasm", "[bundle][limits]") {
  Event e;
  e.seq = 1;
  e.body = WorkerRegisteredV1{"abc", "", "", 0};
  Bytes bytes = encode_event(e);
  // The name's u64 length follows the body index at offset 71: 0x1'0000'0003 instead of 3.
  // cereal would allocate 4 GiB for it natively, and cut it to 3 in wasm (32-bit size_t).
  REQUIRE(bytes[75] == 3);
  bytes[79] = 1;
  CHECK_THROWS_AS(decode_event(bytes), DecodeError);
}

TEST_CASE("a signed header claiming millions of events is refused, not allocated", "[bundle][limits]") {
  const DeviceKeys device = sample::device();
  Bytes inner;
  ByteWriter w(inner);
  w.raw(std::string_view("HEARTHBN"));
  w.le(kBundleVersion);
  w.blob(sample::device_certificate().encode());
  w.le(std::uint64_t{1});           // first
  w.le(std::uint64_t{0x10000000});  // last
  w.le(std::uint32_t{0x10000000});  // count: 268 million events in an empty section
  w.raw(Hash256{});
  w.raw(Hash256{});
  w.le(sample::kNowMs);
  w.raw(blake2b_256({}));
  const Signature sig = device.sign.sign(inner);
  w.raw(sig);
  auto opened = open_bundle(inner, nullptr);
  REQUIRE(std::holds_alternative<TrustProblem>(opened));
  CHECK(std::get<TrustProblem>(opened).message == "err.bundle.truncated");
}

TEST_CASE("a bundle held for a gap is refused once its device is revoked before the gap fills", "[bundle][merge][limits]") {
  const DeviceKeys district = sample::district();
  const DistrictTrust trust{district.sign.public_key, &district.box, district.device};
  const auto events = ledger_of(sample::device().device, 16);
  State state;
  Inbox inbox;

  ImportPlan p = inbox.plan({{"13-16", bundle_of(events, 13, 16)}}, state, trust, sample::kNowMs + 7200000);
  REQUIRE(p.results[0].outcome == ImportOutcome::Held);
  inbox.commit(p, sample::kNowMs + 7200000);

  Ledger own(district.device);
  const SealedEvent revoked = own.next(DeviceRevoked{sample::device().device, 12, "lost"}, sample::kNowMs + 7300000);
  state.apply(revoked.event);

  p = inbox.plan({{"1-12", bundle_of(events, 1, 12)}}, state, trust, sample::kNowMs + 7400000);
  CHECK(p.results[0].outcome == ImportOutcome::Merged);
  CHECK(p.to_store.size() == 12);  // events through 12 are still accepted; 13–16 are not
  REQUIRE(p.released.size() == 1);
  CHECK(p.released[0].outcome == ImportOutcome::Refused);
  CHECK(p.released[0].problem.message == "err.bundle.revoked");
  inbox.commit(p, sample::kNowMs + 7400000);
  CHECK(inbox.held().empty());
  CHECK(inbox.feeds().at(sample::device().device).seq == 12);
}
