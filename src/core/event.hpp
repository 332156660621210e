// Events: the facts a device records, chained per device into its ledger.
//
// Wire format (cereal portable binary, little-endian, fixed-width fields only) — stable:
// later versions append EventBody alternatives at the end and never reorder them, and bump
// kEventFormat when the envelope itself changes. The event's hash is BLAKE2b-256 of exactly
// these bytes, and each event carries the hash of the one before it on the same device.
#pragma once
#include <array>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "hash.hpp"
#include "hlc.hpp"

namespace hearth {

inline constexpr std::uint16_t kEventFormat = 1;

using DeviceId = std::array<std::uint8_t, 16>;

// A record is named by the event that created it: globally unique without coordination.
struct RecordId {
  DeviceId device{};
  std::uint64_t seq = 0;
  bool operator==(const RecordId&) const = default;
  bool operator<(const RecordId& o) const { return device != o.device ? device < o.device : seq < o.seq; }
  std::string str() const;  // "d3f0a1b2c4e5f607-42": first 8 bytes of the device, then seq
  template <class Archive>
  void serialize(Archive& ar) { ar(device, seq); }
};

// 登记家政服务人员: a worker entered in the register. Values are already validated and normalised.
struct WorkerRegistered {
  std::string name;
  std::string resident_id;  // 18 characters, X uppercase
  std::string mobile;       // 11 digits
  std::uint32_t township = 0;
  bool operator==(const WorkerRegistered&) const = default;
  template <class Archive>
  void serialize(Archive& ar) { ar(name, resident_id, mobile, township); }
};

// Append new alternatives at the end only: the index is part of the stored bytes.
using EventBody = std::variant<WorkerRegistered>;

struct Event {
  std::uint16_t format = kEventFormat;
  DeviceId device{};
  std::uint64_t seq = 0;  // 1, 2, 3… per device
  Hlc stamp;
  Hash256 prev{};         // hash of event seq-1 of this device; zeros for seq 1
  EventBody body;
};

// An event together with its exact stored bytes and their hash.
struct SealedEvent {
  Event event;
  std::vector<std::uint8_t> bytes;
  Hash256 hash{};
};

struct DecodeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::vector<std::uint8_t> encode_event(const Event& e);
Event decode_event(std::span<const std::uint8_t> bytes);  // throws DecodeError
SealedEvent seal(Event e);
SealedEvent unseal(std::vector<std::uint8_t> bytes);  // decode + hash; throws DecodeError

std::string device_hex(const DeviceId& d);

}  // namespace hearth
