#include "training_roll.hpp"

#include <algorithm>
#include <cstdio>
#include <unordered_set>

#include "resident_id.hpp"
#include "rules.hpp"
#include "state.hpp"
#include "text.hpp"

namespace hearth {

// ---- 1. Sessions around a date ------------------------------------------------------------
std::vector<Key> sessions_near(const State& s, const Date& on, std::int32_t days_before, std::int32_t days_after, std::size_t limit,
                               std::string_view provider) {
  const Date from = on.plus_days(-days_before), to = on.plus_days(days_after);
  struct Near {
    Key key;
    bool other_provider;
    std::int32_t distance;  // days from `on`; ties: later first (a session starting tomorrow before yesterday's)
    bool past;
  };
  std::vector<Near> found;
  for (const TrainingSession& t : s.sessions().rows()) {
    if (t.date < from || to < t.date) continue;
    const Course* c = s.courses().find(t.course);
    const bool other = !provider.empty() && (!c || c->provider != provider);
    const auto d = static_cast<std::int32_t>(t.date < on ? t.date.days_until(on) : on.days_until(t.date));
    found.push_back({t.key, other, d, t.date < on});
  }
  std::sort(found.begin(), found.end(), [](const Near& a, const Near& b) {
    if (a.other_provider != b.other_provider) return !a.other_provider;
    if (a.distance != b.distance) return a.distance < b.distance;
    if (a.past != b.past) return !a.past;
    return a.key < b.key;
  });
  std::vector<Key> out;
  for (const Near& n : found) {
    if (out.size() == limit) break;
    out.push_back(n.key);
  }
  return out;
}

// ---- 2. A session's roll ------------------------------------------------------------------
SessionRoll session_roll(const State& s, Key session, const Date& today, const ProgrammeConfig& c) {
  SessionRoll roll;
  roll.session = session;
  roll.row = s.sessions().find(session);
  if (!roll.row) return roll;
  roll.course = s.courses().find(roll.row->course);
  auto enrolments = s.enrolments_of_session(session);
  std::sort(enrolments.begin(), enrolments.end(), [](const Enrolment* a, const Enrolment* b) { return a->key < b->key; });
  const auto attendance = s.attendance_of_session(session);
  const auto results = s.completions_of_session(session);
  for (const Enrolment* e : enrolments) {
    const Worker* w = s.workers().find(e->worker);
    if (!w) continue;
    RollRow r;
    r.worker = w->key;
    r.name = w->name();
    r.masked_id = ResidentId::mask(w->resident_id);
    std::unordered_set<std::int64_t> days;
    for (const Attendance* a : attendance) {
      if (a->worker != w->key) continue;
      if (a->present) days.insert(a->date.days_since_1970());
      if (a->date == today) (a->present ? r.present_today : r.absent_today) = true;
    }
    r.days_present = static_cast<std::uint32_t>(days.size());
    for (const Completion* k : results)
      if (k->worker == w->key && (!r.result || k->key < r.result->key)) r.result = k;
    if (r.result) {
      char score[16];
      std::snprintf(score, sizeof score, "%u.%u", r.result->score_tenths / 10u, r.result->score_tenths % 10u);
      r.score = score;
      const SubsidyItem item = training_subsidy(s, *r.result, c);
      r.subsidy = item.amount_fen > 0;
      r.subsidy_fen = item.amount_fen;
      ++roll.completed;
      if (r.result->passed) ++roll.passed;
      if (r.subsidy) ++roll.subsidised;
    }
    if (r.present_today) ++roll.present_today;
    roll.rows.push_back(std::move(r));
  }
  return roll;
}

// ---- 3. Finding a trainee -----------------------------------------------------------------
std::vector<Key> find_trainees(const State& s, std::string_view query, Key session, std::size_t limit) {
  std::vector<Key> out;
  const std::string_view q = trim(query);
  if (q.empty()) return out;
  std::unordered_set<Key> enrolled;
  for (const Enrolment* e : s.enrolments_of_session(session)) enrolled.insert(e->worker);
  for (std::uint32_t row : s.search_workers(q)) {
    const Worker& w = s.workers().rows()[row];
    if (enrolled.contains(w.key)) continue;
    out.push_back(w.key);
    if (out.size() == limit) break;
  }
  return out;
}

}  // namespace hearth
