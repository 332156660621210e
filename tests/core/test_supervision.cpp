// Supervision screens' figures (src/core/supervision.hpp): the complaints register, mediation
// in order, the credit consequence of closing a complaint shown before it is saved (and equal
// to what is saved), the credit register and joint-punishment list, the inspection calendar,
// and expiring health checks and licences.
#include <catch2/catch.hpp>

#include <algorithm>

#include "scenario.hpp"
#include "supervision.hpp"

using namespace hearth;
using namespace hearth::supervision;
using hearth::test::Scenario;

namespace {
const ProgrammeConfig& cfg() { return ProgrammeConfig::builtin(); }
const Wording& zh() {
  static const Wording w{Catalog::builtin("zh-CN"), false};
  return w;
}
const Wording& en() {
  static const Wording w{Catalog::builtin("en"), true};
  return w;
}
int column(const TextTable& t, const std::string& header) {
  for (std::size_t i = 0; i < t.columns.size(); ++i)
    if (t.columns[i].header == header) return static_cast<int>(i);
  FAIL("no column " << header);
  return -1;
}
std::string cell(const TextTable& t, Key row, const std::string& header) {
  const auto it = std::find(t.keys.begin(), t.keys.end(), row);
  REQUIRE(it != t.keys.end());
  return t.rows[static_cast<std::size_t>(it - t.keys.begin())][static_cast<std::size_t>(column(t, header))];
}
}  // namespace

TEST_CASE("complaints register: status, outcome, subject, newest first", "[supervision]") {
  Scenario s;
  const RecordId ent = s.enterprise();
  const RecordId w = s.worker();
  const RecordId a = s.ok(FileComplaint{ComplaintChannel::Hotline12315, "2022-03-01", "赵女士", "13700002222", ent, w, 500154001, "未按时上门"});
  const RecordId b = s.ok(FileComplaint{ComplaintChannel::WalkIn, "2022-04-01", "钱先生", "13700003333", {}, w, 500154002, "服务态度差"});
  s.ok(CloseComplaint{a, "2022-03-10", ComplaintOutcome::Upheld, ""});
  const TextTable t = complaints_table(s.state(), zh());
  REQUIRE(t.size() == 2);
  CHECK(t.keys[0] == s.key(b));  // newest received first
  CHECK(cell(t, s.key(b), "序号") == "1");
  CHECK(cell(t, s.key(a), "状态") == "已办结");
  CHECK(cell(t, s.key(a), "处理结果") == "属实");
  CHECK(cell(t, s.key(a), "办结日期") == "2022-03-10");
  CHECK(cell(t, s.key(a), "被投诉对象") == "重庆安心家政服务有限公司 · 张三");
  CHECK(cell(t, s.key(b), "状态") == "办理中");
  CHECK(cell(t, s.key(b), "处理结果") == "—");
  CHECK(cell(t, s.key(b), "渠道") == "来访");
  CHECK(cell(t, s.key(b), "镇乡街道") != "—");
  CHECK(t.columns[static_cast<std::size_t>(column(t, "状态"))].filter);
  const TextTable e = complaints_table(s.state(), en());
  CHECK(cell(e, s.key(a), "Status") == "Closed");
  CHECK(cell(e, s.key(a), "Outcome") == "Upheld");
}

TEST_CASE("mediation steps in the order they happened", "[supervision]") {
  Scenario s;
  const RecordId ent = s.enterprise();
  const RecordId c = s.ok(FileComplaint{ComplaintChannel::Hotline12315, "2022-03-01", "赵女士", "13700002222", ent, {}, 500154001, "未按时上门"});
  s.ok(RecordMediationStep{c, "2022-03-09", Mediator::IndustryAssociation, "第二次"});
  s.ok(RecordMediationStep{c, "2022-03-05", Mediator::ConsumerAssociation, "第一次"});
  s.ok(RecordMediationStep{c, "2022-03-09", Mediator::LabourDisputeRoom, "第三次（同日后录）"});
  const auto steps = mediation_in_order(s.state(), s.key(c));
  REQUIRE(steps.size() == 3);
  CHECK(steps[0]->note == "第一次");
  CHECK(steps[1]->note == "第二次");
  CHECK(steps[2]->note == "第三次（同日后录）");
}

