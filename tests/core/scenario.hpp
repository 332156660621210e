// A small world for rule tests: one device's workspace, commands that must be accepted
// (returning the new record's id) or refused (returning the problem keys), on a given date.
#pragma once
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "credit_code.hpp"
#include "helpers.hpp"
#include "workspace.hpp"

namespace hearth::test {

class Scenario {
 public:
  explicit Scenario(std::uint8_t device = 0x31) : ws(DeviceId{device}) {}
  Workspace ws;
  std::vector<Event> log;  // every event this scenario's device committed, in order
  std::int64_t now = (Date{2022, 6, 30}.days_since_1970() * 86400 + 10 * 3600) * 1000;  // 2022-06-30 18:00 China time

  void on(const Date& d) { now = (d.days_since_1970() * 86400 + 10 * 3600) * 1000; }
  Date today() const { return Date::from_unix_ms(now); }
  const State& state() const { return ws.state(); }
  Key key(const RecordId& id) const { return ws.state().key_of(id); }

  RecordId ok(const Command& c) {
    Decision d = ws.decide(c, now);
    if (!d.accepted()) {
      for (const auto& p : d.problems) UNSCOPED_INFO(p.field << ": " << p.message << (p.args.empty() ? "" : " " + p.args[0]));
    }
    REQUIRE(d.accepted());
    REQUIRE_FALSE(ws.commit(d.events));
    for (const auto& e : d.events) log.push_back(e.event);
    now += 1000;
    return RecordId{d.events.back().event.device, d.events.back().event.seq};
  }
  std::vector<std::string> refused(const Command& c) {
    const Decision d = ws.decide(c, now);
    std::vector<std::string> keys;
    for (const auto& p : d.problems) keys.push_back(p.message + (p.args.empty() ? "" : ":" + p.args[0]));
    return keys;
  }

  // Ready-made records.
  RecordId worker(const std::string& first17 = "50015419900101123", Occupation o = Occupation::Housekeeper, std::uint16_t groups = 0) {
    RegisterWorker w{"张三", with_check(first17), "13812345678", 500154001};
    w.occupation = o;
    w.special_groups = groups;
    return ok(w);
  }
  RecordId enterprise(const std::string& code17 = "91500154MA5U7X3C0") {
    RegisterEnterprise e;
    e.credit_code = code17 + CreditCode::check_character(code17);
    e.name = "重庆安心家政服务有限公司";
    e.legal_representative = "李四";
    e.contact_mobile = "13900001111";
    e.address = "汉丰街道滨湖路1号";
    e.township = 500154001;
    e.services = bit(ServiceKind::Housekeeping);
    return ok(e);
  }
  RecordId course(CourseType type = CourseType::PreJob, bool subsidised = true) {
    return ok(CreateCourse{"家政服务员岗前培训", type, TrainingProgramme::SpringTide, "开州职教中心", "40", subsidised});
  }
  RecordId session(const RecordId& course, const std::string& date) {
    return ok(ScheduleSession{course, date, "实训楼101", "王老师", 500154001});
  }
  RecordId complete(const RecordId& session, const RecordId& worker, const std::string& date, const std::string& score = "88.5") {
    ok(Enrol{session, worker});
    return ok(RecordCompletion{session, worker, date, score, "JZ2022001"});
  }
  RecordId hire(const RecordId& worker, const RecordId& ent, const std::string& date, EmploymentForm f = EmploymentForm::LabourContract,
                SocialInsurance ins = SocialInsurance::UrbanEmployee, const std::string& wage = "2500.00", bool direct = true) {
    return ok(StartEmployment{worker, ent, f, date, wage, ins, direct});
  }
  RecordId check(const RecordId& worker, const std::string& date, HealthCategory cat, const std::string& until = "", bool fit = true) {
    return ok(RecordHealthCheck{worker, date, "开州区人民医院", cat, bit(HealthItem::General), fit, until});
  }
};

}  // namespace hearth::test
