#include "date.hpp"

#include <cstdio>

namespace hearth {

namespace {
bool leap(std::int32_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
std::int32_t days_in_month(std::int32_t y, std::int32_t m) {
  static constexpr std::int32_t dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : dim[m - 1];
}
}  // namespace

bool Date::is_valid(std::int32_t y, std::int32_t m, std::int32_t d) {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

std::optional<Date> Date::make(std::int32_t y, std::int32_t m, std::int32_t d) {
  if (!is_valid(y, m, d)) return std::nullopt;
  return Date{y, m, d};
}

std::optional<Date> Date::parse_iso(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto num = [&](std::size_t from, std::size_t len) -> std::int32_t {
    std::int32_t v = 0;
    for (std::size_t i = from; i < from + len; ++i) {
      if (s[i] < '0' || s[i] > '9') return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  return make(num(0, 4), num(5, 2), num(8, 2));
}

// Howard Hinnant's days_from_civil / civil_from_days.
std::int64_t Date::days_since_1970() const {
  const std::int64_t y = year - (month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (month + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date Date::from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return Date{static_cast<std::int32_t>(y), static_cast<std::int32_t>(m), static_cast<std::int32_t>(d)};
}

Date Date::from_unix_ms(std::int64_t ms) {
  constexpr std::int64_t kDayMs = 86'400'000, kChinaOffsetMs = 8 * 3'600'000;
  std::int64_t local = ms + kChinaOffsetMs;
  std::int64_t days = local / kDayMs - (local % kDayMs < 0 ? 1 : 0);
  return from_days(days);
}

std::string Date::iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(year), static_cast<int>(month), static_cast<int>(day));
  return buf;
}

std::int32_t Date::years_until(const Date& on) const {
  std::int32_t years = on.year - year;
  if (on.month < month || (on.month == month && on.day < day)) --years;
  return years;
}

Date Date::plus_months(std::int32_t n) const {
  const std::int32_t months = year * 12 + (month - 1) + n;
  Date d{months / 12, months % 12 + 1, day};
  while (!is_valid(d.year, d.month, d.day)) --d.day;
  return d;
}

}  // namespace hearth