TEST_CASE("closing preview: the grade before and after, equal to what saving gives", "[supervision]") {
  Scenario s;
  const RecordId ent = s.enterprise();
  const RecordId w = s.worker();
  const Key ek = s.key(ent), wk = s.key(w);
  // 100 − 10 = 90: still A, one upheld complaint (−5) away from B
  s.ok(RecordCreditEvent{ent, CreditKind::Violation, "2022-04-01", 1, "未公示收费标准"});
  const RecordId c = s.ok(FileComplaint{ComplaintChannel::Hotline12315, "2022-05-01", "赵女士", "13700002222", ent, w, 500154001, "未按时上门"});
  const Date today = s.today();
  const State before = s.state();

  const auto fx = closure_preview(s.state(), s.key(c), ComplaintOutcome::Upheld, Date{2022, 6, 1}, today, cfg());
  REQUIRE(fx.size() == 2);
  CHECK(fx[0].subject == ek);
  CHECK_FALSE(fx[0].worker);
  CHECK(fx[0].before.score == 90);
  CHECK(fx[0].before.grade == 'A');
  CHECK(fx[0].after.score == 85);
  CHECK(fx[0].after.grade == 'B');
  CHECK(fx[0].grade_changes());
  REQUIRE(fx[0].line);
  CHECK(fx[0].line->key == "rule.credit.complaint_upheld");
  CHECK(fx[0].line->points == -5);
  CHECK(fx[0].line->record == s.key(c));
  CHECK(fx[1].subject == wk);
  CHECK(fx[1].worker);
  CHECK(fx[1].before.score == 100);
  CHECK(fx[1].after.score == 95);
  CHECK_FALSE(fx[1].grade_changes());
  // the preview changed nothing
  CHECK(s.state().closure_of(s.key(c)) == nullptr);
  CHECK(s.state().revision() == before.revision());

  // partly upheld: −3, still A
  const auto partly = closure_preview(s.state(), s.key(c), ComplaintOutcome::PartlyUpheld, Date{2022, 6, 1}, today, cfg());
  CHECK(partly[0].after.score == 87);
  CHECK(partly[0].after.grade == 'B');
  // not upheld: no line, and the reason says so
  const auto none = closure_preview(s.state(), s.key(c), ComplaintOutcome::NotUpheld, Date{2022, 6, 1}, today, cfg());
  CHECK_FALSE(none[0].line);
  CHECK(none[0].no_effect == "supervision.preview.no_deduction");
  CHECK(none[0].after.score == 90);
  // rated long after: the closure falls outside the credit window
  const auto late = closure_preview(s.state(), s.key(c), ComplaintOutcome::Upheld, Date{2022, 6, 1}, Date{2025, 1, 1}, cfg());
  CHECK_FALSE(late[0].line);
  CHECK(late[0].no_effect == "supervision.preview.outside_window");

  // what saving gives is what the preview said
  s.ok(CloseComplaint{c, "2022-06-01", ComplaintOutcome::Upheld, "经核实属实"});
  const CreditRating saved = rate_credit(s.state(), ek, today, cfg());
  CHECK(saved.score == fx[0].after.score);
  CHECK(saved.grade == fx[0].after.grade);
  CHECK(saved.lines.size() == fx[0].after.lines.size());
}

TEST_CASE("credit register, joint-punishment list and record descriptions", "[supervision]") {
  Scenario s;
  const RecordId ent = s.enterprise();
  const RecordId other = s.enterprise("91500154MA5U7X4C0");
  const RecordId w = s.worker();
  s.worker("50015419800101123");  // no credit events: not in the register
  s.ok(RecordCreditEvent{w, CreditKind::Violation, "2022-04-01", 3, "伪造体检报告"});
  s.ok(RecordCreditEvent{ent, CreditKind::Evaluation, "2022-04-02", 5, ""});
  const auto rows = credit_rows(s.state(), s.today(), cfg());
  REQUIRE(rows.size() == 3);  // two enterprises, one worker
  const TextTable t = credit_table(s.state(), rows, zh());
  CHECK(cell(t, s.key(ent), "信用分") == "101");
  CHECK(cell(t, s.key(ent), "信用等级") == "A");
  CHECK(cell(t, s.key(ent), "信易贷") == "是");
  CHECK(cell(t, s.key(other), "信用分") == "100");
  CHECK(cell(t, s.key(w), "类别") == "从业人员");
  CHECK(cell(t, s.key(w), "信用等级") == "D");
  CHECK(cell(t, s.key(w), "联合惩戒") == "是");
  CHECK(cell(t, s.key(w), "信易贷") == "—");

  const TextTable j = joint_punishment_table(s.state(), rows, zh());
  REQUIRE(j.size() == 1);
  CHECK(j.keys[0] == s.key(w));
  CHECK(cell(j, s.key(w), "列入日期") == "2022-04-01");
  CHECK(cell(j, s.key(w), "事由") == "伪造体检报告");

  const CreditRating r = rate_credit(s.state(), s.key(w), s.today(), cfg());
  REQUIRE(r.lines.size() == 1);
  CHECK(describe_record(s.state(), r.lines[0].record, zh(), cfg()) == "违法违规 2022-04-01：伪造体检报告");
  CHECK(signed_points(r.lines[0].points) == "-40");
  CHECK(signed_points(2) == "+2");
}

