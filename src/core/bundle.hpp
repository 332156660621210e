// Bundles (数据包): a signed, contiguous range of one device's ledger, usually sealed to the
// district's key, carried on a USB stick or by hand from a rural tablet to the district
// office. The byte layout is docs/bundle-format.md; tests/interop/verify_bundle.mjs checks
// it with another Ed25519 implementation (tweetnacl) and no project code.
//
// Opening checks everything a bundle can prove about itself — framing, seal, certificate
// signature, bundle signature, events digest, each event's device, numbering and hash chain,
// and that the role may record those events. What depends on the receiver (is the
// certificate ours, is the device revoked, does it continue what we hold) is merge.hpp's.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <variant>
#include <vector>

#include "enrolment.hpp"
#include "ledger.hpp"

namespace hearth {

inline constexpr std::uint16_t kBundleVersion = 1;

struct BundleHeader {
  Certificate cert;         // the device's enrolment: its key, role and unit, signed by the district
  std::uint64_t first = 0;  // first and last sequence numbers (inclusive)
  std::uint64_t last = 0;
  std::uint32_t count = 0;  // == last - first + 1
  Hash256 prev{};           // hash of event first-1 (zeros when first == 1)
  Hash256 last_hash{};      // hash of event last
  std::int64_t created_ms = 0;
  Hash256 events_digest{};  // BLAKE2b-256 of the events section
};

struct OpenedBundle {
  BundleHeader header;
  std::vector<SealedEvent> events;  // first..last, checked
  Bytes signed_bytes;               // the inner (unsealed) bundle, as signed: what is kept while held
  bool was_sealed = false;
};

// Makes the inner bundle from stored events first..last of this device (bytes as stored) and
// the hash of the event before them; seals it to the certificate's district key unless
// `seal` is false. `ephemeral` is 32 random bytes for the seal.
Bytes make_bundle(const DeviceKeys& keys, const Certificate& cert, std::span<const StoredEvent> events, const Hash256& prev,
                  std::int64_t now_ms, bool seal, const Seed& ephemeral);

// Opens a bundle file: unseals it with `district_box` when sealed (refusing one sealed to
// another key), then checks it as described above. Never throws, whatever the bytes.
std::variant<OpenedBundle, TrustProblem> open_bundle(std::span<const std::uint8_t> bytes, const BoxKey* district_box);

// The header alone, for `hearth inspect` of a bundle this machine cannot unseal: nullopt
// when sealed or unreadable.
std::optional<BundleHeader> peek_bundle(std::span<const std::uint8_t> bytes);

// A file name people can read: unit, device label, range and date, e.g.
// "开州-汉丰街道-平板2-000121-000180-20261129.hearth".
std::string bundle_file_name(const Certificate& cert, std::uint64_t first, std::uint64_t last, std::int64_t now_ms,
                             const std::string& unit_name);

}  // namespace hearth
