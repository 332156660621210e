// Index of this file
// 1. Wording helpers
// 2. The four registers: workers, enterprises, service points, contracts
// 3. One enterprise: employees, criterion text, evidence named
// 4. One worker: employment, training, health, contracts, complaints, credit
#include "register_tables.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "resident_id.hpp"
#include "state.hpp"
#include "township.hpp"

namespace hearth {

// ---- 1. Wording -------------------------------------------------------------------------------

bool catalog_is_english(const Catalog& c) { return c.text("registers.language") == "en"; }

std::string township_text(const Catalog& c, std::uint32_t code) {
  if (code == 0) return "—";
  const Township* t = kaizhou_townships().find(code);
  if (!t) return std::to_string(code);
  return catalog_is_english(c) ? t->name_en : t->name_zh;
}

std::string term_text(const Catalog& c, std::span<const Term> terms, std::uint8_t value) {
  const auto k = term_key(terms, value);
  return k.empty() ? std::to_string(value) : std::string(c.text(k));
}

std::string term_set_text(const Catalog& c, std::span<const Term> terms, std::uint16_t set) {
  std::string out;
  const char* sep = catalog_is_english(c) ? ", " : "、";
  for (const Term& t : terms)
    if (set & (1u << t.value)) {
      if (!out.empty()) out += sep;
      out += c.text(t.key);
    }
  return out.empty() ? std::string("—") : out;
}

std::string mask_mobile(std::string_view m) {
  if (m.size() != 11) return std::string(m);
  return std::string(m.substr(0, 3)) + "****" + std::string(m.substr(7));
}

namespace {

std::string yes_no(const Catalog& c, bool v) { return std::string(c.text(v ? "registers.yes" : "registers.no")); }
std::string money(std::int64_t fen) { return format_yuan(fen); }
std::string tr(const Catalog& c, std::string_view key) { return std::string(c.text(key)); }
std::string worker_name(const State& s, Key k) {
  const Worker* w = s.workers().find(k);
  return w ? w->name() : "—";
}
std::string enterprise_name(const State& s, Key k) {
  const Enterprise* e = s.enterprises().find(k);
  return e ? e->name() : "—";
}
// The enterprise employing `worker` on `on` (the earliest-hired open spell), or "—".
std::string employer_on(const State& s, Key worker, const Date& on) {
  const EmploymentSpell* best = nullptr;
  for (const EmploymentSpell* sp : s.spells_of_worker(worker))
    if (s.spell_open_on(*sp, on) && (!best || sp->hired < best->hired)) best = sp;
  return best ? enterprise_name(s, best->enterprise) : "—";
}
std::int64_t headcount_on(const State& s, Key enterprise, const Date& on) {
  std::int64_t n = 0;
  for (const EmploymentSpell* sp : s.spells_of_enterprise(enterprise)) n += s.spell_open_on(*sp, on) ? 1 : 0;
  return n;
}
template <class Row>
void sort_rows_by(std::vector<const Row*>& v, auto key) {
  std::sort(v.begin(), v.end(), [&](const Row* a, const Row* b) { return key(a) != key(b) ? key(a) > key(b) : a->key > b->key; });
}
}  // namespace

// ---- 2. The four registers ----------------------------------------------------------------

TextTable workers_table(const State& s, const Date& today, const Catalog& c, bool show_ids, Columns cols) {
  const bool all = cols == Columns::Export;
  TextTable t;
  t.add_column(tr(c, "workers.col.name"), false, false, 1.0f);
  t.add_column(tr(c, "workers.col.resident_id"), false, false, 2.2f);
  if (all) {
    t.add_column(tr(c, "workers.col.sex"));
    t.add_column(tr(c, "workers.col.birth_date"));
  }
  t.add_column(tr(c, "workers.col.mobile"), false, false, 1.5f);
  t.add_column(tr(c, "workers.col.township"), false, true, 1.1f);
  t.add_column(tr(c, "workers.col.occupation"), false, true, 1.3f);
  if (all) t.add_column(tr(c, "workers.col.skill"));
  t.add_column(tr(c, "workers.col.employer"), false, false, 2.2f);
  if (all) t.add_column(tr(c, "workers.col.registered"));
  for (std::uint32_t row : s.search_workers("")) {  // newest first, duplicates left out
    const Worker& w = s.workers().rows()[row];
    std::vector<std::string> cells{w.name(), show_ids ? w.resident_id : ResidentId::mask(w.resident_id)};
    if (all) {
      cells.push_back(tr(c, w.female ? "workers.profile.female" : "workers.profile.male"));
      cells.push_back(w.birth_date.iso());
    }
    cells.push_back(w.details.mobile);
    cells.push_back(township_text(c, w.details.township));
    cells.push_back(term_text(c, terms_occupation(), static_cast<std::uint8_t>(w.details.occupation)));
    if (all) cells.push_back(term_text(c, terms_skill_level(), static_cast<std::uint8_t>(w.details.skill)));
    cells.push_back(employer_on(s, w.key, today));
    if (all) cells.push_back(Date::from_unix_ms(w.registered.wall_ms).iso());
    t.add_row(w.key, std::move(cells));
  }
  return t;
}

std::string employee_based_text(const Verdict& v, const Catalog& c) {
  std::size_t failed = 0;
  for (const auto& k : v.criteria) failed += k.held ? 0 : 1;
  return failed == 0 ? tr(c, "enterprises.eb.held") : c.format("enterprises.eb.failed", {std::to_string(failed)});
}

TextTable enterprises_table(const State& s, const Date& today, const Catalog& c, const ProgrammeConfig& config, Columns cols) {
  const bool all = cols == Columns::Export;
  TextTable t;
  t.add_column(tr(c, "enterprises.col.name"), false, false, 2.2f);
  t.add_column(tr(c, "enterprises.col.credit_code"), false, false, 1.9f);
  if (all) {
    t.add_column(tr(c, "enterprises.col.legal_representative"));
    t.add_column(tr(c, "enterprises.col.contact_mobile"));
    t.add_column(tr(c, "enterprises.col.address"));
  }
  t.add_column(tr(c, "enterprises.col.township"), false, true, 1.3f);
  t.add_column(tr(c, "enterprises.col.services"), false, false, 1.6f);
  if (all) t.add_column(tr(c, "enterprises.col.flags"));
  t.add_column(tr(c, "enterprises.col.employees"), true, false, 0.8f);
  t.add_column(tr(c, "enterprises.col.employee_based"), false, true, 1.3f);
  std::vector<const Enterprise*> rows;
  for (const Enterprise& e : s.enterprises().rows())
    if (!s.is_duplicate(e)) rows.push_back(&e);
  std::sort(rows.begin(), rows.end(), [](const Enterprise* a, const Enterprise* b) {
    return a->registered.wall_ms != b->registered.wall_ms ? a->registered.wall_ms > b->registered.wall_ms : a->key > b->key;
  });
  for (const Enterprise* e : rows) {
    const Verdict v = employee_based(s, e->key, today, config);
    const auto& d = e->details;
    std::vector<std::string> cells{e->name(), e->credit_code};
    if (all) {
      cells.push_back(d.legal_representative);
      cells.push_back(d.contact_mobile);
      cells.push_back(d.address);
    }
    cells.push_back(township_text(c, d.township));
    cells.push_back(term_set_text(c, terms_service_kind(), d.services));
    if (all) cells.push_back(term_set_text(c, terms_enterprise_flag(), d.flags));
    cells.push_back(std::to_string(headcount_on(s, e->key, today)));
    cells.push_back(employee_based_text(v, c));
    t.add_row(e->key, std::move(cells));
  }
  return t;
}

TextTable service_points_table(const State& s, const Catalog& c) {
  TextTable t;
  t.add_column(tr(c, "points.col.community"), false, false, 1.4f);
  t.add_column(tr(c, "points.col.township"), false, true, 1.1f);
  t.add_column(tr(c, "points.col.operator"), false, false, 2.2f);
  t.add_column(tr(c, "points.col.services"), false, false, 1.6f);
  t.add_column(tr(c, "points.col.opened"), false, false, 1.2f);
  t.add_column(tr(c, "points.col.signage"), false, true, 0.9f);
  std::vector<const ServicePoint*> rows;
  for (const ServicePoint& p : s.service_points().rows()) rows.push_back(&p);
  sort_rows_by(rows, [](const ServicePoint* p) { return p->opened.days_since_1970(); });
  for (const ServicePoint* p : rows)
    t.add_row(p->key, {p->community, township_text(c, p->township), enterprise_name(s, p->operator_enterprise),
                       term_set_text(c, terms_service_kind(), p->services), p->opened.iso(), yes_no(c, p->unified_signage)});
  return t;
}

std::vector<CommunityProgress> service_point_progress(const State& s, const ProgrammeConfig& config, const Catalog& c) {
  auto communities = [&](std::uint32_t in) {
    std::set<std::pair<std::uint32_t, std::string>> seen;
    std::vector<Key> ev;
    for (const ServicePoint& p : s.service_points().rows())
      if (p.opened <= config.service_points_by && (!in || p.township == in) && seen.insert({p.township, p.community}).second)
        ev.push_back(p.key);
    return ev;
  };
  std::vector<CommunityProgress> out;
  auto push = [&](std::string label, std::vector<Key> keys, std::int64_t target) {
    const auto n = static_cast<std::int64_t>(keys.size());
    out.push_back({std::move(label), n, target, n >= target, std::move(keys)});
  };
  push(c.format("rule.kpi.service_points", {config.service_points_by.iso()}), communities(0), config.service_points);
  for (const auto& [code, need] : config.service_points_by_township)
    push(c.format("rule.kpi.service_points_township", {township_text(c, code), config.service_points_by.iso()}), communities(code), need);
  return out;
}

namespace {
std::string contract_status(const ServiceContract& k, const Date& today, const Catalog& c) {
  if (today < k.starts) return tr(c, "contracts.status.not_started");
  if (k.ends < today) return tr(c, "contracts.status.ended");
  return tr(c, "contracts.status.in_force");
}
void contract_columns(TextTable& t, const Catalog& c, bool with_enterprise, bool with_worker, bool all) {
  t.add_column(tr(c, "contracts.col.signed_on"), false, false, 1.45f);
  if (with_enterprise) t.add_column(tr(c, "contracts.col.enterprise"), false, false, 1.8f);
  if (with_worker) t.add_column(tr(c, "contracts.col.worker"), false, false, 0.8f);
  t.add_column(tr(c, "contracts.col.consumer"), false, false, 0.8f);
  if (all) t.add_column(tr(c, "contracts.col.consumer_mobile"));
  t.add_column(tr(c, "contracts.col.township"), false, true, 1.1f);
  // the screen shows when the service ends (what an office checks); the export the whole term
  t.add_column(tr(c, all ? "contracts.col.period" : "contracts.col.ends"), false, false, 1.45f);
  if (all) {
    t.add_column(tr(c, "contracts.col.rest"));
    t.add_column(tr(c, "contracts.col.model_text"));
  }
  t.add_column(tr(c, "contracts.col.fee"), true, false, 1.1f);
  t.add_column(tr(c, "contracts.col.status"), false, true, 0.8f);
}
void contract_row(TextTable& t, const State& s, const ServiceContract& k, const Date& today, const Catalog& c, bool show_ids,
                  bool with_enterprise, bool with_worker, bool all) {
  std::vector<std::string> cells{k.signed_on.iso()};
  if (with_enterprise) cells.push_back(enterprise_name(s, k.enterprise));
  if (with_worker) cells.push_back(worker_name(s, k.worker));
  cells.push_back(k.consumer_name);
  if (all) cells.push_back(show_ids ? k.consumer_mobile : mask_mobile(k.consumer_mobile));
  cells.push_back(township_text(c, k.township));
  cells.push_back(all ? c.format("contracts.period_text", {k.starts.iso(), k.ends.iso()}) : k.ends.iso());
  if (all) {
    cells.push_back(c.format("contracts.rest_text", {std::to_string(k.rest_days_per_month),
                                                     std::string(term_key(terms_rest_arrangement(), static_cast<std::uint8_t>(k.rest)))}));
    cells.push_back(k.model_text);
  }
  cells.push_back(money(k.monthly_fee_fen));
  cells.push_back(contract_status(k, today, c));
  t.add_row(k.key, std::move(cells));
}
}  // namespace

TextTable contracts_table(const State& s, const Date& today, const Catalog& c, bool show_ids, Columns cols) {
  const bool all = cols == Columns::Export;
  TextTable t;
  contract_columns(t, c, true, true, all);
  std::vector<const ServiceContract*> rows;
  for (const ServiceContract& k : s.contracts().rows()) rows.push_back(&k);
  sort_rows_by(rows, [](const ServiceContract* k) { return k->signed_on.days_since_1970(); });
  for (const ServiceContract* k : rows) contract_row(t, s, *k, today, c, show_ids, true, true, all);
  return t;
}

// ---- 3. One enterprise --------------------------------------------------------------------

namespace {
std::string spell_left_text(const State& s, const EmploymentSpell& sp, const Date& today, const Catalog& c) {
  if (const SpellEnd* end = s.spell_end(sp.key))
    return end->left.iso() + " " + term_text(c, terms_employment_end(), static_cast<std::uint8_t>(end->reason));
  return today < sp.hired ? tr(c, "registers.spell.future") : tr(c, "registers.spell.current");
}
std::vector<const EmploymentSpell*> current_first(const State& s, std::vector<const EmploymentSpell*> v, const Date& today) {
  std::sort(v.begin(), v.end(), [&](const EmploymentSpell* a, const EmploymentSpell* b) {
    const bool ca = s.spell_open_on(*a, today), cb = s.spell_open_on(*b, today);
    if (ca != cb) return ca;
    return a->hired != b->hired ? b->hired < a->hired : a->key > b->key;
  });
  return v;
}
}  // namespace

TextTable enterprise_employees_table(const State& s, Key enterprise, const Date& today, const Catalog& c) {
  TextTable t;
  t.add_column(tr(c, "registers.col.worker"));
  t.add_column(tr(c, "registers.col.form"));
  t.add_column(tr(c, "registers.col.hired"));
  t.add_column(tr(c, "registers.col.wage"), true);
  t.add_column(tr(c, "registers.col.insurance"));
  t.add_column(tr(c, "registers.col.paid_directly"));
  t.add_column(tr(c, "registers.col.left"));
  for (const EmploymentSpell* sp : current_first(s, s.spells_of_enterprise(enterprise), today))
    t.add_row(sp->key, {worker_name(s, sp->worker), term_text(c, terms_employment_form(), static_cast<std::uint8_t>(sp->form)),
                        sp->hired.iso(), money(sp->monthly_wage_fen),
                        term_text(c, terms_social_insurance(), static_cast<std::uint8_t>(sp->insurance)), yes_no(c, sp->paid_directly),
                        spell_left_text(s, *sp, today, c)});
  return t;
}

std::string criterion_text(const Criterion& k, const Catalog& c) { return c.format(k.key, k.args); }

std::string describe_record(const State& s, Key r, const Catalog& c) {
  if (const EmploymentSpell* sp = s.spells().find(r)) {
    return c.format("registers.evidence.spell",
                    {worker_name(s, sp->worker), enterprise_name(s, sp->enterprise),
                     std::string(term_key(terms_employment_form(), static_cast<std::uint8_t>(sp->form))), sp->hired.iso(),
                     money(sp->monthly_wage_fen), std::string(term_key(terms_social_insurance(), static_cast<std::uint8_t>(sp->insurance))),
                     tr(c, sp->paid_directly ? "registers.paid_directly" : "registers.paid_by_other")});
  }
  if (const ServiceContract* k = s.contracts().find(r))
    return c.format("registers.evidence.contract", {k->signed_on.iso(), k->consumer_name, worker_name(s, k->worker), enterprise_name(s, k->enterprise)});
  if (const Completion* k = s.completions().find(r)) {
    const Course* course = s.courses().find(k->course);
    return c.format("registers.evidence.completion", {worker_name(s, k->worker), course ? course->name : "—", k->date.iso(),
                                                      tr(c, k->passed ? "registers.passed" : "registers.failed")});
  }
  if (const HealthCheck* h = s.health_checks().find(r))
    return c.format("registers.evidence.health", {worker_name(s, h->worker), h->date.iso(), h->institution, h->valid_until.iso()});
  if (const IdentityCheck* i = s.identity_checks().find(r))
    return c.format("registers.evidence.identity", {worker_name(s, i->worker), i->date.iso(),
                                                     std::string(term_key(terms_identity_method(), static_cast<std::uint8_t>(i->method)))});
  if (const Complaint* k = s.complaints().find(r))
    return c.format("registers.evidence.complaint", {k->received.iso(), k->complainant});
  if (const CreditEvent* e = s.credit_events().find(r))
    return c.format("registers.evidence.credit", {e->date.iso(), std::string(term_key(terms_credit_kind(), static_cast<std::uint8_t>(e->kind))), e->note});
  if (const Assessment* a = s.assessments().find(r)) return c.format("registers.evidence.assessment", {a->date.iso(), a->assessor});
  if (const Worker* w = s.workers().find(r)) return w->name();
  if (const Enterprise* e = s.enterprises().find(r)) return e->name();
  return "";
}

TextTable enterprise_contracts_table(const State& s, Key enterprise, const Date& today, const Catalog& c, bool show_ids) {
  TextTable t;
  contract_columns(t, c, false, true, false);
  auto rows = s.contracts_of_enterprise(enterprise);
  sort_rows_by(rows, [](const ServiceContract* k) { return k->signed_on.days_since_1970(); });
  for (const ServiceContract* k : rows) contract_row(t, s, *k, today, c, show_ids, false, true, false);
  return t;
}

// ---- 4. One worker ------------------------------------------------------------------------

TextTable worker_employment_table(const State& s, Key worker, const Date& today, const Catalog& c) {
  TextTable t;
  t.add_column(tr(c, "registers.col.enterprise"));
  t.add_column(tr(c, "registers.col.form"));
  t.add_column(tr(c, "registers.col.hired"));
  t.add_column(tr(c, "registers.col.wage"), true);
  t.add_column(tr(c, "registers.col.insurance"));
  t.add_column(tr(c, "registers.col.left"));
  for (const EmploymentSpell* sp : current_first(s, s.spells_of_worker(worker), today))
    t.add_row(sp->key, {enterprise_name(s, sp->enterprise), term_text(c, terms_employment_form(), static_cast<std::uint8_t>(sp->form)),
                        sp->hired.iso(), money(sp->monthly_wage_fen),
                        term_text(c, terms_social_insurance(), static_cast<std::uint8_t>(sp->insurance)), spell_left_text(s, *sp, today, c)});
  return t;
}

TextTable worker_training_table(const State& s, Key worker, const Catalog& c) {
  TextTable t;
  t.add_column(tr(c, "registers.col.course"));
  t.add_column(tr(c, "registers.col.course_type"));
  t.add_column(tr(c, "registers.col.date"));
  t.add_column(tr(c, "registers.col.score"), true);
  t.add_column(tr(c, "registers.col.result"));
  t.add_column(tr(c, "registers.col.certificate"));
  auto rows = s.completions_of_worker(worker);
  sort_rows_by(rows, [](const Completion* k) { return k->date.days_since_1970(); });
  for (const Completion* k : rows) {
    const Course* course = s.courses().find(k->course);
    char score[16];
    std::snprintf(score, sizeof score, "%u.%u", k->score_tenths / 10u, k->score_tenths % 10u);
    t.add_row(k->key, {course ? course->name : "—",
                       course ? term_text(c, terms_course_type(), static_cast<std::uint8_t>(course->type)) : "—", k->date.iso(), score,
                       tr(c, k->passed ? "registers.passed" : "registers.failed"), k->certificate.empty() ? "—" : k->certificate});
  }
  return t;
}

TextTable worker_health_table(const State& s, Key worker, const Date& today, const Catalog& c) {
  TextTable t;
  t.add_column(tr(c, "registers.col.date"));
  t.add_column(tr(c, "registers.col.institution"));
  t.add_column(tr(c, "registers.col.category"));
  t.add_column(tr(c, "registers.col.result"));
  t.add_column(tr(c, "registers.col.valid_until"));
  t.add_column(tr(c, "registers.col.validity"));
  auto rows = s.health_checks_of(worker);
  sort_rows_by(rows, [](const HealthCheck* h) { return h->date.days_since_1970(); });
  for (const HealthCheck* h : rows) {
    const char* validity = h->valid_on(today) ? "registers.health.valid"
                           : !h->fit          ? "registers.health.unfit"
                           : today < h->date  ? "registers.health.not_yet"
                                              : "registers.health.expired";
    t.add_row(h->key, {h->date.iso(), h->institution, term_text(c, terms_health_category(), static_cast<std::uint8_t>(h->category)),
                       tr(c, h->fit ? "registers.health.fit" : "registers.health.unfit"), h->valid_until.iso(), tr(c, validity)});
  }
  return t;
}

TextTable worker_contracts_table(const State& s, Key worker, const Date& today, const Catalog& c, bool show_ids) {
  TextTable t;
  contract_columns(t, c, true, false, false);
  std::vector<const ServiceContract*> rows;
  for (const ServiceContract& k : s.contracts().rows())  // no per-worker index: a profile is one worker, once per change
    if (k.worker == worker) rows.push_back(&k);
  sort_rows_by(rows, [](const ServiceContract* k) { return k->signed_on.days_since_1970(); });
  for (const ServiceContract* k : rows) contract_row(t, s, *k, today, c, show_ids, true, false, false);
  return t;
}

TextTable worker_complaints_table(const State& s, Key worker, const Catalog& c) {
  TextTable t;
  t.add_column(tr(c, "registers.col.received"));
  t.add_column(tr(c, "registers.col.channel"));
  t.add_column(tr(c, "registers.col.enterprise"));
  t.add_column(tr(c, "registers.col.facts"));
  t.add_column(tr(c, "registers.col.outcome"));
  auto rows = s.complaints_about(worker);
  sort_rows_by(rows, [](const Complaint* k) { return k->received.days_since_1970(); });
  for (const Complaint* k : rows) {
    const ComplaintClosure* closed = s.closure_of(k->key);
    t.add_row(k->key, {k->received.iso(), term_text(c, terms_complaint_channel(), static_cast<std::uint8_t>(k->channel)),
                       k->enterprise ? enterprise_name(s, k->enterprise) : "—", k->facts,
                       closed ? closed->date.iso() + " " + term_text(c, terms_complaint_outcome(), static_cast<std::uint8_t>(closed->outcome))
                              : tr(c, "registers.complaint.open")});
  }
  return t;
}

TextTable credit_lines_table(const State& s, const CreditRating& r, const Catalog& c) {
  TextTable t;
  t.add_column(tr(c, "registers.col.reason"));
  t.add_column(tr(c, "registers.col.record"));
  t.add_column(tr(c, "registers.col.points"), true);
  for (const CreditLine& l : r.lines) {
    const std::string record = describe_record(s, l.record, c);
    t.add_row(l.record, {tr(c, l.key), record.empty() ? "—" : record, (l.points > 0 ? "+" : "") + std::to_string(l.points)});
  }
  return t;
}

}  // namespace hearth
