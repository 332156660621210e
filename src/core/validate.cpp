// Index
//   1. Checker: the shared field checks (text, dates, money, choices, references)
//   2. People   3. Training   4. Health and licences   5. Contracts, complaints, credit   6. Programme
#include "validate.hpp"

#include "enrolment.hpp"

#include <algorithm>
#include <charconv>
#include <optional>

#include "credit_code.hpp"
#include "measures.hpp"
#include "mobile_number.hpp"
#include "resident_id.hpp"
#include "rules.hpp"
#include "state.hpp"
#include "text.hpp"
#include "township.hpp"

namespace hearth {

namespace {

// ---- 1. Checker ---------------------------------------------------------------------------
class Checker {
 public:
  explicit Checker(const Context& ctx) : ctx_(ctx) {}
  Problems problems;

  void fail(std::string field, std::string key, std::vector<std::string> args = {}) {
    problems.push_back({std::move(field), std::move(key), std::move(args)});
  }
  bool ok() const { return problems.empty(); }

  // Free text: trimmed, valid UTF-8, no control characters, within `max` characters.
  std::string text(const std::string& field, std::string_view raw, std::size_t max, bool required = true) {
    const std::string_view t = trim(raw);
    if (t.empty()) {
      if (required) fail(field, "err.text.empty");
      return {};
    }
    if (!utf8_valid(t)) {
      fail(field, "err.text.characters");
      return {};
    }
    if (utf8_length(t) > max) {
      fail(field, "err.text.too_long", {std::to_string(max)});
      return {};
    }
    for (unsigned char c : t)
      if ((c < 0x20 && c != '\n') || c == 0x7F) {
        fail(field, "err.text.characters");
        return {};
      }
    return std::string(t);
  }

  // A person's name: 1–30 characters, no digits or control characters (err.name.*).
  std::string person_name(const std::string& field, std::string_view raw) {
    const std::string_view name = trim(raw);
    if (name.empty()) fail(field, "err.name.empty");
    else if (!utf8_valid(name)) fail(field, "err.name.characters");
    else if (utf8_length(name) > kMaxNameLength) fail(field, "err.name.too_long", {std::to_string(kMaxNameLength)});
    else if (std::any_of(name.begin(), name.end(), [](unsigned char c) { return c < 0x20 || c == 0x7F || (c >= '0' && c <= '9'); }))
      fail(field, "err.name.characters");
    else return std::string(name);
    return {};
  }

  // A date as typed; not after today unless `future_ok`.
  std::optional<Date> date(const std::string& field, std::string_view raw, bool future_ok = false) {
    const std::string t = fold_fullwidth(trim(raw));
    if (t.empty()) {
      fail(field, "err.date.empty");
      return std::nullopt;
    }
    const auto d = Date::parse_iso(t);
    if (!d) {
      fail(field, "err.date.format", {t});
      return std::nullopt;
    }
    if (d->year < 1900) {
      fail(field, "err.date.too_early", {d->iso()});
      return std::nullopt;
    }
    if (!future_ok && ctx_.today < *d) {
      fail(field, "err.date.future", {d->iso(), ctx_.today.iso()});
      return std::nullopt;
    }
    return d;
  }

  // `later` must not be before `earlier` (both already checked).
  void order(const std::string& field, const std::optional<Date>& earlier, const std::optional<Date>& later, const char* key) {
    if (earlier && later && *later < *earlier) fail(field, key, {later->iso(), earlier->iso()});
  }

  std::optional<std::int64_t> money(const std::string& field, std::string_view raw) {
    if (trim(raw).empty()) {
      fail(field, "err.money.empty");
      return std::nullopt;
    }
    const auto v = parse_yuan(raw);
    if (!v) fail(field, "err.money.format", {std::string(trim(raw))});
    return v;
  }

  std::optional<std::int64_t> whole(const std::string& field, std::string_view raw, std::int64_t lo, std::int64_t hi) {
    const std::string t = fold_fullwidth(trim(raw));
    std::int64_t v = 0;
    const auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (t.empty() || ec != std::errc{} || p != t.data() + t.size()) {
      fail(field, "err.number.format", {t});
      return std::nullopt;
    }
    if (v < lo || v > hi) {
      fail(field, "err.number.range", {std::to_string(lo), std::to_string(hi)});
      return std::nullopt;
    }
    return v;
  }

