// The key-measures and subsidies tables (measure_tables.hpp, subsidy_tables.hpp): who may
// report on which measure, the measures table and a measure's reports, and the three subsidy
// lists — one line per rule item, the rule's amounts, its criteria in words, IDs masked.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "catalog.hpp"
#include "measure_tables.hpp"
#include "scenario.hpp"
#include "state.hpp"
#include "subsidy_tables.hpp"
#include "synthetic.hpp"

using namespace hearth;
using hearth::test::Scenario;

namespace {
const Catalog& zh() { return Catalog::builtin("zh-CN"); }
const ProgrammeConfig& config() { return ProgrammeConfig::builtin(); }

// A demo district once for all subsidy tests (the e2e tests plant the same scale).
const Workspace& district() {
  static Workspace ws = [] {
    Workspace w(DeviceId{0x5D});
    generate_district(w, 20201222, DistrictScale::divided_by(100));
    return w;
  }();
  return ws;
}
}  // namespace

TEST_CASE("reporting scope: the district reports for any named unit, a township only as 有关镇乡街道", "[measures_subsidies]") {
  const MeasureRegistry& reg = MeasureRegistry::builtin();
  const ReportingScope district = reporting_scope(DeviceRole::District, reg);
  CHECK(district.measures.size() == 29);
  CHECK(district.fixed_unit.empty());
  CHECK(reporting_units(district, *reg.measure(8)) == std::vector<std::string>{"hrss", "finance"});

  // The document names 有关镇乡街道 on no measure's list (only in the joint meeting, 四(一)):
  // a township reports, as that unit, on the measures whose list ends in 等 (Measure::open_to).
  const ReportingScope township = reporting_scope(DeviceRole::Township, reg);
  CHECK(township.fixed_unit == "townships");
  std::size_t open_lists = 0;
  for (const auto& m : reg.measures()) {
    INFO(int(m.number));
    CHECK(township.may_report(m.number) == m.and_others);
    open_lists += m.and_others ? 1 : 0;
  }
  CHECK(township.measures.size() == open_lists);
  CHECK(open_lists > 0);
  CHECK(reporting_units(township, *reg.measure(10)) == std::vector<std::string>{"townships"});  // 10 gives 镇街 a task
  for (const auto& m : reg.measures())
    if (!m.and_others) CHECK(reporting_units(township, m).empty());
  CHECK(reporting_scope(DeviceRole::Trainer, reg).measures.empty());

  // Where a measure does name the townships, a township reports on it, as that unit only.
  const MeasureRegistry custom = MeasureRegistry::parse(
      "1\t1\t甲\tA\tcommerce\t-\t0\n2\t3\t乙\tB\tdev_reform\tcivil_affairs,townships\t1\n",
      "commerce\t区商务委\tCommerce\ndev_reform\t区发展改革委\tDRC\ncivil_affairs\t区民政局\tCivil affairs\ntownships\t有关镇乡街道\tTownships\n");
  const ReportingScope t2 = reporting_scope(DeviceRole::Township, custom);
  CHECK(t2.measures == std::vector<std::uint8_t>{2});
  CHECK(reporting_units(t2, *custom.measure(2)) == std::vector<std::string>{"townships"});
  CHECK(reporting_units(t2, *custom.measure(1)).empty());

  // Every unit the district is offered, the core accepts.
  Scenario s;
  for (std::uint8_t n : district.measures)
    for (const auto& unit : reporting_units(district, *reg.measure(n)))
      s.ok(ReportProgress{n, unit, "2021-06-30", MeasureStatus::InProgress, "按计划推进"});
}