TEST_CASE("inspection calendar: by grade, overdue first — assessments pass or fail", "[supervision]") {
  Scenario s;
  const RecordId good = s.enterprise();
  const RecordId weak = s.enterprise("91500154MA5U7X4C0");
  // good: assessed 2021-01-10, passed, A → next 2022-01-10: overdue on 2022-06-30
  s.on(Date{2021, 1, 10});
  s.ok(RecordAssessment{good, "2021-01-10", "区商务委", {{1, "18"}, {2, "18"}, {3, "18"}, {4, "18"}, {5, "18"}}});
  // weak: failed 2022-06-01 (−10 → 90, A), next in 12 months
  s.on(Date{2022, 6, 1});
  s.ok(RecordAssessment{weak, "2022-06-01", "区商务委", {{1, "10"}, {2, "10"}, {3, "10"}, {4, "10"}, {5, "10"}}});
  s.on(Date{2022, 6, 30});
  const auto rows = credit_rows(s.state(), s.today(), cfg());
  const TextTable t = inspection_calendar(s.state(), rows, s.today(), cfg(), zh());
  REQUIRE(t.size() == 2);
  CHECK(t.keys[0] == s.key(good));  // overdue first
  CHECK(cell(t, s.key(good), "检查安排") == "已逾期");
  CHECK(cell(t, s.key(good), "下次检查") == "2022-01-10");
  CHECK(cell(t, s.key(good), "最近考核") == "2021-01-10 合格 90/100");
  CHECK(cell(t, s.key(weak), "最近考核") == "2022-06-01 不合格 50/100");
  CHECK(cell(t, s.key(weak), "检查安排") == "以后");
  const Assessment* a = s.state().assessments_of(s.key(weak)).front();
  CHECK_FALSE(assessment_total(*a, cfg()).passed);
  CHECK(rate_credit(s.state(), s.key(weak), s.today(), cfg()).score == 90);
}

TEST_CASE("expiring health checks and licences, each row a worker", "[supervision]") {
  Scenario s;
  const RecordId expired = s.worker();
  const RecordId soon = s.worker("50015419800101123");
  const RecordId fine = s.worker("50015419850101123");
  s.on(Date{2021, 5, 1});
  s.check(expired, "2021-05-01", HealthCategory::HomeService);  // valid a year: expired by 2022-06-30
  s.on(Date{2021, 7, 10});
  s.check(soon, "2021-07-10", HealthCategory::HomeService);  // expires 2022-07-09: within 30 days
  s.on(Date{2022, 6, 1});
  s.check(fine, "2022-06-01", HealthCategory::HomeService);
  s.on(Date{2022, 6, 30});
  const TextTable t = expiry_table(s.state(), s.today(), cfg(), zh());
  REQUIRE(t.size() == 2);
  CHECK(t.keys[0] == s.key(expired));
  CHECK(cell(t, s.key(expired), "事由") == "体检已过期");
  CHECK(std::stoi(cell(t, s.key(expired), "剩余天数")) < 0);
  CHECK(cell(t, s.key(soon), "事由") == "体检即将到期");
  CHECK(cell(t, s.key(soon), "剩余天数") == "9");
  CHECK(cell(t, s.key(soon), "身份证号").find('*') != std::string::npos);  // masked on screen
  const TextTable full = expiry_table(s.state(), s.today(), cfg(), zh(), true);
  CHECK(cell(full, s.key(soon), "身份证号").find('*') == std::string::npos);
}
