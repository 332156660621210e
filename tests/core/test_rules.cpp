// Every rule with its edge cases, and its explanation: which criteria held, on which records.
#include <catch2/catch.hpp>

#include <algorithm>

#include "measures.hpp"
#include "rules.hpp"
#include "scenario.hpp"

using namespace hearth;
using hearth::test::Scenario;
using hearth::test::with_check;

namespace {
const ProgrammeConfig& config() { return ProgrammeConfig::builtin(); }
bool has_key(const std::vector<std::string>& keys, const std::string& k) {
  return std::any_of(keys.begin(), keys.end(), [&](const std::string& x) { return x.starts_with(k); });
}
}  // namespace

TEST_CASE("a health check is valid through its last day, and listed as expiring then expired", "[rules][health]") {
  Scenario s;
  const RecordId w = s.worker();
  s.check(w, "2022-01-10", HealthCategory::HomeService, "2022-06-30");
  const Key wk = s.key(w);
  const HealthCheck& h = s.state().health_checks().rows().front();
  CHECK(h.valid_on(Date{2022, 6, 30}));   // the day it expires still counts
  CHECK_FALSE(h.valid_on(Date{2022, 7, 1}));
  CHECK_FALSE(h.valid_on(Date{2022, 1, 9}));  // not before it was done
  CHECK(valid_health_check(s.state(), wk, Date{2022, 6, 30}, HealthCategory::HomeService) == &h);
  CHECK(valid_health_check(s.state(), wk, Date{2022, 6, 30}, HealthCategory::ElderlyCare) == nullptr);  // stricter category needed

  CHECK(expiring_health_checks(s.state(), Date{2022, 5, 31}, config()).size() == 1);  // exactly 30 days ahead
  CHECK(expiring_health_checks(s.state(), Date{2022, 5, 30}, config()).empty());      // 31 days ahead: not yet
  CHECK(expired_health_checks(s.state(), Date{2022, 6, 30}).empty());
  REQUIRE(expired_health_checks(s.state(), Date{2022, 7, 1}).size() == 1);
  CHECK(expired_health_checks(s.state(), Date{2022, 7, 1})[0].worker == wk);
}

TEST_CASE("health checks: one year at most, not before the check, unfit is never valid", "[rules][health]") {
  Scenario s;
  const RecordId w = s.worker();
  CHECK(has_key(s.refused(RecordHealthCheck{w, "2022-01-10", "医院", HealthCategory::General, 1, true, "2023-01-10"}), "err.health.too_long"));
  CHECK(has_key(s.refused(RecordHealthCheck{w, "2022-01-10", "医院", HealthCategory::General, 1, true, "2022-01-09"}), "err.health.until_before_date"));
  s.check(w, "2022-01-10", HealthCategory::General);  // default validity: one year less a day
  CHECK(s.state().health_checks().rows().back().valid_until == Date{2023, 1, 9});
  s.check(w, "2022-02-01", HealthCategory::MaternalInfant, "", /*fit=*/false);
  CHECK(valid_health_check(s.state(), s.key(w), Date{2022, 3, 1}, HealthCategory::General)->category == HealthCategory::General);
  CHECK(valid_health_check(s.state(), s.key(w), Date{2022, 3, 1}, HealthCategory::MaternalInfant) == nullptr);
}

TEST_CASE("someone aged 15 cannot be registered — on their 16th birthday they can", "[rules][worker]") {
  Scenario s;
  s.on(Date{2022, 6, 30});
  const std::string fifteen = with_check("50015420060701123");  // born 2006-07-01: 15 on 2022-06-30
  const auto keys = s.refused(RegisterWorker{"小明", fifteen, "13812345678", 500154001});
  CHECK(keys == std::vector<std::string>{"err.resident_id.too_young:15"});
  s.on(Date{2022, 7, 1});
  CHECK(s.refused(RegisterWorker{"小明", fifteen, "13812345678", 500154001}).empty());
}

