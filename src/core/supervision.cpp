// Index: 1. Wording  2. Complaints  3. Closing preview  4. Credit  5. Inspections  6. Expiring
#include "supervision.hpp"

#include <algorithm>
#include <limits>

#include "domain.hpp"
#include "resident_id.hpp"
#include "state.hpp"
#include "township.hpp"

namespace hearth::supervision {

namespace {
constexpr const char* kNone = "—";

// At most `n` code points of `s`, with "…" when cut (a complaint's facts in one line).
std::string shorten(std::string_view s, std::size_t n) {
  std::string out;
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if ((b & 0xC0) != 0x80) {
      if (count == n) return out + "…";
      ++count;
    }
    out.push_back(s[i] == '\n' || s[i] == '\r' ? ' ' : s[i]);
  }
  return out;
}

std::string term_text(const Wording& w, std::span<const Term> terms, std::uint8_t value) {
  const std::string_view key = term_key(terms, value);
  return key.empty() ? std::to_string(value) : w.tr(key);
}

std::uint32_t subject_township(const State& s, Key subject) {
  if (const Worker* x = s.workers().find(subject)) return x->details.township;
  if (const Enterprise* e = s.enterprises().find(subject)) return e->details.township;
  return 0;
}

std::string grade_text(const CreditRating& r) { return std::string(1, r.grade); }
}  // namespace

// ---- 1. Wording ---------------------------------------------------------------------------
std::string Wording::township(std::uint32_t code) const {
  if (code == 0) return kNone;
  const Township* t = kaizhou_townships().find(code);
  if (!t) return std::to_string(code);
  return english ? t->name_en : t->name_zh;
}

// ---- 2. Complaints and mediation ----------------------------------------------------------
std::string complaint_subject(const State& s, const Complaint& k) {
  std::string out;
  if (const Enterprise* e = s.enterprises().find(k.enterprise)) out = e->name();
  if (const Worker* x = s.workers().find(k.worker)) out += (out.empty() ? "" : " · ") + x->name();
  return out.empty() ? kNone : out;
}

TextTable complaints_table(const State& s, const Wording& w) {
  // The first column sorts the table when it first shows (ImGui's default, ascending): a
  // number, 1 the newest, so the newest complaints come first.
  TextTable t;
  t.add_column(w.tr("supervision.col.number"), true, false, 0.5f);
  t.add_column(w.tr("supervision.col.received"), false, false, 1.1f);
  t.add_column(w.tr("supervision.col.channel"), false, true, 1.0f);
  t.add_column(w.tr("supervision.col.subject"), false, false, 2.6f);
  t.add_column(w.tr("supervision.col.township"), false, true, 1.0f);
  t.add_column(w.tr("supervision.col.status"), false, true, 0.8f);
  t.add_column(w.tr("supervision.col.outcome"), false, true, 0.9f);
  t.add_column(w.tr("supervision.col.closed_on"), false, false, 1.1f);
  t.add_column(w.tr("supervision.col.complainant"), false, false, 0.9f);
  std::vector<const Complaint*> all;
  for (const Complaint& k : s.complaints().rows()) all.push_back(&k);
  std::stable_sort(all.begin(), all.end(), [](const Complaint* a, const Complaint* b) { return b->received < a->received; });
  std::size_t number = 0;
  for (const Complaint* k : all) {
    const ComplaintClosure* c = s.closure_of(k->key);
    t.add_row(k->key, {std::to_string(++number), k->received.iso(), term_text(w, terms_complaint_channel(), static_cast<std::uint8_t>(k->channel)),
                       complaint_subject(s, *k), w.township(k->township),
                       w.tr(c ? "supervision.status.closed" : "supervision.status.open"),
                       c ? term_text(w, terms_complaint_outcome(), static_cast<std::uint8_t>(c->outcome)) : kNone,
                       c ? c->date.iso() : kNone, k->complainant});
  }
  return t;
}

