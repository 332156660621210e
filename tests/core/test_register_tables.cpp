// The registers as tables: translated headers, filter columns, masked ID numbers unless the
// district exports, the 员工制 column, evidence named, and a CSV round trip of a small state.
#include <catch2/catch.hpp>

#include <algorithm>

#include "register_tables.hpp"
#include "scenario.hpp"

using namespace hearth;
using hearth::test::Scenario;
using hearth::test::with_check;

namespace {
const Catalog& zh() { return Catalog::builtin("zh-CN"); }
const Catalog& en() { return Catalog::builtin("en"); }
const ProgrammeConfig& config() { return ProgrammeConfig::builtin(); }

int column(const TextTable& t, const std::string& header) {
  for (std::size_t i = 0; i < t.columns.size(); ++i)
    if (t.columns[i].header == header) return static_cast<int>(i);
  FAIL("no column " << header);
  return -1;
}

// Parses what to_csv wrote (BOM, CRLF, quoted fields) back into rows.
std::vector<std::vector<std::string>> parse_csv(std::string_view csv) {
  REQUIRE(csv.starts_with("\xEF\xBB\xBF"));
  csv.remove_prefix(3);
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (std::size_t i = 0; i < csv.size(); ++i) {
    const char ch = csv[i];
    if (quoted) {
      if (ch == '"' && i + 1 < csv.size() && csv[i + 1] == '"') rows.back().back() += '"', ++i;
      else if (ch == '"') quoted = false;
      else rows.back().back() += ch;
    } else if (ch == '"') {
      quoted = true;
    } else if (ch == ',') {
      rows.back().emplace_back();
    } else if (ch == '\r') {
      REQUIRE(i + 1 < csv.size());
      REQUIRE(csv[i + 1] == '\n');  // every line ends CRLF
      ++i;
      if (i + 1 < csv.size()) rows.emplace_back(1);
    } else {
      rows.back().back() += ch;
    }
  }
  return rows;
}

// One enterprise employing one worker on a labour contract with insurance, at a wage below the
// minimum: the 员工制 test fails on the wage (and has no consumer contract or training).
struct SmallDistrict {
  Scenario s;
  RecordId worker, ent, spell;
  SmallDistrict() {
    worker = s.worker();
    ent = s.enterprise();
    spell = s.hire(worker, ent, "2022-03-01", EmploymentForm::LabourContract, SocialInsurance::UrbanEmployee, "1500.00");
  }
};
}  // namespace

TEST_CASE("workers table: translated headers, filters, masked IDs unless shown", "[registers]") {
  SmallDistrict d;
  const TextTable t = workers_table(d.s.state(), d.s.today(), zh(), false);
  REQUIRE(t.size() == 1);
  CHECK(t.keys[0] == d.s.key(d.worker));
  CHECK(t.columns[0].header == "姓名");
  CHECK(t.columns[static_cast<std::size_t>(column(t, "镇乡街道"))].filter);
  CHECK(t.columns[static_cast<std::size_t>(column(t, "工种"))].filter);
  const auto& row = t.rows[0];
  CHECK(row[0] == "张三");
  CHECK(row[static_cast<std::size_t>(column(t, "身份证号码"))] == "500154********1232");
  CHECK(row[static_cast<std::size_t>(column(t, "镇乡街道"))] == "汉丰街道");
  CHECK(row[static_cast<std::size_t>(column(t, "工种"))] == "家政服务员");
  CHECK(row[static_cast<std::size_t>(column(t, "在职企业"))] == "重庆安心家政服务有限公司");

  const TextTable full = workers_table(d.s.state(), d.s.today(), zh(), true, Columns::Export);
  CHECK(full.rows[0][1] == with_check("50015419900101123"));
  CHECK(full.rows[0][static_cast<std::size_t>(column(full, "出生日期"))] == "1990-01-01");
  CHECK(full.rows[0][static_cast<std::size_t>(column(full, "性别"))] == "男");
  CHECK(full.size() == t.size());  // the same rows, in the same order, as the screen's

  const TextTable english = workers_table(d.s.state(), d.s.today(), en(), false);
  CHECK(english.columns[0].header == "Name");
  CHECK(english.rows[0][static_cast<std::size_t>(column(english, "Township"))] == "Hanfeng Street");
  CHECK(english.rows[0][static_cast<std::size_t>(column(english, "Occupation"))] == "Housekeeper");
}

TEST_CASE("a duplicate registration is not a second row of the register", "[registers]") {
  SmallDistrict d;
  Scenario other(0x32);  // another device registers the same person later, merged here
  other.now = d.s.now + 60000;
  other.worker();
  State merged = d.s.state();
  for (const Event& e : other.log) merged.apply(e);
  CHECK(merged.workers().size() == 2);
  const TextTable t = workers_table(merged, d.s.today(), zh(), false);
  REQUIRE(t.size() == 1);  // the earliest registration is the register's row
  CHECK(t.keys[0] == d.s.key(d.worker));
}

