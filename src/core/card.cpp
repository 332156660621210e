// Index: 1. Base45  2. payload  3. making a card  4. checking a card
#include "card.hpp"

#include <algorithm>
#include <stdexcept>

#include "hash.hpp"
#include "programme.hpp"
#include "resident_id.hpp"
#include "rules.hpp"
#include "state.hpp"
#include "text.hpp"

namespace hearth {

// ---- 1. Base45 ------------------------------------------------------------------------------
namespace {
constexpr std::string_view kBase45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

int base45_value(char c) {
  const auto at = kBase45.find(c);
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}
std::size_t base45_length(std::size_t bytes) { return bytes / 2 * 3 + bytes % 2 * 2; }
}  // namespace

std::string base45_encode(std::span<const std::uint8_t> bytes) {
  std::string out;
  out.reserve(base45_length(bytes.size()));
  std::size_t i = 0;
  for (; i + 1 < bytes.size(); i += 2) {
    unsigned n = static_cast<unsigned>(bytes[i]) * 256u + bytes[i + 1];  // c + 45·d + 45²·e, written c d e
    out += kBase45[n % 45];
    n /= 45;
    out += kBase45[n % 45];
    out += kBase45[n / 45];
  }
  if (i < bytes.size()) {
    const unsigned n = bytes[i];
    out += kBase45[n % 45];
    out += kBase45[n / 45];
  }
  return out;
}

std::optional<Bytes> base45_decode(std::string_view text) {
  if (text.size() % 3 == 1) return std::nullopt;  // a character left over
  Bytes out;
  out.reserve(text.size() / 3 * 2 + 1);
  for (std::size_t i = 0; i < text.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, text.size() - i);
    unsigned v = 0, scale = 1;
    for (std::size_t k = 0; k < n; ++k) {
      const int d = base45_value(text[i + k]);
      if (d < 0) return std::nullopt;
      v += static_cast<unsigned>(d) * scale;
      scale *= 45;
    }
    if (n == 3) {
      if (v > 0xFFFF) return std::nullopt;
      out.push_back(static_cast<std::uint8_t>(v >> 8));
      out.push_back(static_cast<std::uint8_t>(v & 0xFF));
    } else {
      if (v > 0xFF) return std::nullopt;
      out.push_back(static_cast<std::uint8_t>(v));
    }
  }
  return out;
}

// ---- 2. payload -----------------------------------------------------------------------------
namespace {
constexpr std::uint8_t kFlagEmployer = 1, kFlagEmployerIsCode = 2;
constexpr std::size_t kSignatureSize = 64;
constexpr std::size_t kMaskedIdLength = 18, kMaskedHead = 6, kMaskedTail = 4;
constexpr std::string_view kMaskedMiddle = "********";

void str8(ByteWriter& w, std::string_view s, const char* what) {
  if (s.size() > 0xFF) throw std::length_error(std::string(what) + " longer than 255 bytes");
  w.le(static_cast<std::uint8_t>(s.size()));
  w.raw(s);
}
std::string str8(ByteReader& r) {
  const auto n = r.le<std::uint8_t>();
  const auto b = r.raw(n);
  return std::string(b.begin(), b.end());
}
void day(ByteWriter& w, const Date& d, const char* what) {
  const std::int64_t n = d.days_since_1970();
  if (n < 0 || n > 0xFFFF) throw std::length_error(std::string(what) + " " + d.iso() + " outside 1970-01-01 … 2149-06-06");
  w.le(static_cast<std::uint16_t>(n));
}
Date day(ByteReader& r) { return Date::from_days(r.le<std::uint16_t>()); }

bool id_char(char c) { return (c >= '0' && c <= '9') || c == 'X'; }

Bytes signed_message(std::span<const std::uint8_t> payload) {
  Bytes m(kCardSignatureContext.begin(), kCardSignatureContext.end());
  m.insert(m.end(), payload.begin(), payload.end());
  return m;
}
}  // namespace

IssuerId issuer_id_of(const SignPublicKey& district) {
  IssuerId id{};
  std::copy_n(district.begin(), id.size(), id.begin());
  return id;
}

