#include "credit_code.hpp"

#include <array>

#include "text.hpp"

namespace hearth {

namespace {
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";  // no I O S V Z
constexpr std::array<int, 17> kWeights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

int value_of(char c) {
  const auto pos = kAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}
}  // namespace

char CreditCode::check_character(std::string_view first17) {
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) {
    const int v = value_of(first17[i]);
    if (v < 0) return '\0';
    sum += v * kWeights[i];
  }
  return kAlphabet[static_cast<std::size_t>((31 - sum % 31) % 31)];
}

Parsed<CreditCode> CreditCode::parse(std::string_view text) {
  using P = Parsed<CreditCode>;
  const std::string field = "credit_code";
  const std::string folded = fold_fullwidth(text);
  std::string s(trim(folded));
  for (auto& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  if (s.empty()) return P::fail({field, "err.credit_code.empty", {}});
  const std::size_t n = utf8_length(s);
  if (n != 18) return P::fail({field, "err.credit_code.length", {std::to_string(n)}});
  if (s.size() != 18) return P::fail({field, "err.credit_code.characters", {}});
  for (char c : s)
    if (value_of(c) < 0) return P::fail({field, "err.credit_code.characters", {}});
  for (std::size_t i = 2; i < 8; ++i)
    if (s[i] < '0' || s[i] > '9') return P::fail({field, "err.credit_code.region", {s.substr(2, 6)}});
  if (check_character(s) != s[17]) return P::fail({field, "err.credit_code.check_character", {}});
  return P::ok(CreditCode(std::move(s)));
}

}  // namespace hearth
