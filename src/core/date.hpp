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
  Date plus_days(std::int64_t n) const { return from_days(days_since_1970() + n); }
  // The same day n months later; the 31st becomes the month's last day where needed.
  Date plus_months(std::int32_t n) const;
  std::int64_t days_until(const Date& on) const { return on.days_since_1970() - days_since_1970(); }

  auto operator<=>(const Date&) const = default;

  // Stored as one int32: days since 1970-01-01.
  template <class Archive>
  void save(Archive& ar) const { ar(static_cast<std::int32_t>(days_since_1970())); }
  template <class Archive>
  void load(Archive& ar) {
    std::int32_t days = 0;
    ar(days);
    *this = from_days(days);
  }
};

}  // namespace hearth