Bytes encode_card(const CardCredential& c) {
  const std::string_view masked = c.masked_id;
  if (masked.size() != kMaskedIdLength || masked.substr(kMaskedHead, kMaskedMiddle.size()) != kMaskedMiddle)
    throw std::length_error("the masked ID is not 18 characters with its middle 8 hidden");
  Bytes out;
  ByteWriter w(out);
  w.le(kCardVersion);
  w.raw(c.issuer);
  w.le(static_cast<std::uint8_t>((c.employer.empty() ? 0 : kFlagEmployer) | (!c.employer.empty() && c.employer_is_code ? kFlagEmployerIsCode : 0)));
  str8(w, c.number, "card number");
  str8(w, c.name, "name");
  w.raw(masked.substr(0, kMaskedHead));
  w.raw(masked.substr(kMaskedIdLength - kMaskedTail));
  w.le(static_cast<std::uint8_t>(c.occupation));
  w.le(static_cast<std::uint8_t>(c.skill));
  w.le(static_cast<std::uint8_t>(c.health_category));
  day(w, c.health_valid_until, "health check valid until");
  w.le(static_cast<std::uint8_t>(c.training_type));
  day(w, c.training_date, "training date");
  str8(w, c.training_certificate, "training certificate");
  day(w, c.issued, "issued");
  day(w, c.expires, "expires");
  w.le(static_cast<std::uint8_t>(c.credit_grade));
  if (!c.employer.empty()) str8(w, c.employer, "employer");
  return out;
}

std::optional<CardCredential> decode_card(std::span<const std::uint8_t> payload) {
  try {
    ByteReader r(payload);
    CardCredential c;
    c.version = r.le<std::uint8_t>();
    if (c.version != kCardVersion) return std::nullopt;
    c.issuer = r.fixed<8>();
    const auto flags = r.le<std::uint8_t>();
    if ((flags & ~(kFlagEmployer | kFlagEmployerIsCode)) != 0 || (flags == kFlagEmployerIsCode)) return std::nullopt;
    c.number = str8(r);
    c.name = str8(r);
    const auto head = r.raw(kMaskedHead);
    const auto tail = r.raw(kMaskedTail);
    c.masked_id = std::string(head.begin(), head.end()) + std::string(kMaskedMiddle) + std::string(tail.begin(), tail.end());
    if (!std::all_of(head.begin(), head.end(), [](std::uint8_t b) { return b >= '0' && b <= '9'; }) ||
        !std::all_of(tail.begin(), tail.end(), [](std::uint8_t b) { return id_char(static_cast<char>(b)); }))
      return std::nullopt;
    const auto occupation = r.le<std::uint8_t>();
    const auto skill = r.le<std::uint8_t>();
    const auto health = r.le<std::uint8_t>();
    if (!is_term(terms_occupation(), occupation) || !is_term(terms_skill_level(), skill) || !is_term(terms_health_category(), health))
      return std::nullopt;
    c.occupation = static_cast<Occupation>(occupation);
    c.skill = static_cast<SkillLevel>(skill);
    c.health_category = static_cast<HealthCategory>(health);
    c.health_valid_until = day(r);
    const auto course = r.le<std::uint8_t>();
    if (!is_term(terms_course_type(), course)) return std::nullopt;
    c.training_type = static_cast<CourseType>(course);
    c.training_date = day(r);
    c.training_certificate = str8(r);
    c.issued = day(r);
    c.expires = day(r);
    c.credit_grade = static_cast<char>(r.le<std::uint8_t>());
    if (c.credit_grade < 'A' || c.credit_grade > 'D') return std::nullopt;
    if (flags & kFlagEmployer) {
      c.employer = str8(r);
      c.employer_is_code = (flags & kFlagEmployerIsCode) != 0;
      if (c.employer.empty()) return std::nullopt;
    }
    if (r.remaining() != 0) return std::nullopt;
    for (const std::string* t : {&c.number, &c.name, &c.training_certificate, &c.employer})
      if (!utf8_valid(*t)) return std::nullopt;
    return c;
  } catch (const ByteReader::Truncated&) {
    return std::nullopt;
  }
}

