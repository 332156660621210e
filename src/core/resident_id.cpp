#include "resident_id.hpp"

#include <array>

#include "text.hpp"

namespace hearth {

namespace {
constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr char kCheck[] = "10X98765432";

// Province-level prefixes in use (GB/T 2260), so "000000…" or "990000…" are caught early.
bool known_province(int p) {
  switch (p) {
    case 11: case 12: case 13: case 14: case 15:
    case 21: case 22: case 23:
    case 31: case 32: case 33: case 34: case 35: case 36: case 37:
    case 41: case 42: case 43: case 44: case 45: case 46:
    case 50: case 51: case 52: case 53: case 54:
    case 61: case 62: case 63: case 64: case 65:
    case 71: case 81: case 82: case 83:
      return true;
    default:
      return false;
  }
}
int digit(char c) { return c - '0'; }
}  // namespace

char ResidentId::check_character(std::string_view first17) {
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) sum += digit(first17[i]) * kWeights[i];
  return kCheck[sum % 11];
}

Parsed<ResidentId> ResidentId::parse(std::string_view text, const Date& today) {
  using P = Parsed<ResidentId>;
  const std::string_view field = "resident_id";
  const std::string folded = fold_fullwidth(text);
  std::string s(trim(folded));
  if (s.empty()) return P::fail({std::string(field), "err.resident_id.empty", {}});
  if (!s.empty() && s.back() == 'x') s.back() = 'X';
  const std::size_t n = utf8_length(s);
  if (n != 18) return P::fail({std::string(field), "err.resident_id.length", {std::to_string(n)}});
  if (s.size() != 18) return P::fail({std::string(field), "err.resident_id.characters", {}});  // 18 characters, not all ASCII
  for (std::size_t i = 0; i < 18; ++i) {
    const char c = s[i];
    const bool ok = (c >= '0' && c <= '9') || (i == 17 && c == 'X');
    if (!ok) return P::fail({std::string(field), "err.resident_id.characters", {}});
  }
  if (!known_province(digit(s[0]) * 10 + digit(s[1])))
    return P::fail({std::string(field), "err.resident_id.region", {s.substr(0, 6)}});
  const int y = std::stoi(s.substr(6, 4)), m = std::stoi(s.substr(10, 2)), d = std::stoi(s.substr(12, 2));
  const auto birth = Date::make(y, m, d);
  if (!birth) return P::fail({std::string(field), "err.resident_id.birth_date", {s.substr(6, 8)}});
  if (birth->year < 1900 || *birth > today)
    return P::fail({std::string(field), "err.resident_id.birth_date_range", {birth->iso()}});
  if (check_character(s) != s[17]) return P::fail({std::string(field), "err.resident_id.check_digit", {}});
  return P::ok(ResidentId(std::move(s)));
}

Date ResidentId::birth_date() const {
  return *Date::make(std::stoi(digits_.substr(6, 4)), std::stoi(digits_.substr(10, 2)), std::stoi(digits_.substr(12, 2)));
}

Sex ResidentId::sex() const { return digit(digits_[16]) % 2 == 1 ? Sex::Male : Sex::Female; }

std::string ResidentId::mask(std::string_view d) {
  if (d.size() != 18) return std::string(d.size(), '*');
  return std::string(d.substr(0, 6)) + "********" + std::string(d.substr(14, 4));
}

std::string ResidentId::masked() const { return mask(digits_); }

}  // namespace hearth