TEST_CASE("a course completed twice is refused and counts one person-time", "[rules][training]") {
  Scenario s;
  const RecordId w = s.worker();
  const RecordId c = s.course();
  const RecordId s1 = s.session(c, "2022-03-01");
  s.complete(s1, w, "2022-03-05");
  const RecordId s2 = s.session(c, "2022-04-01");
  s.ok(Enrol{s2, w});
  CHECK(has_key(s.refused(RecordCompletion{s2, w, "2022-04-02", "90", "JZ2"}), "err.completion.duplicate"));
  // a failed attempt is recorded but is not a person-time, and needs no certificate
  const RecordId w2 = s.worker("50015419910101123");
  s.ok(Enrol{s2, w2});
  s.ok(RecordCompletion{s2, w2, "2022-04-02", "45", ""});
  CHECK(person_times(s.state(), Date{2022, 1, 1}, Date{2022, 12, 31}, 0).size() == 1);
  // not enrolled, before the session, a bad score, a pass without certificate
  const RecordId w3 = s.worker("50015419920101123");
  CHECK(has_key(s.refused(RecordCompletion{s2, w3, "2022-04-02", "90", "JZ3"}), "err.training.not_enrolled"));
  s.ok(Enrol{s2, w3});
  CHECK(has_key(s.refused(RecordCompletion{s2, w3, "2022-03-31", "90", "JZ3"}), "err.training.before_session"));
  CHECK(has_key(s.refused(RecordCompletion{s2, w3, "2022-04-02", "100.5", "JZ3"}), "err.score.range"));
  CHECK(has_key(s.refused(RecordCompletion{s2, w3, "2022-04-02", "9o", "JZ3"}), "err.score.format"));
  // a pass with no certificate typed is given one, the same on any device: PX + year + 8 characters
  s.ok(RecordCompletion{s2, w3, "2022-04-02", "75", ""});
  const std::string issued = s.state().completions_of_session(s.key(s2)).back()->certificate;
  CHECK(issued.size() == 14);
  CHECK(issued.starts_with("PX2022"));
  CHECK(issued == training_certificate_for(s.state(), s.key(s2), s.key(w3)));
  CHECK(issued != training_certificate_for(s.state(), s.key(s2), s.key(w2)));
  // one result per person per session, failed or not: a retake is a new session
  CHECK(has_key(s.refused(RecordCompletion{s2, w2, "2022-04-03", "80", ""}), "err.completion.same_session"));
  const RecordId s3 = s.session(c, "2022-05-01");
  s.ok(Enrol{s3, w2});
  s.ok(RecordCompletion{s3, w2, "2022-05-01", "80", ""});
  CHECK(person_times(s.state(), Date{2022, 1, 1}, Date{2022, 12, 31}, 0).size() == 3);
}

namespace {
// An enterprise meeting all five 员工制 criteria on 2022-06-30, with one employee.
struct EmployeeBased {
  Scenario s;
  RecordId ent, worker, spell, contract;
  explicit EmployeeBased(bool insured = true, bool direct_pay = true, bool trained = true, bool contract_own = true, bool any_contract = true) {
    ent = s.enterprise();
    worker = s.worker();
    spell = s.hire(worker, ent, "2021-03-01", EmploymentForm::LabourContract, insured ? SocialInsurance::UrbanEmployee : SocialInsurance::None,
                   "2500.00", direct_pay);
    if (trained) s.complete(s.session(s.course(CourseType::Refresher), "2022-01-10"), worker, "2022-01-12");
    const RecordId served_by = contract_own ? worker : s.worker("50015419880101123");
    if (any_contract)
      contract = s.ok(RegisterContract{ent, served_by, "赵女士", "13700002222", 500154001, "2020版", "2022-02-01", "2022-02-01", "2023-01-31",
                                       "4", RestArrangement::WeeklyFixed, "4200"});
  }
  Verdict verdict() { return employee_based(s.state(), s.key(ent), Date{2022, 6, 30}, config()); }
  std::vector<std::string> failed() {
    std::vector<std::string> out;
    for (const auto& c : verdict().criteria)
      if (!c.held) out.push_back(c.key);
    return out;
  }
};
}  // namespace

