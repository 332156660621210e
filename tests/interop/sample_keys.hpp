// The fixed identities of the interop sample and the fuzz target: a district office and a
// second district computer enrolled by it, every key made from a constant seed, so that
// tests/interop/make_sample_bundle writes the same bytes on every run and the fuzz target
// (tests/fuzz/fuzz_bundle.cpp) holds the keys that open and check its seed corpus.
// Not for anything but tests: the secrets are in this file.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "bundle.hpp"
#include "enrolment.hpp"
#include "ledger.hpp"

namespace hearth::sample {

inline constexpr std::int64_t kNowMs = 1795924800000;  // 2026-11-29 12:00 China time

inline Seed seed(std::uint8_t tag) {
  Seed s{};
  for (std::size_t i = 0; i < s.size(); ++i) s[i] = static_cast<std::uint8_t>(tag * 31 + i * 7 + 1);
  return s;
}
inline DeviceId device_id(std::uint8_t tag) {
  DeviceId d{};
  for (std::size_t i = 0; i < d.size(); ++i) d[i] = static_cast<std::uint8_t>(tag + i);
  return d;
}

inline DeviceKeys keys(std::uint8_t tag, DeviceRole role) {
  return DeviceKeys{device_id(static_cast<std::uint8_t>(tag * 16)), role, SigningKey::from_seed(seed(tag)),
                    BoxKey::from_seed(seed(static_cast<std::uint8_t>(tag + 100)))};
}
// The district office (its own device) and another district computer it enrolled: role
// District, so it may record every kind of event (role_may_write).
inline DeviceKeys district() { return keys(0x0D, DeviceRole::District); }
inline DeviceKeys device() { return keys(0x0B, DeviceRole::District); }
// Another district office: what it issues is foreign here.
inline DeviceKeys other_district() { return keys(0x0E, DeviceRole::District); }

inline Certificate certificate_for(const DeviceKeys& issuer, const DeviceKeys& device, std::string label, std::uint32_t serial) {
  return issue_certificate(issuer, make_request(device, DeviceUnit{device.role, 0, "", std::move(label)}, kNowMs - 3600000), serial, kNowMs);
}
inline Certificate device_certificate() { return certificate_for(district(), device(), "区联席办 2号电脑", 2); }

inline std::vector<StoredEvent> stored(const std::vector<SealedEvent>& events) {
  std::vector<StoredEvent> out;
  for (const auto& e : events) out.push_back(StoredEvent{e.event.seq, e.bytes});
  return out;
}

}  // namespace hearth::sample