// ---- 3. making a card -----------------------------------------------------------------------
std::optional<CardCredential> card_credential_for(const State& s, Key worker, const ProgrammeConfig& config) {
  const Worker* w = s.workers().find(worker);
  const ServiceLicence* l = s.licence_of(worker);
  if (!w || !l) return std::nullopt;
  const HealthCheck* check = s.health_checks().find(l->health_check);
  const Completion* training = s.completions().find(l->completion);
  if (!check || !training || w->resident_id.size() != kMaskedIdLength) return std::nullopt;
  for (const std::string* t : {&l->number, &w->name(), &training->certificate})
    if (t->size() > 0xFF) return std::nullopt;  // a field the payload cannot hold (never so for what the forms accept but a 100-character certificate number)

  CardCredential c;
  c.number = l->number;
  c.name = w->name();
  c.masked_id = ResidentId::mask(w->resident_id);
  c.occupation = w->details.occupation;
  c.skill = w->details.skill;
  c.health_category = check->category;
  c.health_valid_until = check->valid_until;
  if (const Course* course = s.courses().find(training->course)) c.training_type = course->type;
  c.training_date = training->date;
  c.training_certificate = training->certificate;
  c.issued = l->issued;
  c.expires = l->expires;
  c.credit_grade = rate_credit(s, worker, l->issued, config).grade;

  // The employer on the day of issue: the open spell hired last (then by record id).
  const EmploymentSpell* spell = nullptr;
  for (const EmploymentSpell* sp : s.spells_of_worker(worker)) {
    if (!s.spell_open_on(*sp, l->issued) || !s.enterprises().find(sp->enterprise)) continue;
    if (!spell || spell->hired < sp->hired || (spell->hired == sp->hired && s.record_id(spell->key) < s.record_id(sp->key))) spell = sp;
  }
  if (spell) {
    const Enterprise* e = s.enterprises().find(spell->enterprise);
    c.employer = e->name();
    const auto text_length = [&] { return kCardPrefix.size() + base45_length(encode_card(c).size() + kSignatureSize); };
    if (c.employer.size() > 0xFF || text_length() > kCardTextBudget) {
      c.employer = e->credit_code;
      c.employer_is_code = true;
    }
  }
  return c;
}

std::string sign_card(const CardCredential& card, const SigningKey& district) {
  CardCredential c = card;
  c.issuer = issuer_id_of(district.public_key);
  Bytes bytes = encode_card(c);
  const Signature sig = district.sign(signed_message(bytes));
  bytes.insert(bytes.end(), sig.begin(), sig.end());
  return std::string(kCardPrefix) + base45_encode(bytes);
}

std::string card_typed_form(std::string_view qr_text) {
  if (!qr_text.starts_with(kCardPrefix)) return std::string(qr_text);
  const std::string_view body = qr_text.substr(kCardPrefix.size());
  std::string out(kCardPrefix);
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (i % 5 == 0) out += ' ';
    out += body[i] == ' ' ? '_' : body[i];
  }
  return out;
}

// ---- 4. checking a card ---------------------------------------------------------------------
std::string_view card_status_key(CardStatus status) {
  switch (status) {
    case CardStatus::Valid: return "card.status.valid";
    case CardStatus::Expired: return "card.status.expired";
    case CardStatus::Revoked: return "card.status.revoked";
    case CardStatus::Superseded: return "card.status.superseded";
    case CardStatus::Forged: return "card.status.forged";
    case CardStatus::NotACard: return "card.status.not_a_card";
    case CardStatus::OtherDistrict: return "card.status.other_district";
  }
  return "card.status.not_a_card";
}

namespace {
CardCheck outcome(CardStatus status, std::string reason, std::vector<std::string> args = {}) {
  CardCheck k;
  k.status = status;
  k.reason = std::move(reason);
  k.args = std::move(args);
  return k;
}

// What the state knows of this card: the issues of its number with its dates, whether those
// are all revoked (and when), and the issue of that number now in force.
struct Known {
  std::vector<const ServiceLicence*> same;  // issues with the card's number, issue and expiry dates
  const ServiceLicence* in_force = nullptr;
};
Known known_issues(const State& s, const CardCredential& c) {
  Known k;
  Key worker = kNoKey;
  for (const ServiceLicence& l : s.licences().rows()) {
    if (l.number != c.number) continue;
    worker = l.worker;
    if (l.issued == c.issued && l.expires == c.expires) k.same.push_back(&l);
  }
  if (worker != kNoKey) k.in_force = s.licence_of(worker);
  return k;
}

// The revocation that applies to the card on `today`, if any: every issue it matches is
// revoked, or (the issue itself unknown here) a revocation of its number dated after it was issued.
const LicenceRevocation* revocation_for(const State& s, const CardCredential& c, const Known& known, const Date& today) {
  if (!known.same.empty()) {
    const LicenceRevocation* found = nullptr;
    for (const ServiceLicence* l : known.same) {
      const LicenceRevocation* r = s.revocation_of_licence(l->key);
      if (!r || today < r->date) return nullptr;  // an identical issue still stands
      if (!found || r->date < found->date) found = r;
    }
    return found;
  }
  for (const LicenceRevocation& r : s.licence_revocations().rows())
    if (r.number == c.number && !s.licences().find(r.licence) && c.issued <= r.date && r.date <= today) return &r;
  return nullptr;
}

// The code as typed or scanned: full-width forms folded, upper case, line breaks and tabs
// dropped; from the prefix on, the Base45 characters and '_' (a space of the typed form) up to
// the first other character, without the spaces around them. The version found when the
// prefix is of another version ("HJZ2:").
struct Code {
  std::string body;
  std::string other_version;
  bool found = false;
};
constexpr std::string_view kPrefixStem = "HJZ";
constexpr std::string_view kPrefixVersion = "1";
static_assert(kCardPrefix.size() == kPrefixStem.size() + kPrefixVersion.size() + 1);

Code find_code(std::string_view text) {
  const std::string t = fold_fullwidth(text.substr(0, std::min(text.size(), 2 * kMaxCardText)));
  std::string u;
  u.reserve(t.size());
  for (char ch : t) {
    if (ch == '\r' || ch == '\n' || ch == '\t') continue;
    u += (ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 'a' + 'A') : ch;
  }
  Code code;
  for (std::size_t at = u.find(kPrefixStem); at != std::string::npos; at = u.find(kPrefixStem, at + 1)) {
    const std::size_t v = at + kPrefixStem.size();
    std::size_t colon = v;
    while (colon < u.size() && u[colon] >= '0' && u[colon] <= '9') ++colon;
    if (colon == v || colon >= u.size() || u[colon] != ':') continue;
    if (std::string_view(u).substr(v, colon - v) != kPrefixVersion) {
      code.other_version = u.substr(v, colon - v);
      continue;
    }
    std::size_t end = colon + 1;
    while (end < u.size() && (base45_value(u[end]) >= 0 || u[end] == '_')) ++end;
    code.body = std::string(trim(std::string_view(u).substr(colon + 1, end - colon - 1)));
    code.found = true;
    return code;
  }
  return code;
}
}  // namespace