  std::string mobile(const std::string& field, std::string_view raw) {
    auto m = MobileNumber::parse(raw);
    if (!m) {
      Problem p = m.problem;
      p.field = field;
      problems.push_back(std::move(p));
      return {};
    }
    return m.value->digits();
  }

  std::uint32_t township(const std::string& field, std::uint32_t code) {
    if (code == 0) fail(field, "err.township.empty");
    else if (!kaizhou_townships().find(code)) fail(field, "err.township.unknown", {std::to_string(code)});
    else return code;
    return 0;
  }

  template <class Enum>
  Enum term(const std::string& field, std::span<const Term> terms, Enum value) {
    if (!is_term(terms, static_cast<std::uint8_t>(value))) fail(field, "err.choice.unknown", {std::to_string(static_cast<unsigned>(value))});
    return value;
  }
  std::uint16_t term_set(const std::string& field, std::span<const Term> terms, std::uint16_t set) {
    if (!is_term_set(terms, set)) fail(field, "err.choice.unknown", {std::to_string(set)});
    return set;
  }

  const Worker* worker(const std::string& field, const RecordId& id) {
    const Worker* w = ctx_.state.workers().find(ctx_.state.key_of(id));
    if (!w) fail(field, "err.ref.worker");
    else if (ctx_.state.is_duplicate(*w)) fail(field, "err.ref.duplicate_worker", {w->name()});
    else return w;
    return nullptr;
  }
  const Enterprise* enterprise(const std::string& field, const RecordId& id) {
    const Enterprise* e = ctx_.state.enterprises().find(ctx_.state.key_of(id));
    if (!e) fail(field, "err.ref.enterprise");
    return e;
  }
  template <class Row>
  const Row* row(const Table<Row>& table, const std::string& field, const RecordId& id, const char* key) {
    const Row* r = table.find(ctx_.state.key_of(id));
    if (!r) fail(field, key);
    return r;
  }

  const Context& ctx() const { return ctx_; }

