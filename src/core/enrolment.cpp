#include "enrolment.hpp"

#include <algorithm>
#include <cstring>

#include "text.hpp"
#include "township.hpp"

namespace hearth {

namespace {

constexpr std::string_view kKeyMagic = "HEARTHKY", kRequestMagic = "HEARTHRQ", kCertMagic = "HEARTHCT", kReceiptMagic = "HEARTHRC";
constexpr std::string_view kRequestText = "HEARTH-REQUEST-1:", kCertText = "HEARTH-CERT-1:";

TrustProblem trouble(std::string key, std::string detail, std::vector<std::string> args = {}) {
  return TrustProblem{std::move(key), std::move(args), std::move(detail)};
}

bool has_magic(std::span<const std::uint8_t> b, std::string_view magic) {
  return b.size() >= magic.size() && std::memcmp(b.data(), magic.data(), magic.size()) == 0;
}

void put_unit(ByteWriter& w, const DeviceUnit& u) {
  w.le(static_cast<std::uint8_t>(u.role));
  w.le(u.township);
  w.str(u.provider);
  w.str(u.label);
}
DeviceUnit get_unit(ByteReader& r) {
  DeviceUnit u;
  const auto role = r.le<std::uint8_t>();
  if (!valid_role(role)) throw ByteReader::Truncated("unknown role " + std::to_string(role));
  u.role = static_cast<DeviceRole>(role);
  u.township = r.le<std::uint32_t>();
  u.provider = r.str();
  u.label = r.str();
  return u;
}

// Runs `parse` over a fixed layout, turning a short read or trailing bytes into `what`'s
// "damaged" problem: a parser never throws to its caller.
template <class T, class F>
std::variant<T, TrustProblem> parse_layout(std::span<const std::uint8_t> bytes, std::string_view magic, std::uint16_t version,
                                           const std::string& what, F&& parse) {
  if (!has_magic(bytes, magic)) return trouble("err." + what + ".not_this_kind", "no " + std::string(magic) + " magic");
  try {
    ByteReader r(bytes);
    r.raw(magic.size());
    const auto v = r.le<std::uint16_t>();
    if (v != version)
      return trouble("err." + what + ".version", "version " + std::to_string(v) + ", this build reads " + std::to_string(version),
                     {std::to_string(v)});
    T out = parse(r);
    if (r.remaining() != 0) return trouble("err." + what + ".damaged", std::to_string(r.remaining()) + " bytes after the signature");
    return out;
  } catch (const ByteReader::Truncated& e) {
    return trouble("err." + what + ".damaged", e.what());
  }
}

// Bytes from a file or a pasted text code.
std::optional<Bytes> from_text_code(std::span<const std::uint8_t> in, std::string_view prefix) {
  std::string s(in.begin(), in.end());
  const auto at = s.find(prefix);
  if (at == std::string::npos) return std::nullopt;
  Bytes out;
  std::string_view code(s);
  code.remove_prefix(at + prefix.size());
  // The code ends at the first character that is neither base64url nor whitespace.
  std::size_t end = 0;
  while (end < code.size()) {
    const char c = code[end];
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ' ' || c == '\n' || c == '\r' || c == '\t') ++end;
    else break;
  }
  if (!from_base64url(code.substr(0, end), out)) return Bytes{};
  return out;
}

}  // namespace

// ---- 1. Roles -------------------------------------------------------------------------------
bool valid_role(std::uint8_t r) { return r >= 1 && r <= 3; }

std::string role_key(DeviceRole r) {
  switch (r) {
    case DeviceRole::District: return "app.role.district";
    case DeviceRole::Township: return "app.role.township";
    case DeviceRole::Trainer: return "app.role.trainer";
  }
  return "app.role.unknown";
}