TEST_CASE("员工制: all five criteria hold, each with its evidence", "[rules][employee_based]") {
  EmployeeBased e;
  const Verdict v = e.verdict();
  REQUIRE(v.criteria.size() == 5);
  CHECK(v.held());
  CHECK(v.find("rule.employee_based.direct_contracts")->evidence == std::vector<Key>{e.s.key(e.contract)});
  CHECK(v.find("rule.employee_based.contracts_insured")->evidence == std::vector<Key>{e.s.key(e.spell)});
  CHECK(v.find("rule.employee_based.minimum_wage")->args == std::vector<std::string>{"1", "1", "1700.00"});
}

TEST_CASE("员工制: an enterprise missing exactly one criterion fails on that one only", "[rules][employee_based]") {
  CHECK(EmployeeBased(false).failed() == std::vector<std::string>{"rule.employee_based.contracts_insured"});
  CHECK(EmployeeBased(true, false).failed() == std::vector<std::string>{"rule.employee_based.minimum_wage"});
  CHECK(EmployeeBased(true, true, false).failed() == std::vector<std::string>{"rule.employee_based.trains"});
  EmployeeBased other(true, true, true, false);
  CHECK(other.failed() == std::vector<std::string>{"rule.employee_based.dispatches"});
  CHECK(other.verdict().find("rule.employee_based.dispatches")->evidence == std::vector<Key>{other.s.key(other.contract)});  // the contract that breaks it
  // no consumer contract at all: criterion 1 fails, and criterion 3 has nothing to show either
  CHECK(EmployeeBased(true, true, true, true, false).failed() ==
        std::vector<std::string>{"rule.employee_based.direct_contracts", "rule.employee_based.dispatches"});
  // a low wage fails criterion 4 too
  EmployeeBased low;
  low.s.ok(EndEmployment{low.spell, "2022-04-30", EmploymentEnd::Resigned});
  low.s.hire(low.worker, low.ent, "2022-05-01", EmploymentForm::LabourContract, SocialInsurance::UrbanEmployee, "1699.99");
  CHECK(low.failed() == std::vector<std::string>{"rule.employee_based.minimum_wage"});  // the contract predates the new spell but was served by the same employee
}

TEST_CASE("持证上门: refused naming each missing condition — issued on the evidence — the number stays", "[rules][licence]") {
  Scenario s;
  const RecordId w = s.worker("50015419900101123", Occupation::InfantCarer);
  auto missing = s.refused(IssueLicence{w, "2022-06-30"});
  CHECK(missing == std::vector<std::string>{"err.licence.missing:rule.licence.identity", "err.licence.missing:rule.licence.pre_job",
                                            "err.licence.missing:rule.licence.health"});
  s.ok(VerifyIdentity{w, "2022-06-01", IdentityMethod::PoliceCheck});
  s.complete(s.session(s.course(CourseType::PreJob), "2022-05-01"), w, "2022-05-03");
  s.check(w, "2022-06-01", HealthCategory::HomeService);  // not strict enough for an infant carer
  const Verdict v = licence_eligibility(s.state(), s.key(w), Date{2022, 6, 30}, config());
  REQUIRE(v.first_failed());
  CHECK(v.first_failed()->key == "rule.licence.health");
  CHECK(v.first_failed()->args.back() == "rule.licence.health_category");
  s.check(w, "2022-06-10", HealthCategory::MaternalInfant, "2023-02-28");
  const RecordId issued = s.ok(IssueLicence{w, "2022-06-30"});
  const ServiceLicence* card = s.state().licence_of(s.key(w));
  REQUIRE(card);
  CHECK(card->key == s.key(issued));
  CHECK(card->expires == Date{2023, 2, 28});  // expires with the health check
  CHECK(card->number.size() == 12);
  CHECK(card->number.starts_with("KZ"));
  CHECK(card->valid_on(Date{2023, 2, 28}));
  CHECK_FALSE(card->valid_on(Date{2023, 3, 1}));
  // renewed on a new check: same number, new expiry
  const std::string number = card->number;  // kept by value: the table may move its rows as it grows
  s.on(Date{2023, 3, 5});
  CHECK(has_key(s.refused(IssueLicence{w, "2023-03-05"}), "err.licence.missing:rule.licence.health"));
  s.check(w, "2023-03-02", HealthCategory::MaternalInfant);
  s.ok(IssueLicence{w, "2023-03-05"});
  CHECK(s.state().licence_of(s.key(w))->number == number);
  CHECK(s.state().licence_of(s.key(w))->expires == Date{2024, 3, 1});
  // serious dishonesty stops a card
  s.ok(RecordCreditEvent{w, CreditKind::Violation, "2023-03-05", 3, "伪造体检报告"});
  CHECK(has_key(s.refused(IssueLicence{w, "2023-03-05"}), "err.licence.missing:rule.licence.credit"));
}

