// Comparing two states the way the app sees them. Shared by the fold-order test (states folded
// from different interleavings: their Keys differ, so they are compared by record id) and the
// snapshot test (a restored state must equal the saved one row for row, index for index).
#pragma once
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "measures.hpp"
#include "programme.hpp"
#include "rules.hpp"
#include "state.hpp"

namespace hearth::test {

// Everything the views and rules read, as text sorted by record id: rows, resolved fields,
// history, duplicates, licences, credit, KPIs and the search order. Independent of Keys.
inline std::string canonical(const State& s) {
  std::map<std::string, std::string> lines;  // sorted by record id
  auto id = [&](Key k) { return k ? s.record_id(k).str() : std::string("-"); };
  for (const auto& w : s.workers().rows()) {
    std::ostringstream o;
    const auto& d = w.details;
    o << "W " << w.resident_id << " " << d.name << " " << d.mobile << " " << d.township << " " << int(d.occupation) << " " << d.special_groups
      << " dup=" << s.is_duplicate(w) << " lic=" << (s.licence_of(w.key) ? s.licence_of(w.key)->number + s.licence_of(w.key)->expires.iso() : "-")
      << " rev=" << (s.licence_revocation_of(w.key) ? s.licence_revocation_of(w.key)->date.iso() + id(s.licence_revocation_of(w.key)->key) : "-");
    for (const auto& h : s.history(w.key)) o << " [" << h.field << ":" << h.old_value << ">" << h.new_value << "@" << h.by.str() << h.in_force << "]";
    lines[id(w.key)] = o.str();
  }
  for (const auto& e : s.enterprises().rows()) {
    const CreditRating r = rate_credit(s, e.key, Date{2022, 12, 31}, ProgrammeConfig::builtin());
    lines[id(e.key)] = "E " + e.credit_code + " " + e.details.name + " credit=" + std::to_string(r.score) + r.grade +
                       " eb=" + std::to_string(employee_based(s, e.key, Date{2022, 12, 31}, ProgrammeConfig::builtin()).held());
  }
  for (const auto& k : s.completions().rows())
    lines[id(k.key)] = "C " + id(k.worker) + " " + id(k.course) + " " + k.date.iso() + " first=" +
                       std::to_string(s.first_completion(k.worker, k.course) == &k);
  for (const auto& sp : s.spells().rows()) {
    const SpellEnd* end = s.spell_end(sp.key);
    lines[id(sp.key)] = "S " + id(sp.worker) + " " + id(sp.enterprise) + " " + sp.hired.iso() + " " + (end ? end->left.iso() + id(end->key) : "-");
  }
  for (const auto& c : s.complaints().rows()) {
    const ComplaintClosure* cl = s.closure_of(c.key);
    lines[id(c.key)] = "K " + std::to_string(s.mediation_steps_of(c.key).size()) + " " + (cl ? std::to_string(int(cl->outcome)) + id(cl->key) : "-");
  }
  for (const auto& h : s.health_checks().rows()) lines[id(h.key)] = "H " + id(h.worker) + " " + h.valid_until.iso();
  std::ostringstream out;
  for (const auto& [k, v] : lines) out << k << " " << v << "\n";
  for (const auto& kpi : programme_kpis(s, 2022, 0, ProgrammeConfig::builtin(), MeasureRegistry::builtin())) out << kpi.key << "=" << kpi.actual << "\n";
  for (auto i : s.search_workers("")) out << id(s.workers().rows()[i].key) << ",";
  return out.str();
}

// The first difference between two states that share their Keys (one restored from the
// other's snapshot), or "" if there is none: every row of every table, every child list and
// resolved value by row number, history, the register's lookups and search.
inline std::string first_difference(const State& a, const State& b) {
  auto differs = [](const auto& x, const auto& y) { return !(x == y); };
#define HEARTH_SAME_TABLE(t) \
  if (differs(a.t().rows(), b.t().rows())) return #t;
  HEARTH_SAME_TABLE(workers) HEARTH_SAME_TABLE(enterprises) HEARTH_SAME_TABLE(spells) HEARTH_SAME_TABLE(identity_checks)
  HEARTH_SAME_TABLE(courses) HEARTH_SAME_TABLE(sessions) HEARTH_SAME_TABLE(enrolments) HEARTH_SAME_TABLE(attendance)
  HEARTH_SAME_TABLE(completions) HEARTH_SAME_TABLE(health_checks) HEARTH_SAME_TABLE(licences) HEARTH_SAME_TABLE(contracts)
  HEARTH_SAME_TABLE(complaints) HEARTH_SAME_TABLE(mediation_steps) HEARTH_SAME_TABLE(credit_events) HEARTH_SAME_TABLE(assessments)
  HEARTH_SAME_TABLE(service_points) HEARTH_SAME_TABLE(progress_reports) HEARTH_SAME_TABLE(licence_revocations)
#undef HEARTH_SAME_TABLE
  // Child lists as row numbers, so the two states' rows can be compared.
  auto rows = [](const auto& list, const auto& table) {
    std::vector<std::ptrdiff_t> out;
    for (const auto* p : list) out.push_back(p - table.rows().data());
    return out;
  };
  auto row_of = [](const auto* p, const auto& table) { return p ? p - table.rows().data() : std::ptrdiff_t{-1}; };
  for (const auto& w : a.workers().rows()) {
    const Key k = w.key;
    const std::string who = "worker " + a.record_id(k).str() + ": ";
    if (differs(rows(a.spells_of_worker(k), a.spells()), rows(b.spells_of_worker(k), b.spells()))) return who + "spells";
    if (differs(rows(a.completions_of_worker(k), a.completions()), rows(b.completions_of_worker(k), b.completions()))) return who + "completions";
    if (differs(rows(a.health_checks_of(k), a.health_checks()), rows(b.health_checks_of(k), b.health_checks()))) return who + "health checks";
    if (differs(rows(a.identity_checks_of(k), a.identity_checks()), rows(b.identity_checks_of(k), b.identity_checks()))) return who + "identity";
    if (differs(rows(a.complaints_about(k), a.complaints()), rows(b.complaints_about(k), b.complaints()))) return who + "complaints";
    if (differs(rows(a.credit_events_of(k), a.credit_events()), rows(b.credit_events_of(k), b.credit_events()))) return who + "credit";
    if (row_of(a.licence_of(k), a.licences()) != row_of(b.licence_of(k), b.licences())) return who + "licence";
    if (row_of(a.licence_revocation_of(k), a.licence_revocations()) != row_of(b.licence_revocation_of(k), b.licence_revocations()))
      return who + "licence revocation";
    if (row_of(a.worker_by_resident_id(w.resident_id), a.workers()) != row_of(b.worker_by_resident_id(w.resident_id), b.workers()))
      return who + "resident id lookup";
    if (differs(a.history(k), b.history(k))) return who + "history";
    for (const auto& c : a.courses().rows())
      if (row_of(a.first_completion(k, c.key), a.completions()) != row_of(b.first_completion(k, c.key), b.completions())) return who + "first completion";
  }
  for (const auto& e : a.enterprises().rows()) {
    const Key k = e.key;
    const std::string what = "enterprise " + a.record_id(k).str() + ": ";
    if (differs(rows(a.spells_of_enterprise(k), a.spells()), rows(b.spells_of_enterprise(k), b.spells()))) return what + "spells";
    if (differs(rows(a.contracts_of_enterprise(k), a.contracts()), rows(b.contracts_of_enterprise(k), b.contracts()))) return what + "contracts";
    if (differs(rows(a.complaints_about(k), a.complaints()), rows(b.complaints_about(k), b.complaints()))) return what + "complaints";
    if (differs(rows(a.credit_events_of(k), a.credit_events()), rows(b.credit_events_of(k), b.credit_events()))) return what + "credit";
    if (differs(rows(a.assessments_of(k), a.assessments()), rows(b.assessments_of(k), b.assessments()))) return what + "assessments";
    if (row_of(a.enterprise_by_credit_code(e.credit_code), a.enterprises()) != row_of(b.enterprise_by_credit_code(e.credit_code), b.enterprises()))
      return what + "credit code lookup";
    if (differs(a.history(k), b.history(k))) return what + "history";
    for (std::uint16_t y = 2019; y <= 2027; ++y) {
      const RevenueFigure* ra = a.revenue(k, y);
      const RevenueFigure* rb = b.revenue(k, y);
      if ((ra == nullptr) != (rb == nullptr) || (ra && differs(*ra, *rb))) return what + "revenue " + std::to_string(y);
    }
  }
  for (const auto& s : a.sessions().rows()) {
    const std::string what = "session " + a.record_id(s.key).str() + ": ";
    if (differs(rows(a.completions_of_session(s.key), a.completions()), rows(b.completions_of_session(s.key), b.completions()))) return what + "completions";
    if (differs(rows(a.enrolments_of_session(s.key), a.enrolments()), rows(b.enrolments_of_session(s.key), b.enrolments()))) return what + "enrolments";
    if (differs(rows(a.attendance_of_session(s.key), a.attendance()), rows(b.attendance_of_session(s.key), b.attendance()))) return what + "attendance";
  }
  for (const auto& sp : a.spells().rows()) {
    const SpellEnd* ea = a.spell_end(sp.key);
    const SpellEnd* eb = b.spell_end(sp.key);
    if ((ea == nullptr) != (eb == nullptr) || (ea && differs(*ea, *eb))) return "spell end of " + a.record_id(sp.key).str();
  }
  for (const auto& c : a.complaints().rows()) {
    const ComplaintClosure* ca = a.closure_of(c.key);
    const ComplaintClosure* cb = b.closure_of(c.key);
    if ((ca == nullptr) != (cb == nullptr) || (ca && differs(*ca, *cb))) return "closure of " + a.record_id(c.key).str();
    if (differs(rows(a.mediation_steps_of(c.key), a.mediation_steps()), rows(b.mediation_steps_of(c.key), b.mediation_steps())))
      return "mediation of " + a.record_id(c.key).str();
  }
  for (const char* q : {"", "张", "5001541", "138", "x"})
    if (differs(a.search_workers(q), b.search_workers(q))) return std::string("search \"") + q + "\"";
  if (a.revision() != b.revision()) return "revision " + std::to_string(a.revision()) + " vs " + std::to_string(b.revision());
  if (canonical(a) != canonical(b)) return "canonical";
  return "";
}

}  // namespace hearth::test
