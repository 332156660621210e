#include <catch2/catch.hpp>

#include "date.hpp"
#include "helpers.hpp"

using namespace hearth;

TEST_CASE("dates: validity, day numbers and ISO text", "[date]") {
  CHECK(Date::is_valid(2024, 2, 29));
  CHECK_FALSE(Date::is_valid(1900, 2, 29));
  CHECK(Date::is_valid(2000, 2, 29));
  CHECK_FALSE(Date::is_valid(2026, 4, 31));
  CHECK(Date{1970, 1, 1}.days_since_1970() == 0);
  CHECK(Date::from_days(Date{2026, 11, 29}.days_since_1970()) == Date{2026, 11, 29});
  CHECK(Date::from_days(-1) == Date{1969, 12, 31});
  CHECK(Date::parse_iso("2026-02-28")->iso() == "2026-02-28");
  CHECK_FALSE(Date::parse_iso("2026-02-30"));
  CHECK_FALSE(Date::parse_iso("2026/02/28"));
}

TEST_CASE("dates: Unix time is read in China Standard Time", "[date]") {
  CHECK(Date::from_unix_ms(test::kNowMs) == test::kToday);
  // 23:30 in Beijing is still the 29th; half an hour past midnight it is the 30th (UTC says 29th for both).
  CHECK(Date::from_unix_ms(1795966200000) == Date{2026, 11, 29});
  CHECK(Date::from_unix_ms(1795969800000) == Date{2026, 11, 30});
}

TEST_CASE("dates: whole years between two dates", "[date]") {
  CHECK(Date{2010, 11, 29}.years_until(Date{2026, 11, 29}) == 16);
  CHECK(Date{2010, 11, 30}.years_until(Date{2026, 11, 29}) == 15);
}
