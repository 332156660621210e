// Device identity and enrolment (设备身份与登记): each device's Ed25519 key, kept encrypted
// under the user's passphrase; the request a device makes to be enrolled; the certificate
// the district office signs; and the receipt the district gives back for merged events.
// Byte layouts: docs/bundle-format.md.
//
// Index
//   1. Roles and what each may record
//   2. Key file: the device's secret key under a passphrase
//   3. Enrolment request and certificate
//   4. Receipt
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "crypto.hpp"
#include "event.hpp"

namespace hearth {

// Why a key, request, certificate, bundle or receipt is refused: a catalog key, its
// arguments, and technical detail for the log.
struct TrustProblem {
  std::string message;  // err.key.* / err.enrol.* / err.bundle.* / err.receipt.*
  std::vector<std::string> args;
  std::string detail;
};

// ---- 1. Roles -------------------------------------------------------------------------------
enum class DeviceRole : std::uint8_t {
  District = 1,  // 区联席办: the office that enrols devices and merges their bundles
  Township = 2,  // 镇乡街道
  Trainer = 3,   // 培训机构
};
bool valid_role(std::uint8_t r);
std::string role_key(DeviceRole r);  // catalog key app.role.*

// Whether a device of this role may record this kind of event: a township registers workers,
// complaints, service points and progress; a trainer registers trainees and runs courses;
// only the district registers enterprises, credit, licences, contracts and enrolments.
bool role_may_write(DeviceRole role, const EventBody& body);

// ---- 2. Key file ----------------------------------------------------------------------------
// The device's secrets: an Ed25519 seed (signing) and an X25519 seed (sealed boxes), 64 bytes
// encrypted with XChaCha20-Poly1305 under a key derived from the passphrase with Argon2id.
// The public part (device, role, public keys, cost, salt, nonce) is the associated data, so
// changing any of it makes the file unopenable rather than subtly different.
struct KeyFile {
  static constexpr std::uint16_t kVersion = 1;
  DeviceId device{};
  DeviceRole role = DeviceRole::Township;
  SignPublicKey sign_public{};
  BoxPublicKey box_public{};
  KdfCost cost;
  std::array<std::uint8_t, 16> salt{};
  std::array<std::uint8_t, 24> nonce{};
  Bytes sealed;  // 64 secret bytes + 16 MAC

  Bytes encode() const;
  static std::variant<KeyFile, TrustProblem> decode(std::span<const std::uint8_t> bytes);
};

// The unlocked key: only in memory, only while the person works.
struct DeviceKeys {
  DeviceId device{};
  DeviceRole role = DeviceRole::Township;
  SigningKey sign;
  BoxKey box;
};

inline constexpr std::size_t kMinPassphrase = 8;
// Problems with a new passphrase (too short, the two entries differ); empty when fine.
std::vector<TrustProblem> check_new_passphrase(std::string_view passphrase, std::string_view repeated);

// A new key file from 64 random bytes (sign seed ‖ box seed), a salt and a nonce.
KeyFile create_key_file(const DeviceId& device, DeviceRole role, std::string_view passphrase, std::span<const std::uint8_t, 64> secrets,
                        std::span<const std::uint8_t, 16> salt, std::span<const std::uint8_t, 24> nonce, const KdfCost& cost);
// err.key.wrong_passphrase when the passphrase does not open it.
std::variant<DeviceKeys, TrustProblem> unlock_key_file(const KeyFile& file, std::string_view passphrase);
// The same secrets under a new passphrase (new salt and nonce); the old one must open it.
std::variant<KeyFile, TrustProblem> change_passphrase(const KeyFile& file, std::string_view old_passphrase, std::string_view new_passphrase,
                                                      std::span<const std::uint8_t, 16> salt, std::span<const std::uint8_t, 24> nonce);

// ---- 3. Enrolment -----------------------------------------------------------------------------
// What a device is for: its role, its unit (a township code, or a training provider's name)
// and a label people recognise ("渠口镇 2号平板").
struct DeviceUnit {
  DeviceRole role = DeviceRole::Township;
  std::uint32_t township = 0;  // code from assets/townships.tsv; 0 for a trainer or the district
  std::string provider;        // the training provider, for a trainer
  std::string label;
  bool operator==(const DeviceUnit&) const = default;
};
// Problems with a unit as entered (role without a township or provider, label too long…).
std::vector<TrustProblem> check_unit(const DeviceUnit& unit);

// 登记申请: made and signed by the device itself (proof it holds the key).
struct EnrolmentRequest {
  static constexpr std::uint16_t kVersion = 1;
  DeviceId device{};
  SignPublicKey sign_public{};
  DeviceUnit unit;
  std::int64_t created_ms = 0;
  Signature signature{};

