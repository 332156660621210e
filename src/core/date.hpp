// Calendar dates (proleptic Gregorian), as the programme writes them: YYYY-MM-DD.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hearth {

struct Date {
  std::int32_t year = 1970;
  std::int32_t month = 1;
  std::int32_t day = 1;

  static bool is_valid(std::int32_t y, std::int32_t m, std::int32_t d);
  static std::optional<Date> make(std::int32_t y, std::int32_t m, std::int32_t d);
  static std::optional<Date> parse_iso(std::string_view yyyy_mm_dd);   // "2026-11-29"
  static Date from_days(std::int64_t days_since_1970);
  static Date from_unix_ms(std::int64_t ms);                           // UTC+8 (China Standard Time)

  std::int64_t days_since_1970() const;
  std::string iso() const;
  // Whole years from this date to `on` (age on a birthday counts the new year).
  std::int32_t years_until(const Date& on) const;

  auto operator<=>(const Date&) const = default;
};

}  // namespace hearth
