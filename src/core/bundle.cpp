#include "bundle.hpp"

#include <algorithm>
#include <cstring>

#include "date.hpp"

namespace hearth {

namespace {

constexpr std::string_view kBundleMagic = "HEARTHBN", kSealedMagic = "HEARTHSB";
constexpr std::uint32_t kMaxEventBytes = 1u << 20;  // far above any real event (a few hundred bytes)

TrustProblem trouble(std::string key, std::string detail, std::vector<std::string> args = {}) {
  return TrustProblem{std::move(key), std::move(args), std::move(detail)};
}

Bytes header_bytes(const BundleHeader& h) {
  Bytes out;
  ByteWriter w(out);
  w.raw(kBundleMagic);
  w.le(kBundleVersion);
  w.blob(h.cert.encode());
  w.le(h.first);
  w.le(h.last);
  w.le(h.count);
  w.raw(h.prev);
  w.raw(h.last_hash);
  w.le(h.created_ms);
  w.raw(h.events_digest);
  return out;
}

struct Framed {
  BundleHeader header;
  Signature signature{};
  std::size_t signed_length = 0;          // header bytes the signature covers
  std::span<const std::uint8_t> events;   // the events section
};

// Splits the inner bundle into header, signature and events section; checks the framing and
// the certificate's own signature, nothing else.
std::variant<Framed, TrustProblem> frame(std::span<const std::uint8_t> bytes) {
  if (bytes.size() < kBundleMagic.size() || std::memcmp(bytes.data(), kBundleMagic.data(), kBundleMagic.size()) != 0)
    return trouble("err.bundle.not_a_bundle", "no HEARTHBN magic");
  Framed f;
  try {
    ByteReader r(bytes);
    r.raw(kBundleMagic.size());
    if (const auto v = r.le<std::uint16_t>(); v != kBundleVersion)
      return trouble("err.bundle.version", "bundle version " + std::to_string(v), {std::to_string(v)});
    auto cert = Certificate::decode(r.blob());
    if (auto* p = std::get_if<TrustProblem>(&cert)) {
      if (p->message == "err.cert.signature") return trouble("err.bundle.cert_forged", p->detail);
      return trouble("err.bundle.damaged", "certificate: " + p->detail);
    }
    f.header.cert = std::get<Certificate>(std::move(cert));
    f.header.first = r.le<std::uint64_t>();
    f.header.last = r.le<std::uint64_t>();
    f.header.count = r.le<std::uint32_t>();
    f.header.prev = r.fixed<32>();
    f.header.last_hash = r.fixed<32>();
    f.header.created_ms = r.le<std::int64_t>();
    f.header.events_digest = r.fixed<32>();
    f.signed_length = r.at();
    f.signature = r.fixed<64>();
    f.events = bytes.subspan(r.at());
  } catch (const ByteReader::Truncated& e) {
    return trouble("err.bundle.truncated", e.what());
  }
  return f;
}

}  // namespace

Bytes make_bundle(const DeviceKeys& keys, const Certificate& cert, std::span<const StoredEvent> events, const Hash256& prev,
                  std::int64_t now_ms, bool seal, const Seed& ephemeral) {
  if (events.empty()) throw std::invalid_argument("a bundle holds at least one event");
  BundleHeader h;
  h.cert = cert;
  h.first = events.front().seq;
  h.last = events.back().seq;
  h.count = static_cast<std::uint32_t>(events.size());
  h.prev = prev;
  h.last_hash = blake2b_256(events.back().bytes);
  h.created_ms = now_ms;
  Bytes section;
  {
    ByteWriter w(section);
    for (const auto& e : events) w.blob(e.bytes);
  }
  h.events_digest = blake2b_256(section);
  Bytes inner = header_bytes(h);
  const Signature sig = keys.sign.sign(inner);
  inner.insert(inner.end(), sig.begin(), sig.end());
  inner.insert(inner.end(), section.begin(), section.end());
  if (!seal) return inner;
  Bytes out;
  ByteWriter w(out);
  w.raw(kSealedMagic);
  w.le(kBundleVersion);
  w.raw(cert.district_box);
  w.raw(seal_to(cert.district_box, inner, ephemeral));
  return out;
}

std::optional<BundleHeader> peek_bundle(std::span<const std::uint8_t> bytes) {
  auto f = frame(bytes);
  if (auto* ok = std::get_if<Framed>(&f)) return ok->header;
  return std::nullopt;
}

std::variant<OpenedBundle, TrustProblem> open_bundle(std::span<const std::uint8_t> bytes, const BoxKey* district_box) {
  OpenedBundle out;
  if (bytes.size() >= kSealedMagic.size() && std::memcmp(bytes.data(), kSealedMagic.data(), kSealedMagic.size()) == 0) {
    if (bytes.size() < 42 + kSealOverhead) return trouble("err.bundle.truncated", "sealed bundle of " + std::to_string(bytes.size()) + " bytes");
    if (bytes[8] != (kBundleVersion & 0xFF) || bytes[9] != (kBundleVersion >> 8))
      return trouble("err.bundle.version", "sealed bundle version " + std::to_string(bytes[8] | (bytes[9] << 8)),
                     {std::to_string(bytes[8] | (bytes[9] << 8))});
    if (!district_box) return trouble("err.bundle.no_key", "sealed: the district's key is needed to open it");
    if (std::memcmp(bytes.data() + 10, district_box->public_key.data(), 32) != 0)
      return trouble("err.bundle.foreign", "sealed to another district's key " + to_hex(bytes.subspan(10, 8)));
    auto plain = open_sealed(*district_box, bytes.subspan(42));
    if (!plain) return trouble("err.bundle.tampered", "the sealed box does not open: changed or damaged after sealing");
    out.signed_bytes = std::move(*plain);
    out.was_sealed = true;
  } else {
    out.signed_bytes.assign(bytes.begin(), bytes.end());
  }

  auto framed = frame(out.signed_bytes);
  if (auto* p = std::get_if<TrustProblem>(&framed)) return std::move(*p);
  Framed& f = std::get<Framed>(framed);
  const std::span<const std::uint8_t> inner(out.signed_bytes);
  out.header = f.header;
  const BundleHeader& h = out.header;

  // The signature first: nothing a device did not sign is parsed further.
  if (!verify_signature(h.cert.device_key, inner.first(f.signed_length), f.signature))
    return trouble("err.bundle.signature", "the device's Ed25519 signature over the header does not verify");
  if (blake2b_256(f.events) != h.events_digest)
    return trouble("err.bundle.tampered", "the events section does not match the signed digest");
  if (h.count == 0 || h.first == 0 || h.last < h.first || h.last - h.first + 1 != h.count)
    return trouble("err.bundle.damaged", "range " + std::to_string(h.first) + "–" + std::to_string(h.last) + " with count " + std::to_string(h.count));

  const auto who = h.cert.unit.label;
  try {
    ByteReader r(f.events);
    Hash256 prev = h.prev;
    if (h.first == 1 && prev != Hash256{}) return trouble("err.bundle.damaged", "event 1 with a previous hash");
    // Not h.count alone: a signed header may claim four billion events (any key signs a
    // self-consistent bundle; whose certificate it is, merge checks later), and each takes at
    // least its 4-byte length in the section.
    out.events.reserve(std::min<std::size_t>(h.count, f.events.size() / 4));
    for (std::uint64_t seq = h.first; seq <= h.last; ++seq) {
      const auto len = r.le<std::uint32_t>();
      if (len > kMaxEventBytes) return trouble("err.bundle.damaged", "event " + std::to_string(seq) + " of " + std::to_string(len) + " bytes");
      const auto raw = r.raw(len);
      SealedEvent e;
      try {
        e = unseal(Bytes(raw.begin(), raw.end()));
      } catch (const DecodeError& ex) {
        return trouble("err.bundle.event_unreadable", ex.what(), {std::to_string(seq)});
      }
      if (e.event.device != h.cert.device)
        return trouble("err.bundle.wrong_device", "event " + std::to_string(seq) + " is from device " + device_hex(e.event.device),
                       {std::to_string(seq)});
      if (e.event.seq != seq)
        return trouble("err.bundle.chain", "expected event " + std::to_string(seq) + ", found " + std::to_string(e.event.seq), {std::to_string(seq)});
      if (e.event.prev != prev)
        return trouble("err.bundle.chain", "event " + std::to_string(seq) + " does not follow the one before it", {std::to_string(seq)});
      if (!role_may_write(h.cert.unit.role, e.event.body))
        return trouble("err.bundle.role", "event " + std::to_string(seq) + " is " + summarize(e.event.body).kind,
                       {std::to_string(seq), summarize(e.event.body).kind, role_key(h.cert.unit.role)});
      prev = e.hash;
      out.events.push_back(std::move(e));
    }
    if (r.remaining() != 0) return trouble("err.bundle.damaged", std::to_string(r.remaining()) + " bytes after the last event");
    if (prev != h.last_hash) return trouble("err.bundle.chain", "the last event's hash differs from the header's", {std::to_string(h.last)});
  } catch (const ByteReader::Truncated& e) {
    return trouble("err.bundle.truncated", e.what());
  }
  return out;
}

std::string bundle_file_name(const Certificate& cert, std::uint64_t first, std::uint64_t last, std::int64_t now_ms,
                             const std::string& unit_name) {
  std::string label;
  for (char c : cert.unit.label) label.push_back(c == '/' || c == '\\' || c == ' ' || c == ':' ? '-' : c);
  char range[48];
  std::snprintf(range, sizeof range, "%06llu-%06llu", static_cast<unsigned long long>(first), static_cast<unsigned long long>(last));
  const Date d = Date::from_unix_ms(now_ms);
  char date[16];
  std::snprintf(date, sizeof date, "%04d%02d%02d", d.year, d.month, d.day);
  std::string name = "hearth";
  if (!unit_name.empty()) name += "-" + unit_name;
  if (!label.empty()) name += "-" + label;
  return name + "-" + device_hex(cert.device).substr(0, 8) + "-" + range + "-" + date + ".hearth";
}

}  // namespace hearth