CardCheck verify_card(std::string_view text, const SignPublicKey& district, const State& s, const Date& today) {
  const Code code = find_code(text);
  if (!code.found) {
    if (!code.other_version.empty()) return outcome(CardStatus::NotACard, "card.check.version", {code.other_version});
    return outcome(CardStatus::NotACard, "card.check.not_a_card");
  }
  // A space is a Base45 character, but people also type spaces between groups. The typed form
  // (card_typed_form) shows the code's own spaces as '_': with one in sight, every space is
  // the typist's. Without, the code is read as it stands (a scan), then without its spaces.
  std::vector<std::string> candidates;
  std::string squeezed = code.body;
  std::erase(squeezed, ' ');
  if (code.body.find('_') != std::string::npos) {
    std::replace(squeezed.begin(), squeezed.end(), '_', ' ');
    candidates.push_back(std::move(squeezed));
  } else {
    candidates.push_back(code.body);
    if (squeezed != code.body) candidates.push_back(std::move(squeezed));
  }

  std::optional<CardCredential> unsigned_claims;
  std::optional<CardCredential> claims;
  for (const std::string& candidate : candidates) {
    if (candidate.size() > kMaxCardText) continue;
    const auto bytes = base45_decode(candidate);
    if (!bytes || bytes->size() <= kSignatureSize) continue;
    const auto payload = std::span<const std::uint8_t>(*bytes).first(bytes->size() - kSignatureSize);
    auto c = decode_card(payload);
    if (!c) continue;
    if (c->issuer != issuer_id_of(district)) {
      CardCheck k = outcome(CardStatus::OtherDistrict, "card.check.other_district", {to_hex(c->issuer)});
      k.claims = std::move(c);
      return k;
    }
    Signature sig{};
    std::copy(bytes->end() - static_cast<std::ptrdiff_t>(kSignatureSize), bytes->end(), sig.begin());
    if (verify_signature(district, signed_message(payload), sig)) {
      claims = std::move(c);
      break;
    }
    if (!unsigned_claims) unsigned_claims = std::move(c);
  }
  if (!claims) {
    if (!unsigned_claims) return outcome(CardStatus::NotACard, "card.check.damaged");
    CardCheck k = outcome(CardStatus::Forged, "card.check.forged");
    k.claims = std::move(unsigned_claims);
    return k;
  }

  const Known known = known_issues(s, *claims);
  CardCheck k;
  if (const LicenceRevocation* r = revocation_for(s, *claims, known, today)) {
    k = outcome(CardStatus::Revoked, "card.check.revoked", {r->date.iso(), r->reason});
    k.revoked_on = r->date;
  } else if (claims->expires < today) {
    k = outcome(CardStatus::Expired, "card.check.expired", {claims->expires.iso()});
  } else if (const ServiceLicence* now = known.in_force;
             now && !(now->issued == claims->issued && now->expires == claims->expires) && (!known.same.empty() || claims->issued < now->issued)) {
    k = outcome(CardStatus::Superseded, "card.check.superseded", {now->issued.iso()});
  } else {
    k = outcome(CardStatus::Valid, "card.check.valid", {claims->issued.iso(), claims->expires.iso()});
  }
  k.claims = std::move(claims);
  return k;
}

}  // namespace hearth
