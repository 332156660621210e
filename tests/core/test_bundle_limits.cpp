// What the fuzz target found (tests/fuzz/regressions), kept as plain tests so they run
// natively and in wasm alike: sizes in signed input that do not fit the input.
#include <catch2/catch.hpp>

#include "bundle.hpp"
#include "sample_keys.hpp"

using namespace hearth;

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
