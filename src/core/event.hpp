// Events: the facts a device records, chained per device into its ledger.
//
// Wire format (cereal portable binary, little-endian, fixed-width fields only) — stable:
// later versions append EventBody alternatives at the end and never reorder them, and bump
// kEventFormat when the envelope itself changes. The event's hash is BLAKE2b-256 of exactly
// these bytes, and each event carries the hash of the one before it on the same device.
#pragma once
#include <array>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "date.hpp"
#include "domain.hpp"
#include "hash.hpp"
#include "hlc.hpp"

namespace hearth {

inline constexpr std::uint16_t kEventFormat = 1;

using DeviceId = std::array<std::uint8_t, 16>;

// A record is named by the event that created it: globally unique without coordination.
struct RecordId {
  DeviceId device{};
  std::uint64_t seq = 0;
  bool operator==(const RecordId&) const = default;
  bool operator<(const RecordId& o) const { return device != o.device ? device < o.device : seq < o.seq; }
  std::string str() const;  // "d3f0a1b2c4e5f607-42": first 8 bytes of the device, then seq
  bool none() const { return seq == 0; }
  template <class Archive>
  void serialize(Archive& ar) { ar(device, seq); }
};

// ---- Event bodies ----------------------------------------------------------------------
// Values in bodies are already validated and normalised by the core. A reference to another
// record is its RecordId; seq 0 means "none". Enumerations are the values in domain.hpp.

// 登记家政服务人员, first format (2026-11, issue 2). Still loads: it folds into a Worker with
// the extended fields at their defaults.
struct WorkerRegisteredV1 {
  std::string name;
  std::string resident_id;  // 18 characters, X uppercase
  std::string mobile;       // 11 digits
  std::uint32_t township = 0;
  bool operator==(const WorkerRegisteredV1&) const = default;
  template <class Archive>
  void serialize(Archive& ar) { ar(name, resident_id, mobile, township); }
};

// The worker's own details; employer and employment form live on EmploymentSpell.
struct WorkerDetails {
  std::string name;
  std::string mobile;
  std::uint32_t township = 0;          // household township (户籍所在镇乡街道)
  Occupation occupation = Occupation::Housekeeper;
  SkillLevel skill = SkillLevel::None;
  std::string skill_certificate;       // 职业技能等级证书编号, may be empty
  std::uint16_t special_groups = 0;    // bits of SpecialGroup
  std::uint16_t awards = 0;            // bits of Award
  std::uint8_t union_member = 0;       // 工会会员
  SocialInsurance own_insurance = SocialInsurance::None;  // insurance a flexible worker pays themselves
  std::string community;               // 社区备案: where a flexible worker registered; may be empty
  bool operator==(const WorkerDetails&) const = default;
  template <class Archive>
  void serialize(Archive& ar) {
    ar(name, mobile, township, occupation, skill, skill_certificate, special_groups, awards, union_member, own_insurance, community);
  }
};

struct WorkerRegistered {
  std::string resident_id;
  WorkerDetails details;
  bool operator==(const WorkerRegistered&) const = default;
  template <class Archive>
  void serialize(Archive& ar) { ar(resident_id, details); }
};

struct EnterpriseDetails {
  std::string name;
  std::string legal_representative;
  std::string contact_mobile;
  std::string address;
  std::uint32_t township = 0;
  std::uint16_t services = 0;  // bits of ServiceKind
  std::uint16_t flags = 0;     // bits of EnterpriseFlag
  bool operator==(const EnterpriseDetails&) const = default;
  template <class Archive>
  void serialize(Archive& ar) { ar(name, legal_representative, contact_mobile, address, township, services, flags); }
};

struct EnterpriseRegistered {
  std::string credit_code;  // 18 characters, uppercase
  EnterpriseDetails details;
  bool operator==(const EnterpriseRegistered&) const = default;
  template <class Archive>
  void serialize(Archive& ar) { ar(credit_code, details); }
};

// One field of a record changed: the field's number (WorkerField / EnterpriseField) and its
// new value as text. Concurrent edits of a field resolve by the later clock stamp.
struct FieldChange {
  std::uint16_t field = 0;
  std::string value;
  bool operator==(const FieldChange&) const = default;
  template <class Archive>
  void serialize(Archive& ar) { ar(field, value); }
};
// 修改记录, first format (2026-11, issues 2–4): no record of what the editor had seen, so
// it folds as an edit made with everything before it in view (never listed as a conflict).
struct RecordEditedV1 {
  RecordId record;
  std::vector<FieldChange> changes;
  bool operator==(const RecordEditedV1&) const = default;
  template <class Archive>
  void serialize(Archive& ar) { ar(record, changes); }
};

struct EmploymentStarted {
  RecordId worker, enterprise;
  EmploymentForm form = EmploymentForm::LabourContract;
  Date hired;
  std::int64_t monthly_wage_fen = 0;
  SocialInsurance insurance = SocialInsurance::None;
  std::uint8_t paid_directly = 0;  // the enterprise pays the worker itself (直接支付或代发)
  bool operator==(const EmploymentStarted&) const = default;
  template <class Archive>
  void serialize(Archive& ar) { ar(worker, enterprise, form, hired, monthly_wage_fen, insurance, paid_directly); }
};
struct EmploymentEnded {
  RecordId spell;
  Date left;
  EmploymentEnd reason = EmploymentEnd::Resigned;
  bool operator==(const EmploymentEnded&) const = default;
  template <class Archive>
  void serialize(Archive& ar) { ar(spell, left, reason); }
};

struct CourseCreated {
  std::string name;
  CourseType type = CourseType::PreJob;
  TrainingProgramme programme = TrainingProgramme::None;
  std::string provider;
  std::uint16_t hours = 0;
  std::uint8_t subsidy_eligible = 0;
  bool operator==(const CourseCreated&) const = default;
  template <class Archive>
  void serialize(Archive& ar) { ar(name, type, programme, provider, hours, subsidy_eligible); }
};
struct SessionScheduled {
  RecordId course;
  Date date;
  std::string place, trainer;
  std::uint32_t township = 0;
  bool operator==(const SessionScheduled&) const = default;
  template <class Archive>
  void serialize(Archive& ar) { ar(course, date, place, trainer, township); }
};
struct Enrolled {
  RecordId session, worker;
  bool operator==(const Enrolled&) const = default;
  template <class Archive>
  void serialize(Archive& ar) { ar(session, worker); }
};
struct AttendanceRecorded {
  RecordId session, worker;
  Date date;
  std::uint8_t present = 1;
  bool operator==(const AttendanceRecorded&) const = default;
  template <class Archive>
  void serialize(Archive& ar) { ar(session, worker, date, present); }
};
struct CompletionRecorded {
  RecordId session, course, worker;  // course repeated from the session: counts need no join
  Date date;
  std::uint16_t score_tenths = 0;     // 0–1000 = 0.0–100.0
  std::uint8_t passed = 0;
  std::string certificate;
  bool operator==(const CompletionRecorded&) const = default;
  template <class Archive>
  void serialize(Archive& ar) { ar(session, course, worker, date, score_tenths, passed, certificate); }
};

struct HealthCheckRecorded {
  RecordId worker;
  Date date;
  std::string institution;
  HealthCategory category = HealthCategory::General;
  std::uint16_t items = 0;  // bits of HealthItem
  std::uint8_t fit = 1;     // 合格
  Date valid_until;
  bool operator==(const HealthCheckRecorded&) const = default;
  template <class Archive>
  void serialize(Archive& ar) { ar(worker, date, institution, category, items, fit, valid_until); }
};
struct IdentityVerified {
  RecordId worker;
  Date date;
  IdentityMethod method = IdentityMethod::CardInspected;
  bool operator==(const IdentityVerified&) const = default;
  template <class Archive>
  void serialize(Archive& ar) { ar(worker, date, method); }
};
// 持证上门 card issued or renewed: the number stays with the person; it expires with the
// health check it was issued on.
struct LicenceIssued {
  RecordId worker;
  std::string number;
  Date issued, expires;
  RecordId health_check, completion, identity;  // the evidence it was issued on
  bool operator==(const LicenceIssued&) const = default;
  template <class Archive>
  void serialize(Archive& ar) { ar(worker, number, issued, expires, health_check, completion, identity); }
};

struct ContractRegistered {
  RecordId enterprise, worker;
  std::string consumer_name, consumer_mobile;
  std::uint32_t township = 0;
  std::string model_text;  // 示范文本 version, from the programme configuration
  Date signed_on, starts, ends;
  std::uint8_t rest_days_per_month = 0;
  RestArrangement rest = RestArrangement::WeeklyFixed;
  std::int64_t monthly_fee_fen = 0;
  bool operator==(const ContractRegistered&) const = default;
  template <class Archive>
  void serialize(Archive& ar) {
    ar(enterprise, worker, consumer_name, consumer_mobile, township, model_text, signed_on, starts, ends, rest_days_per_month, rest,
       monthly_fee_fen);
  }
};

struct ComplaintFiled {
  ComplaintChannel channel = ComplaintChannel::Hotline12315;
  Date received;
  std::string complainant, complainant_mobile;
  RecordId enterprise, worker;  // who it is about; either may be none, not both
  std::uint32_t township = 0;
  std::string facts;
  bool operator==(const ComplaintFiled&) const = default;
  template <class Archive>
  void serialize(Archive& ar) { ar(channel, received, complainant, complainant_mobile, enterprise, worker, township, facts); }
};
struct MediationStepRecorded {
  RecordId complaint;
  Date date;
  Mediator mediator = Mediator::ConsumerAssociation;
  std::string note;
  bool operator==(const MediationStepRecorded&) const = default;
  template <class Archive>
  void serialize(Archive& ar) { ar(complaint, date, mediator, note); }
};
struct ComplaintClosed {
  RecordId complaint;
  Date date;
  ComplaintOutcome outcome = ComplaintOutcome::NotUpheld;
  std::string note;
  bool operator==(const ComplaintClosed&) const = default;
  template <class Archive>
  void serialize(Archive& ar) { ar(complaint, date, outcome, note); }
};

struct CreditEventRecorded {
  RecordId subject;  // a worker or an enterprise
  CreditKind kind = CreditKind::Evaluation;
  Date date;
  std::uint8_t level = 0;  // evaluation: stars 1–5; violation: 1 minor, 2 serious, 3 serious dishonesty; commendation: 1 district, 2 city, 3 national
  std::string note;
  bool operator==(const CreditEventRecorded&) const = default;
  template <class Archive>
  void serialize(Archive& ar) { ar(subject, kind, date, level, note); }
};

struct IndicatorScore {
  std::uint16_t indicator = 0;  // number in the programme configuration
  std::uint16_t points = 0;
  bool operator==(const IndicatorScore&) const = default;
  template <class Archive>
  void serialize(Archive& ar) { ar(indicator, points); }
};
struct AssessmentRecorded {
  RecordId enterprise;
  Date date;
  std::string assessor;
  std::vector<IndicatorScore> scores;
  bool operator==(const AssessmentRecorded&) const = default;
  template <class Archive>
  void serialize(Archive& ar) { ar(enterprise, date, assessor, scores); }
};

struct ServicePointOpened {
  std::string community;
  std::uint32_t township = 0;
  RecordId operator_enterprise;
  std::uint16_t services = 0;  // bits of ServiceKind
  Date opened;
  std::uint8_t unified_signage = 0;
  bool operator==(const ServicePointOpened&) const = default;
  template <class Archive>
  void serialize(Archive& ar) { ar(community, township, operator_enterprise, services, opened, unified_signage); }
};

// 营业额: one enterprise's revenue for one year; a later report replaces an earlier one.
struct RevenueReported {
  RecordId enterprise;
  std::uint16_t year = 0;
  std::int64_t amount_fen = 0;
  bool operator==(const RevenueReported&) const = default;
  template <class Archive>
  void serialize(Archive& ar) { ar(enterprise, year, amount_fen); }
};

struct ProgressReported {
  std::uint8_t measure = 0;  // 1–29
  std::string unit;          // code from assets/units.tsv
  Date date;
  MeasureStatus status = MeasureStatus::InProgress;
  std::string note;
  bool operator==(const ProgressReported&) const = default;
  template <class Archive>
  void serialize(Archive& ar) { ar(measure, unit, date, status, note); }
};

// 区联席办 enrols a device: the certificate it signed (enrolment.hpp Certificate bytes).
struct DeviceEnrolled {
  std::vector<std::uint8_t> certificate;
  bool operator==(const DeviceEnrolled&) const = default;
  template <class Archive>
  void serialize(Archive& ar) { ar(certificate); }
};
// 吊销: the district stops trusting a device. Its events up to `accept_through` stay valid
// (what it recorded before it was lost); a bundle reaching past that is refused. Sequence
// numbers, not clock times, draw the line: a stolen tablet can set its clock back, but it
// cannot renumber events the district already holds.
struct DeviceRevoked {
  DeviceId device{};
  std::uint64_t accept_through = 0;
  std::string reason;
  bool operator==(const DeviceRevoked&) const = default;
  template <class Archive>
  void serialize(Archive& ar) { ar(device, accept_through, reason); }
};

// 修改记录: fields of a record changed. `seen` is the newest stamp among the record's values
// the editor had in front of them, so two edits that did not know of each other (a township
// offline, the district at its desk) are told apart from a correction of an earlier value.
struct RecordEdited {
  RecordId record;
  Hlc seen;
  std::vector<FieldChange> changes;
  bool operator==(const RecordEdited&) const = default;
  template <class Archive>
  void serialize(Archive& ar) { ar(record, seen, changes); }
};

// 吊销上门服务证: the district withdraws a card before it expires. It names the issue it
// revokes (the LicenceIssued event in force when it was recorded) and that card's number; a
// later IssueLicence gives the worker a new card, with the same number, that it does not touch.
struct LicenceRevoked {
  RecordId worker;
  RecordId licence;  // the LicenceIssued event revoked
  std::string number;
  Date date;
  std::string reason;
  bool operator==(const LicenceRevoked&) const = default;
  template <class Archive>
  void serialize(Archive& ar) { ar(worker, licence, number, date, reason); }
};

// Append new alternatives at the end only: the index is part of the stored bytes.
using EventBody = std::variant<WorkerRegisteredV1, WorkerRegistered, EnterpriseRegistered, RecordEditedV1, EmploymentStarted,
                               EmploymentEnded, CourseCreated, SessionScheduled, Enrolled, AttendanceRecorded, CompletionRecorded,
                               HealthCheckRecorded, IdentityVerified, LicenceIssued, ContractRegistered, ComplaintFiled,
                               MediationStepRecorded, ComplaintClosed, CreditEventRecorded, AssessmentRecorded, ServicePointOpened,
                               RevenueReported, ProgressReported, DeviceEnrolled, DeviceRevoked, RecordEdited, LicenceRevoked>;

struct Event {
  std::uint16_t format = kEventFormat;
  DeviceId device{};
  std::uint64_t seq = 0;  // 1, 2, 3… per device
  Hlc stamp;
  Hash256 prev{};         // hash of event seq-1 of this device; zeros for seq 1
  EventBody body;
};

// An event together with its exact stored bytes and their hash.
struct SealedEvent {
  Event event;
  std::vector<std::uint8_t> bytes;
  Hash256 hash{};
};

struct DecodeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::vector<std::uint8_t> encode_event(const Event& e);
Event decode_event(std::span<const std::uint8_t> bytes);  // throws DecodeError
SealedEvent seal(Event e);
SealedEvent unseal(std::vector<std::uint8_t> bytes);  // decode + hash; throws DecodeError

std::string device_hex(const DeviceId& d);

// What an event recorded, for a person: its kind (catalog key app.event.*) and the name of the
// record when it carries one (a worker, an enterprise, a course). Used when reporting damage.
struct EventSummary {
  std::string kind;
  std::string label;
};
EventSummary summarize(const EventBody& body);

}  // namespace hearth