bool role_may_write(DeviceRole role, const EventBody& body) {
  if (role == DeviceRole::District) return true;
  return std::visit(
      [&](const auto& b) {
        using T = std::decay_t<decltype(b)>;
        // Both register people and correct what they registered.
        if constexpr (std::is_same_v<T, WorkerRegisteredV1> || std::is_same_v<T, WorkerRegistered> || std::is_same_v<T, RecordEdited> ||
                      std::is_same_v<T, IdentityVerified>)
          return true;
        else if constexpr (std::is_same_v<T, CourseCreated> || std::is_same_v<T, SessionScheduled> || std::is_same_v<T, Enrolled> ||
                           std::is_same_v<T, AttendanceRecorded> || std::is_same_v<T, CompletionRecorded>)
          return role == DeviceRole::Trainer;
        else if constexpr (std::is_same_v<T, EmploymentStarted> || std::is_same_v<T, EmploymentEnded> ||
                           std::is_same_v<T, HealthCheckRecorded> || std::is_same_v<T, ComplaintFiled> ||
                           std::is_same_v<T, MediationStepRecorded> || std::is_same_v<T, ComplaintClosed> ||
                           std::is_same_v<T, ServicePointOpened> || std::is_same_v<T, ProgressReported>)
          return role == DeviceRole::Township;
        else
          return false;  // enterprises, licences, contracts, credit, assessments, revenue, enrolments: the district's
      },
      body);
}

// ---- 2. Key file ----------------------------------------------------------------------------
namespace {
Bytes key_file_public_part(const KeyFile& f) {
  Bytes out;
  ByteWriter w(out);
  w.raw(kKeyMagic);
  w.le(KeyFile::kVersion);
  w.le(static_cast<std::uint8_t>(f.role));
  w.raw(f.device);
  w.raw(f.sign_public);
  w.raw(f.box_public);
  w.le(f.cost.opslimit);
  w.le(f.cost.memlimit);
  w.raw(f.salt);
  w.raw(f.nonce);
  return out;
}
}  // namespace

Bytes KeyFile::encode() const {
  Bytes out = key_file_public_part(*this);
  ByteWriter w(out);
  w.blob(sealed);
  return out;
}

std::variant<KeyFile, TrustProblem> KeyFile::decode(std::span<const std::uint8_t> bytes) {
  return parse_layout<KeyFile>(bytes, kKeyMagic, kVersion, "key", [](ByteReader& r) {
    KeyFile f;
    const auto stored_role = r.le<std::uint8_t>();  // not `role`: clang's -Wshadow sees KeyFile::role here
    if (!valid_role(stored_role)) throw ByteReader::Truncated("unknown role " + std::to_string(stored_role));
    f.role = static_cast<DeviceRole>(stored_role);
    f.device = r.fixed<16>();
    f.sign_public = r.fixed<32>();
    f.box_public = r.fixed<32>();
    f.cost.opslimit = r.le<std::uint64_t>();
    f.cost.memlimit = r.le<std::uint64_t>();
    f.salt = r.fixed<16>();
    f.nonce = r.fixed<24>();
    const auto s = r.blob();
    f.sealed.assign(s.begin(), s.end());
    return f;
  });
}

std::vector<TrustProblem> check_new_passphrase(std::string_view passphrase, std::string_view repeated) {
  std::vector<TrustProblem> out;
  if (utf8_length(passphrase) < kMinPassphrase)
    out.push_back(trouble("err.key.passphrase_short", "", {std::to_string(kMinPassphrase)}));
  else if (passphrase != repeated)
    out.push_back(trouble("err.key.passphrase_mismatch", ""));
  return out;
}

KeyFile create_key_file(const DeviceId& device, DeviceRole role, std::string_view passphrase, std::span<const std::uint8_t, 64> secrets,
                        std::span<const std::uint8_t, 16> salt, std::span<const std::uint8_t, 24> nonce, const KdfCost& cost) {
  KeyFile f;
  f.device = device;
  f.role = role;
  Seed sign_seed{}, box_seed{};
  std::copy_n(secrets.begin(), 32, sign_seed.begin());
  std::copy_n(secrets.begin() + 32, 32, box_seed.begin());
  f.sign_public = SigningKey::from_seed(sign_seed).public_key;
  f.box_public = BoxKey::from_seed(box_seed).public_key;
  wipe(sign_seed);
  wipe(box_seed);
  f.cost = cost;
  std::copy(salt.begin(), salt.end(), f.salt.begin());
  std::copy(nonce.begin(), nonce.end(), f.nonce.begin());
  SecretKey32 k{};
  if (!derive_key(passphrase, f.salt, cost, k)) throw std::runtime_error("Argon2id could not allocate its memory");
  f.sealed = aead_encrypt(k, f.nonce, secrets, key_file_public_part(f));
  wipe(k);
  return f;
}