TEST_CASE("measures table: 29 rows with units, the latest report's status, reports newest first", "[measures_subsidies]") {
  const MeasureRegistry& reg = MeasureRegistry::builtin();
  Scenario s;
  s.ok(ReportProgress{8, "hrss", "2021-03-01", MeasureStatus::InProgress, "已部署"});
  s.ok(ReportProgress{8, "finance", "2021-12-31", MeasureStatus::Done, "资金已落实"});
  s.ok(ReportProgress{8, "hrss", "2021-06-30", MeasureStatus::Behind, "进度滞后"});
  const TextTable t = measures_table(s.state(), reg, zh(), false);
  REQUIRE(t.size() == 29);
  CHECK(t.keys[7] == 8);
  CHECK(t.rows[7][kMeasureNumber] == "8");
  CHECK(t.rows[7][kMeasureGroup] == "（二）着力发展员工制家政企业");
  CHECK(t.rows[7][kMeasureLead] == "区人力社保局");
  CHECK(t.rows[7][kMeasureCoUnits] == "区财政局等");
  CHECK(t.rows[7][kMeasureStatus] == "已完成");
  CHECK(t.rows[7][kMeasureLatestDate] == "2021-12-31");
  CHECK(t.rows[7][kMeasureLatestNote] == "资金已落实");
  CHECK(t.rows[7][kMeasureReports] == "3");
  CHECK(t.rows[0][kMeasureStatus] == "未启动");
  CHECK(t.rows[0][kMeasureLatestDate] == "—");
  CHECK(t.rows[22][kMeasureCoUnits] == "等");  // measure 23: 区发展改革委等
  CHECK(t.rows[6][kMeasureCoUnits] == "区医保局、区商务委、区财政局");  // measure 7, no 等
  CHECK(t.columns[kMeasureStatus].filter);
  CHECK(t.columns[kMeasureLead].filter);

  const TextTable screen = measures_screen_table(t);
  REQUIRE(screen.size() == 29);
  CHECK(screen.keys == t.keys);
  CHECK(screen.rows[7] == std::vector<std::string>{"8", "对员工制家政企业实行企业稳岗返还和免费培训", "区人力社保局", "已完成", "2021-12-31", "3"});
  CHECK(screen.columns[2].filter);
  CHECK(screen.columns[3].filter);

  const TextTable en = measures_table(s.state(), reg, Catalog::builtin("en"), true);
  CHECK(en.rows[7][kMeasureStatus] == "Done");
  CHECK(en.rows[7][kMeasureCoUnits] == "District Finance Bureau and others");

  const TextTable r = measure_reports_table(s.state(), reg, 8, zh(), false, [](Key) { return std::string("本机"); });
  REQUIRE(r.size() == 3);
  CHECK(r.rows[0] == std::vector<std::string>{"2021-12-31", "区财政局", "已完成", "资金已落实", "本机"});
  CHECK(r.columns[1].header == "单位");
  CHECK(r.rows[1][0] == "2021-06-30");
  CHECK(r.rows[2][0] == "2021-03-01");
  CHECK(measure_reports_table(s.state(), reg, 1, zh(), false, {}).size() == 0);
}

TEST_CASE("subsidy texts: yuan and criteria", "[measures_subsidies]") {
  CHECK(yuan_text(0) == "0.00");
  CHECK(yuan_text(50000) == "500.00");
  CHECK(yuan_text(123456) == "1234.56");
  CHECK(yuan_text(-5) == "-0.05");
  Verdict v;
  v.criteria = {{"rule.subsidy.passed", true, {}, {}}, {"rule.subsidy.course_eligible", false, {}, {}},
                {"rule.subsidy.certificate", false, {}, {}}};
  CHECK(criteria_text(v, zh()) == "✗ 未满足：课程属于培训补贴范围（另有 1 项未满足）");
  v.criteria[2].held = true;
  CHECK(criteria_text(v, zh()) == "✗ 未满足：课程属于培训补贴范围");
  v.criteria[1].held = true;
  CHECK(criteria_text(v, zh()) == "✓ 3 项条件均满足");
}

