#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "resident_id.hpp"

using namespace hearth;
using hearth::test::kToday;
using hearth::test::with_check;

namespace {
std::string error_of(const std::string& text) { return test::problem_key(ResidentId::parse(text, kToday)); }
}  // namespace

TEST_CASE("check character follows ISO 7064 MOD 11-2 (GB 11643)", "[resident_id]") {
  // The standard's own example: 11010519491231002X.
  CHECK(ResidentId::check_character("11010519491231002") == 'X');
  CHECK(ResidentId::check_character("44052418800101001") == '4');
  CHECK(ResidentId::check_character("50015419900101123") == '2');
}

TEST_CASE("a valid number parses and tells birth date, sex and mask", "[resident_id]") {
  const auto r = ResidentId::parse("  11010519491231002X ", kToday);
  REQUIRE(r);
  CHECK(r.value->digits() == "11010519491231002X");
  CHECK(r.value->birth_date() == Date{1949, 12, 31});
  CHECK(r.value->sex() == Sex::Female);  // 17th digit 2: even
  CHECK(r.value->masked() == "110105********002X");
  CHECK(r.value->region() == "110105");

  const auto kz = ResidentId::parse(with_check("50015419900101123"), kToday);
  REQUIRE(kz);
  CHECK(kz.value->sex() == Sex::Male);
  CHECK(kz.value->masked() == "500154********1232");
}

TEST_CASE("a lowercase x is accepted and stored uppercase", "[resident_id]") {
  const auto r = ResidentId::parse("11010519491231002x", kToday);
  REQUIRE(r);
  CHECK(r.value->digits() == "11010519491231002X");
}

TEST_CASE("a wrong check digit is refused", "[resident_id]") {
  CHECK(error_of("110105194912310021") == "err.resident_id.check_digit");
  CHECK(error_of("500154199001011234") == "err.resident_id.check_digit");  // the right one is 2
  // swapping two digits, the typist's commonest slip, is caught
  CHECK(error_of("50015419900101213" + std::string(1, ResidentId::check_character("50015419900101123"))) ==
        "err.resident_id.check_digit");
}

TEST_CASE("impossible birth dates are refused even with a correct check digit", "[resident_id]") {
  CHECK(error_of(with_check("50015419990230123")) == "err.resident_id.birth_date");  // 30 February
  CHECK(error_of(with_check("50015419990231123")) == "err.resident_id.birth_date");
  CHECK(error_of(with_check("50015420230229123")) == "err.resident_id.birth_date");  // 2023 is not leap
  CHECK(error_of(with_check("50015420000229123")) == "ok");                          // 2000 is
  CHECK(error_of(with_check("50015419901301123")) == "err.resident_id.birth_date");  // month 13
  CHECK(error_of(with_check("50015419900100123")) == "err.resident_id.birth_date");  // day 0
  const auto r = ResidentId::parse(with_check("50015419990230123"), kToday);
  REQUIRE_FALSE(r);
  CHECK(r.problem.args == std::vector<std::string>{"19990230"});
}

TEST_CASE("birth dates in the future or before 1900 are refused", "[resident_id]") {
  CHECK(error_of(with_check("50015420261130123")) == "err.resident_id.birth_date_range");  // tomorrow
  CHECK(error_of(with_check("50015420261129123")) == "ok");                                // today
  CHECK(error_of(with_check("50015418991231123")) == "err.resident_id.birth_date_range");
}

TEST_CASE("wrong length, letters and empty input are refused with their own reason", "[resident_id]") {
  CHECK(error_of("") == "err.resident_id.empty");
  CHECK(error_of("   ") == "err.resident_id.empty");
  CHECK(error_of("50015419900101123") == "err.resident_id.length");    // 17
  CHECK(error_of("5001541990010112355") == "err.resident_id.length");  // 19
  CHECK(error_of("500154199001011") == "err.resident_id.length");      // old 15-digit numbers are not accepted
  CHECK(error_of("5001541990O101123X") == "err.resident_id.characters");  // letter O for zero
  CHECK(error_of("X00154199001011235") == "err.resident_id.characters");  // X only at the end
  CHECK(error_of("50015419900101123A") == "err.resident_id.characters");
  CHECK(error_of("500154199001011232\x80") == "err.resident_id.characters");  // a stray byte after a valid number
  CHECK(error_of("50015419900101123张") == "err.resident_id.characters");
  const auto r = ResidentId::parse("50015419900101123", kToday);
  CHECK(r.problem.args == std::vector<std::string>{"17"});
  CHECK(r.problem.field == "resident_id");
}

TEST_CASE("an unknown province prefix is refused", "[resident_id]") {
  CHECK(error_of(with_check("00015419900101123")) == "err.resident_id.region");
  CHECK(error_of(with_check("99015419900101123")) == "err.resident_id.region");
  CHECK(error_of(with_check("50023419900101123")) == "ok");  // former Kai County code is still valid
}

TEST_CASE("full-width digits from a Chinese input method are read as digits", "[resident_id]") {
  const auto r = ResidentId::parse("５００１５４１９９００１０１１２３２", kToday);
  REQUIRE(r);
  CHECK(r.value->digits() == "500154199001011232");
  CHECK(ResidentId::parse("１１０１０５１９４９１２３１００２ｘ", kToday));
}
