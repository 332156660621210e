// Mainland China mobile number (手机号码): 11 digits starting with 1.
#pragma once
#include <string>
#include <string_view>

#include "parsed.hpp"

namespace hearth {

class MobileNumber {
 public:
  // Accepts spaces and hyphens between digits and a leading +86 / 0086, as people write them.
  static Parsed<MobileNumber> parse(std::string_view text);
  const std::string& digits() const { return digits_; }
  bool operator==(const MobileNumber&) const = default;

 private:
  explicit MobileNumber(std::string d) : digits_(std::move(d)) {}
  std::string digits_;
};

}  // namespace hearth
