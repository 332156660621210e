#include "state.hpp"

#include "enrolment.hpp"

#include <algorithm>
#include <charconv>

#include "resident_id.hpp"
#include "text.hpp"

namespace hearth {

namespace {
constexpr int kSeqBits = 48;
constexpr Key kSeqMask = (Key{1} << kSeqBits) - 1;

std::string num(std::uint64_t v) { return std::to_string(v); }

// What search_workers matches: "name\x1Fid\x1Fmobile", ASCII lowercased; built in one allocation.
std::string search_key(const Worker& w) {
  std::string k;
  k.reserve(w.details.name.size() + w.resident_id.size() + w.details.mobile.size() + 2);
  k.append(w.details.name).append(1, '\x1F').append(w.resident_id).append(1, '\x1F').append(w.details.mobile);
  ascii_lower_in_place(k);
  return k;
}
template <class T>
T parse_num(std::string_view s) {
  std::uint64_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return static_cast<T>(v);
}
}  // namespace

// ---- keys ---------------------------------------------------------------------------------
Key State::intern(const RecordId& id) {
  const std::string raw(id.device.begin(), id.device.end());
  auto it = device_index_.find(raw);
  if (it == device_index_.end()) {
    devices_.push_back(id.device);
    it = device_index_.emplace(raw, static_cast<std::uint16_t>(devices_.size())).first;
  }
  return (Key{it->second} << kSeqBits) | (id.seq & kSeqMask);
}

Key State::key_of(const RecordId& id) const {
  if (id.none()) return kNoKey;
  const auto it = device_index_.find(std::string(id.device.begin(), id.device.end()));
  return it == device_index_.end() ? kNoKey : (Key{it->second} << kSeqBits) | (id.seq & kSeqMask);
}

RecordId State::record_id(Key k) const {
  const auto d = static_cast<std::size_t>(k >> kSeqBits);
  if (k == kNoKey || d == 0 || d > devices_.size()) return {};
  return RecordId{devices_[d - 1], k & kSeqMask};
}

bool State::created_before(const Hlc& sa, Key a, const Hlc& sb, Key b) const {
  if (sa != sb) return sa < sb;
  return record_id(a) < record_id(b);
}

// ---- fold ---------------------------------------------------------------------------------
void State::apply(const Event& e) {
  ++revision_;
  std::visit([&](const auto& body) { on(e, body); }, e.body);
}

void State::on(const Event& e, const WorkerRegisteredV1& w) {
  WorkerDetails d;
  d.name = w.name;
  d.mobile = w.mobile;
  d.township = w.township;
  add_worker(e, w.resident_id, std::move(d));
}

void State::on(const Event& e, const WorkerRegistered& w) { add_worker(e, w.resident_id, w.details); }

void State::add_worker(const Event& e, std::string resident_id, WorkerDetails details) {
  Worker w;
  w.key = self_key(e);
  w.resident_id = std::move(resident_id);
  w.details = std::move(details);
  w.registered = e.stamp;
  if (auto id = ResidentId::parse(w.resident_id, Date{9999, 12, 31})) {
    w.birth_date = id.value->birth_date();
    w.female = id.value->sex() == Sex::Female;
  }
  const std::uint32_t row = workers_.insert(std::move(w));
  apply_writes(workers_.rows()[row].key);
  index_row(workers_.rows()[row], row);
}

void State::index_row(const Worker& added, std::uint32_t row) {
  worker_search_keys_.push_back(search_key(added));
  worker_duplicate_.push_back(0);
  // Two devices may register the same person offline: the earliest registration holds the ID.
  auto [it, fresh] = by_resident_id_.try_emplace(added.resident_id, row);
  if (!fresh) {
    const Worker& holder = workers_.rows()[it->second];
    if (created_before(added.registered, added.key, holder.registered, holder.key)) {
      worker_duplicate_[it->second] = 1;
      it->second = row;
    } else {
      worker_duplicate_[row] = 1;
    }
  }
  if (!workers_by_stamp_.empty()) {
    const Worker& newest = workers_.rows()[workers_by_stamp_.back()];
    if (created_before(added.registered, added.key, newest.registered, newest.key)) workers_sorted_ = false;
  }
  workers_by_stamp_.push_back(row);
}

void State::on(const Event& e, const EnterpriseRegistered& r) {
  Enterprise ent{self_key(e), r.credit_code, r.details, e.stamp};
  const std::uint32_t row = enterprises_.insert(std::move(ent));
  apply_writes(enterprises_.rows()[row].key);
  index_row(enterprises_.rows()[row], row);
}

void State::index_row(const Enterprise& added, std::uint32_t row) {
  auto [it, fresh] = by_credit_code_.try_emplace(added.credit_code, row);
  if (!fresh) {
    const Enterprise& holder = enterprises_.rows()[it->second];
    if (created_before(added.registered, added.key, holder.registered, holder.key)) it->second = row;
  }
}

void State::on(const Event& e, const RecordEditedV1& r) { add_writes(e, r.record, e.stamp, r.changes); }
void State::on(const Event& e, const RecordEdited& r) { add_writes(e, r.record, r.seen, r.changes); }

void State::add_writes(const Event& e, const RecordId& record, const Hlc& seen, const std::vector<FieldChange>& changes) {
  const Key target = ref(record);
  auto& list = writes_[target];
  for (const auto& c : changes) list.push_back({c.field, c.value, e.stamp, self_key(e), false, seen});
  apply_writes(target);
}

EnrolledDevice& State::enrolled_row(const DeviceId& d) {
  auto it = std::lower_bound(enrolled_.begin(), enrolled_.end(), d, [](const EnrolledDevice& x, const DeviceId& k) { return x.device < k; });
  if (it == enrolled_.end() || it->device != d) {
    it = enrolled_.insert(it, EnrolledDevice{});
    it->device = d;
  }
  return *it;
}

const EnrolledDevice* State::enrolment_of(const DeviceId& d) const {
  auto it = std::lower_bound(enrolled_.begin(), enrolled_.end(), d, [](const EnrolledDevice& x, const DeviceId& k) { return x.device < k; });
  return it == enrolled_.end() || it->device != d ? nullptr : &*it;
}

// The newest certificate wins whatever order they arrive in (clock stamp of the enrolment).
void State::on(const Event& e, const DeviceEnrolled& r) {
  auto cert = Certificate::decode(r.certificate);
  const auto* c = std::get_if<Certificate>(&cert);
  if (!c) return;  // the district's own ledger holds only what it issued: a damaged one is not a device
  EnrolledDevice& row = enrolled_row(c->device);
  if (!row.certificate.empty() && e.stamp < row.enrolled) return;
  row.certificate = r.certificate;
  row.role = static_cast<std::uint8_t>(c->unit.role);
  row.township = c->unit.township;
  row.provider = c->unit.provider;
  row.label = c->unit.label;
  row.valid_until_ms = c->valid_until_ms;
  row.enrolled = e.stamp;
}

void State::on(const Event& e, const DeviceRevoked& r) {
  EnrolledDevice& row = enrolled_row(r.device);
  if (row.revoked && e.stamp < row.revoked_stamp) return;
  row.revoked = 1;
  row.accept_through = r.accept_through;
  row.reason = r.reason;
  row.revoked_stamp = e.stamp;
}

// Brings the record's edited fields to the value with the latest stamp. The first time a
// field is edited, its creation value joins the list so history can show old → new.
void State::apply_writes(Key record) {
  const auto it = writes_.find(record);
  if (it == writes_.end()) return;
  auto& list = it->second;
  Worker* w = workers_.find_mut(record);
  Enterprise* ent = w ? nullptr : enterprises_.find_mut(record);
  if (!w && !ent) return;  // the record's own event has not arrived yet: kept until it does
  const Hlc created = w ? w->registered : ent->registered;

  std::vector<std::uint16_t> fields;
  for (const auto& fw : list)
    if (std::find(fields.begin(), fields.end(), fw.field) == fields.end()) fields.push_back(fw.field);
  for (std::uint16_t f : fields) {
    const bool has_created = std::any_of(list.begin(), list.end(), [&](const FieldWrite& x) { return x.field == f && x.created; });
    if (!has_created) {
      const std::string current = w ? field_value(w->details, WorkerField{f}) : field_value(ent->details, EnterpriseField{f});
      list.push_back({f, current, created, record, true, created});
    }
    const FieldWrite* latest = nullptr;
    for (const auto& x : list)
      if (x.field == f && (!latest || created_before(latest->stamp, latest->by, x.stamp, x.by))) latest = &x;
    const std::string_view v = latest->value;
    if (w) {
      WorkerDetails& d = w->details;
      switch (WorkerField{f}) {
        case WorkerField::Name: d.name = v; break;
        case WorkerField::Mobile: d.mobile = v; break;
        case WorkerField::Township: d.township = parse_num<std::uint32_t>(v); break;
        case WorkerField::Occupation: d.occupation = Occupation{parse_num<std::uint8_t>(v)}; break;
        case WorkerField::Skill: d.skill = SkillLevel{parse_num<std::uint8_t>(v)}; break;
        case WorkerField::SkillCertificate: d.skill_certificate = v; break;
        case WorkerField::SpecialGroups: d.special_groups = parse_num<std::uint16_t>(v); break;
        case WorkerField::Awards: d.awards = parse_num<std::uint16_t>(v); break;
        case WorkerField::UnionMember: d.union_member = parse_num<std::uint8_t>(v); break;
        case WorkerField::OwnInsurance: d.own_insurance = SocialInsurance{parse_num<std::uint8_t>(v)}; break;
        case WorkerField::Community: d.community = v; break;
      }
    } else {
      EnterpriseDetails& d = ent->details;
      switch (EnterpriseField{f}) {
        case EnterpriseField::Name: d.name = v; break;
        case EnterpriseField::LegalRepresentative: d.legal_representative = v; break;
        case EnterpriseField::ContactMobile: d.contact_mobile = v; break;
        case EnterpriseField::Address: d.address = v; break;
        case EnterpriseField::Township: d.township = parse_num<std::uint32_t>(v); break;
        case EnterpriseField::Services: d.services = parse_num<std::uint16_t>(v); break;
        case EnterpriseField::Flags: d.flags = parse_num<std::uint16_t>(v); break;
      }
    }
  }
  if (w) {
    const auto row = static_cast<std::size_t>(w - workers_.rows().data());
    if (row < worker_search_keys_.size())
      worker_search_keys_[row] = search_key(*w);
  }
}

std::string State::field_value(const WorkerDetails& d, WorkerField f) {
  switch (f) {
    case WorkerField::Name: return d.name;
    case WorkerField::Mobile: return d.mobile;
    case WorkerField::Township: return num(d.township);
    case WorkerField::Occupation: return num(static_cast<unsigned>(d.occupation));
    case WorkerField::Skill: return num(static_cast<unsigned>(d.skill));
    case WorkerField::SkillCertificate: return d.skill_certificate;
    case WorkerField::SpecialGroups: return num(d.special_groups);
    case WorkerField::Awards: return num(d.awards);
    case WorkerField::UnionMember: return num(d.union_member);
    case WorkerField::OwnInsurance: return num(static_cast<unsigned>(d.own_insurance));
    case WorkerField::Community: return d.community;
  }
  return {};
}

std::string State::field_value(const EnterpriseDetails& d, EnterpriseField f) {
  switch (f) {
    case EnterpriseField::Name: return d.name;
    case EnterpriseField::LegalRepresentative: return d.legal_representative;
    case EnterpriseField::ContactMobile: return d.contact_mobile;
    case EnterpriseField::Address: return d.address;
    case EnterpriseField::Township: return num(d.township);
    case EnterpriseField::Services: return num(d.services);
    case EnterpriseField::Flags: return num(d.flags);
  }
  return {};
}

void State::on(const Event& e, const EmploymentStarted& s) {
  EmploymentSpell row{self_key(e), ref(s.worker), ref(s.enterprise), s.form, s.hired, s.monthly_wage_fen, s.insurance,
                      s.paid_directly != 0, e.stamp};
  const auto i = spells_.insert(row);
  index_row(spells_.rows()[i], i);
}

void State::index_row(const EmploymentSpell& row, std::uint32_t i) {
  spells_by_worker_[row.worker].push_back(i);
  spells_by_enterprise_[row.enterprise].push_back(i);
}

void State::on(const Event& e, const EmploymentEnded& s) {
  SpellEnd end{self_key(e), s.left, s.reason, e.stamp};
  auto [it, fresh] = spell_ends_.try_emplace(ref(s.spell), end);
  if (!fresh && created_before(it->second.stamp, it->second.key, end.stamp, end.key)) it->second = end;  // the later correction wins
}

void State::on(const Event& e, const CourseCreated& c) {
  courses_.insert({self_key(e), c.name, c.type, c.programme, c.provider, c.hours, c.subsidy_eligible != 0});
}

void State::on(const Event& e, const SessionScheduled& s) {
  sessions_.insert({self_key(e), ref(s.course), s.date, s.place, s.trainer, s.township});
}

void State::on(const Event& e, const Enrolled& s) {
  const auto i = enrolments_.insert({self_key(e), ref(s.session), ref(s.worker)});
  index_row(enrolments_.rows()[i], i);
}
void State::index_row(const Enrolment& row, std::uint32_t i) { enrolments_by_session_[row.session].push_back(i); }

void State::on(const Event& e, const AttendanceRecorded& a) {
  const auto i = attendance_.insert({self_key(e), ref(a.session), ref(a.worker), a.date, a.present != 0});
  index_row(attendance_.rows()[i], i);
}
void State::index_row(const Attendance& row, std::uint32_t i) { attendance_by_session_[row.session].push_back(i); }

void State::on(const Event& e, const CompletionRecorded& c) {
  Completion row{self_key(e), ref(c.session), ref(c.course), ref(c.worker), c.date, c.score_tenths, c.passed != 0, c.certificate, e.stamp};
  const auto i = completions_.insert(std::move(row));
  index_row(completions_.rows()[i], i);
}

void State::index_row(const Completion& added, std::uint32_t i) {
  completions_by_worker_[added.worker].push_back(i);
  completions_by_session_[added.session].push_back(i);
  completion_first_.resize(completions_.size());
  if (!added.passed) return;
  auto [it, fresh] = first_completion_[added.worker].try_emplace(added.course, i);
  if (fresh) {
    completion_first_[i] = 1;
  } else {
    const Completion& held = completions_.rows()[it->second];
    if (created_before(added.stamp, added.key, held.stamp, held.key)) {
      completion_first_[it->second] = 0;
      completion_first_[i] = 1;
      it->second = i;
    }
  }
}

void State::on(const Event& e, const HealthCheckRecorded& h) {
  const auto i = health_checks_.insert({self_key(e), ref(h.worker), h.date, h.institution, h.category, h.items, h.fit != 0, h.valid_until});
  index_row(health_checks_.rows()[i], i);
}
void State::index_row(const HealthCheck& row, std::uint32_t i) { checks_by_worker_[row.worker].push_back(i); }

void State::on(const Event& e, const IdentityVerified& v) {
  const auto i = identity_checks_.insert({self_key(e), ref(v.worker), v.date, v.method});
  index_row(identity_checks_.rows()[i], i);
}
void State::index_row(const IdentityCheck& row, std::uint32_t i) { identity_by_worker_[row.worker].push_back(i); }

void State::on(const Event& e, const LicenceIssued& l) {
  ServiceLicence row{self_key(e), ref(l.worker), l.number, l.issued, l.expires, ref(l.health_check), ref(l.completion), ref(l.identity), e.stamp};
  const auto i = licences_.insert(std::move(row));
  index_row(licences_.rows()[i], i);
}

void State::index_row(const ServiceLicence& added, std::uint32_t i) {
  auto [it, fresh] = licence_by_worker_.try_emplace(added.worker, i);
  if (!fresh) {
    const ServiceLicence& held = licences_.rows()[it->second];
    if (created_before(held.stamp, held.key, added.stamp, added.key)) it->second = i;  // the latest renewal is in force
  }
}

void State::on(const Event& e, const LicenceRevoked& r) {
  LicenceRevocation row{self_key(e), ref(r.worker), ref(r.licence), r.number, r.date, r.reason, e.stamp};
  const auto i = licence_revocations_.insert(std::move(row));
  index_row(licence_revocations_.rows()[i], i);
}

void State::index_row(const LicenceRevocation& added, std::uint32_t i) {
  auto [it, fresh] = revocation_by_licence_.try_emplace(added.licence, i);
  if (!fresh) {
    const LicenceRevocation& held = licence_revocations_.rows()[it->second];
    if (created_before(added.stamp, added.key, held.stamp, held.key)) it->second = i;  // the first revocation stands
  }
}

void State::on(const Event& e, const ContractRegistered& c) {
  ServiceContract row{self_key(e), ref(c.enterprise), ref(c.worker), c.consumer_name, c.consumer_mobile, c.township, c.model_text,
                      c.signed_on, c.starts, c.ends, c.rest_days_per_month, c.rest, c.monthly_fee_fen};
  const auto i = contracts_.insert(std::move(row));
  index_row(contracts_.rows()[i], i);
}
void State::index_row(const ServiceContract& row, std::uint32_t i) { contracts_by_enterprise_[row.enterprise].push_back(i); }

void State::on(const Event& e, const ComplaintFiled& c) {
  Complaint row{self_key(e), c.channel, c.received, c.complainant, c.complainant_mobile, ref(c.enterprise), ref(c.worker), c.township, c.facts};
  const auto i = complaints_.insert(std::move(row));
  index_row(complaints_.rows()[i], i);
}
void State::index_row(const Complaint& row, std::uint32_t i) {
  if (row.enterprise != kNoKey) complaints_by_subject_[row.enterprise].push_back(i);
  if (row.worker != kNoKey) complaints_by_subject_[row.worker].push_back(i);
}

void State::on(const Event& e, const MediationStepRecorded& m) {
  MediationStep row{self_key(e), ref(m.complaint), m.date, m.mediator, m.note};
  const auto i = mediation_steps_.insert(std::move(row));
  index_row(mediation_steps_.rows()[i], i);
}
void State::index_row(const MediationStep& row, std::uint32_t i) { steps_by_complaint_[row.complaint].push_back(i); }

void State::on(const Event& e, const ComplaintClosed& c) {
  ComplaintClosure closure{self_key(e), c.date, c.outcome, c.note, e.stamp};
  auto [it, fresh] = closures_.try_emplace(ref(c.complaint), closure);
  if (!fresh && created_before(it->second.stamp, it->second.key, closure.stamp, closure.key)) it->second = std::move(closure);
}

void State::on(const Event& e, const CreditEventRecorded& c) {
  CreditEvent row{self_key(e), ref(c.subject), c.kind, c.date, c.level, c.note};
  const auto i = credit_events_.insert(std::move(row));
  index_row(credit_events_.rows()[i], i);
}
void State::index_row(const CreditEvent& row, std::uint32_t i) { credit_by_subject_[row.subject].push_back(i); }

void State::on(const Event& e, const AssessmentRecorded& a) {
  Assessment row{self_key(e), ref(a.enterprise), a.date, a.assessor, a.scores};
  const auto i = assessments_.insert(std::move(row));
  index_row(assessments_.rows()[i], i);
}
void State::index_row(const Assessment& row, std::uint32_t i) { assessments_by_enterprise_[row.enterprise].push_back(i); }

void State::on(const Event& e, const ServicePointOpened& p) {
  service_points_.insert({self_key(e), p.community, p.township, ref(p.operator_enterprise), p.services, p.opened, p.unified_signage != 0});
}

void State::on(const Event& e, const RevenueReported& r) {
  const RevenueFigure fig{self_key(e), r.amount_fen, e.stamp};
  auto [it, fresh] = revenue_[ref(r.enterprise)].try_emplace(r.year, fig);
  if (!fresh && created_before(it->second.stamp, it->second.key, fig.stamp, fig.key)) it->second = fig;
}

void State::on(const Event& e, const ProgressReported& p) {
  progress_reports_.insert({self_key(e), p.measure, p.unit, p.date, p.status, p.note, e.stamp});
}

// ---- indexes from rows ----------------------------------------------------------------------
void State::rebuild_indexes() {
  device_index_.clear();
  for (std::size_t i = 0; i < devices_.size(); ++i)
    device_index_.emplace(std::string(devices_[i].begin(), devices_[i].end()), static_cast<std::uint16_t>(i + 1));

  workers_.reindex();
  enterprises_.reindex();
  spells_.reindex();
  identity_checks_.reindex();
  courses_.reindex();
  sessions_.reindex();
  enrolments_.reindex();
  attendance_.reindex();
  completions_.reindex();
  health_checks_.reindex();
  licences_.reindex();
  licence_revocations_.reindex();
  contracts_.reindex();
  complaints_.reindex();
  mediation_steps_.reindex();
  credit_events_.reindex();
  assessments_.reindex();
  service_points_.reindex();
  progress_reports_.reindex();

  for (Children* c : {&spells_by_worker_, &spells_by_enterprise_, &completions_by_worker_, &completions_by_session_, &enrolments_by_session_,
                      &attendance_by_session_, &checks_by_worker_, &identity_by_worker_, &contracts_by_enterprise_, &complaints_by_subject_,
                      &steps_by_complaint_, &credit_by_subject_, &assessments_by_enterprise_})
    c->clear();
  by_resident_id_.clear();
  by_credit_code_.clear();
  worker_search_keys_.clear();
  worker_duplicate_.clear();
  workers_by_stamp_.clear();
  workers_sorted_ = true;
  licence_by_worker_.clear();
  revocation_by_licence_.clear();
  first_completion_.clear();
  completion_first_.clear();

  by_resident_id_.reserve(workers_.size());
  by_credit_code_.reserve(enterprises_.size());
  worker_search_keys_.reserve(workers_.size());
  worker_duplicate_.reserve(workers_.size());
  workers_by_stamp_.reserve(workers_.size());
  // Room for the children lists at once (rehashing costs as much as filling): at most one
  // list per parent, and at most one per child.
  const std::size_t subjects = workers_.size() + enterprises_.size();
  auto room = [](auto& map, std::size_t children, std::size_t parents) { map.reserve(std::min(children, parents)); };
  room(spells_by_worker_, spells_.size(), workers_.size());
  room(spells_by_enterprise_, spells_.size(), enterprises_.size());
  room(completions_by_worker_, completions_.size(), workers_.size());
  room(completions_by_session_, completions_.size(), sessions_.size());
  room(first_completion_, completions_.size(), workers_.size());
  room(enrolments_by_session_, enrolments_.size(), sessions_.size());
  room(attendance_by_session_, attendance_.size(), sessions_.size());
  room(checks_by_worker_, health_checks_.size(), workers_.size());
  room(identity_by_worker_, identity_checks_.size(), workers_.size());
  room(licence_by_worker_, licences_.size(), workers_.size());
  room(revocation_by_licence_, licence_revocations_.size(), licences_.size());
  room(contracts_by_enterprise_, contracts_.size(), enterprises_.size());
  room(complaints_by_subject_, 2 * complaints_.size(), subjects);
  room(steps_by_complaint_, mediation_steps_.size(), complaints_.size());
  room(credit_by_subject_, credit_events_.size(), subjects);
  room(assessments_by_enterprise_, assessments_.size(), enterprises_.size());
  auto index_table = [this](const auto& table) {
    const auto& rows = table.rows();
    for (std::uint32_t i = 0; i < rows.size(); ++i) index_row(rows[i], i);
  };
  index_table(workers_);
  index_table(enterprises_);
  index_table(spells_);
  index_table(enrolments_);
  index_table(attendance_);
  index_table(completions_);
  index_table(health_checks_);
  index_table(identity_checks_);
  index_table(licences_);
  index_table(licence_revocations_);
  index_table(contracts_);
  index_table(complaints_);
  index_table(mediation_steps_);
  index_table(credit_events_);
  index_table(assessments_);
}

// ---- queries ------------------------------------------------------------------------------
template <class Row>
std::vector<const Row*> State::pick(const Table<Row>& t, const Children& c, Key parent) {
  std::vector<const Row*> out;
  if (const auto it = c.find(parent); it != c.end()) {
    out.reserve(it->second.size());
    for (auto i : it->second) out.push_back(&t.rows()[i]);
  }
  return out;
}

const Worker* State::worker_by_resident_id(std::string_view digits) const {
  const auto it = by_resident_id_.find(std::string(digits));
  return it == by_resident_id_.end() ? nullptr : &workers_.rows()[it->second];
}

const Enterprise* State::enterprise_by_credit_code(std::string_view code) const {
  const auto it = by_credit_code_.find(std::string(code));
  return it == by_credit_code_.end() ? nullptr : &enterprises_.rows()[it->second];
}

std::vector<const EmploymentSpell*> State::spells_of_worker(Key w) const { return pick(spells_, spells_by_worker_, w); }
std::vector<const EmploymentSpell*> State::spells_of_enterprise(Key e) const { return pick(spells_, spells_by_enterprise_, e); }
const SpellEnd* State::spell_end(Key spell) const {
  const auto it = spell_ends_.find(spell);
  return it == spell_ends_.end() ? nullptr : &it->second;
}
bool State::spell_open_on(const EmploymentSpell& s, const Date& d) const {
  if (d < s.hired) return false;
  const SpellEnd* end = spell_end(s.key);
  return !end || d <= end->left;  // the leaving day is still a working day
}
std::vector<const Completion*> State::completions_of_worker(Key w) const { return pick(completions_, completions_by_worker_, w); }
std::vector<const Completion*> State::completions_of_session(Key s) const { return pick(completions_, completions_by_session_, s); }
std::vector<const Enrolment*> State::enrolments_of_session(Key s) const { return pick(enrolments_, enrolments_by_session_, s); }
std::vector<const Attendance*> State::attendance_of_session(Key s) const { return pick(attendance_, attendance_by_session_, s); }
std::vector<const HealthCheck*> State::health_checks_of(Key w) const { return pick(health_checks_, checks_by_worker_, w); }
std::vector<const IdentityCheck*> State::identity_checks_of(Key w) const { return pick(identity_checks_, identity_by_worker_, w); }
const ServiceLicence* State::licence_of(Key w) const {
  const auto it = licence_by_worker_.find(w);
  return it == licence_by_worker_.end() ? nullptr : &licences_.rows()[it->second];
}
const LicenceRevocation* State::revocation_of_licence(Key licence) const {
  const auto it = revocation_by_licence_.find(licence);
  return it == revocation_by_licence_.end() ? nullptr : &licence_revocations_.rows()[it->second];
}
const LicenceRevocation* State::licence_revocation_of(Key w) const {
  const ServiceLicence* l = licence_of(w);
  return l ? revocation_of_licence(l->key) : nullptr;
}
std::vector<const ServiceContract*> State::contracts_of_enterprise(Key e) const { return pick(contracts_, contracts_by_enterprise_, e); }
std::vector<const Complaint*> State::complaints_about(Key s) const { return pick(complaints_, complaints_by_subject_, s); }
std::vector<const MediationStep*> State::mediation_steps_of(Key c) const {
  auto steps = pick(mediation_steps_, steps_by_complaint_, c);
  std::sort(steps.begin(), steps.end(), [&](auto* a, auto* b) { return a->date != b->date ? a->date < b->date : record_id(a->key) < record_id(b->key); });
  return steps;
}
const ComplaintClosure* State::closure_of(Key c) const {
  const auto it = closures_.find(c);
  return it == closures_.end() ? nullptr : &it->second;
}
std::vector<const CreditEvent*> State::credit_events_of(Key s) const { return pick(credit_events_, credit_by_subject_, s); }
std::vector<const Assessment*> State::assessments_of(Key e) const { return pick(assessments_, assessments_by_enterprise_, e); }
const RevenueFigure* State::revenue(Key enterprise, std::uint16_t year) const {
  const auto it = revenue_.find(enterprise);
  if (it == revenue_.end()) return nullptr;
  const auto y = it->second.find(year);
  return y == it->second.end() ? nullptr : &y->second;
}
const Completion* State::first_completion(Key worker, Key course) const {
  const auto it = first_completion_.find(worker);
  if (it == first_completion_.end()) return nullptr;
  const auto c = it->second.find(course);
  return c == it->second.end() ? nullptr : &completions_.rows()[c->second];
}

std::vector<std::uint32_t> State::search_workers(std::string_view query) const {
  if (!workers_sorted_) {
    std::sort(workers_by_stamp_.begin(), workers_by_stamp_.end(), [&](std::uint32_t a, std::uint32_t b) {
      const Worker& x = workers_.rows()[a];
      const Worker& y = workers_.rows()[b];
      return created_before(x.registered, x.key, y.registered, y.key);
    });
    workers_sorted_ = true;
  }
  const std::string q = ascii_lower(trim(fold_fullwidth(query)));
  std::vector<std::uint32_t> hits;
  for (std::size_t n = workers_by_stamp_.size(); n-- > 0;) {
    const std::uint32_t i = workers_by_stamp_[n];
    if (!q.empty() && !contains_folded(worker_search_keys_[i], q)) continue;
    if (is_duplicate(workers_.rows()[i])) continue;
    hits.push_back(i);
  }
  return hits;
}

Hlc State::seen_stamp(Key record) const {
  Hlc seen;
  if (const Worker* w = workers_.find(record)) seen = w->registered;
  if (const Enterprise* x = enterprises_.find(record)) seen = x->registered;
  if (const auto it = writes_.find(record); it != writes_.end())
    for (const auto& w : it->second) seen = std::max(seen, w.stamp);
  return seen;
}

// a and b are concurrent when each was made without the other in view: b is newer than what
// a's editor had seen, and a newer than what b's had. Edits from one device never are (a
// device sees its own edits).
std::vector<FieldConflict> State::conflicts() const {
  std::vector<FieldConflict> out;
  for (const auto& [record, list] : writes_) {
    if (!workers_.find(record) && !enterprises_.find(record)) continue;
    for (std::size_t i = 0; i < list.size(); ++i)
      for (std::size_t j = i + 1; j < list.size(); ++j) {
        const FieldWrite& a = list[i];
        const FieldWrite& b = list[j];
        if (a.field != b.field || a.created || b.created || a.value == b.value) continue;
        if (record_id(a.by).device == record_id(b.by).device) continue;
        if (!(b.stamp > a.seen && a.stamp > b.seen)) continue;
        const bool a_wins = created_before(b.stamp, b.by, a.stamp, a.by);
        out.push_back({record, a.field, a_wins ? a : b, a_wins ? b : a});
      }
  }
  std::sort(out.begin(), out.end(), [&](const FieldConflict& x, const FieldConflict& y) {
    if (x.in_force.stamp != y.in_force.stamp) return x.in_force.stamp > y.in_force.stamp;
    if (x.record != y.record) return record_id(x.record) < record_id(y.record);
    return x.field < y.field;
  });
  return out;
}

std::vector<HistoryEntry> State::history(Key record) const {
  std::vector<HistoryEntry> out;
  const auto it = writes_.find(record);
  if (it == writes_.end()) return out;
  std::vector<const FieldWrite*> list;
  for (const auto& w : it->second) list.push_back(&w);
  std::sort(list.begin(), list.end(), [&](const FieldWrite* a, const FieldWrite* b) {
    if (a->stamp != b->stamp) return a->stamp < b->stamp;
    if (a->created != b->created) return a->created;  // the creation value comes first on a tie
    if (a->by != b->by) return record_id(a->by) < record_id(b->by);
    return a->field < b->field;
  });
  std::unordered_map<std::uint16_t, std::string> last;  // field → value before the entry
  std::unordered_map<std::uint16_t, std::size_t> latest;  // field → index in out of its newest entry
  for (const FieldWrite* w : list) {
    if (w->created) {
      last[w->field] = w->value;
      continue;
    }
    HistoryEntry h{w->field, last[w->field], w->value, w->stamp, record_id(w->by), false};
    last[w->field] = w->value;
    latest[w->field] = out.size();
    out.push_back(std::move(h));
  }
  for (const auto& [f, i] : latest) out[i].in_force = true;
  return out;
}

}  // namespace hearth
