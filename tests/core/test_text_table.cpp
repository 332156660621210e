// Tables as exported: CSV bytes that Excel and WPS read in Chinese, formula injection
// neutralised, sorting by number and by text; what a register's search box and filters keep.
#include <catch2/catch.hpp>

#include "text_table.hpp"

using namespace hearth;

TEST_CASE("CSV has a BOM, CRLF, quoting, and neutralised formulas", "[csv]") {
  TextTable t;
  t.add_column("姓名");
  t.add_column("备注");
  t.add_column("分数", true);
  t.add_row(1, {"张三", "=HYPERLINK(\"http://x\",\"点我\")", "-12"});
  t.add_row(2, {"李四", "+86 138", "-1+1"});
  t.add_row(3, {"王五", "@SUM(A1)", "12.5"});
  t.add_row(4, {"赵六", "一行\n两行, 有逗号", ""});
  const std::string csv = to_csv(t);
  CHECK(csv.starts_with("\xEF\xBB\xBF" "姓名,备注,分数\r\n"));
  CHECK(csv.find("张三,\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\",-12\r\n") != std::string::npos);
  CHECK(csv.find("李四,'+86 138,'-1+1\r\n") != std::string::npos);
  CHECK(csv.find("王五,'@SUM(A1),12.5\r\n") != std::string::npos);
  CHECK(csv.find("赵六,\"一行\n两行, 有逗号\",\r\n") != std::string::npos);
  CHECK(neutralise_formula("\tcmd") == "'\tcmd");
  CHECK(neutralise_formula("-") == "'-");
  CHECK(neutralise_formula("-3.5") == "-3.5");
  CHECK(neutralise_formula("普通") == "普通");
}

TEST_CASE("rows sort by number or by text, stably", "[csv]") {
  TextTable t;
  t.add_column("name");
  t.add_column("amount", true);
  t.add_row(10, {"b", "1,200.00"});
  t.add_row(11, {"a", "95"});
  t.add_row(12, {"c", "—"});
  t.add_row(13, {"a", "¥300"});
  CHECK(sorted_rows(t, 1, false) == std::vector<std::uint32_t>{2, 1, 3, 0});
  CHECK(sorted_rows(t, 1, true) == std::vector<std::uint32_t>{0, 3, 1, 2});
  CHECK(sorted_rows(t, 0, false) == std::vector<std::uint32_t>{1, 3, 0, 2});
  double v = 0;
  CHECK(cell_number("85%", v));
  CHECK(v == 85);
  CHECK_FALSE(cell_number("甲", v));
}

TEST_CASE("a register's search matches any cell, ignoring ASCII case and full-width forms, never across cells", "[search]") {
  TextTable t;
  t.add_column("姓名");
  t.add_column("身份证号码");
  t.add_column("镇乡街道", false, true);
  t.add_row(100, {"张三", "50015419900101123X", "汉丰街道"});
  t.add_row(101, {"李四", "110105194912310021", "文峰街道"});
  t.add_row(102, {"Wang Wu", "500154198501011234", "汉丰街道"});
  const TableSearch index(t);
  const std::vector<std::uint32_t> order{2, 1, 0};  // the display order is kept
  auto rows = [&](RowChoice c) { return chosen_rows(t, index, order, c); };
  CHECK(rows({"", {}, {}}) == std::vector<std::uint32_t>{2, 1, 0});
  CHECK(rows({"张", {}, {}}) == std::vector<std::uint32_t>{0});
  CHECK(rows({"123x", {}, {}}) == std::vector<std::uint32_t>{0});             // X in an ID, typed lower case
  CHECK(rows({"ＷＡＮＧ", {}, {}}) == std::vector<std::uint32_t>{2});         // full-width letters from an input method
  CHECK(rows({"　５００１５４　", {}, {}}) == std::vector<std::uint32_t>{2, 0});  // ideographic spaces trimmed
  CHECK(rows({"三5001", {}, {}}).empty());                                     // the end of one cell and the start of the next
  CHECK(rows({"三\x1F" "5001", {}, {}}).empty());                             // not even with the separator typed
  CHECK(rows({"汉丰", {"", "", "汉丰街道"}, {}}) == std::vector<std::uint32_t>{2, 0});
  CHECK(rows({"", {"", "", "文峰街道"}, {}}) == std::vector<std::uint32_t>{1});
  CHECK(rows({"", {}, {100, 101}}) == std::vector<std::uint32_t>{1, 0});     // the records behind a figure (sorted keys)
  CHECK(rows({"李", {}, {100}}).empty());
  CHECK(search_needle(" ＡbＣ\t") == "abc");
  CHECK(index.bytes() > 0);
  CHECK_FALSE(index.row_contains(3, ""));  // a row the table does not have
}

TEST_CASE("only the district office exports full ID numbers", "[csv]") {
  CHECK(may_see_resident_ids(DeviceRole::District));
  CHECK_FALSE(may_see_resident_ids(DeviceRole::Township));
  CHECK_FALSE(may_see_resident_ids(DeviceRole::Trainer));
}
