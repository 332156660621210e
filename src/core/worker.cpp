#include "worker.hpp"

#include "mobile_number.hpp"
#include "resident_id.hpp"
#include "state.hpp"
#include "text.hpp"
#include "township.hpp"

namespace hearth {

namespace {
Problem check_name(std::string_view raw, std::string& out) {
  const std::string_view name = trim(raw);
  if (name.empty()) return {"name", "err.name.empty", {}};
  if (!utf8_valid(name)) return {"name", "err.name.characters", {}};
  if (utf8_length(name) > kMaxNameLength) return {"name", "err.name.too_long", {std::to_string(kMaxNameLength)}};
  for (unsigned char c : name)
    if (c < 0x20 || c == 0x7F || (c >= '0' && c <= '9')) return {"name", "err.name.characters", {}};
  out = std::string(name);
  return {};
}
}  // namespace

Problems validate(const RegisterWorker& cmd, const State& state, const Date& today, WorkerRegistered& out) {
  Problems problems;
  if (auto p = check_name(cmd.name, out.name); !p.message.empty()) problems.push_back(std::move(p));

  if (auto id = ResidentId::parse(cmd.resident_id, today); !id) {
    problems.push_back(id.problem);
  } else if (const std::int32_t age = id.value->birth_date().years_until(today); age < kMinimumWorkingAge) {
    problems.push_back({"resident_id", "err.resident_id.too_young", {std::to_string(age), std::to_string(kMinimumWorkingAge)}});
  } else if (const Worker* existing = state.worker_by_resident_id(id.value->digits())) {
    problems.push_back({"resident_id", "err.resident_id.duplicate", {existing->name}});
  } else {
    out.resident_id = id.value->digits();
  }

  if (auto m = MobileNumber::parse(cmd.mobile); !m) problems.push_back(m.problem);
  else out.mobile = m.value->digits();

  if (cmd.township == 0) problems.push_back({"township", "err.township.empty", {}});
  else if (!kaizhou_townships().find(cmd.township)) problems.push_back({"township", "err.township.unknown", {std::to_string(cmd.township)}});
  else out.township = cmd.township;

  return problems;
}

}  // namespace hearth
