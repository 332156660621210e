// Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from
// 0-9 A-H J-N P-R T U W-Y — registration authority, organisation type, 6-digit region code,
// 9-character organisation code, check character (weights 3^i mod 31, mod 31).
#pragma once
#include <string>
#include <string_view>

#include "parsed.hpp"

namespace hearth {

class CreditCode {
 public:
  // Accepts surrounding spaces, lowercase letters and full-width characters from an IME.
  static Parsed<CreditCode> parse(std::string_view text);
  // The check character for the first 17 characters; '\0' if one is outside the alphabet.
  static char check_character(std::string_view first17);

  const std::string& text() const { return code_; }
  std::string_view region() const { return std::string_view(code_).substr(2, 6); }
  bool operator==(const CreditCode&) const = default;

 private:
  explicit CreditCode(std::string c) : code_(std::move(c)) {}
  std::string code_;
};

}  // namespace hearth
