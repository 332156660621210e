#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "workspace.hpp"

using namespace hearth;
using hearth::test::kNowMs;
using hearth::test::kToday;
using hearth::test::with_check;

namespace {
RegisterWorker valid_worker() { return {"张三", with_check("50015419900101123"), "13812345678", 500154001}; }

std::vector<std::string> fields(const Problems& ps) {
  std::vector<std::string> out;
  for (const auto& p : ps) out.push_back(p.field + ":" + p.message);
  return out;
}
}  // namespace

TEST_CASE("a valid registration is normalised into one event", "[worker]") {
  Workspace ws(DeviceId{1});
  RegisterWorker cmd = valid_worker();
  cmd.name = "  张三 ";
  cmd.mobile = "138 1234 5678";
  const Decision d = ws.decide(cmd, kNowMs);
  REQUIRE(d.accepted());
  REQUIRE(d.events.size() == 1);
  const auto& body = std::get<WorkerRegistered>(d.events[0].event.body);
  CHECK(body.details.name == "张三");
  CHECK(body.details.mobile == "13812345678");
  CHECK(body.resident_id == with_check("50015419900101123"));
  CHECK(body.details.township == 500154001);
  CHECK(ws.state().workers().size() == 0);  // deciding changes nothing
}

TEST_CASE("every wrong field is reported at once, by field", "[worker]") {
  Workspace ws(DeviceId{1});
  const Decision d = ws.decide(RegisterWorker{"", "123", "12", 0}, kNowMs);
  CHECK_FALSE(d.accepted());
  CHECK(d.events.empty());
  CHECK(fields(d.problems) == std::vector<std::string>{"name:err.name.empty", "resident_id:err.resident_id.length",
                                                        "mobile:err.mobile.length", "township:err.township.empty"});
}

TEST_CASE("names: length, digits and control characters", "[worker]") {
  Workspace ws(DeviceId{1});
  auto name_error = [&](std::string name) {
    RegisterWorker c = valid_worker();
    c.name = std::move(name);
    const auto d = ws.decide(c, kNowMs);
    const Problem* p = problem_for(d.problems, "name");
    return p ? p->message : std::string("ok");
  };
  CHECK(name_error("阿依古丽·买买提") == "ok");  // names with the middle dot
  CHECK(name_error("Maria Li") == "ok");
  CHECK(name_error("张3") == "err.name.characters");
  CHECK(name_error("张\t三") == "err.name.characters");
  CHECK(name_error(std::string(31, 'a')) == "err.name.too_long");
  CHECK(name_error(std::string(30, 'a')) == "ok");
  std::string thirty_one_han;
  for (int i = 0; i < 31; ++i) thirty_one_han += "张";
  CHECK(name_error(thirty_one_han) == "err.name.too_long");
  CHECK(name_error("\xE5\xBC") == "err.name.characters");  // broken UTF-8
}

TEST_CASE("an unknown township code is refused", "[worker]") {
  Workspace ws(DeviceId{1});
  RegisterWorker c = valid_worker();
  c.township = 500154101;
  CHECK(fields(ws.decide(c, kNowMs).problems) == std::vector<std::string>{"township:err.township.unknown"});
}

TEST_CASE("a person under 16 cannot be registered as a worker", "[worker]") {
  Workspace ws(DeviceId{1});
  RegisterWorker c = valid_worker();
  c.resident_id = with_check("50015420101130123");  // 16 tomorrow
  const auto d = ws.decide(c, kNowMs);
  REQUIRE(d.problems.size() == 1);
  CHECK(d.problems[0].message == "err.resident_id.too_young");
  CHECK(d.problems[0].args == std::vector<std::string>{"15", "16"});
  c.resident_id = with_check("50015420101129123");  // 16 today
  CHECK(ws.decide(c, kNowMs).accepted());
}

TEST_CASE("the same ID number cannot be registered twice", "[worker]") {
  Workspace ws(DeviceId{1});
  const Decision first = ws.decide(valid_worker(), kNowMs);
  REQUIRE_FALSE(ws.commit(first.events));
  RegisterWorker again = valid_worker();
  again.name = "李四";
  again.resident_id = with_check("50015419900101123");
  const auto d = ws.decide(again, kNowMs + 1000);
  REQUIRE(d.problems.size() == 1);
  CHECK(d.problems[0].message == "err.resident_id.duplicate");
  CHECK(d.problems[0].args == std::vector<std::string>{"张三"});
}

TEST_CASE("search by name, ID digits or phone, newest first", "[worker][search]") {
  Workspace ws(DeviceId{1});
  const std::vector<RegisterWorker> people = {
      {"张三", with_check("50015419900101123"), "13812345678", 500154001},
      {"李四", with_check("50015419850505222"), "13987654321", 500154002},
      {"张小红", "11010519491231002X", "15000001111", 500154104},
  };
  std::int64_t t = kNowMs;
  for (const auto& p : people) REQUIRE_FALSE(ws.commit(ws.decide(p, t += 1000).events));
  const State& s = ws.state();
  auto names = [&](std::string_view q) {
    std::vector<std::string> out;
    for (auto i : s.search_workers(q)) out.push_back(s.workers().rows()[i].name());
    return out;
  };
  CHECK(names("") == std::vector<std::string>{"张小红", "李四", "张三"});
  CHECK(names("张") == std::vector<std::string>{"张小红", "张三"});
  CHECK(names("  李四 ") == std::vector<std::string>{"李四"});
  CHECK(names("002x") == std::vector<std::string>{"张小红"});  // lowercase x finds X
  CHECK(names("4321") == std::vector<std::string>{"李四"});     // phone digits
  CHECK(names("19850505") == std::vector<std::string>{"李四"});  // birth date inside the ID
  CHECK(names("王") .empty());
}