namespace {
std::variant<Bytes, TrustProblem> open_secrets(const KeyFile& file, std::string_view passphrase) {
  if (!file.cost.acceptable())
    return trouble("err.key.damaged", "Argon2id cost out of range: ops " + std::to_string(file.cost.opslimit) + ", mem " +
                                          std::to_string(file.cost.memlimit));
  SecretKey32 k{};
  if (!derive_key(passphrase, file.salt, file.cost, k)) return trouble("err.key.no_memory", "Argon2id could not allocate its memory");
  auto plain = aead_decrypt(k, file.nonce, file.sealed, key_file_public_part(file));
  wipe(k);
  if (!plain) return trouble("err.key.wrong_passphrase", "XChaCha20-Poly1305 authentication failed");
  if (plain->size() != 64) {
    wipe(*plain);
    return trouble("err.key.damaged", "secret of " + std::to_string(plain->size()) + " bytes");
  }
  return std::move(*plain);
}
}  // namespace

std::variant<DeviceKeys, TrustProblem> unlock_key_file(const KeyFile& file, std::string_view passphrase) {
  auto opened = open_secrets(file, passphrase);
  if (auto* p = std::get_if<TrustProblem>(&opened)) return std::move(*p);
  Bytes& secrets = std::get<Bytes>(opened);
  Seed sign_seed{}, box_seed{};
  std::copy_n(secrets.begin(), 32, sign_seed.begin());
  std::copy_n(secrets.begin() + 32, 32, box_seed.begin());
  wipe(secrets);
  DeviceKeys keys{file.device, file.role, SigningKey::from_seed(sign_seed), BoxKey::from_seed(box_seed)};
  wipe(sign_seed);
  wipe(box_seed);
  if (keys.sign.public_key != file.sign_public || keys.box.public_key != file.box_public)
    return trouble("err.key.damaged", "the secret does not match the public keys in the file");
  return keys;
}

std::variant<KeyFile, TrustProblem> change_passphrase(const KeyFile& file, std::string_view old_passphrase, std::string_view new_passphrase,
                                                      std::span<const std::uint8_t, 16> salt, std::span<const std::uint8_t, 24> nonce) {
  auto opened = open_secrets(file, old_passphrase);
  if (auto* p = std::get_if<TrustProblem>(&opened)) return std::move(*p);
  Bytes& secrets = std::get<Bytes>(opened);
  KeyFile out = create_key_file(file.device, file.role, new_passphrase, std::span<const std::uint8_t, 64>(secrets.data(), 64), salt, nonce,
                                KdfCost::interactive().opslimit > file.cost.opslimit ? file.cost : KdfCost::interactive());
  wipe(secrets);
  return out;
}

// ---- 3. Enrolment -----------------------------------------------------------------------------
std::vector<TrustProblem> check_unit(const DeviceUnit& u) {
  std::vector<TrustProblem> out;
  if (u.role == DeviceRole::Township && !kaizhou_townships().find(u.township)) out.push_back(trouble("err.enrol.township", ""));
  if (u.role == DeviceRole::Trainer && trim(u.provider).empty()) out.push_back(trouble("err.enrol.provider", ""));
  if (utf8_length(u.provider) > 60) out.push_back(trouble("err.enrol.provider_long", "", {"60"}));
  if (trim(u.label).empty()) out.push_back(trouble("err.enrol.label", ""));
  else if (utf8_length(u.label) > 40) out.push_back(trouble("err.enrol.label_long", "", {"40"}));
  return out;
}

