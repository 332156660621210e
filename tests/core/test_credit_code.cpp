#include <catch2/catch.hpp>

#include "helpers.hpp"

#include "credit_code.hpp"

using namespace hearth;

namespace {
std::string error_of(const std::string& text) { return test::problem_key(CreditCode::parse(text)); }
}  // namespace

TEST_CASE("credit code: the GB 32100-2015 check character", "[credit_code]") {
  CHECK(CreditCode::check_character("91350100M000100Y4") == '3');  // the standard's own example
  CHECK(CreditCode::check_character("91110000600037341") == 'L');
  CHECK(CreditCode::check_character("9135010OM000100Y4") == '\0');  // letter O is not in the alphabet
}

TEST_CASE("credit code: valid codes parse, normalised", "[credit_code]") {
  const auto r = CreditCode::parse("  91350100m000100y43 ");
  REQUIRE(r);
  CHECK(r.value->text() == "91350100M000100Y43");
  CHECK(r.value->region() == "350100");
  CHECK(CreditCode::parse("９１１１００００６０００３７３４１Ｌ"));  // full-width from an IME
}

TEST_CASE("credit code: each mistake has its own reason", "[credit_code]") {
  CHECK(error_of("") == "err.credit_code.empty");
  CHECK(error_of("91350100M000100Y4") == "err.credit_code.length");
  CHECK(error_of("91350100M000100Y433") == "err.credit_code.length");
  CHECK(error_of("91350100M000100O43") == "err.credit_code.characters");  // O for zero
  CHECK(error_of("91350100M000100Y4张") == "err.credit_code.characters");
  CHECK(error_of("9135A100M000100Y43") == "err.credit_code.region");
  CHECK(error_of("91350100M000100Y44") == "err.credit_code.check_character");
  CHECK(error_of("91351000M000100Y43") == "err.credit_code.check_character");  // two characters swapped
  CHECK(CreditCode::parse("123").problem.args == std::vector<std::string>{"3"});
}
