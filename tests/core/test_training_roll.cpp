// The trainer's roll (training_roll.hpp): sessions around today, who is present, results with
// their certificates and subsidy marks, and finding a late arrival by name or ID digits.
#include <catch2/catch.hpp>

#include "rules.hpp"
#include "scenario.hpp"
#include "state.hpp"
#include "training_roll.hpp"

using namespace hearth;
using namespace hearth::test;

namespace {
bool has_key(const std::vector<std::string>& keys, const std::string& k) {
  for (const auto& x : keys)
    if (x == k || x.starts_with(k + ":")) return true;
  return false;
}
}  // namespace

TEST_CASE("the sessions around today: today's first, then the nearest, the device's provider first", "[training][roll]") {
  Scenario s;
  s.on(Date{2022, 6, 1});
  const RecordId c = s.course();
  const RecordId other = s.ok(CreateCourse{"育婴员技能提升", CourseType::SkillUpgrade, TrainingProgramme::None, "另一培训机构", "24", false});
  const RecordId yesterday = s.session(c, "2022-06-29");
  const RecordId today = s.session(c, "2022-06-30");
  const RecordId tomorrow = s.session(c, "2022-07-01");
  const RecordId far = s.session(c, "2022-09-01");
  const RecordId others_today = s.session(other, "2022-06-30");
  s.on(Date{2022, 6, 30});
  auto near = sessions_near(s.state(), s.today(), 7, 7, 10);
  REQUIRE(near.size() == 4);
  CHECK(near[2] == s.key(tomorrow));
  CHECK(near[3] == s.key(yesterday));
  CHECK(std::find(near.begin(), near.end(), s.key(far)) == near.end());
  near = sessions_near(s.state(), s.today(), 7, 7, 10, "开州职教中心");
  CHECK(near[0] == s.key(today));
  CHECK(near[3] == s.key(others_today));
  CHECK(sessions_near(s.state(), s.today(), 7, 7, 2).size() == 2);
}

TEST_CASE("the roll: present today, results with certificates issued by the core, subsidy marks", "[training][roll]") {
  Scenario s;
  s.on(Date{2022, 6, 1});
  const RecordId c = s.course(CourseType::PreJob, /*subsidised=*/true);
  const RecordId sess = s.session(c, "2022-06-29");
  const RecordId a = s.worker("50015419900101123"), b = s.worker("50015419910101123"), d = s.worker("50015419920101123");
  for (const RecordId& w : {a, b, d}) s.ok(Enrol{sess, w});
  s.on(Date{2022, 6, 30});
  const Date today = s.today();
  s.ok(RecordAttendance{sess, a, "2022-06-29", true});
  s.ok(RecordAttendance{sess, a, "2022-06-30", true});
  s.ok(RecordAttendance{sess, b, "2022-06-30", false});
  CHECK(has_key(s.refused(RecordAttendance{sess, a, "2022-06-30", true}), "err.attendance.already"));
  s.ok(RecordCompletion{sess, a, "2022-06-30", "92.5", ""});
  s.ok(RecordCompletion{sess, b, "2022-06-30", "40", ""});

  const SessionRoll roll = session_roll(s.state(), s.key(sess), today, ProgrammeConfig::builtin());
  REQUIRE(roll.rows.size() == 3);
  CHECK(roll.course->name == "家政服务员岗前培训");
  const RollRow& ra = roll.rows[0];
  CHECK(ra.worker == s.key(a));
  CHECK(ra.present_today);
  CHECK(ra.days_present == 2);
  REQUIRE(ra.result);
  CHECK(ra.score == "92.5");
  CHECK(ra.result->passed);
  CHECK(ra.result->certificate == training_certificate_for(s.state(), s.key(sess), s.key(a)));
  CHECK(ra.subsidy);
  CHECK(ra.subsidy_fen > 0);
  CHECK(ra.masked_id.find("****") != std::string::npos);
  const RollRow& rb = roll.rows[1];
  CHECK(rb.absent_today);
  CHECK_FALSE(rb.present_today);
  REQUIRE(rb.result);
  CHECK_FALSE(rb.result->passed);
  CHECK(rb.result->certificate.empty());
  CHECK_FALSE(rb.subsidy);
  CHECK_FALSE(roll.rows[2].result);
  CHECK(roll.present_today == 1);
  CHECK(roll.completed == 2);
  CHECK(roll.passed == 1);
  CHECK(roll.subsidised == 1);
  // the pass counts towards person-times at once
  CHECK(person_times(s.state(), Date{2022, 1, 1}, Date{2022, 12, 31}, 0).size() == 1);
}

TEST_CASE("a course not eligible for the subsidy marks no pass as subsidised", "[training][roll]") {
  Scenario s;
  const RecordId c = s.course(CourseType::Refresher, /*subsidised=*/false);
  const RecordId sess = s.session(c, "2022-06-30");
  const RecordId a = s.worker();
  s.complete(sess, a, "2022-06-30", "95");
  const SessionRoll roll = session_roll(s.state(), s.key(sess), s.today(), ProgrammeConfig::builtin());
  REQUIRE(roll.rows.size() == 1);
  CHECK(roll.rows[0].result->passed);
  CHECK_FALSE(roll.rows[0].subsidy);
  CHECK(roll.subsidised == 0);
}

TEST_CASE("a late arrival is found by name or by the last digits of the ID, not when already enrolled", "[training][roll]") {
  Scenario s;
  const RecordId c = s.course();
  const RecordId sess = s.session(c, "2022-06-30");
  const RecordId a = s.worker("50015419900101123");
  RegisterWorker li{"李秀英", with_check("50015419850302456"), "13812340000", 500154001};
  const RecordId b = s.ok(li);
  const std::string b_id = s.state().workers().find(s.key(b))->resident_id;
  CHECK(find_trainees(s.state(), b_id.substr(14), s.key(sess), 10) == std::vector<Key>{s.key(b)});
  CHECK(find_trainees(s.state(), "秀英", s.key(sess), 10) == std::vector<Key>{s.key(b)});
  CHECK(find_trainees(s.state(), "  ", s.key(sess), 10).empty());
  s.ok(Enrol{sess, b});
  CHECK(find_trainees(s.state(), "秀英", s.key(sess), 10).empty());
  CHECK(find_trainees(s.state(), "张三", s.key(sess), 10) == std::vector<Key>{s.key(a)});
}