std::vector<const MediationStep*> mediation_in_order(const State& s, Key complaint) {
  auto steps = s.mediation_steps_of(complaint);
  std::sort(steps.begin(), steps.end(), [&](const MediationStep* a, const MediationStep* b) {
    return a->date != b->date ? a->date < b->date : s.record_id(a->key) < s.record_id(b->key);
  });
  return steps;
}

// ---- 3. Closing a complaint ---------------------------------------------------------------
std::vector<CreditEffect> closure_preview(const State& s, Key complaint, ComplaintOutcome outcome, const Date& closed_on,
                                          const Date& rated_on, const ProgrammeConfig& c) {
  std::vector<CreditEffect> out;
  const Complaint* k = s.complaints().find(complaint);
  if (!k) return out;
  // What if: the closure folded into a copy, by a device no real one can be (all 0xFF), so
  // rate_credit itself says what the saved closure will do — one rule, never re-derived here.
  State what_if = s;
  Event e;
  e.device.fill(0xFF);
  e.seq = 1;
  e.stamp = Hlc{std::numeric_limits<std::int64_t>::max() / 2, 0};
  e.body = ComplaintClosed{s.record_id(complaint), closed_on, outcome, {}};
  what_if.apply(e);
  const bool deducts = outcome == ComplaintOutcome::Upheld || outcome == ComplaintOutcome::PartlyUpheld;
  for (const auto& [subject, worker] : {std::pair{k->enterprise, false}, std::pair{k->worker, true}}) {
    if (subject == kNoKey) continue;
    if (worker ? !s.workers().find(subject) : !s.enterprises().find(subject)) continue;
    CreditEffect fx{subject, worker, rate_credit(s, subject, rated_on, c), rate_credit(what_if, subject, rated_on, c), {}, {}};
    for (const CreditLine& l : fx.after.lines)
      if (l.record == complaint) fx.line = l;
    if (!fx.line) fx.no_effect = !deducts ? "supervision.preview.no_deduction" : "supervision.preview.outside_window";
    out.push_back(std::move(fx));
  }
  return out;
}

// ---- 4. Credit ----------------------------------------------------------------------------
std::vector<CreditRow> credit_rows(const State& s, const Date& on, const ProgrammeConfig& c) {
  std::vector<CreditRow> out;
  for (const Enterprise& e : s.enterprises().rows())
    if (!s.is_duplicate(e)) out.push_back({e.key, false, rate_credit(s, e.key, on, c)});
  for (const Worker& x : s.workers().rows()) {
    if (s.is_duplicate(x)) continue;
    if (s.complaints_about(x.key).empty() && s.credit_events_of(x.key).empty()) continue;
    out.push_back({x.key, true, rate_credit(s, x.key, on, c)});
  }
  return out;
}

std::string subject_name(const State& s, Key subject) {
  if (const Worker* x = s.workers().find(subject)) return x->name();
  if (const Enterprise* e = s.enterprises().find(subject)) return e->name();
  return {};
}

TextTable credit_table(const State& s, const std::vector<CreditRow>& rows, const Wording& w) {
  TextTable t;
  t.add_column(w.tr("supervision.col.name"), false, false, 2.6f);
  t.add_column(w.tr("supervision.col.kind"), false, true, 0.8f);
  t.add_column(w.tr("supervision.col.township"), false, true, 1.0f);
  t.add_column(w.tr("supervision.col.score"), true, false, 0.6f);
  t.add_column(w.tr("supervision.col.grade"), false, true, 0.6f);
  t.add_column(w.tr("supervision.col.joint_punishment"), false, true, 0.8f);
  t.add_column(w.tr("supervision.col.next_inspection"), false, false, 1.1f);  // the last one is in the calendar
  t.add_column(w.tr("supervision.col.xinyidai"), false, false, 0.6f);
  for (const CreditRow& r : rows) {
    const auto& g = r.rating;
    t.add_row(r.subject, {subject_name(s, r.subject), w.tr(r.worker ? "supervision.kind.worker" : "supervision.kind.enterprise"),
                          w.township(subject_township(s, r.subject)), std::to_string(g.score), grade_text(g),
                          w.tr(g.joint_punishment ? "supervision.yes" : "supervision.no"), g.next_inspection.iso(),
                          r.worker ? kNone : w.tr(g.xinyidai ? "supervision.yes" : "supervision.no")});
  }
  return t;
}

