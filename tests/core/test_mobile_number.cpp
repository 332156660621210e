#include <catch2/catch.hpp>

#include "helpers.hpp"

#include "mobile_number.hpp"

using namespace hearth;

namespace {
std::string error_of(const std::string& text) { return test::problem_key(MobileNumber::parse(text)); }
}  // namespace

TEST_CASE("mobile numbers: 11 digits starting with 13–19", "[mobile]") {
  CHECK(error_of("13812345678") == "ok");
  CHECK(error_of("19912345678") == "ok");
  CHECK(MobileNumber::parse(" 138 1234 5678 ").value->digits() == "13812345678");
  CHECK(MobileNumber::parse("138-1234-5678").value->digits() == "13812345678");
  CHECK(MobileNumber::parse("+86 138 1234 5678").value->digits() == "13812345678");
  CHECK(MobileNumber::parse("0086 13812345678").value->digits() == "13812345678");
  CHECK(MobileNumber::parse("１３８１２３４５６７８").value->digits() == "13812345678");  // full-width IME digits
}

TEST_CASE("mobile numbers: each mistake has its own reason", "[mobile]") {
  CHECK(error_of("") == "err.mobile.empty");
  CHECK(error_of("1381234567") == "err.mobile.length");     // 10
  CHECK(error_of("138123456789") == "err.mobile.length");   // 12
  CHECK(error_of("1381234567a") == "err.mobile.characters");
  CHECK(error_of("023-5222-1234") == "err.mobile.prefix");  // a landline with its area code
  CHECK(error_of("23812345678") == "err.mobile.prefix");
  CHECK(error_of("12812345678") == "err.mobile.prefix");
  CHECK(MobileNumber::parse("1381234567").problem.args == std::vector<std::string>{"10"});
}