TEST_CASE("enterprises table: headcount and the 员工制 result with failed criteria counted", "[registers]") {
  SmallDistrict d;
  const TextTable t = enterprises_table(d.s.state(), d.s.today(), zh(), config());
  REQUIRE(t.size() == 1);
  const auto eb = static_cast<std::size_t>(column(t, "员工制"));
  CHECK(t.columns[eb].filter);
  CHECK(t.columns[static_cast<std::size_t>(column(t, "在职员工"))].numeric);
  CHECK(t.rows[0][static_cast<std::size_t>(column(t, "在职员工"))] == "1");
  const Verdict v = employee_based(d.s.state(), d.s.key(d.ent), d.s.today(), config());
  std::size_t failed = 0;
  for (const auto& k : v.criteria) failed += k.held ? 0 : 1;
  CHECK(failed == 4);  // no contract, so no dispatch; wage below minimum; no training
  CHECK(t.rows[0][eb] == "不符合 4 项");
  CHECK(t.rows[0][static_cast<std::size_t>(column(t, "服务项目"))] == "家政");
  CHECK(enterprises_table(d.s.state(), d.s.today(), en(), config()).rows[0][eb] == "Fails 4");

  // the criteria read as people read them, the evidence named
  const Criterion* wage = v.find("rule.employee_based.minimum_wage");
  REQUIRE(wage);
  CHECK_FALSE(wage->held);
  CHECK(criterion_text(*wage, zh()) == "直接支付或代发不低于最低工资标准（1700.00 元/月）的劳动报酬（0/1 人）");
  REQUIRE(wage->evidence.size() == 1);
  CHECK(describe_record(d.s.state(), wage->evidence[0], zh()) ==
        "张三（重庆安心家政服务有限公司）：劳动合同，2022-03-01 入职，月工资 1500.00 元，城镇职工社会保险，企业直接支付");
  const Criterion* insured = v.find("rule.employee_based.contracts_insured");
  CHECK(insured->held);
}

TEST_CASE("an enterprise's employees and a worker's profile tables", "[registers]") {
  SmallDistrict d;
  const Date today = d.s.today();
  TextTable emp = enterprise_employees_table(d.s.state(), d.s.key(d.ent), today, zh());
  REQUIRE(emp.size() == 1);
  CHECK(emp.keys[0] == d.s.key(d.spell));
  CHECK(emp.rows[0] == std::vector<std::string>{"张三", "劳动合同", "2022-03-01", "1500.00", "城镇职工社会保险", "是", "在职"});
  d.s.ok(EndEmployment{d.spell, "2022-05-31", EmploymentEnd::Resigned});
  emp = enterprise_employees_table(d.s.state(), d.s.key(d.ent), today, zh());
  CHECK(emp.rows[0].back() == "2022-05-31 辞职");
  CHECK(worker_employment_table(d.s.state(), d.s.key(d.worker), today, zh()).rows[0][0] == "重庆安心家政服务有限公司");

  d.s.check(d.worker, "2021-01-10", HealthCategory::HomeService);  // expired by mid-2022
  d.s.check(d.worker, "2022-02-01", HealthCategory::HomeService);
  const TextTable health = worker_health_table(d.s.state(), d.s.key(d.worker), today, zh());
  REQUIRE(health.size() == 2);
  CHECK(health.rows[0].front() == "2022-02-01");  // newest first
  CHECK(health.rows[0].back() == "有效");
  CHECK(health.rows[1].back() == "已过期");

  const RecordId course = d.s.course();
  d.s.complete(d.s.session(course, "2022-04-01"), d.worker, "2022-04-02");
  const TextTable training = worker_training_table(d.s.state(), d.s.key(d.worker), zh());
  REQUIRE(training.size() == 1);
  CHECK(training.rows[0] == std::vector<std::string>{"家政服务员岗前培训", "岗前培训", "2022-04-02", "88.5", "合格", "JZ2022001"});

  const CreditRating r = rate_credit(d.s.state(), d.s.key(d.worker), today, config());
  CHECK(credit_lines_table(d.s.state(), r, zh()).columns.size() == 3);
}

