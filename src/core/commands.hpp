// Commands: what a person asks the core to record, as the forms submit it — text as typed
// (dates, money, scores), choices as vocabulary values, other records by RecordId. The core
// validates each against the current state (validate.cpp) and turns it into one event.
//
// Index
//   1. People: workers, enterprises, employment, identity
//   2. Training
//   3. Health and licences
//   4. Contracts, complaints, credit, assessment
//   5. Programme: service points, revenue, progress
//   6. Command
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "domain.hpp"
#include "event.hpp"

namespace hearth {

// ---- 1. People ----------------------------------------------------------------------------
struct RegisterWorker {
  std::string name{};
  std::string resident_id{};
  std::string mobile{};
  std::uint32_t township = 0;  // a code from the township registry, 0 = not chosen
  Occupation occupation = Occupation::Housekeeper;
  SkillLevel skill = SkillLevel::None;
  std::string skill_certificate{};
  std::uint16_t special_groups = 0;
  std::uint16_t awards = 0;
  bool union_member = false;
  SocialInsurance own_insurance = SocialInsurance::None;
  std::string community{};
};
// The register form submitted again for an existing worker; the ID number cannot change.
struct EditWorker {
  RecordId worker{};
  RegisterWorker form;
};

struct RegisterEnterprise {
  std::string credit_code{};
  std::string name{};
  std::string legal_representative{};
  std::string contact_mobile{};
  std::string address{};
  std::uint32_t township = 0;
  std::uint16_t services = 0;
  std::uint16_t flags = 0;
};
struct EditEnterprise {
  RecordId enterprise{};
  RegisterEnterprise form;
};

struct StartEmployment {
  RecordId worker{}, enterprise{};
  EmploymentForm form = EmploymentForm::LabourContract;
  std::string hired{};         // YYYY-MM-DD
  std::string monthly_wage{};  // yuan
  SocialInsurance insurance = SocialInsurance::None;
  bool paid_directly = true;
};
struct EndEmployment {
  RecordId spell{};
  std::string left{};
  EmploymentEnd reason = EmploymentEnd::Resigned;
};

struct VerifyIdentity {
  RecordId worker{};
  std::string date{};
  IdentityMethod method = IdentityMethod::CardInspected;
};

// ---- 2. Training --------------------------------------------------------------------------
struct CreateCourse {
  std::string name{};
  CourseType type = CourseType::PreJob;
  TrainingProgramme programme = TrainingProgramme::None;
  std::string provider{};
  std::string hours{};
  bool subsidy_eligible = false;
};
struct ScheduleSession {
  RecordId course{};
  std::string date{};
  std::string place{}, trainer{};
  std::uint32_t township = 0;
};
struct Enrol {
  RecordId session{}, worker{};
};
struct RecordAttendance {
  RecordId session{}, worker{};
  std::string date{};
  bool present = true;
};
struct RecordCompletion {
  RecordId session{}, worker{};
  std::string date{};
  std::string score{};        // 0–100, one decimal
  std::string certificate{};  // required when passed
};

// ---- 3. Health and licences ---------------------------------------------------------------
struct RecordHealthCheck {
  RecordId worker{};
  std::string date{};
  std::string institution{};
  HealthCategory category = HealthCategory::General;
  std::uint16_t items = 0;
  bool fit = true;
  std::string valid_until{};  // empty: the configured validity (one year)
};
struct IssueLicence {
  RecordId worker{};
  std::string date{};
};
// 吊销: withdraw the worker's card in force (district only). Issuing again later gives a new card.
struct RevokeLicence {
  RecordId worker{};
  std::string date{};
  std::string reason{};
};

// ---- 4. Contracts, complaints, credit, assessment -----------------------------------------
struct RegisterContract {
  RecordId enterprise{}, worker{};
  std::string consumer_name{}, consumer_mobile{};
  std::uint32_t township = 0;
  std::string model_text{};
  std::string signed_on{}, starts{}, ends{};
  std::string rest_days_per_month{};
  RestArrangement rest = RestArrangement::WeeklyFixed;
  std::string monthly_fee{};
};
struct FileComplaint {
  ComplaintChannel channel = ComplaintChannel::Hotline12315;
  std::string received{};
  std::string complainant{}, complainant_mobile{};
  RecordId enterprise{}, worker{};
  std::uint32_t township = 0;
  std::string facts{};
};
struct RecordMediationStep {
  RecordId complaint{};
  std::string date{};
  Mediator mediator = Mediator::ConsumerAssociation;
  std::string note{};
};
struct CloseComplaint {
  RecordId complaint{};
  std::string date{};
  ComplaintOutcome outcome = ComplaintOutcome::NotUpheld;
  std::string note{};
};
struct RecordCreditEvent {
  RecordId subject{};
  CreditKind kind = CreditKind::Evaluation;
  std::string date{};
  std::uint8_t level = 0;
  std::string note{};
};
struct RecordAssessment {
  RecordId enterprise{};
  std::string date{};
  std::string assessor{};
  std::vector<std::pair<std::uint16_t, std::string>> scores{};  // indicator number → points as typed
};

// ---- 5. Programme -------------------------------------------------------------------------
struct OpenServicePoint {
  std::string community{};
  std::uint32_t township = 0;
  RecordId operator_enterprise{};
  std::uint16_t services = 0;
  std::string opened{};
  bool unified_signage = false;
};
struct ReportRevenue {
  RecordId enterprise{};
  std::string year{};
  std::string amount{};
};
struct ReportProgress {
  std::uint8_t measure = 0;
  std::string unit{};
  std::string date{};
  MeasureStatus status = MeasureStatus::InProgress;
  std::string note{};
};

// District office: enrol a device with the certificate just signed for it; revoke one.
struct EnrolDevice {
  std::vector<std::uint8_t> certificate{};
};
struct RevokeDevice {
  DeviceId device{};
  std::uint64_t accept_through = 0;
  std::string reason{};
};

// ---- 6. Command ---------------------------------------------------------------------------
using Command = std::variant<RegisterWorker, EditWorker, RegisterEnterprise, EditEnterprise, StartEmployment, EndEmployment,
                             VerifyIdentity, CreateCourse, ScheduleSession, Enrol, RecordAttendance, RecordCompletion,
                             RecordHealthCheck, IssueLicence, RegisterContract, FileComplaint, RecordMediationStep, CloseComplaint,
                             RecordCreditEvent, RecordAssessment, OpenServicePoint, ReportRevenue, ReportProgress,
                             EnrolDevice, RevokeDevice, RevokeLicence>;

}  // namespace hearth
