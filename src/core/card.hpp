// The 持证上门 card credential (measure 23): what a worker's card says, signed by the district
// office, carried in the card's QR code as text, and checked by anyone with the app without a
// network — valid, expired, revoked, superseded, forged, or not a card at all. The format,
// byte by byte, is docs/card-credential.md.
//
// Index
//   1. Base45 (RFC 9285)
//   2. The credential and its bytes
//   3. Making a card: from the state, signed
//   4. Checking a card
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "bytes.hpp"
#include "crypto.hpp"
#include "date.hpp"
#include "domain.hpp"
#include "records.hpp"

namespace hearth {

class State;
struct ProgrammeConfig;

// ---- 1. Base45 (RFC 9285) -------------------------------------------------------------------
// Two bytes → three characters of "0-9A-Z $%*+-./:" (QR alphanumeric mode), a last odd byte →
// two. Decoding refuses any other character, a group worth more than 65535 (or 255 for a last
// pair) and a single character left over.
std::string base45_encode(std::span<const std::uint8_t> bytes);
std::optional<Bytes> base45_decode(std::string_view text);

// ---- 2. The credential and its bytes --------------------------------------------------------
// The text in a card's QR code: this prefix, then Base45 of (payload ‖ Ed25519 signature).
// Every character of it is in the QR alphanumeric set.
inline constexpr std::string_view kCardPrefix = "HJZ1:";
inline constexpr std::uint8_t kCardVersion = 1;
// What the signature covers besides the payload (never transmitted): a card can never be taken
// for any other message the district's key signs (certificates, receipts).
inline constexpr std::string_view kCardSignatureContext = "HEARTHCD";
// The text length a card aims to stay within (QR version 10 at ECC M holds 311 alphanumeric
// characters): the employer's name gives way to its credit code beyond it.
inline constexpr std::size_t kCardTextBudget = 300;
// The longest text verify_card reads (QR version 40 at ECC L holds 4296): anything longer is not a card.
inline constexpr std::size_t kMaxCardText = 4296;

using IssuerId = std::array<std::uint8_t, 8>;
// The issuer of a card: the first 8 bytes of the district's Ed25519 public key.
IssuerId issuer_id_of(const SignPublicKey& district);

// What a card claims. Text is UTF-8; every field is at most 255 bytes.
struct CardCredential {
  std::uint8_t version = kCardVersion;
  IssuerId issuer{};                   // set by sign_card from the district's key
  std::string number;                  // 证号, "KZ" + 10 characters; stays with the person
  std::string name;
  std::string masked_id;               // "500154********1234": the 18-character ID with its middle 8 hidden
  Occupation occupation = Occupation::Housekeeper;
  SkillLevel skill = SkillLevel::None;
  HealthCategory health_category = HealthCategory::General;
  Date health_valid_until;
  CourseType training_type = CourseType::PreJob;  // the passed training the card was issued on
  Date training_date;
  std::string training_certificate;    // 培训合格证书编号
  Date issued, expires;
  char credit_grade = 'D';             // 'A'–'D' on the day of issue (rate_credit)
  std::string employer;                // the employer on the day of issue; empty: none
  bool employer_is_code = false;       // `employer` is its unified social credit code (the name did not fit)
  bool operator==(const CardCredential&) const = default;
};

// The payload the signature covers (docs/card-credential.md §2). Throws std::length_error when
// a field cannot be written (text over 255 bytes, a masked ID that is not 18 characters with
// its middle 8 hidden, a date before 1970 or after 2149).
Bytes encode_card(const CardCredential& c);
// The payload back; nullopt unless it is exactly one version-1 payload (every length within
// the bytes, known values, no bytes left over). Never reads outside `payload`.
std::optional<CardCredential> decode_card(std::span<const std::uint8_t> payload);

// ---- 3. Making a card ------------------------------------------------------------------------
// The credential of the worker's card in force (State::licence_of), as of its day of issue:
// the card's number and dates, the worker's name and masked ID, occupation and skill, the
// health check and the passed training it was issued on, the employer then (open employment
// spell; its name, or its credit code if the name would take the text past kCardTextBudget)
// and the credit grade that day. The same issue always gives the same credential. nullopt if
// the worker has no card, or its evidence is not in the state. The issuer is left zero.
std::optional<CardCredential> card_credential_for(const State& s, Key worker, const ProgrammeConfig& config);

// The QR text: kCardPrefix + Base45(payload ‖ signature), the issuer set from `district`.
std::string sign_card(const CardCredential& c, const SigningKey& district);

// The code for people to read out or type from the printed page: the prefix, then the Base45
// text in groups of five separated by spaces, its own spaces shown as '_' ("HJZ1: 6BFOX N_4KS …").
// verify_card reads it back (and the QR text as it is).
std::string card_typed_form(std::string_view qr_text);

// ---- 4. Checking a card ----------------------------------------------------------------------
enum class CardStatus : std::uint8_t {
  Valid,          // signed by this district, not expired, not revoked, the newest issue known
  Expired,        // today is after its expiry
  Revoked,        // the district withdrew it (on or before today)
  Superseded,     // a newer card with the same number was issued since: only the newest counts
  Forged,         // the signature does not verify under this district's key: altered, or not made by it
  NotACard,       // not a Hearth card code, or too damaged to read
  OtherDistrict,  // signed for another district's key: it cannot be checked here
};

struct CardCheck {
  CardStatus status = CardStatus::NotACard;
  std::optional<CardCredential> claims;  // what the card says; trustworthy only when signed (not Forged / OtherDistrict)
  std::optional<Date> revoked_on;
  std::string reason;                    // catalog key card.check.*, explaining the status
  std::vector<std::string> args;         // values for {0}, {1}… of `reason`
  bool signed_by_district() const { return status != CardStatus::Forged && status != CardStatus::NotACard && status != CardStatus::OtherDistrict; }
};

// Checks a scanned or typed code against the district's public key and what the state knows
// (revocations, newer issues). Typed codes are forgiven: lower case, full-width forms, line
// breaks and text around the code are ignored; in the typed form (card_typed_form) spaces are
// grouping and '_' is the code's space; a code without '_' is read as it stands (a space is a
// Base45 character), then with its spaces dropped. The order of the checks, first deciding:
// NotACard, OtherDistrict (issuer id differs), Forged, Revoked (a revocation of this issue
// dated on or before today), Expired (today after expiry), Superseded, Valid.
CardCheck verify_card(std::string_view text, const SignPublicKey& district, const State& s, const Date& today);

// The catalog key naming a status (card.status.*), for a heading.
std::string_view card_status_key(CardStatus status);

}  // namespace hearth