TEST_CASE("training subsidy list: one line per completion, the rule's amounts, IDs masked unless full", "[measures_subsidies]") {
  const State& st = district().state();
  const auto items = training_subsidies(st, 2021, config());
  REQUIRE(items.size() > 10);
  const SubsidyList masked = training_subsidy_list(st, 2021, config(), zh(), false, false);
  const SubsidyList full = training_subsidy_list(st, 2021, config(), zh(), false, true);
  REQUIRE(masked.table.size() == items.size());
  REQUIRE(full.table.size() == items.size());
  std::int64_t sum = 0;
  std::uint32_t eligible = 0, ineligible = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Worker* w = st.workers().find(items[i].subject);
    REQUIRE(w);
    CHECK(masked.table.keys[i] == items[i].subject);
    CHECK(masked.amount_fen[i] == items[i].amount_fen);
    CHECK(masked.table.rows[i][masked.amount_column] == yuan_text(items[i].amount_fen));
    CHECK(masked.table.rows[i][0] == w->name());
    CHECK(masked.table.rows[i][1] == ResidentId::mask(w->resident_id));
    CHECK(masked.table.rows[i][1] != w->resident_id);
    CHECK(full.table.rows[i][1] == w->resident_id);
    const std::string& criteria = masked.table.rows[i][masked.verdict_column + 1];
    if (items[i].why.held()) {
      ++eligible;
      CHECK(masked.table.rows[i][masked.verdict_column] == "符合");
      CHECK(criteria.starts_with("✓"));
    } else {
      ++ineligible;
      CHECK(masked.table.rows[i][masked.verdict_column] == "不符合");
      CHECK(criteria.starts_with("✗"));
      CHECK(criteria.find(std::string(zh().text(items[i].why.first_failed()->key))) != std::string::npos);
    }
    sum += items[i].amount_fen;
  }
  CHECK(eligible > 0);
  CHECK(ineligible > 0);
  const SubsidyTotals totals = subsidy_totals(masked);
  CHECK(totals.lines == items.size());
  // the screen has the same rows without the certificate
  REQUIRE(masked.screen.size() == masked.table.size());
  CHECK(masked.screen.keys == masked.table.keys);
  CHECK(masked.screen.columns.size() == masked.table.columns.size() - 1);
  CHECK(masked.screen.rows[0][6] == masked.table.rows[0][masked.verdict_column]);
  CHECK(totals.eligible == eligible);
  CHECK(totals.amount_fen == sum);
  // totals over some rows only (what a filter leaves)
  CHECK(subsidy_totals(masked, {0}).amount_fen == items[0].amount_fen);
  // the CSV is what Excel opens: BOM, translated header
  const std::string csv = to_csv(full.table);
  CHECK(csv.starts_with("\xEF\xBB\xBF姓名,身份证号,镇乡街道,课程,培训类型,结业日期,证书编号,结论,依据,金额（元）\r\n"));
}

TEST_CASE("social-insurance list and 稳岗返还: the rule's lines and verdicts", "[measures_subsidies]") {
  const State& st = district().state();
  const auto items = social_insurance_subsidies(st, 2021, config());
  const SubsidyList list = social_insurance_subsidy_list(st, 2021, config(), zh(), false, false);
  REQUIRE(list.table.size() == items.size());
  std::int64_t sum = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    CHECK(list.table.keys[i] == items[i].subject);
    CHECK(list.amount_fen[i] == items[i].amount_fen);
    CHECK(list.table.rows[i][6] == std::to_string(items[i].months));
    const EmploymentSpell* sp = st.spells().find(items[i].record);
    REQUIRE(sp);
    CHECK(list.table.rows[i][2] == ResidentId::mask(st.workers().find(sp->worker)->resident_id));
    CHECK(list.table.rows[i][0] == st.enterprises().find(items[i].subject)->name());
    sum += items[i].amount_fen;
  }
  CHECK(subsidy_totals(list).amount_fen == sum);

  const SubsidyList refund = job_retention_list(st, 2021, config(), zh(), false);
  std::size_t registered = 0;
  for (const auto& e : st.enterprises().rows()) registered += st.is_duplicate(e) ? 0 : 1;
  REQUIRE(refund.table.size() == registered);
  CHECK(refund.amount_column == -1);
  for (std::size_t i = 0; i < refund.table.size(); ++i) {
    const Verdict v = job_retention_refund(st, refund.table.keys[i], 2021, config());
    CHECK(refund.eligible[i] == v.held());
    CHECK(refund.table.rows[i][refund.verdict_column] == (v.held() ? "符合" : "不符合"));
    CHECK(refund.table.rows[i][refund.verdict_column + 1] == criteria_text(v, zh()));
  }
}