TextTable joint_punishment_table(const State& s, const std::vector<CreditRow>& rows, const Wording& w) {
  TextTable t;
  t.add_column(w.tr("supervision.col.name"), false, false, 2.6f);
  t.add_column(w.tr("supervision.col.kind"), false, true, 0.8f);
  t.add_column(w.tr("supervision.col.township"), false, true, 1.0f);
  t.add_column(w.tr("supervision.col.since"), false, false, 1.0f);
  t.add_column(w.tr("supervision.col.what"), false, false, 2.4f);
  t.add_column(w.tr("supervision.col.grade"), false, false, 0.6f);
  for (const CreditRow& r : rows) {
    if (!r.rating.joint_punishment) continue;
    // the serious-dishonesty records that put the subject on the list, earliest first
    std::vector<const CreditEvent*> why;
    for (const CreditLine& l : r.rating.lines)
      if (l.key == "rule.credit.violation_3")
        if (const CreditEvent* e = s.credit_events().find(l.record)) why.push_back(e);
    std::sort(why.begin(), why.end(), [](const CreditEvent* a, const CreditEvent* b) { return a->date < b->date; });
    std::string what;
    for (const CreditEvent* e : why) what += (what.empty() ? "" : "；") + (e->note.empty() ? w.tr("rule.credit.violation_3") : shorten(e->note, 40));
    t.add_row(r.subject, {subject_name(s, r.subject), w.tr(r.worker ? "supervision.kind.worker" : "supervision.kind.enterprise"),
                          w.township(subject_township(s, r.subject)), why.empty() ? kNone : why.front()->date.iso(), what,
                          grade_text(r.rating)});
  }
  return t;
}

std::string describe_record(const State& s, Key record, const Wording& w, const ProgrammeConfig& c) {
  if (const Complaint* k = s.complaints().find(record)) {
    const ComplaintClosure* closed = s.closure_of(record);
    return w.catalog.format("supervision.record.complaint",
                            {k->received.iso(), closed ? closed->date.iso() : std::string(kNone), shorten(k->facts, 30)});
  }
  if (const CreditEvent* e = s.credit_events().find(record))
    return w.catalog.format("supervision.record.credit_event", {term_text(w, terms_credit_kind(), static_cast<std::uint8_t>(e->kind)),
                                                                e->date.iso(), e->note.empty() ? std::string(kNone) : shorten(e->note, 30)});
  if (const Assessment* a = s.assessments().find(record)) {
    const AssessmentTotal tot = assessment_total(*a, c);
    return w.catalog.format("supervision.record.assessment", {a->date.iso(), std::to_string(tot.points), std::to_string(tot.max)});
  }
  return kNone;
}

std::string signed_points(std::int32_t points) { return points > 0 ? "+" + std::to_string(points) : std::to_string(points); }

// ---- 5. Assessments and the inspection calendar -------------------------------------------
AssessmentTotal assessment_total(const Assessment& a, const ProgrammeConfig& c) {
  AssessmentTotal t;
  for (const auto& sc : a.scores) t.points += sc.points;
  for (const auto& ind : c.indicators) t.max += ind.max_points;
  // the same test rate_credit applies (rule.credit.assessment_failed)
  t.passed = !(t.max > 0 && t.points * 100 < c.assessment_pass_percent * t.max);
  return t;
}

