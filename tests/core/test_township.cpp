#include <catch2/catch.hpp>

#include "township.hpp"

using namespace hearth;

TEST_CASE("the shipped registry holds Kaizhou's 40 township-level units", "[township]") {
  const auto& all = kaizhou_townships().all();
  CHECK(all.size() == 40);
  int streets = 0, towns = 0, townships = 0;
  for (const auto& t : all) {
    CHECK(t.code / 1000 == 500154);
    CHECK_FALSE(t.name_zh.empty());
    CHECK_FALSE(t.name_en.empty());
    (t.kind == TownshipKind::Street ? streets : t.kind == TownshipKind::Town ? towns : townships)++;
  }
  CHECK(streets == 8);
  CHECK(towns == 27);
  CHECK(townships == 5);
  REQUIRE(kaizhou_townships().find(500154001));
  CHECK(kaizhou_townships().find(500154001)->name_zh == "汉丰街道");
  CHECK(kaizhou_townships().find(500154206)->name_zh == "五通乡");
  CHECK(kaizhou_townships().find(500154101) == nullptr);  // no such unit (101 is unused)
}

TEST_CASE("a malformed township file is refused with the line named", "[township]") {
  CHECK_THROWS_WITH(TownshipRegistry::parse("500154001\t汉丰街道\tHanfeng\n"), Catch::Contains("line 1"));
  CHECK_THROWS_WITH(TownshipRegistry::parse("# c\n510154001\tX\tX\tstreet\n"), Catch::Contains("line 2"));
  CHECK_THROWS_WITH(TownshipRegistry::parse("500154001\tX\tX\tcity\n"), Catch::Contains("kind"));
  CHECK_THROWS_WITH(TownshipRegistry::parse("500154001\tX\tX\tstreet\n500154001\tY\tY\tstreet\n"), Catch::Contains("duplicate"));
}
