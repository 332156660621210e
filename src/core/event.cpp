#include "event.hpp"

#include <cereal/archives/portable_binary.hpp>
#include <cereal/types/array.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/common.hpp>
#include <cereal/types/variant.hpp>
#include <cereal/types/vector.hpp>
#include <sstream>

namespace hearth {

namespace {
template <class Archive>
void serialize_event(Archive& ar, Event& e) {
  ar(e.format, e.device, e.seq, e.stamp, e.prev, e.body);
}
}  // namespace

std::string RecordId::str() const {
  return to_hex(std::span(device).first(8)) + "-" + std::to_string(seq);
}

std::string device_hex(const DeviceId& d) { return to_hex(d); }

std::vector<std::uint8_t> encode_event(const Event& e) {
  std::ostringstream os(std::ios::binary);
  {
    cereal::PortableBinaryOutputArchive ar(os);
    serialize_event(ar, const_cast<Event&>(e));  // cereal's symmetric serialize needs a mutable ref; nothing is written to e
  }
  const std::string s = std::move(os).str();
  return {s.begin(), s.end()};
}

Event decode_event(std::span<const std::uint8_t> bytes) {
  Event e;
  try {
    std::istringstream is(std::string(bytes.begin(), bytes.end()), std::ios::binary);
    cereal::PortableBinaryInputArchive ar(is);
    serialize_event(ar, e);
    if (is.peek() != std::char_traits<char>::eof()) throw DecodeError("trailing bytes after event");
  } catch (const DecodeError&) {
    throw;
  } catch (const std::exception& ex) {
    throw DecodeError(std::string("undecodable event: ") + ex.what());
  }
  if (e.format != kEventFormat) throw DecodeError("unknown event format " + std::to_string(e.format));
  return e;
}

SealedEvent seal(Event e) {
  SealedEvent s{std::move(e), {}, {}};
  s.bytes = encode_event(s.event);
  s.hash = blake2b_256(s.bytes);
  return s;
}

SealedEvent unseal(std::vector<std::uint8_t> bytes) {
  SealedEvent s{decode_event(bytes), std::move(bytes), {}};
  s.hash = blake2b_256(s.bytes);
  return s;
}

}  // namespace hearth
