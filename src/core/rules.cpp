// Index: 1. Verdict  2. 员工制  3. Health and licences  4. Credit  5. Subsidies  6. KPIs
#include "rules.hpp"

#include <algorithm>
#include <set>

#include "hash.hpp"
#include "measures.hpp"
#include "state.hpp"

namespace hearth {

namespace {
std::string str(std::int64_t v) { return std::to_string(v); }
Criterion criterion(std::string key, bool held, std::vector<std::string> args = {}, std::vector<Key> evidence = {}) {
  return {std::move(key), held, std::move(args), std::move(evidence)};
}
bool in_range(const Date& d, const Date& from, const Date& to) { return from <= d && d <= to; }
Date year_start(std::int32_t y) { return Date{y, 1, 1}; }
Date year_end(std::int32_t y) { return Date{y, 12, 31}; }
}  // namespace

// ---- 1. Verdict ---------------------------------------------------------------------------
bool Verdict::held() const {
  return std::all_of(criteria.begin(), criteria.end(), [](const Criterion& c) { return c.held; });
}
const Criterion* Verdict::first_failed() const {
  for (const auto& c : criteria)
    if (!c.held) return &c;
  return nullptr;
}
const Criterion* Verdict::find(std::string_view key) const {
  for (const auto& c : criteria)
    if (c.key == key) return &c;
  return nullptr;
}

// ---- 2. 员工制 --------------------------------------------------------------------------------
Verdict employee_based(const State& s, Key enterprise, const Date& on, const ProgrammeConfig& c) {
  Verdict v;
  std::vector<const EmploymentSpell*> current;
  for (const EmploymentSpell* sp : s.spells_of_enterprise(enterprise))
    if (s.spell_open_on(*sp, on)) current.push_back(sp);
  const Date contract_from = on.plus_days(-c.contract_window_days);
  std::vector<const ServiceContract*> recent;
  for (const ServiceContract* k : s.contracts_of_enterprise(enterprise))
    if (in_range(k->signed_on, contract_from, on)) recent.push_back(k);

  {  // 1. direct service contracts with consumers
    std::vector<Key> ev;
    for (auto* k : recent) ev.push_back(k->key);
    v.criteria.push_back(criterion("rule.employee_based.direct_contracts", !recent.empty(), {str(recent.size()), str(c.contract_window_days)}, ev));
  }
  {  // 2. labour contract or service agreement, and social insurance paid, for every employee
    std::vector<Key> bad, good;
    for (auto* sp : current)
      (sp->form != EmploymentForm::Flexible && sp->insurance != SocialInsurance::None ? good : bad).push_back(sp->key);
    const bool held = !current.empty() && bad.empty();
    v.criteria.push_back(criterion("rule.employee_based.contracts_insured", held, {str(good.size()), str(current.size())}, held ? good : bad));
  }
  {  // 3. dispatches its own workers: each recent contract served by someone it employed that day
    std::vector<Key> bad, good;
    for (auto* k : recent) {
      bool own = false;
      for (const EmploymentSpell* sp : s.spells_of_worker(k->worker))
        if (sp->enterprise == enterprise && s.spell_open_on(*sp, k->signed_on)) own = true;
      (own ? good : bad).push_back(k->key);
    }
    const bool held = !recent.empty() && bad.empty();
    v.criteria.push_back(criterion("rule.employee_based.dispatches", held, {str(good.size()), str(recent.size())}, held ? good : bad));
  }
  {  // 4. pays every employee directly, at least the minimum wage
    std::vector<Key> bad, good;
    for (auto* sp : current) (sp->paid_directly && sp->monthly_wage_fen >= c.minimum_wage_fen ? good : bad).push_back(sp->key);
    const bool held = !current.empty() && bad.empty();
    v.criteria.push_back(
        criterion("rule.employee_based.minimum_wage", held, {str(good.size()), str(current.size()), format_yuan(c.minimum_wage_fen)}, held ? good : bad));
  }
  {  // 5. trains continuously: every current employee has a passed completion within the window
    std::vector<Key> bad, good;
    const Date from = on.plus_days(-c.training_window_days);
    for (auto* sp : current) {
      Key found = kNoKey;
      for (const Completion* k : s.completions_of_worker(sp->worker))
        if (k->passed && in_range(k->date, from, on)) found = k->key;
      if (found != kNoKey) good.push_back(found);
      else bad.push_back(sp->key);
    }
    const bool held = !current.empty() && bad.empty();
    v.criteria.push_back(criterion("rule.employee_based.trains", held, {str(good.size()), str(current.size()), str(c.training_window_days)}, held ? good : bad));
  }
  return v;
}

// ---- 3. Health and licences ---------------------------------------------------------------
const HealthCheck* valid_health_check(const State& s, Key worker, const Date& on, HealthCategory needed) {
  const HealthCheck* best = nullptr;
  for (const HealthCheck* h : s.health_checks_of(worker))
    if (h->valid_on(on) && h->covers(needed) && (!best || best->valid_until < h->valid_until)) best = h;
  return best;
}

const HealthCheck* latest_health_check(const State& s, Key worker) {
  const HealthCheck* best = nullptr;
  for (const HealthCheck* h : s.health_checks_of(worker))
    if (!best || best->valid_until < h->valid_until || (best->valid_until == h->valid_until && h->fit && !best->fit)) best = h;
  return best;
}

std::vector<HealthAlert> expired_health_checks(const State& s, const Date& on, bool include_unchecked) {
  std::vector<HealthAlert> out;
  for (const Worker& w : s.workers().rows()) {
    if (s.is_duplicate(w)) continue;
    const HealthCheck* h = latest_health_check(s, w.key);
    if (!h) {
      if (include_unchecked) out.push_back({w.key, nullptr, {}});
    } else if (h->valid_until < on || !h->fit) {
      out.push_back({w.key, h, h->valid_until});
    }
  }
  return out;
}

std::vector<HealthAlert> expiring_health_checks(const State& s, const Date& on, const ProgrammeConfig& c) {
  std::vector<HealthAlert> out;
  const Date horizon = on.plus_days(c.health_expiring_days);
  for (const Worker& w : s.workers().rows()) {
    if (s.is_duplicate(w)) continue;
    const HealthCheck* h = latest_health_check(s, w.key);
    if (h && h->fit && in_range(h->valid_until, on, horizon)) out.push_back({w.key, h, h->valid_until});
  }
  std::sort(out.begin(), out.end(), [](const HealthAlert& a, const HealthAlert& b) { return a.valid_until < b.valid_until; });
  return out;
}

Verdict licence_eligibility(const State& s, Key worker, const Date& on, const ProgrammeConfig& c) {
  Verdict v;
  const Worker* w = s.workers().find(worker);
  {
    Key found = kNoKey;
    Date latest{1900, 1, 1};
    for (const IdentityCheck* i : s.identity_checks_of(worker))
      if (i->date <= on && latest <= i->date) found = i->key, latest = i->date;
    v.criteria.push_back(criterion("rule.licence.identity", found != kNoKey, {}, found ? std::vector<Key>{found} : std::vector<Key>{}));
  }
  {
    const Completion* found = nullptr;
    for (const Completion* k : s.completions_of_worker(worker)) {
      const Course* course = s.courses().find(k->course);
      if (k->passed && k->date <= on && course && course->type == CourseType::PreJob && (!found || k->date < found->date)) found = k;
    }
    v.criteria.push_back(criterion("rule.licence.pre_job", found != nullptr, {}, found ? std::vector<Key>{found->key} : std::vector<Key>{}));
  }
  {
    const HealthCategory needed = w ? required_health_category(w->details.occupation) : HealthCategory::MaternalInfant;
    const std::string needed_key(term_key(terms_health_category(), static_cast<std::uint8_t>(needed)));
    if (const HealthCheck* h = valid_health_check(s, worker, on, needed)) {
      v.criteria.push_back(criterion("rule.licence.health", true, {needed_key, h->valid_until.iso()}, {h->key}));
    } else {
      // Say why: a check of a lesser category, an expired one, or none at all.
      const HealthCheck* latest = latest_health_check(s, worker);
      Criterion k = criterion("rule.licence.health", false, {needed_key, ""});
      if (latest) {
        k.evidence.push_back(latest->key);
        k.args[1] = latest->valid_until.iso();
        k.args.emplace_back(!latest->fit                  ? "rule.licence.health_unfit"
                            : latest->valid_until < on    ? "rule.licence.health_expired"
                            : !latest->covers(needed)     ? "rule.licence.health_category"
                                                          : "rule.licence.health_not_yet");
      } else {
        k.args.emplace_back("rule.licence.health_none");
      }
      v.criteria.push_back(std::move(k));
    }
  }
  {
    const CreditRating r = rate_credit(s, worker, on, c);
    std::vector<Key> ev;
    for (const auto& l : r.lines)
      if (l.key == "rule.credit.violation_3") ev.push_back(l.record);
    v.criteria.push_back(criterion("rule.licence.credit", !r.joint_punishment, {std::string(1, r.grade)}, ev));
  }
  return v;
}

namespace {
// `chars` Crockford base-32 characters (5 bits each, at most 12) of the hash of record ids.
std::string crockford_of_ids(std::initializer_list<RecordId> ids, int chars) {
  std::vector<std::uint8_t> bytes;
  for (const RecordId& id : ids) {
    bytes.insert(bytes.end(), id.device.begin(), id.device.end());
    for (int i = 0; i < 8; ++i) bytes.push_back(static_cast<std::uint8_t>(id.seq >> (8 * i)));
  }
  const Hash256 h = blake2b_256(bytes);
  static constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | h[static_cast<std::size_t>(i)];
  std::string out;
  for (int i = 0; i < chars; ++i) out += kAlphabet[(v >> (59 - 5 * i)) & 31];
  return out;
}
}  // namespace

std::string licence_number_for(const State& s, Key worker) {
  if (const ServiceLicence* l = s.licence_of(worker)) return l->number;
  // 持证上门 card: "KZ" + 10 Crockford base-32 characters of the hash of the worker's record id
  // (50 bits: collisions among 100,000 workers are about one in 200 million).
  return "KZ" + crockford_of_ids({s.record_id(worker)}, 10);
}

std::string training_certificate_for(const State& s, Key session, Key worker) {
  const TrainingSession* t = s.sessions().find(session);
  return "PX" + std::to_string(t ? t->date.year : 0) + crockford_of_ids({s.record_id(session), s.record_id(worker)}, 8);
}

// ---- 4. Credit ----------------------------------------------------------------------------
CreditRating rate_credit(const State& s, Key subject, const Date& on, const ProgrammeConfig& c) {
  CreditRating r;
  const Date from = on.plus_months(-c.credit_window_months);
  const bool is_enterprise = s.enterprises().find(subject) != nullptr;
  std::int32_t deductions = 0, bonus = 0, evaluation_bonus = 0;
  auto deduct = [&](std::string key, Key rec, std::int32_t points) {
    r.lines.push_back({std::move(key), rec, points});
    deductions += points;
  };
  auto add = [&](std::string key, Key rec, std::int32_t points) {
    r.lines.push_back({std::move(key), rec, points});
    bonus += points;
  };
  for (const Complaint* k : s.complaints_about(subject)) {
    const ComplaintClosure* closed = s.closure_of(k->key);
    if (!closed || !in_range(closed->date, from, on)) continue;
    if (closed->outcome == ComplaintOutcome::Upheld) deduct("rule.credit.complaint_upheld", k->key, c.credit_complaint_upheld);
    if (closed->outcome == ComplaintOutcome::PartlyUpheld) deduct("rule.credit.complaint_partly_upheld", k->key, c.credit_complaint_partly_upheld);
  }
  bool background = false;
  // In date order (then record id), so the caps fall the same way on every device.
  auto events = s.credit_events_of(subject);
  std::sort(events.begin(), events.end(), [&](const CreditEvent* a, const CreditEvent* b) {
    return a->date != b->date ? a->date < b->date : s.record_id(a->key) < s.record_id(b->key);
  });
  for (const CreditEvent* e : events) {
    if (e->kind == CreditKind::BackgroundVerified) {  // a verified background counts once, whenever it was done
      if (!background && e->date <= on) add("rule.credit.background_verified", e->key, c.credit_background_verified);
      background = background || e->date <= on;
      continue;
    }
    if (!in_range(e->date, from, on)) continue;
    switch (e->kind) {
      case CreditKind::Violation: {
        const auto it = c.credit_violation.find(e->level);
        deduct("rule.credit.violation_" + str(e->level), e->key, it == c.credit_violation.end() ? 0 : it->second);
        if (e->level >= 3) r.joint_punishment = true;  // 严重失信
        break;
      }
      case CreditKind::Commendation: {
        const auto it = c.credit_commendation.find(e->level);
        add("rule.credit.commendation_" + str(e->level), e->key, it == c.credit_commendation.end() ? 0 : it->second);
        break;
      }
      case CreditKind::Evaluation:
        if (e->level <= c.credit_evaluation_low_stars && evaluation_bonus > -c.credit_evaluation_cap) {
          deduct("rule.credit.evaluation_low", e->key, c.credit_evaluation_low);
          evaluation_bonus += c.credit_evaluation_low;
        } else if (e->level == 5 && evaluation_bonus < c.credit_evaluation_cap) {
          add("rule.credit.evaluation_high", e->key, c.credit_evaluation_high);
          evaluation_bonus += c.credit_evaluation_high;
        }
        break;
      case CreditKind::BackgroundVerified: break;
    }
  }
  // Enterprises: the latest assessment in the window counts against them if it failed.
  const Assessment* latest = nullptr;
  for (const Assessment* a : s.assessments_of(subject))
    if (a->date <= on && (!latest || latest->date < a->date)) latest = a;
  if (latest && in_range(latest->date, from, on)) {
    std::int32_t got = 0, max = 0;
    for (const auto& sc : latest->scores) got += sc.points;
    for (const auto& ind : c.indicators) max += ind.max_points;
    if (max > 0 && got * 100 < c.assessment_pass_percent * max) deduct("rule.credit.assessment_failed", latest->key, c.credit_assessment_failed);
  }
  r.bonus_capped = std::max(0, bonus - c.credit_bonus_cap);
  r.score = std::clamp(c.credit_start + deductions + std::min(bonus, c.credit_bonus_cap), 0, c.credit_start + c.credit_bonus_cap);
  const CreditGrade& g = r.joint_punishment ? c.credit_grades.back() : c.grade_for(r.score);
  r.grade = g.grade;
  r.last_inspection = latest ? latest->date : on;
  r.next_inspection = r.last_inspection.plus_months(g.inspection_months);
  r.xinyidai = is_enterprise && !r.joint_punishment && c.credit_xinyidai_grades.find(r.grade) != std::string::npos;

  std::vector<Key> ev;
  for (const auto& l : r.lines) ev.push_back(l.record);
  r.why.criteria.push_back(criterion("rule.credit.score", true,
                                     {str(c.credit_start), str(deductions), str(std::min(bonus, c.credit_bonus_cap)), str(r.score)}, ev));
  r.why.criteria.push_back(criterion("rule.credit.grade_threshold", !r.joint_punishment, {std::string(1, r.grade), str(g.min_score)}));
  r.why.criteria.push_back(criterion("rule.credit.not_joint_punished", !r.joint_punishment));
  r.why.criteria.push_back(criterion("rule.credit.inspection", true, {str(g.inspection_months), r.next_inspection.iso()}));
  if (is_enterprise) r.why.criteria.push_back(criterion("rule.credit.xinyidai", r.xinyidai, {c.credit_xinyidai_grades}));
  return r;
}

// ---- 5. Subsidies -------------------------------------------------------------------------
std::vector<SubsidyItem> training_subsidies(const State& s, std::int32_t year, const ProgrammeConfig& c) {
  std::vector<SubsidyItem> out;
  for (const Completion& k : s.completions().rows())
    if (k.date.year == year) out.push_back(training_subsidy(s, k, c));
  return out;
}

SubsidyItem training_subsidy(const State& s, const Completion& k, const ProgrammeConfig& c) {
  SubsidyItem item{k.worker, k.key, 0, 0, {}};
  const Course* course = s.courses().find(k.course);
  item.why.criteria.push_back(criterion("rule.subsidy.passed", k.passed, {}, {k.key}));
  item.why.criteria.push_back(criterion("rule.subsidy.course_eligible", course && course->subsidy_eligible, {}, {k.course}));
  const Completion* first = s.first_completion(k.worker, k.course);
  item.why.criteria.push_back(criterion("rule.subsidy.first_completion", !k.passed || first == &k, {}, first ? std::vector<Key>{first->key} : std::vector<Key>{}));
  item.why.criteria.push_back(criterion("rule.subsidy.certificate", !k.certificate.empty()));
  const Worker* w = s.workers().find(k.worker);
  item.why.criteria.push_back(criterion("rule.subsidy.registered", w && !s.is_duplicate(*w)));
  if (item.why.held() && course) {
    const auto it = c.training_subsidy_fen.find(course->type);
    item.amount_fen = it == c.training_subsidy_fen.end() ? 0 : it->second;
  }
  return item;
}

std::vector<SubsidyItem> social_insurance_subsidies(const State& s, std::int32_t year, const ProgrammeConfig& c) {
  std::vector<SubsidyItem> out;
  const Date ys = year_start(year), ye = year_end(year);
  for (const EmploymentSpell& sp : s.spells().rows()) {
    const SpellEnd* end = s.spell_end(sp.key);
    const Date last = end ? end->left : ye;
    if (ye < sp.hired || last < ys) continue;
    const Worker* w = s.workers().find(sp.worker);
    const bool group = w && (has(w->details.special_groups, SpecialGroup::HardToEmploy) || has(w->details.special_groups, SpecialGroup::NewGraduate));
    SubsidyItem item{sp.enterprise, sp.key, 0, 0, {}};
    item.why.criteria.push_back(criterion("rule.subsidy.target_group", group, {}, {sp.worker}));
    item.why.criteria.push_back(criterion("rule.subsidy.labour_contract", sp.form == EmploymentForm::LabourContract, {}, {sp.key}));
    item.why.criteria.push_back(criterion("rule.subsidy.employee_insurance", sp.insurance == SocialInsurance::UrbanEmployee, {}, {sp.key}));
    // Whole months insured within the year: from the month hired (or January) to the month left (or December).
    const Date a = std::max(sp.hired, ys), b = std::min(last, ye);
    item.months = (b.year - a.year) * 12 + b.month - a.month + 1;
    if (!group) continue;  // only the programme's target groups are listed at all
    if (item.why.held()) item.amount_fen = item.months * c.social_insurance_monthly_fen;
    out.push_back(std::move(item));
  }
  return out;
}

Verdict job_retention_refund(const State& s, Key enterprise, std::int32_t year, const ProgrammeConfig& c) {
  Verdict v;
  const Verdict eb = employee_based(s, enterprise, year_end(year), c);
  std::vector<Key> failed;
  if (const Criterion* f = eb.first_failed()) failed = f->evidence;
  v.criteria.push_back(criterion("rule.subsidy.employee_based", eb.held(), {eb.first_failed() ? eb.first_failed()->key : ""}, failed));
  std::vector<Key> layoffs;
  std::int64_t headcount = 0;
  for (const EmploymentSpell* sp : s.spells_of_enterprise(enterprise)) {
    if (s.spell_open_on(*sp, year_start(year))) ++headcount;
    const SpellEnd* end = s.spell_end(sp->key);
    if (end && end->left.year == year && end->reason == EmploymentEnd::LaidOff) layoffs.push_back(sp->key);
  }
  const std::int32_t limit = headcount <= c.small_staff ? c.small_layoff_permille : c.layoff_permille;
  const std::int64_t permille = headcount > 0 ? static_cast<std::int64_t>(layoffs.size()) * 1000 / headcount : (layoffs.empty() ? 0 : 1000);
  v.criteria.push_back(criterion("rule.subsidy.layoff_rate", permille <= limit,
                                 {str(static_cast<std::int64_t>(layoffs.size())), str(headcount), str(permille), str(limit)}, layoffs));
  return v;
}

// ---- 6. KPIs ------------------------------------------------------------------------------
std::vector<Key> new_employment(const State& s, std::int32_t year, std::uint32_t township) {
  std::vector<Key> out;
  for (const EmploymentSpell& sp : s.spells().rows()) {
    if (sp.hired.year != year) continue;
    const Worker* w = s.workers().find(sp.worker);
    if (!w || s.is_duplicate(*w) || (township && w->details.township != township)) continue;
    bool was_employed = false;
    for (const EmploymentSpell* other : s.spells_of_worker(sp.worker))
      if (other != &sp && s.spell_open_on(*other, sp.hired.plus_days(-1))) was_employed = true;
    if (!was_employed) out.push_back(sp.key);
  }
  return out;
}

std::vector<Key> person_times(const State& s, const Date& from, const Date& to, std::uint32_t township) {
  std::vector<Key> out;
  for (const Completion& k : s.completions().rows()) {
    if (!k.passed || !in_range(k.date, from, to) || !s.is_first_completion(k)) continue;
    if (township) {
      const Worker* w = s.workers().find(k.worker);
      if (!w || w->details.township != township) continue;
    }
    out.push_back(k.key);
  }
  return out;
}

std::vector<Kpi> programme_kpis(const State& s, std::int32_t year, std::uint32_t township, const ProgrammeConfig& c,
                                const MeasureRegistry& measures) {
  std::vector<Kpi> out;
  auto push = [&](std::string key, std::vector<Key> evidence, std::int64_t target, std::vector<std::string> args = {}) {
    const auto actual = static_cast<std::int64_t>(evidence.size());
    out.push_back({std::move(key), actual, target, actual >= target, std::move(args), std::move(evidence)});
  };
  // Targets are for the whole district; a township's share is shown without one.
  const auto district = [&](std::int64_t t) { return township ? 0 : t; };

  push("rule.kpi.new_employment", new_employment(s, year, township), district(c.new_employment_per_year), {str(year)});
  push("rule.kpi.training_year", person_times(s, year_start(year), year_end(year), township), district(c.training_per_year), {str(year)});
  push("rule.kpi.training_cumulative", person_times(s, c.start, std::min(year_end(year), c.training_cumulative_by), township),
       district(c.training_cumulative), {c.training_cumulative_by.iso()});

  // Communities with services stationed by the deadline, overall and in the named townships.
  auto communities = [&](std::uint32_t in) {
    std::set<std::pair<std::uint32_t, std::string>> seen;
    std::vector<Key> ev;
    for (const ServicePoint& p : s.service_points().rows())
      if (p.opened <= c.service_points_by && (!in || p.township == in) && seen.insert({p.township, p.community}).second) ev.push_back(p.key);
    return ev;
  };
  push("rule.kpi.service_points", communities(township), district(c.service_points), {c.service_points_by.iso()});
  for (const auto& [code, need] : c.service_points_by_township)
    if (!township || township == code) push("rule.kpi.service_points_township", communities(code), need, {str(code), c.service_points_by.iso()});

  auto enterprises_with = [&](EnterpriseFlag f) {
    std::vector<Key> ev;
    for (const Enterprise& e : s.enterprises().rows())
      if (!s.is_duplicate(e) && has(e.details.flags, f) && (!township || e.details.township == township)) ev.push_back(e.key);
    return ev;
  };
  push("rule.kpi.large_enterprises", enterprises_with(EnterpriseFlag::Large), district(c.large_enterprises));
  push("rule.kpi.education_integrated", enterprises_with(EnterpriseFlag::EducationIntegrated), district(c.education_integrated),
       {c.education_integrated_by.iso()});
  {
    auto leading = enterprises_with(EnterpriseFlag::Leading);
    std::erase_if(leading, [&](Key k) { return !has(s.enterprises().find(k)->details.flags, EnterpriseFlag::Group); });
    push("rule.kpi.leading_groups", std::move(leading), district(c.leading_groups));
  }
  push("rule.kpi.vocational_majors", enterprises_with(EnterpriseFlag::VocationalMajor), district(c.vocational_majors));
  if (const auto it = c.internet_leader_revenue_fen.find(year); it != c.internet_leader_revenue_fen.end()) {
    auto leaders = enterprises_with(EnterpriseFlag::InternetPlatform);
    std::erase_if(leaders, [&](Key k) {
      const RevenueFigure* r = s.revenue(k, static_cast<std::uint16_t>(year));
      return !r || r->amount_fen <= it->second;
    });
    push("rule.kpi.internet_leader", std::move(leaders), district(1), {str(year), format_yuan(it->second)});
  }
  {  // industry revenue and its growth
    std::int64_t now = 0, before = 0;
    std::vector<Key> reporting;
    for (const Enterprise& e : s.enterprises().rows()) {
      if (s.is_duplicate(e) || (township && e.details.township != township)) continue;
      if (const RevenueFigure* r = s.revenue(e.key, static_cast<std::uint16_t>(year))) now += r->amount_fen, reporting.push_back(r->key);
      if (const RevenueFigure* r = s.revenue(e.key, static_cast<std::uint16_t>(year - 1))) before += r->amount_fen;
    }
    const std::string growth = before > 0 ? str((now - before) * 1000 / before) : "";
    out.push_back({"rule.kpi.revenue", now, before, before > 0 && now > before, {str(year), format_yuan(now), format_yuan(before), growth}, reporting});
  }
  if (!township) {  // measures by status
    std::int64_t done = 0;
    std::vector<Key> ev;
    std::array<std::int64_t, 4> by_status{};
    for (const MeasureProgress& mp : measure_progress(s, measures)) {
      by_status[static_cast<std::size_t>(mp.status)]++;
      if (mp.status == MeasureStatus::Done) ++done;
      if (mp.report) ev.push_back(mp.report->key);
    }
    out.push_back({"rule.kpi.measures", done, static_cast<std::int64_t>(measures.measures().size()),
                   done == static_cast<std::int64_t>(measures.measures().size()),
                   {str(by_status[0]), str(by_status[1]), str(by_status[2]), str(by_status[3])}, ev});
  }
  return out;
}

}  // namespace hearth