 private:
  const Context& ctx_;
};

// The worker form's fields, shared by register and edit.
WorkerDetails worker_details(Checker& c, const RegisterWorker& f) {
  WorkerDetails d;
  d.name = c.person_name("name", f.name);
  d.mobile = c.mobile("mobile", f.mobile);
  d.township = c.township("township", f.township);
  d.occupation = c.term("occupation", terms_occupation(), f.occupation);
  d.skill = c.term("skill", terms_skill_level(), f.skill);
  d.skill_certificate = c.text("skill_certificate", f.skill_certificate, kMaxTextLength, false);
  if (d.skill != SkillLevel::None && d.skill_certificate.empty()) c.fail("skill_certificate", "err.worker.certificate_needed");
  d.special_groups = c.term_set("special_groups", terms_special_group(), f.special_groups);
  d.awards = c.term_set("awards", terms_award(), f.awards);
  d.union_member = f.union_member ? 1 : 0;
  d.own_insurance = c.term("own_insurance", terms_social_insurance(), f.own_insurance);
  d.community = c.text("community", f.community, kMaxTextLength, false);
  return d;
}

EnterpriseDetails enterprise_details(Checker& c, const RegisterEnterprise& f) {
  EnterpriseDetails d;
  d.name = c.text("name", f.name, kMaxTextLength);
  d.legal_representative = c.person_name("legal_representative", f.legal_representative);
  d.contact_mobile = c.mobile("contact_mobile", f.contact_mobile);
  d.address = c.text("address", f.address, kMaxTextLength);
  d.township = c.township("township", f.township);
  d.services = c.term_set("services", terms_service_kind(), f.services);
  if (f.services == 0) c.fail("services", "err.enterprise.no_services");
  d.flags = c.term_set("flags", terms_enterprise_flag(), f.flags);
  return d;
}

template <class Details, class Field>
void changes_between(const Details& now, const Details& next, std::initializer_list<Field> fields, RecordEdited& out) {
  for (Field f : fields) {
    std::string v = State::field_value(next, f);
    if (State::field_value(now, f) != v) out.changes.push_back({static_cast<std::uint16_t>(f), std::move(v)});
  }
}

}  // namespace

// ---- 2. People ----------------------------------------------------------------------------
Problems validate(const RegisterWorker& cmd, const Context& ctx, WorkerRegistered& out) {
  Checker c(ctx);
  out.details = worker_details(c, cmd);
  if (auto id = ResidentId::parse(cmd.resident_id, ctx.today); !id) {
    c.problems.push_back(id.problem);
  } else if (const std::int32_t age = id.value->birth_date().years_until(ctx.today); age < kMinimumWorkingAge) {
    c.fail("resident_id", "err.resident_id.too_young", {std::to_string(age), std::to_string(kMinimumWorkingAge)});
  } else if (const Worker* existing = ctx.state.worker_by_resident_id(id.value->digits())) {
    c.fail("resident_id", "err.resident_id.duplicate", {existing->name()});
  } else {
    out.resident_id = id.value->digits();
  }
  // Problems in the order of the form: name, ID, mobile, township, then the rest.
  std::stable_sort(c.problems.begin(), c.problems.end(), [](const Problem& a, const Problem& b) {
    auto rank = [](const std::string& f) {
      return f == "name" ? 0 : f == "resident_id" ? 1 : f == "mobile" ? 2 : f == "township" ? 3 : 4;
    };
    return rank(a.field) < rank(b.field);
  });
  return c.problems;
}

Problems validate(const EditWorker& cmd, const Context& ctx, RecordEdited& out) {
  Checker c(ctx);
  const Worker* w = c.worker("worker", cmd.worker);
  const WorkerDetails next = worker_details(c, cmd.form);
  if (!w) return c.problems;
  if (auto id = ResidentId::parse(cmd.form.resident_id, ctx.today); !id || id.value->digits() != w->resident_id)
    c.fail("resident_id", "err.resident_id.not_editable");
  if (!c.ok()) return c.problems;
  out.record = cmd.worker;
  out.seen = ctx.state.seen_stamp(w->key);
  changes_between(w->details, next,
                  {WorkerField::Name, WorkerField::Mobile, WorkerField::Township, WorkerField::Occupation, WorkerField::Skill,
                   WorkerField::SkillCertificate, WorkerField::SpecialGroups, WorkerField::Awards, WorkerField::UnionMember,
                   WorkerField::OwnInsurance, WorkerField::Community},
                  out);
  if (out.changes.empty()) c.fail("", "err.edit.nothing_changed");
  return c.problems;
}

Problems validate(const RegisterEnterprise& cmd, const Context& ctx, EnterpriseRegistered& out) {
  Checker c(ctx);
  if (auto code = CreditCode::parse(cmd.credit_code); !code) {
    c.problems.push_back(code.problem);
  } else if (const Enterprise* existing = ctx.state.enterprise_by_credit_code(code.value->text())) {
    c.fail("credit_code", "err.credit_code.duplicate", {existing->name()});
  } else {
    out.credit_code = code.value->text();
  }
  out.details = enterprise_details(c, cmd);
  return c.problems;
}

Problems validate(const EditEnterprise& cmd, const Context& ctx, RecordEdited& out) {
  Checker c(ctx);
  const Enterprise* e = c.enterprise("enterprise", cmd.enterprise);
  const EnterpriseDetails next = enterprise_details(c, cmd.form);
  if (!e) return c.problems;
  if (auto code = CreditCode::parse(cmd.form.credit_code); !code || code.value->text() != e->credit_code)
    c.fail("credit_code", "err.credit_code.not_editable");
  if (!c.ok()) return c.problems;
  out.record = cmd.enterprise;
  out.seen = ctx.state.seen_stamp(e->key);
  changes_between(e->details, next,
                  {EnterpriseField::Name, EnterpriseField::LegalRepresentative, EnterpriseField::ContactMobile, EnterpriseField::Address,
                   EnterpriseField::Township, EnterpriseField::Services, EnterpriseField::Flags},
                  out);
  if (out.changes.empty()) c.fail("", "err.edit.nothing_changed");
  return c.problems;
}

Problems validate(const StartEmployment& cmd, const Context& ctx, EmploymentStarted& out) {
  Checker c(ctx);
  const Worker* w = c.worker("worker", cmd.worker);
  const Enterprise* e = c.enterprise("enterprise", cmd.enterprise);
  out.form = c.term("form", terms_employment_form(), cmd.form);
  if (cmd.form == EmploymentForm::Flexible) c.fail("form", "err.employment.flexible");
  const auto hired = c.date("hired", cmd.hired);
  if (const auto wage = c.money("monthly_wage", cmd.monthly_wage)) out.monthly_wage_fen = *wage;
  out.insurance = c.term("insurance", terms_social_insurance(), cmd.insurance);
  out.paid_directly = cmd.paid_directly ? 1 : 0;
  if (w && hired) {
    if (const std::int32_t age = w->birth_date.years_until(*hired); age < kMinimumWorkingAge)
      c.fail("hired", "err.employment.too_young", {std::to_string(age), std::to_string(kMinimumWorkingAge)});
    if (e)
      for (const EmploymentSpell* s : ctx.state.spells_of_worker(w->key))
        if (s->enterprise == e->key && ctx.state.spell_open_on(*s, *hired)) c.fail("enterprise", "err.employment.already", {s->hired.iso()});
  }
  if (!c.ok()) return c.problems;
  out.worker = cmd.worker;
  out.enterprise = cmd.enterprise;
  out.hired = *hired;
  return c.problems;
}

Problems validate(const EndEmployment& cmd, const Context& ctx, EmploymentEnded& out) {
  Checker c(ctx);
  const EmploymentSpell* s = c.row(ctx.state.spells(), "spell", cmd.spell, "err.ref.spell");
  const auto left = c.date("left", cmd.left);
  out.reason = c.term("reason", terms_employment_end(), cmd.reason);
  if (s) {
    if (const SpellEnd* end = ctx.state.spell_end(s->key)) c.fail("spell", "err.employment.already_ended", {end->left.iso()});
    c.order("left", s->hired, left, "err.employment.left_before_hired");
  }
  if (!c.ok()) return c.problems;
  out.spell = cmd.spell;
  out.left = *left;
  return c.problems;
}

Problems validate(const VerifyIdentity& cmd, const Context& ctx, IdentityVerified& out) {
  Checker c(ctx);
  c.worker("worker", cmd.worker);
  const auto d = c.date("date", cmd.date);
  out.method = c.term("method", terms_identity_method(), cmd.method);
  if (!c.ok()) return c.problems;
  out.worker = cmd.worker;
  out.date = *d;
  return c.problems;
}

// ---- 3. Training --------------------------------------------------------------------------
Problems validate(const CreateCourse& cmd, const Context& ctx, CourseCreated& out) {
  Checker c(ctx);
  out.name = c.text("name", cmd.name, kMaxTextLength);
  out.type = c.term("type", terms_course_type(), cmd.type);
  out.programme = c.term("programme", terms_training_programme(), cmd.programme);
  out.provider = c.text("provider", cmd.provider, kMaxTextLength);
  if (const auto h = c.whole("hours", cmd.hours, 1, 2000)) out.hours = static_cast<std::uint16_t>(*h);
  out.subsidy_eligible = cmd.subsidy_eligible ? 1 : 0;
  return c.problems;
}

Problems validate(const ScheduleSession& cmd, const Context& ctx, SessionScheduled& out) {
  Checker c(ctx);
  c.row(ctx.state.courses(), "course", cmd.course, "err.ref.course");
  const auto d = c.date("date", cmd.date, /*future_ok=*/true);
  if (d && ctx.today.plus_months(12) < *d) c.fail("date", "err.session.too_far", {d->iso()});
  out.place = c.text("place", cmd.place, kMaxTextLength);
  out.trainer = c.person_name("trainer", cmd.trainer);
  out.township = c.township("township", cmd.township);
  if (!c.ok()) return c.problems;
  out.course = cmd.course;
  out.date = *d;
  return c.problems;
}

Problems validate(const Enrol& cmd, const Context& ctx, Enrolled& out) {
  Checker c(ctx);
  const TrainingSession* s = c.row(ctx.state.sessions(), "session", cmd.session, "err.ref.session");
  const Worker* w = c.worker("worker", cmd.worker);
  if (s && w)
    for (const Enrolment* e : ctx.state.enrolments_of_session(s->key))
      if (e->worker == w->key) c.fail("worker", "err.enrol.already", {w->name()});
  if (!c.ok()) return c.problems;
  out.session = cmd.session;
  out.worker = cmd.worker;
  return c.problems;
}

namespace {
bool enrolled(const State& st, Key session, Key worker) {
  for (const Enrolment* e : st.enrolments_of_session(session))
    if (e->worker == worker) return true;
  return false;
}
}  // namespace

Problems validate(const RecordAttendance& cmd, const Context& ctx, AttendanceRecorded& out) {
  Checker c(ctx);
  const TrainingSession* s = c.row(ctx.state.sessions(), "session", cmd.session, "err.ref.session");
  const Worker* w = c.worker("worker", cmd.worker);
  const auto d = c.date("date", cmd.date);
  if (s && w) {
    if (!enrolled(ctx.state, s->key, w->key)) c.fail("worker", "err.training.not_enrolled", {w->name()});
    c.order("date", s->date, d, "err.training.before_session");
    if (d)
      for (const Attendance* a : ctx.state.attendance_of_session(s->key))
        if (a->worker == w->key && a->date == *d) c.fail("worker", "err.attendance.already", {w->name(), d->iso()});
  }
  if (!c.ok()) return c.problems;
  out.session = cmd.session;
  out.worker = cmd.worker;
  out.date = *d;
  out.present = cmd.present ? 1 : 0;
  return c.problems;
}

Problems validate(const RecordCompletion& cmd, const Context& ctx, CompletionRecorded& out) {
  Checker c(ctx);
  const TrainingSession* s = c.row(ctx.state.sessions(), "session", cmd.session, "err.ref.session");
  const Worker* w = c.worker("worker", cmd.worker);
  const auto d = c.date("date", cmd.date);
  // Score: 0–100 with at most one decimal, as an exam sheet gives it.
  std::optional<std::uint16_t> tenths;
  {
    const auto fen = parse_yuan(cmd.score);  // the same "digits[.d[d]]" grammar; hundredths of a point
    if (trim(cmd.score).empty()) c.fail("score", "err.score.empty");
    else if (!fen || *fen % 10 != 0) c.fail("score", "err.score.format", {std::string(trim(cmd.score))});
    else if (*fen > 10000) c.fail("score", "err.score.range");
    else tenths = static_cast<std::uint16_t>(*fen / 10);
  }
  const bool passed = tenths && *tenths >= ctx.config.pass_score * 10;
  // A provider's own certificate number may be typed; otherwise a pass is given one here.
  out.certificate = c.text("certificate", cmd.certificate, kMaxTextLength, false);
  if (s && w) {
    if (!enrolled(ctx.state, s->key, w->key)) c.fail("worker", "err.training.not_enrolled", {w->name()});
    c.order("date", s->date, d, "err.training.before_session");
    // One result per person per session: a retake is a new session.
    for (const Completion* k : ctx.state.completions_of_session(s->key))
      if (k->worker == w->key) c.fail("worker", "err.completion.same_session", {w->name(), k->date.iso()});
    if (passed)
      if (const Completion* first = ctx.state.first_completion(w->key, s->course))
        c.fail("worker", "err.completion.duplicate", {w->name(), first->date.iso()});
  }
  if (!c.ok()) return c.problems;
  if (passed && out.certificate.empty()) out.certificate = training_certificate_for(ctx.state, s->key, w->key);
  out.session = cmd.session;
  out.course = ctx.state.record_id(s->course);
  out.worker = cmd.worker;
  out.date = *d;
  out.score_tenths = *tenths;
  out.passed = passed ? 1 : 0;
  return c.problems;
}

// ---- 4. Health and licences ---------------------------------------------------------------
Problems validate(const RecordHealthCheck& cmd, const Context& ctx, HealthCheckRecorded& out) {
  Checker c(ctx);
  c.worker("worker", cmd.worker);
  const auto d = c.date("date", cmd.date);
  out.institution = c.text("institution", cmd.institution, kMaxTextLength);
  out.category = c.term("category", terms_health_category(), cmd.category);
  out.items = c.term_set("items", terms_health_item(), cmd.items);
  out.fit = cmd.fit ? 1 : 0;
  std::optional<Date> until;
  if (d) {
    const Date longest = d->plus_months(ctx.config.health_max_validity_months).plus_days(-1);
    if (trim(cmd.valid_until).empty()) {
      until = longest;
    } else if ((until = c.date("valid_until", cmd.valid_until, true))) {
      if (*until < *d) c.fail("valid_until", "err.health.until_before_date", {until->iso(), d->iso()});
      else if (longest < *until) c.fail("valid_until", "err.health.too_long", {std::to_string(ctx.config.health_max_validity_months)});
    }
  }
  if (!c.ok()) return c.problems;
  out.worker = cmd.worker;
  out.date = *d;
  out.valid_until = *until;
  return c.problems;
}

Problems validate(const IssueLicence& cmd, const Context& ctx, LicenceIssued& out) {
  Checker c(ctx);
  const Worker* w = c.worker("worker", cmd.worker);
  const auto d = c.date("date", cmd.date);
  if (!c.ok()) return c.problems;
  const Verdict v = licence_eligibility(ctx.state, w->key, *d, ctx.config);
  for (const Criterion& k : v.criteria)
    if (!k.held) c.fail("", "err.licence.missing", {k.key});  // names each missing condition
  if (!c.ok()) return c.problems;
  const HealthCheck* check = ctx.state.health_checks().find(v.find("rule.licence.health")->evidence.front());
  out.worker = cmd.worker;
  out.number = licence_number_for(ctx.state, w->key);
  out.issued = *d;
  out.expires = check->valid_until;  // the card expires with the health check
  out.health_check = ctx.state.record_id(check->key);
  out.completion = ctx.state.record_id(v.find("rule.licence.pre_job")->evidence.front());
  out.identity = ctx.state.record_id(v.find("rule.licence.identity")->evidence.front());
  return c.problems;
}

Problems validate(const RevokeLicence& cmd, const Context& ctx, LicenceRevoked& out) {
  Checker c(ctx);
  const Worker* w = c.worker("worker", cmd.worker);
  const auto d = c.date("date", cmd.date);
  out.reason = c.text("reason", cmd.reason, kMaxNoteLength, false);
  if (trim(cmd.reason).empty()) c.fail("reason", "err.licence.revoke_reason");  // the card page and the verifier show it
  const ServiceLicence* l = w ? ctx.state.licence_of(w->key) : nullptr;
  if (w && !l) c.fail("worker", "err.licence.none", {w->name()});
  if (l) {
    if (const LicenceRevocation* r = ctx.state.revocation_of_licence(l->key)) c.fail("worker", "err.licence.already_revoked", {l->number, r->date.iso()});
    c.order("date", l->issued, d, "err.licence.revoke_before_issue");
  }
  if (!c.ok()) return c.problems;
  out.worker = cmd.worker;
  out.licence = ctx.state.record_id(l->key);
  out.number = l->number;
  out.date = *d;
  return c.problems;
}

namespace {
// A mediation step or a closing needs the complaint still open, and dates on or after its receipt.
void open_complaint(Checker& c, const Complaint* k, const std::optional<Date>& d) {
  if (!k) return;
  if (const ComplaintClosure* closed = c.ctx().state.closure_of(k->key)) c.fail("complaint", "err.complaint.closed", {closed->date.iso()});
  c.order("date", k->received, d, "err.complaint.before_received");
}
}  // namespace

// ---- 5. Contracts, complaints, credit, assessment -----------------------------------------
Problems validate(const RegisterContract& cmd, const Context& ctx, ContractRegistered& out) {
  Checker c(ctx);
  c.enterprise("enterprise", cmd.enterprise);
  c.worker("worker", cmd.worker);
  out.consumer_name = c.person_name("consumer_name", cmd.consumer_name);
  out.consumer_mobile = c.mobile("consumer_mobile", cmd.consumer_mobile);
  out.township = c.township("township", cmd.township);
  const auto& texts = ctx.config.model_texts;
  if (std::find(texts.begin(), texts.end(), trim(cmd.model_text)) == texts.end()) c.fail("model_text", "err.contract.model_text");
  else out.model_text = std::string(trim(cmd.model_text));
  const auto signed_on = c.date("signed_on", cmd.signed_on);
  const auto starts = c.date("starts", cmd.starts, true);
  const auto ends = c.date("ends", cmd.ends, true);
  c.order("starts", signed_on, starts, "err.contract.starts_before_signed");
  if (starts && ends && !(*starts < *ends)) c.fail("ends", "err.contract.ends_before_starts", {ends->iso(), starts->iso()});
  out.rest = c.term("rest", terms_rest_arrangement(), cmd.rest);
  // Measure 18: the contract states the worker's rest; only compensation may set zero days.
  if (const auto days = c.whole("rest_days_per_month", cmd.rest_days_per_month, 0, 16)) {
    out.rest_days_per_month = static_cast<std::uint8_t>(*days);
    if (*days == 0 && cmd.rest != RestArrangement::Compensated) c.fail("rest_days_per_month", "err.contract.no_rest");
  }
  if (const auto fee = c.money("monthly_fee", cmd.monthly_fee)) out.monthly_fee_fen = *fee;
  if (!c.ok()) return c.problems;
  out.enterprise = cmd.enterprise;
  out.worker = cmd.worker;
  out.signed_on = *signed_on;
  out.starts = *starts;
  out.ends = *ends;
  return c.problems;
}

Problems validate(const FileComplaint& cmd, const Context& ctx, ComplaintFiled& out) {
  Checker c(ctx);
  out.channel = c.term("channel", terms_complaint_channel(), cmd.channel);
  const auto received = c.date("received", cmd.received);
  out.complainant = c.person_name("complainant", cmd.complainant);
  out.complainant_mobile = c.mobile("complainant_mobile", cmd.complainant_mobile);
  if (cmd.enterprise.none() && cmd.worker.none()) c.fail("enterprise", "err.complaint.no_subject");
  if (!cmd.enterprise.none()) c.enterprise("enterprise", cmd.enterprise);
  if (!cmd.worker.none()) c.worker("worker", cmd.worker);
  out.township = c.township("township", cmd.township);
  out.facts = c.text("facts", cmd.facts, kMaxNoteLength);
  if (!c.ok()) return c.problems;
  out.received = *received;
  out.enterprise = cmd.enterprise;
  out.worker = cmd.worker;
  return c.problems;
}

Problems validate(const RecordMediationStep& cmd, const Context& ctx, MediationStepRecorded& out) {
  Checker c(ctx);
  const Complaint* k = c.row(ctx.state.complaints(), "complaint", cmd.complaint, "err.ref.complaint");
  const auto d = c.date("date", cmd.date);
  out.mediator = c.term("mediator", terms_mediator(), cmd.mediator);
  out.note = c.text("note", cmd.note, kMaxNoteLength);
  open_complaint(c, k, d);
  if (!c.ok()) return c.problems;
  out.complaint = cmd.complaint;
  out.date = *d;
  return c.problems;
}

Problems validate(const CloseComplaint& cmd, const Context& ctx, ComplaintClosed& out) {
  Checker c(ctx);
  const Complaint* k = c.row(ctx.state.complaints(), "complaint", cmd.complaint, "err.ref.complaint");
  const auto d = c.date("date", cmd.date);
  out.outcome = c.term("outcome", terms_complaint_outcome(), cmd.outcome);
  out.note = c.text("note", cmd.note, kMaxNoteLength, false);
  open_complaint(c, k, d);
  if (!c.ok()) return c.problems;
  out.complaint = cmd.complaint;
  out.date = *d;
  return c.problems;
}

Problems validate(const RecordCreditEvent& cmd, const Context& ctx, CreditEventRecorded& out) {
  Checker c(ctx);
  const Key subject = ctx.state.key_of(cmd.subject);
  const Worker* w = ctx.state.workers().find(subject);
  if (!w && !ctx.state.enterprises().find(subject)) c.fail("subject", "err.ref.subject");
  if (w && ctx.state.is_duplicate(*w)) c.fail("subject", "err.ref.duplicate_worker", {w->name()});
  out.kind = c.term("kind", terms_credit_kind(), cmd.kind);
  const auto d = c.date("date", cmd.date);
  const auto [lo, hi] = cmd.kind == CreditKind::Evaluation ? std::pair{1, 5} : cmd.kind == CreditKind::BackgroundVerified ? std::pair{0, 0} : std::pair{1, 3};
  if (cmd.level < lo || cmd.level > hi) c.fail("level", "err.credit.level", {std::to_string(lo), std::to_string(hi)});
  out.level = cmd.level;
  out.note = c.text("note", cmd.note, kMaxNoteLength, cmd.kind == CreditKind::Violation);  // a violation says what happened
  if (!c.ok()) return c.problems;
  out.subject = cmd.subject;
  out.date = *d;
  return c.problems;
}

Problems validate(const RecordAssessment& cmd, const Context& ctx, AssessmentRecorded& out) {
  Checker c(ctx);
  c.enterprise("enterprise", cmd.enterprise);
  const auto d = c.date("date", cmd.date);
  out.assessor = c.text("assessor", cmd.assessor, kMaxTextLength);
  for (const AssessmentIndicator& ind : ctx.config.indicators) {
    const std::string field = "indicator." + std::to_string(ind.number);
    const auto it = std::find_if(cmd.scores.begin(), cmd.scores.end(), [&](const auto& s) { return s.first == ind.number; });
    if (it == cmd.scores.end()) {
      c.fail(field, "err.assessment.missing", {ind.key});
      continue;
    }
    if (const auto p = c.whole(field, it->second, 0, ind.max_points)) out.scores.push_back({ind.number, static_cast<std::uint16_t>(*p)});
  }
  for (const auto& s : cmd.scores)
    if (!ctx.config.indicator(s.first)) c.fail("indicator." + std::to_string(s.first), "err.assessment.unknown", {std::to_string(s.first)});
  if (!c.ok()) return c.problems;
  out.enterprise = cmd.enterprise;
  out.date = *d;
  return c.problems;
}

// ---- 6. Programme -------------------------------------------------------------------------
Problems validate(const OpenServicePoint& cmd, const Context& ctx, ServicePointOpened& out) {
  Checker c(ctx);
  out.community = c.text("community", cmd.community, kMaxTextLength);
  out.township = c.township("township", cmd.township);
  c.enterprise("operator", cmd.operator_enterprise);
  out.services = c.term_set("services", terms_service_kind(), cmd.services);
  if (cmd.services == 0) c.fail("services", "err.service_point.no_services");
  const auto opened = c.date("opened", cmd.opened);
  out.unified_signage = cmd.unified_signage ? 1 : 0;
  for (const ServicePoint& p : ctx.state.service_points().rows())
    if (p.township == out.township && p.community == out.community && p.operator_enterprise == ctx.state.key_of(cmd.operator_enterprise))
      c.fail("community", "err.service_point.duplicate", {p.opened.iso()});
  if (!c.ok()) return c.problems;
  out.operator_enterprise = cmd.operator_enterprise;
  out.opened = *opened;
  return c.problems;
}

Problems validate(const ReportRevenue& cmd, const Context& ctx, RevenueReported& out) {
  Checker c(ctx);
  c.enterprise("enterprise", cmd.enterprise);
  if (const auto y = c.whole("year", cmd.year, 2000, ctx.today.year)) out.year = static_cast<std::uint16_t>(*y);
  if (const auto a = c.money("amount", cmd.amount)) out.amount_fen = *a;
  if (!c.ok()) return c.problems;
  out.enterprise = cmd.enterprise;
  return c.problems;
}

Problems validate(const ReportProgress& cmd, const Context& ctx, ProgressReported& out) {
  Checker c(ctx);
  const MeasureRegistry& reg = MeasureRegistry::builtin();
  const Measure* m = reg.measure(cmd.measure);
  if (!m) c.fail("measure", "err.progress.measure", {std::to_string(cmd.measure)});
  const std::string unit(trim(cmd.unit));
  if (!reg.unit(unit)) c.fail("unit", "err.progress.unit", {unit});
  else if (m && !m->open_to(unit)) c.fail("unit", "err.progress.not_responsible", {std::to_string(cmd.measure)});
  const auto d = c.date("date", cmd.date);
  out.status = c.term("status", terms_measure_status(), cmd.status);
  out.note = c.text("note", cmd.note, kMaxNoteLength);
  if (!c.ok()) return c.problems;
  out.measure = cmd.measure;
  out.unit = unit;
  out.date = *d;
  return c.problems;
}

// ---- Devices (district office) ---------------------------------------------------------------
Problems validate(const EnrolDevice& cmd, const Context& ctx, DeviceEnrolled& out) {
  Checker c(ctx);
  auto cert = Certificate::decode(cmd.certificate);
  if (auto* p = std::get_if<TrustProblem>(&cert)) c.fail("certificate", p->message, p->args);
  else out.certificate = cmd.certificate;
  return c.problems;
}

Problems validate(const RevokeDevice& cmd, const Context& ctx, DeviceRevoked& out) {
  Checker c(ctx);
  if (!ctx.state.enrolment_of(cmd.device)) c.fail("device", "err.revoke.unknown");
  out.reason = c.text("reason", cmd.reason, kMaxNoteLength, false);
  if (trim(out.reason).empty()) c.fail("reason", "err.revoke.reason");
  out.device = cmd.device;
  out.accept_through = cmd.accept_through;
  return c.problems;
}

}  // namespace hearth
