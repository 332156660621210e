// Resident identity card number (居民身份证号码), GB 11643-1999: 6-digit region code,
// 8-digit birth date, 3-digit sequence (odd = male), ISO 7064 MOD 11-2 check character.
#pragma once
#include <string>
#include <string_view>

#include "date.hpp"
#include "parsed.hpp"

namespace hearth {

enum class Sex : std::uint8_t { Female = 0, Male = 1 };

class ResidentId {
 public:
  // Accepts surrounding spaces and a lowercase x; `today` bounds the birth date.
  static Parsed<ResidentId> parse(std::string_view text, const Date& today);
  // The check character for the first 17 digits ('0'..'9' or 'X').
  static char check_character(std::string_view first17);

  const std::string& digits() const { return digits_; }  // 18 characters, X uppercase
  std::string_view region() const { return std::string_view(digits_).substr(0, 6); }
  Date birth_date() const;
  Sex sex() const;
  // For lists: region + 8 stars + last 4, e.g. 500154********1234 (personal information).
  std::string masked() const;
  static std::string mask(std::string_view digits);

  bool operator==(const ResidentId&) const = default;

 private:
  explicit ResidentId(std::string d) : digits_(std::move(d)) {}
  std::string digits_;
};

}  // namespace hearth