TEST_CASE("service points and contracts: filters, masked consumer mobile, status", "[registers]") {
  SmallDistrict d;
  d.s.ok(OpenServicePoint{"滨湖社区", 500154001, d.ent, bit(ServiceKind::Housekeeping) | bit(ServiceKind::ElderlyCare), "2022-05-01", true});
  const TextTable p = service_points_table(d.s.state(), zh());
  REQUIRE(p.size() == 1);
  CHECK(p.rows[0] == std::vector<std::string>{"滨湖社区", "汉丰街道", "重庆安心家政服务有限公司", "家政、托老", "2022-05-01", "是"});
  CHECK(p.columns[1].filter);

  const auto& texts = config().model_texts;
  REQUIRE_FALSE(texts.empty());
  d.s.ok(RegisterContract{d.ent, d.worker, "王五", "13700001234", 500154001, texts[0], "2022-06-01", "2022-06-02", "2023-06-01", "4",
                          RestArrangement::WeeklyFixed, "4800"});
  const TextTable k = contracts_table(d.s.state(), d.s.today(), zh(), false, Columns::Export);
  REQUIRE(k.size() == 1);
  const auto mobile = static_cast<std::size_t>(column(k, "消费者电话"));
  CHECK(k.rows[0][mobile] == "137****1234");
  CHECK(contracts_table(d.s.state(), d.s.today(), zh(), true, Columns::Export).rows[0][mobile] == "13700001234");
  const TextTable screen = contracts_table(d.s.state(), d.s.today(), zh(), false);
  CHECK(screen.columns.size() < k.columns.size());  // the screen leaves out the mobile, rest and model text
  CHECK(screen.rows[0][static_cast<std::size_t>(column(screen, "服务期至"))] == "2023-06-01");
  CHECK(k.rows[0][static_cast<std::size_t>(column(k, "服务期限"))] == "2022-06-02 至 2023-06-01");
  CHECK(k.rows[0][static_cast<std::size_t>(column(k, "状态"))] == "履行中");
  CHECK(k.rows[0][static_cast<std::size_t>(column(k, "休息安排"))] == "每月 4 天，每周固定休息");
  CHECK(k.rows[0][static_cast<std::size_t>(column(k, "月服务费（元）"))] == "4800.00");
  CHECK(worker_contracts_table(d.s.state(), d.s.key(d.worker), d.s.today(), zh(), false).size() == 1);
  CHECK(enterprise_contracts_table(d.s.state(), d.s.key(d.ent), d.s.today(), zh(), false).size() == 1);
  const Key contract = k.keys[0];
  CHECK(describe_record(d.s.state(), contract, zh()) == "2022-06-01 与 王五 签订的服务合同，服务人员 张三（重庆安心家政服务有限公司）");
}

TEST_CASE("a register exported as CSV reads back as the same table", "[registers][csv]") {
  SmallDistrict d;
  d.s.ok(RegisterWorker{"李, \"四\"", with_check("50015419850505123"), "13987654321", 500154002});
  const TextTable t = workers_table(d.s.state(), d.s.today(), zh(), false);
  REQUIRE(t.size() == 2);
  const std::string csv = to_csv(t);
  CHECK(csv.find("\r\n") != std::string::npos);
  const auto rows = parse_csv(csv);
  REQUIRE(rows.size() == 3);
  std::vector<std::string> headers;
  for (const auto& c : t.columns) headers.push_back(c.header);
  CHECK(rows[0] == headers);
  CHECK(rows[1] == t.rows[0]);
  CHECK(rows[2] == t.rows[1]);
  CHECK(rows[1][0] == "李, \"四\"");  // quoted and unquoted back
  CHECK(rows[1][1] == ResidentId::mask(with_check("50015419850505123")));  // masked in a township's export
}

TEST_CASE("service-point target: communities by the deadline, per township", "[registers]") {
  Scenario s;
  s.on(Date{2020, 3, 1});
  const RecordId ent = s.enterprise();
  const std::uint16_t services = bit(ServiceKind::Housekeeping);
  s.ok(OpenServicePoint{"滨湖社区", 500154001, ent, services, "2020-03-01", true});
  CHECK(s.refused(OpenServicePoint{"滨湖社区", 500154001, ent, bit(ServiceKind::Childcare), "2020-03-01", false}).size() == 1);  // once
  s.ok(OpenServicePoint{"东城社区", 500154002, ent, bit(ServiceKind::Childcare), "2020-03-01", false});
  s.on(Date{2020, 8, 1});
  s.ok(OpenServicePoint{"南山社区", 500154001, ent, services, "2020-08-01", true});  // after the deadline (2020-06-30)
  const auto progress = service_point_progress(s.state(), config(), zh());
  REQUIRE(progress.size() == 1 + config().service_points_by_township.size());
  CHECK(progress[0].actual == 2);
  CHECK(progress[0].target == config().service_points);
  CHECK_FALSE(progress[0].met);
  CHECK(progress[0].points.size() == 2);
  CHECK(progress[0].label == "家政、托幼、托老等服务入驻的小区数（截至 " + config().service_points_by.iso() + "）");
  CHECK(progress[1].label.find("汉丰街道") != std::string::npos);  // the township by name, not by code
  CHECK(progress[1].actual == 1);
}