TEST_CASE("credit: score, grade, list, inspection and 信易贷 explain themselves", "[rules][credit]") {
  Scenario s;
  const RecordId ent = s.enterprise();
  const Key ek = s.key(ent);
  CreditRating clean = rate_credit(s.state(), ek, Date{2022, 6, 30}, config());
  CHECK(clean.score == 100);
  CHECK(clean.grade == 'A');
  CHECK(clean.xinyidai);
  CHECK(clean.next_inspection == Date{2023, 6, 30});  // A: yearly

  const RecordId c = s.ok(FileComplaint{ComplaintChannel::Hotline12315, "2022-03-01", "赵女士", "13700002222", ent, {}, 500154001, "未按时上门"});
  s.ok(RecordMediationStep{c, "2022-03-05", Mediator::ConsumerAssociation, "电话调解"});
  s.ok(CloseComplaint{c, "2022-03-10", ComplaintOutcome::Upheld, ""});
  CHECK(has_key(s.refused(CloseComplaint{c, "2022-03-11", ComplaintOutcome::NotUpheld, ""}), "err.complaint.closed"));
  s.ok(RecordCreditEvent{ent, CreditKind::Violation, "2022-04-01", 2, "未签合同"});
  s.ok(RecordCreditEvent{ent, CreditKind::Commendation, "2022-05-01", 2, "市级表彰"});
  const CreditRating r = rate_credit(s.state(), ek, Date{2022, 6, 30}, config());
  CHECK(r.score == 100 - 5 - 20 + 4);  // 79
  CHECK(r.grade == 'B');
  CHECK_FALSE(r.xinyidai);
  CHECK(r.next_inspection == Date{2022, 12, 30});  // B: every six months
  REQUIRE(r.lines.size() == 3);
  CHECK(r.lines[0].key == "rule.credit.complaint_upheld");
  CHECK(r.lines[0].record == s.key(c));
  CHECK(r.why.find("rule.credit.score")->args == std::vector<std::string>{"100", "-25", "4", "79"});
  // outside the window, the complaint no longer counts
  CHECK(rate_credit(s.state(), ek, Date{2024, 3, 11}, config()).score == 100 - 20 + 4);
  // serious dishonesty: joint punishment and D whatever the score
  s.ok(RecordCreditEvent{ent, CreditKind::Violation, "2022-06-01", 3, "严重失信"});
  const CreditRating d = rate_credit(s.state(), ek, Date{2022, 6, 30}, config());
  CHECK(d.joint_punishment);
  CHECK(d.grade == 'D');
  CHECK_FALSE(d.why.find("rule.credit.not_joint_punished")->held);
}

