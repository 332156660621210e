// The records of the programme as the state holds them: one row type per record, folded
// from events. Rows refer to each other by Key (a compact handle of a RecordId inside one
// State), never by pointer, so a row may name a record whose event has not arrived yet.
//
// Index
//   1. Key
//   2. People: Worker, Enterprise, EmploymentSpell, IdentityCheck
//   3. Training: Course, TrainingSession, Enrolment, Attendance, Completion
//   4. Health and licences: HealthCheck, ServiceLicence, LicenceRevocation
//   5. Contracts, complaints, credit, assessment
//   6. Programme: ServicePoint, Revenue, ProgressReport
//   7. Edits and history
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "date.hpp"
#include "domain.hpp"
#include "event.hpp"

namespace hearth {

// ---- 1. Key -------------------------------------------------------------------------------
// A record inside one State: the device's index in that State (high 16 bits) and the event's
// sequence number (low 48 bits). 0 is no record. State::record_id() turns it back into the
// RecordId that is the same on every device.
using Key = std::uint64_t;
inline constexpr Key kNoKey = 0;

// ---- 2. People ----------------------------------------------------------------------------
struct Worker {
  Key key = kNoKey;
  std::string resident_id;
  WorkerDetails details;
  Date birth_date;
  bool female = false;
  Hlc registered;
  const std::string& name() const { return details.name; }
  bool operator==(const Worker&) const = default;
};

struct Enterprise {
  Key key = kNoKey;
  std::string credit_code;
  EnterpriseDetails details;
  Hlc registered;
  const std::string& name() const { return details.name; }
  bool operator==(const Enterprise&) const = default;
};

// 用工: one worker employed by one enterprise from `hired` until `left` (open if not ended).
// "New employment" counts these.
struct EmploymentSpell {
  Key key = kNoKey, worker = kNoKey, enterprise = kNoKey;
  EmploymentForm form = EmploymentForm::LabourContract;
  Date hired;
  std::int64_t monthly_wage_fen = 0;
  SocialInsurance insurance = SocialInsurance::None;
  bool paid_directly = false;
  Hlc stamp;
  bool operator==(const EmploymentSpell&) const = default;
};
struct SpellEnd {
  Key key = kNoKey;  // the EmploymentEnded event
  Date left;
  EmploymentEnd reason = EmploymentEnd::Resigned;
  Hlc stamp;
  bool operator==(const SpellEnd&) const = default;
};

struct IdentityCheck {
  Key key = kNoKey, worker = kNoKey;
  Date date;
  IdentityMethod method = IdentityMethod::CardInspected;
  bool operator==(const IdentityCheck&) const = default;
};

// ---- 3. Training --------------------------------------------------------------------------
struct Course {
  Key key = kNoKey;
  std::string name;
  CourseType type = CourseType::PreJob;
  TrainingProgramme programme = TrainingProgramme::None;
  std::string provider;
  std::uint16_t hours = 0;
  bool subsidy_eligible = false;
  bool operator==(const Course&) const = default;
};
struct TrainingSession {
  Key key = kNoKey, course = kNoKey;
  Date date;
  std::string place, trainer;
  std::uint32_t township = 0;
  bool operator==(const TrainingSession&) const = default;
};
struct Enrolment {
  Key key = kNoKey, session = kNoKey, worker = kNoKey;
  bool operator==(const Enrolment&) const = default;
};
struct Attendance {
  Key key = kNoKey, session = kNoKey, worker = kNoKey;
  Date date;
  bool present = true;
  bool operator==(const Attendance&) const = default;
};
// One completion of one course by one worker: one person-time (人次) when passed.
struct Completion {
  Key key = kNoKey, session = kNoKey, course = kNoKey, worker = kNoKey;
  Date date;
  std::uint16_t score_tenths = 0;
  bool passed = false;
  std::string certificate;
  Hlc stamp;
  bool operator==(const Completion&) const = default;
};

// ---- 4. Health and licences ---------------------------------------------------------------
struct HealthCheck {
  Key key = kNoKey, worker = kNoKey;
  Date date;
  std::string institution;
  HealthCategory category = HealthCategory::General;
  std::uint16_t items = 0;
  bool fit = true;
  Date valid_until;
  // Valid from the check's date through valid_until inclusive, and only if the result was fit.
  bool valid_on(const Date& d) const { return fit && date <= d && d <= valid_until; }
  // Good enough for work that needs `needed`: the categories are ordered, stricter covers lesser.
  bool covers(HealthCategory needed) const { return category >= needed; }
  bool operator==(const HealthCheck&) const = default;
};

struct ServiceLicence {
  Key key = kNoKey, worker = kNoKey;
  std::string number;
  Date issued, expires;
  Key health_check = kNoKey, completion = kNoKey, identity = kNoKey;
  Hlc stamp;
  bool valid_on(const Date& d) const { return issued <= d && d <= expires; }
  bool operator==(const ServiceLicence&) const = default;
};
// 吊销: one issue of a card withdrawn from `date` on (LicenceRevoked). It names the issue, so a
// later issue to the same worker (the same number) is a new card it does not touch.
struct LicenceRevocation {
  Key key = kNoKey, worker = kNoKey, licence = kNoKey;
  std::string number;
  Date date;
  std::string reason;
  Hlc stamp;
  bool operator==(const LicenceRevocation&) const = default;
};

// ---- 5. Contracts, complaints, credit, assessment -----------------------------------------
struct ServiceContract {
  Key key = kNoKey, enterprise = kNoKey, worker = kNoKey;
  std::string consumer_name, consumer_mobile;
  std::uint32_t township = 0;
  std::string model_text;
  Date signed_on, starts, ends;
  std::uint8_t rest_days_per_month = 0;
  RestArrangement rest = RestArrangement::WeeklyFixed;
  std::int64_t monthly_fee_fen = 0;
  bool operator==(const ServiceContract&) const = default;
};

struct Complaint {
  Key key = kNoKey;
  ComplaintChannel channel = ComplaintChannel::Hotline12315;
  Date received;
  std::string complainant, complainant_mobile;
  Key enterprise = kNoKey, worker = kNoKey;
  std::uint32_t township = 0;
  std::string facts;
  bool operator==(const Complaint&) const = default;
};
struct MediationStep {
  Key key = kNoKey, complaint = kNoKey;
  Date date;
  Mediator mediator = Mediator::ConsumerAssociation;
  std::string note;
  bool operator==(const MediationStep&) const = default;
};
struct ComplaintClosure {
  Key key = kNoKey;
  Date date;
  ComplaintOutcome outcome = ComplaintOutcome::NotUpheld;
  std::string note;
  Hlc stamp;
  bool operator==(const ComplaintClosure&) const = default;
};

struct CreditEvent {
  Key key = kNoKey, subject = kNoKey;
  CreditKind kind = CreditKind::Evaluation;
  Date date;
  std::uint8_t level = 0;
  std::string note;
  bool operator==(const CreditEvent&) const = default;
};

struct Assessment {
  Key key = kNoKey, enterprise = kNoKey;
  Date date;
  std::string assessor;
  std::vector<IndicatorScore> scores;
  bool operator==(const Assessment&) const = default;
};

// ---- 6. Programme -------------------------------------------------------------------------
struct ServicePoint {
  Key key = kNoKey;
  std::string community;
  std::uint32_t township = 0;
  Key operator_enterprise = kNoKey;
  std::uint16_t services = 0;
  Date opened;
  bool unified_signage = false;
  bool operator==(const ServicePoint&) const = default;
};

struct RevenueFigure {
  Key key = kNoKey;  // the report now in force
  std::int64_t amount_fen = 0;
  Hlc stamp;
  bool operator==(const RevenueFigure&) const = default;
};

struct ProgressReport {
  Key key = kNoKey;
  std::uint8_t measure = 0;
  std::string unit;
  Date date;
  MeasureStatus status = MeasureStatus::NotStarted;
  std::string note;
  Hlc stamp;
  bool operator==(const ProgressReport&) const = default;
};

// ---- 7. Edits and history -----------------------------------------------------------------
// Field numbers of RecordEdited; stored, so never renumber.
enum class WorkerField : std::uint16_t {
  Name = 1, Mobile, Township, Occupation, Skill, SkillCertificate, SpecialGroups, Awards, UnionMember, OwnInsurance, Community
};
enum class EnterpriseField : std::uint16_t { Name = 1, LegalRepresentative, ContactMobile, Address, Township, Services, Flags };

// One value a field held: set when the record was created (`by` = the creating event) or by
// an edit. A record's history is these, per field, in clock order; the one with the latest
// stamp is in force and the others stay visible (who changed what, when, old → new).
struct FieldWrite {
  std::uint16_t field = 0;
  std::string value;
  Hlc stamp;
  Key by = kNoKey;       // the event that wrote it
  bool created = false;  // the value the record was created with
  Hlc seen;              // the newest of the record's values the editor had seen (RecordEdited::seen)
  bool operator==(const FieldWrite&) const = default;
};

// Two edits of one field that did not know of each other (冲突): each was made without the
// other in view. The later stamp's value is in force; the other stays in the history.
struct FieldConflict {
  Key record = kNoKey;
  std::uint16_t field = 0;
  FieldWrite in_force, overridden;
  bool operator==(const FieldConflict&) const = default;
};

// ---- 8. Devices the district enrolled ------------------------------------------------------
// One row per device, from DeviceEnrolled and DeviceRevoked events (district only); the
// certificate's fields are kept decoded so listing needs no signature checks.
struct EnrolledDevice {
  DeviceId device{};
  std::vector<std::uint8_t> certificate;  // the newest certificate issued to it
  std::uint8_t role = 0;                  // DeviceRole
  std::uint32_t township = 0;
  std::string provider, label;
  std::int64_t valid_until_ms = 0;
  Hlc enrolled;
  std::uint8_t revoked = 0;
  std::uint64_t accept_through = 0;  // when revoked: its events up to this seq stay valid
  std::string reason;
  Hlc revoked_stamp;
  bool operator==(const EnrolledDevice&) const = default;
};

struct HistoryEntry {
  std::uint16_t field = 0;
  std::string old_value, new_value;
  Hlc stamp;
  RecordId by;      // the event; its device says who
  bool in_force = false;  // this value is the field's current one
  bool operator==(const HistoryEntry&) const = default;
};

}  // namespace hearth