TextTable inspection_calendar(const State& s, const std::vector<CreditRow>& rows, const Date& on, const ProgrammeConfig& c,
                              const Wording& w) {
  TextTable t;
  t.add_column(w.tr("supervision.col.next_inspection"), false, false, 1.1f);  // first: the calendar's order
  t.add_column(w.tr("supervision.col.enterprise"), false, false, 2.6f);
  t.add_column(w.tr("supervision.col.township"), false, true, 1.0f);
  t.add_column(w.tr("supervision.col.grade"), false, true, 0.6f);
  t.add_column(w.tr("supervision.col.latest_assessment"), false, false, 1.7f);
  t.add_column(w.tr("supervision.col.last_inspection"), false, false, 1.1f);
  t.add_column(w.tr("supervision.col.due"), false, true, 0.9f);
  t.add_column(w.tr("supervision.col.days"), true, false, 0.7f);
  std::vector<const CreditRow*> ents;
  for (const CreditRow& r : rows)
    if (!r.worker) ents.push_back(&r);
  std::stable_sort(ents.begin(), ents.end(),
                   [](const CreditRow* a, const CreditRow* b) { return a->rating.next_inspection < b->rating.next_inspection; });
  for (const CreditRow* r : ents) {
    const Enterprise* e = s.enterprises().find(r->subject);
    const Assessment* latest = nullptr;
    for (const Assessment* a : s.assessments_of(r->subject))
      if (a->date <= on && (!latest || latest->date < a->date)) latest = a;
    std::string assessed = kNone;
    if (latest) {
      const AssessmentTotal tot = assessment_total(*latest, c);
      assessed = w.catalog.format(tot.passed ? "supervision.assessment.passed" : "supervision.assessment.failed",
                                  {latest->date.iso(), std::to_string(tot.points), std::to_string(tot.max)});
    }
    const std::int64_t days = on.days_until(r->rating.next_inspection);
    const char* due = days < 0 ? "supervision.due.overdue" : days <= 30 ? "supervision.due.soon" : "supervision.due.later";
    t.add_row(r->subject, {r->rating.next_inspection.iso(), e ? e->name() : kNone, w.township(e ? e->details.township : 0),
                           grade_text(r->rating), assessed, latest ? r->rating.last_inspection.iso() : kNone, w.tr(due),
                           std::to_string(days)});
  }
  return t;
}

// ---- 6. Expiring health checks and licences -----------------------------------------------
TextTable expiry_table(const State& s, const Date& on, const ProgrammeConfig& c, const Wording& w, bool full_ids) {
  TextTable t;
  t.add_column(w.tr("supervision.col.valid_until"), false, false, 1.1f);  // first: soonest (longest expired) first
  t.add_column(w.tr("supervision.col.worker"), false, false, 0.9f);
  t.add_column(w.tr("supervision.col.resident_id"), false, false, 1.8f);
  t.add_column(w.tr("supervision.col.mobile"), false, false, 1.2f);
  t.add_column(w.tr("supervision.col.township"), false, true, 1.0f);
  t.add_column(w.tr("supervision.col.what"), false, true, 1.3f);
  t.add_column(w.tr("supervision.col.days_left"), true, false, 0.8f);
  struct Item {
    Key worker;
    const char* what;
    Date until;
  };
  std::vector<Item> items;
  for (const HealthAlert& a : expired_health_checks(s, on))
    items.push_back({a.worker, a.check && !a.check->fit ? "supervision.expiry.health_unfit" : "supervision.expiry.health_expired", a.valid_until});
  for (const HealthAlert& a : expiring_health_checks(s, on, c)) items.push_back({a.worker, "supervision.expiry.health_expiring", a.valid_until});
  const Date horizon = on.plus_days(c.health_expiring_days);
  for (const Worker& x : s.workers().rows()) {
    if (s.is_duplicate(x)) continue;
    const ServiceLicence* l = s.licence_of(x.key);
    if (!l || horizon < l->expires || s.licence_revocation_of(x.key)) continue;  // a revoked card does not expire: it is gone
    items.push_back({x.key, l->expires < on ? "supervision.expiry.licence_expired" : "supervision.expiry.licence_expiring", l->expires});
  }
  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.until < b.until; });
  for (const Item& it : items) {
    const Worker* x = s.workers().find(it.worker);
    if (!x) continue;
    t.add_row(it.worker, {it.until.iso(), x->name(), full_ids ? x->resident_id : ResidentId::mask(x->resident_id), x->details.mobile,
                          w.township(x->details.township), w.tr(it.what), std::to_string(on.days_until(it.until))});
  }
  return t;
}

}  // namespace hearth::supervision