TEST_CASE("subsidies: computed with reasons, never more than once", "[rules][subsidy]") {
  Scenario s;
  const RecordId ent = s.enterprise();
  const RecordId grad = s.worker("50015420000101123", Occupation::Housekeeper, bit(SpecialGroup::NewGraduate));
  const RecordId other = s.worker("50015419800101123");
  s.hire(grad, ent, "2022-03-15");
  s.hire(other, ent, "2022-03-15");
  const RecordId paid = s.course(CourseType::PreJob, true), unpaid = s.course(CourseType::Refresher, false);
  s.complete(s.session(paid, "2022-04-01"), grad, "2022-04-02");
  s.complete(s.session(unpaid, "2022-04-01"), other, "2022-04-02");
  const auto training = training_subsidies(s.state(), 2022, config());
  REQUIRE(training.size() == 2);
  const auto& yes = training[0].subject == s.key(grad) ? training[0] : training[1];
  const auto& no = training[0].subject == s.key(grad) ? training[1] : training[0];
  CHECK(yes.amount_fen == 50000);
  CHECK(yes.why.held());
  CHECK(no.amount_fen == 0);
  CHECK(no.why.first_failed()->key == "rule.subsidy.course_eligible");

  const auto insurance = social_insurance_subsidies(s.state(), 2022, config());
  REQUIRE(insurance.size() == 1);  // only the graduate is in a target group
  CHECK(insurance[0].months == 10);  // March–December
  CHECK(insurance[0].amount_fen == 10 * 40000);

  // 稳岗返还: not employee-based (no consumer contract), and one of two laid off is 50 %
  s.on(Date{2023, 6, 30});
  s.ok(EndEmployment{s.ok(StartEmployment{s.worker("50015419810101123"), ent, EmploymentForm::LabourContract, "2022-12-01", "2500", SocialInsurance::UrbanEmployee, true}),
                     "2023-02-01", EmploymentEnd::LaidOff});
  const Verdict refund = job_retention_refund(s.state(), s.key(ent), 2023, config());
  CHECK_FALSE(refund.find("rule.subsidy.employee_based")->held);
  const Criterion* rate = refund.find("rule.subsidy.layoff_rate");
  CHECK(rate->args == std::vector<std::string>{"1", "3", "333", "200"});  // 1 of 3 on 1 January; small enterprise limit 20 %
  CHECK_FALSE(rate->held);
}

TEST_CASE("KPIs: new employment, person-times and communities, with the records counted", "[rules][kpi]") {
  Scenario s;
  const RecordId a = s.enterprise(), b = s.enterprise("91500154MA5U7X3D0");
  const RecordId w1 = s.worker(), w2 = s.worker("50015419910101123");
  const RecordId first = s.hire(w1, a, "2021-05-01");
  s.ok(EndEmployment{first, "2022-02-28", EmploymentEnd::Resigned});
  s.hire(w1, b, "2022-03-01");  // moved straight on: not new employment
  const RecordId fresh = s.hire(w2, b, "2022-03-01");
  CHECK(new_employment(s.state(), 2022, 0) == std::vector<Key>{s.key(fresh)});
  CHECK(new_employment(s.state(), 2021, 0) == std::vector<Key>{s.key(first)});

  for (auto [community, op] : {std::pair{"滨湖社区", a}, {"盛山社区", a}, {"滨湖社区", b}})  // two operators in one community
    s.ok(OpenServicePoint{community, 500154001u, op, bit(ServiceKind::Childcare), "2020-05-01", true});
  CHECK(has_key(s.refused(OpenServicePoint{"滨湖社区", 500154001u, a, bit(ServiceKind::Childcare), "2020-05-01", true}), "err.service_point.duplicate"));
  const auto kpis = programme_kpis(s.state(), 2022, 0, config(), MeasureRegistry::builtin());
  auto find = [&](const std::string& key, std::size_t nth = 0) {
    for (const auto& k : kpis)
      if (k.key == key && nth-- == 0) return k;
    FAIL("no KPI " << key);
    return Kpi{};
  };
  CHECK(find("rule.kpi.new_employment").actual == 1);
  CHECK(find("rule.kpi.new_employment").target == 500);
  CHECK(find("rule.kpi.service_points").actual == 2);  // the same community twice counts once
  CHECK_FALSE(find("rule.kpi.service_points").met);
  CHECK(find("rule.kpi.service_points_township").actual == 2);  // 汉丰: two communities, as required
  CHECK(find("rule.kpi.service_points_township").met);
  CHECK(find("rule.kpi.service_points_township", 1).actual == 0);  // 文峰: none yet
  CHECK(find("rule.kpi.measures").target == 29);
}