  Bytes signed_part() const;  // everything the signature covers
  Bytes encode() const;
  static std::variant<EnrolmentRequest, TrustProblem> decode(std::span<const std::uint8_t> bytes);  // checks the self-signature
  std::string text() const;                                                                          // "HEARTH-REQUEST-1:" + base64url
};
EnrolmentRequest make_request(const DeviceKeys& keys, DeviceUnit unit, std::int64_t now_ms);

// 登记证书: the district's signature on a device's key, role and unit, for a period. It also
// carries the district's sealing key, so the device learns where its bundles go.
struct Certificate {
  static constexpr std::uint16_t kVersion = 1;
  SignPublicKey district{};
  BoxPublicKey district_box{};
  DeviceId device{};
  SignPublicKey device_key{};
  DeviceUnit unit;
  std::uint32_t serial = 0;
  std::int64_t issued_ms = 0, valid_from_ms = 0, valid_until_ms = 0;
  Signature signature{};

  Bytes signed_part() const;
  Bytes encode() const;
  // Parses and checks the district's signature on it (not whom it was issued by: verify_certificate).
  static std::variant<Certificate, TrustProblem> decode(std::span<const std::uint8_t> bytes);
  std::string text() const;  // "HEARTH-CERT-1:" + base64url
  bool valid_at(std::int64_t ms) const { return ms >= valid_from_ms && ms <= valid_until_ms; }
  bool operator==(const Certificate&) const = default;
};
inline constexpr std::int64_t kDefaultValidityMs = 3LL * 366 * 24 * 3600 * 1000;  // three years
Certificate issue_certificate(const DeviceKeys& district, const EnrolmentRequest& request, std::uint32_t serial, std::int64_t now_ms,
                              std::int64_t valid_for_ms = kDefaultValidityMs);
// The district's own certificate, signed by itself: what its key file is for.
Certificate self_certificate(const DeviceKeys& district, std::string label, std::int64_t now_ms);
// A certificate this device may import: issued by a district, for this device and key.
std::optional<TrustProblem> check_own_certificate(const Certificate& cert, const DeviceKeys& keys);

// Text codes: a request or certificate pasted as text, or a file's bytes, recognised by kind.
std::variant<EnrolmentRequest, TrustProblem> parse_request(std::span<const std::uint8_t> file_or_text);
std::variant<Certificate, TrustProblem> parse_certificate(std::span<const std::uint8_t> file_or_text);

// ---- 4. Receipt --------------------------------------------------------------------------------
// 回执: the district confirms it merged a device's events through `through` (whose hash is
// `head`); the device may then let its store forget them (store_contents.hpp Retention).
struct Receipt {
  static constexpr std::uint16_t kVersion = 1;
  SignPublicKey district{};
  DeviceId device{};
  std::uint64_t through = 0;
  Hash256 head{};
  std::int64_t created_ms = 0;
  Signature signature{};

  Bytes signed_part() const;
  Bytes encode() const;
  static std::variant<Receipt, TrustProblem> decode(std::span<const std::uint8_t> bytes);  // checks the signature
};
Receipt make_receipt(const DeviceKeys& district, const DeviceId& device, std::uint64_t through, const Hash256& head, std::int64_t now_ms);

// What kind of Hearth file some bytes are, by their magic (or text prefix): for one import
// button that takes bundles, certificates, requests and receipts alike.
enum class FileKind { Unknown, SealedBundle, Bundle, Request, Certificate, Receipt, KeyFile, Backup };
FileKind file_kind(std::span<const std::uint8_t> bytes);

}  // namespace hearth