Bytes EnrolmentRequest::signed_part() const {
  Bytes out;
  ByteWriter w(out);
  w.raw(kRequestMagic);
  w.le(kVersion);
  w.raw(device);
  w.raw(sign_public);
  put_unit(w, unit);
  w.le(created_ms);
  return out;
}
Bytes EnrolmentRequest::encode() const {
  Bytes out = signed_part();
  out.insert(out.end(), signature.begin(), signature.end());
  return out;
}
std::string EnrolmentRequest::text() const { return std::string(kRequestText) + base64url(encode()); }

std::variant<EnrolmentRequest, TrustProblem> EnrolmentRequest::decode(std::span<const std::uint8_t> bytes) {
  auto parsed = parse_layout<EnrolmentRequest>(bytes, kRequestMagic, kVersion, "request", [](ByteReader& r) {
    EnrolmentRequest q;
    q.device = r.fixed<16>();
    q.sign_public = r.fixed<32>();
    q.unit = get_unit(r);
    q.created_ms = r.le<std::int64_t>();
    q.signature = r.fixed<64>();
    return q;
  });
  if (auto* q = std::get_if<EnrolmentRequest>(&parsed))
    if (!verify_signature(q->sign_public, q->signed_part(), q->signature))
      return trouble("err.request.signature", "the request's self-signature does not verify");
  return parsed;
}

EnrolmentRequest make_request(const DeviceKeys& keys, DeviceUnit unit, std::int64_t now_ms) {
  EnrolmentRequest q;
  q.device = keys.device;
  q.sign_public = keys.sign.public_key;
  q.unit = std::move(unit);
  q.created_ms = now_ms;
  q.signature = keys.sign.sign(q.signed_part());
  return q;
}

Bytes Certificate::signed_part() const {
  Bytes out;
  ByteWriter w(out);
  w.raw(kCertMagic);
  w.le(kVersion);
  w.raw(district);
  w.raw(district_box);
  w.raw(device);
  w.raw(device_key);
  put_unit(w, unit);
  w.le(serial);
  w.le(issued_ms);
  w.le(valid_from_ms);
  w.le(valid_until_ms);
  return out;
}
Bytes Certificate::encode() const {
  Bytes out = signed_part();
  out.insert(out.end(), signature.begin(), signature.end());
  return out;
}
std::string Certificate::text() const { return std::string(kCertText) + base64url(encode()); }

std::variant<Certificate, TrustProblem> Certificate::decode(std::span<const std::uint8_t> bytes) {
  auto parsed = parse_layout<Certificate>(bytes, kCertMagic, kVersion, "cert", [](ByteReader& r) {
    Certificate c;
    c.district = r.fixed<32>();
    c.district_box = r.fixed<32>();
    c.device = r.fixed<16>();
    c.device_key = r.fixed<32>();
    c.unit = get_unit(r);
    c.serial = r.le<std::uint32_t>();
    c.issued_ms = r.le<std::int64_t>();
    c.valid_from_ms = r.le<std::int64_t>();
    c.valid_until_ms = r.le<std::int64_t>();
    c.signature = r.fixed<64>();
    return c;
  });
  if (auto* c = std::get_if<Certificate>(&parsed))
    if (!verify_signature(c->district, c->signed_part(), c->signature))
      return trouble("err.cert.signature", "the district's signature on the certificate does not verify");
  return parsed;
}

Certificate issue_certificate(const DeviceKeys& district, const EnrolmentRequest& request, std::uint32_t serial, std::int64_t now_ms,
                              std::int64_t valid_for_ms) {
  Certificate c;
  c.district = district.sign.public_key;
  c.district_box = district.box.public_key;
  c.device = request.device;
  c.device_key = request.sign_public;
  c.unit = request.unit;
  c.serial = serial;
  c.issued_ms = now_ms;
  c.valid_from_ms = now_ms - 24LL * 3600 * 1000;  // a day's grace for a tablet whose clock runs behind
  c.valid_until_ms = now_ms + valid_for_ms;
  c.signature = district.sign.sign(c.signed_part());
  return c;
}

Certificate self_certificate(const DeviceKeys& district, std::string label, std::int64_t now_ms) {
  EnrolmentRequest q = make_request(district, DeviceUnit{DeviceRole::District, 0, "", std::move(label)}, now_ms);
  return issue_certificate(district, q, 0, now_ms, 100LL * 366 * 24 * 3600 * 1000);
}

