// The stored bytes of an event are the same natively and in wasm, and the same as the
// fixture written by the first version: what a tablet stores, the district can read, forever.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "event.hpp"
#include "helpers.hpp"

using namespace hearth;

namespace {
const char* kFixture = HEARTH_SOURCE_DIR "/tests/fixtures/event-v1-worker-registered.hex";

Event sample_event() {
  Event e;
  for (std::uint8_t i = 0; i < 16; ++i) e.device[i] = static_cast<std::uint8_t>(0xA0 + i);
  e.seq = 7;
  e.stamp = {test::kNowMs, 3};
  const std::string seed = "hearth";
  e.prev = blake2b_256(std::span(reinterpret_cast<const std::uint8_t*>(seed.data()), seed.size()));
  e.body = WorkerRegistered{"张三", "11010519491231002X", "13812345678", 500154001};
  return e;
}

std::string read_fixture() {
  std::ifstream in(kFixture);
  std::string hex;
  std::getline(in, hex);
  return hex;
}
}  // namespace

TEST_CASE("an event survives encode → decode unchanged", "[serialization]") {
  const Event e = sample_event();
  const Event back = decode_event(encode_event(e));
  CHECK(back.format == e.format);
  CHECK(back.device == e.device);
  CHECK(back.seq == e.seq);
  CHECK(back.stamp == e.stamp);
  CHECK(back.prev == e.prev);
  CHECK(std::get<WorkerRegistered>(back.body) == std::get<WorkerRegistered>(e.body));
  CHECK(encode_event(back) == encode_event(e));
}

TEST_CASE("event bytes are identical to the version-1 fixture (native and wasm alike)", "[serialization]") {
  const auto bytes = encode_event(sample_event());
  if (std::getenv("HEARTH_WRITE_FIXTURES")) {  // used once, when the format was created
    std::ofstream(kFixture) << to_hex(bytes) << "\n";
  }
  const std::string expected = read_fixture();
  REQUIRE_FALSE(expected.empty());
  CHECK(to_hex(bytes) == expected);
  // and the fixture decodes to the same event
  std::vector<std::uint8_t> fixture_bytes;
  for (std::size_t i = 0; i + 1 < expected.size(); i += 2) fixture_bytes.push_back(static_cast<std::uint8_t>(std::stoi(expected.substr(i, 2), nullptr, 16)));
  CHECK(std::get<WorkerRegistered>(decode_event(fixture_bytes).body).name == "张三");
}

TEST_CASE("corrupt bytes raise DecodeError, never crash", "[serialization]") {
  auto bytes = encode_event(sample_event());
  CHECK_THROWS_AS(decode_event(std::span(bytes).first(bytes.size() - 1)), DecodeError);
  auto trailing = bytes;
  trailing.push_back(0);
  CHECK_THROWS_AS(decode_event(trailing), DecodeError);
  CHECK_THROWS_AS(decode_event(std::vector<std::uint8_t>{}), DecodeError);
  auto bad_format = bytes;
  bad_format[1] = 0x09;  // format field (after cereal's 1-byte endianness tag)
  CHECK_THROWS_AS(decode_event(bad_format), DecodeError);
  // a huge string length must not try to allocate gigabytes
  std::vector<std::uint8_t> garbage(64, 0xFF);
  garbage[0] = 1;
  CHECK_THROWS_AS(decode_event(garbage), DecodeError);
}