TEST_CASE("edits keep history: who changed what, when, old → new", "[rules][history]") {
  Scenario s;
  const RecordId w = s.worker();
  RegisterWorker form{"张三", with_check("50015419900101123"), "13812345678", 500154001};
  CHECK(s.refused(EditWorker{w, form}) == std::vector<std::string>{"err.edit.nothing_changed"});
  form.mobile = "13900009999";
  form.township = 500154002;
  const RecordId edit = s.ok(EditWorker{w, form});
  form.resident_id = with_check("50015419900101124");
  CHECK(has_key(s.refused(EditWorker{w, form}), "err.resident_id.not_editable"));
  const Worker* now = s.state().workers().find(s.key(w));
  CHECK(now->details.mobile == "13900009999");
  const auto h = s.state().history(s.key(w));
  REQUIRE(h.size() == 2);
  CHECK(h[0].field == static_cast<std::uint16_t>(WorkerField::Mobile));
  CHECK(h[0].old_value == "13812345678");
  CHECK(h[0].new_value == "13900009999");
  CHECK(h[0].by == edit);
  CHECK(h[0].in_force);
  CHECK(s.state().search_workers("139000").size() == 1);  // the index follows the edit
  CHECK(s.state().search_workers("1381234").empty());
}

TEST_CASE("measures: 29 from the seed with their units — progress only from a responsible unit", "[rules][measures]") {
  const MeasureRegistry& m = MeasureRegistry::builtin();
  REQUIRE(m.measures().size() == 29);
  CHECK(m.measure(7)->lead == "hrss");
  CHECK(m.unit("commerce")->name_zh == "区商务委");
  Scenario s;
  CHECK(has_key(s.refused(ReportProgress{7, "education", "2022-06-01", MeasureStatus::InProgress, "进展"}), "err.progress.not_responsible"));
  CHECK(has_key(s.refused(ReportProgress{30, "hrss", "2022-06-01", MeasureStatus::InProgress, "进展"}), "err.progress.measure"));
  // the towns and streets report on a measure whose list ends in 等, and on no other
  for (const auto& measure : m.measures()) {
    const ReportProgress r{measure.number, "townships", "2022-02-01", MeasureStatus::InProgress, "镇街配合推进"};
    INFO(int(measure.number));
    if (measure.and_others) CHECK(s.refused(r).empty());
    else CHECK(has_key(s.refused(r), "err.progress.not_responsible"));
  }
  s.ok(ReportProgress{7, "hrss", "2022-03-01", MeasureStatus::InProgress, "已部署"});
  s.ok(ReportProgress{7, "commerce", "2022-06-01", MeasureStatus::Done, "已完成"});
  const auto progress = measure_progress(s.state(), m);
  CHECK(progress[6].status == MeasureStatus::Done);
  CHECK(progress[6].reports == 2);
  CHECK(progress[0].status == MeasureStatus::NotStarted);
}

TEST_CASE("the programme configuration is data: a later period is a new file", "[rules][config]") {
  const ProgrammeConfig& c = config();
  CHECK(c.new_employment_per_year == 500);
  CHECK(c.training_per_year == 2500);
  CHECK(c.training_cumulative == 10000);
  CHECK(c.service_points_by == Date{2020, 6, 30});
  CHECK(c.service_points_by_township.at(500154002) == 2);
  CHECK(c.internet_leader_revenue_fen.at(2021) == 2000000000);
  CHECK(c.phases.size() == 3);
  CHECK_THROWS_WITH(ProgrammeConfig::parse("programme.name\tx\n"), Catch::Contains("missing key"));
  CHECK(parse_yuan("1,234.5") == 123450);
  CHECK(parse_yuan("￥12") == 1200);
  CHECK_FALSE(parse_yuan("12.345"));
  CHECK_FALSE(parse_yuan("-3"));
  CHECK(format_yuan(123405) == "1234.05");
}