std::optional<TrustProblem> check_own_certificate(const Certificate& cert, const DeviceKeys& keys) {
  if (cert.device != keys.device || cert.device_key != keys.sign.public_key)
    return trouble("err.cert.not_ours", "issued for device " + device_hex(cert.device) + ", this is " + device_hex(keys.device));
  if (cert.unit.role != keys.role)
    return trouble("err.cert.role", "the certificate is for another role", {role_key(cert.unit.role)});
  return std::nullopt;
}

std::variant<EnrolmentRequest, TrustProblem> parse_request(std::span<const std::uint8_t> in) {
  if (has_magic(in, kRequestMagic)) return EnrolmentRequest::decode(in);
  if (auto b = from_text_code(in, kRequestText)) return EnrolmentRequest::decode(*b);
  return trouble("err.request.not_this_kind", "neither a request file nor a HEARTH-REQUEST-1 code");
}
std::variant<Certificate, TrustProblem> parse_certificate(std::span<const std::uint8_t> in) {
  if (has_magic(in, kCertMagic)) return Certificate::decode(in);
  if (auto b = from_text_code(in, kCertText)) return Certificate::decode(*b);
  return trouble("err.cert.not_this_kind", "neither a certificate file nor a HEARTH-CERT-1 code");
}

// ---- 4. Receipt --------------------------------------------------------------------------------
Bytes Receipt::signed_part() const {
  Bytes out;
  ByteWriter w(out);
  w.raw(kReceiptMagic);
  w.le(kVersion);
  w.raw(district);
  w.raw(device);
  w.le(through);
  w.raw(head);
  w.le(created_ms);
  return out;
}
Bytes Receipt::encode() const {
  Bytes out = signed_part();
  out.insert(out.end(), signature.begin(), signature.end());
  return out;
}
std::variant<Receipt, TrustProblem> Receipt::decode(std::span<const std::uint8_t> bytes) {
  auto parsed = parse_layout<Receipt>(bytes, kReceiptMagic, kVersion, "receipt", [](ByteReader& r) {
    Receipt c;
    c.district = r.fixed<32>();
    c.device = r.fixed<16>();
    c.through = r.le<std::uint64_t>();
    c.head = r.fixed<32>();
    c.created_ms = r.le<std::int64_t>();
    c.signature = r.fixed<64>();
    return c;
  });
  if (auto* c = std::get_if<Receipt>(&parsed))
    if (!verify_signature(c->district, c->signed_part(), c->signature))
      return trouble("err.receipt.signature", "the district's signature on the receipt does not verify");
  return parsed;
}
Receipt make_receipt(const DeviceKeys& district, const DeviceId& device, std::uint64_t through, const Hash256& head, std::int64_t now_ms) {
  Receipt c;
  c.district = district.sign.public_key;
  c.device = device;
  c.through = through;
  c.head = head;
  c.created_ms = now_ms;
  c.signature = district.sign.sign(c.signed_part());
  return c;
}

FileKind file_kind(std::span<const std::uint8_t> b) {
  if (has_magic(b, "HEARTHSB")) return FileKind::SealedBundle;
  if (has_magic(b, "HEARTHBN")) return FileKind::Bundle;
  if (has_magic(b, kRequestMagic)) return FileKind::Request;
  if (has_magic(b, kCertMagic)) return FileKind::Certificate;
  if (has_magic(b, kReceiptMagic)) return FileKind::Receipt;
  if (has_magic(b, kKeyMagic)) return FileKind::KeyFile;
  if (has_magic(b, "HEARTHBK")) return FileKind::Backup;
  const std::string_view s(reinterpret_cast<const char*>(b.data()), std::min<std::size_t>(b.size(), 4096));
  if (s.find(kRequestText) != std::string_view::npos) return FileKind::Request;
  if (s.find(kCertText) != std::string_view::npos) return FileKind::Certificate;
  return FileKind::Unknown;
}

}  // namespace hearth
