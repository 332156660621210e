// Validation: each command checked against the state as it stands on `today`. On success
// `out` holds the normalised event body; otherwise every problem names its field and a
// catalog key, so the form can show the reason next to the input in the user's language.
#pragma once
#include <cstddef>
#include <cstdint>

#include "commands.hpp"
#include "date.hpp"
#include "problem.hpp"
#include "programme.hpp"

namespace hearth {

class State;

inline constexpr std::int32_t kMinimumWorkingAge = 16;  // Labour Law art. 15
inline constexpr std::size_t kMaxNameLength = 30;        // code points
inline constexpr std::size_t kMaxTextLength = 100;       // a place, an institution, a provider
inline constexpr std::size_t kMaxNoteLength = 2000;      // facts of a complaint, a note

struct Context {
  const State& state;
  Date today;
  const ProgrammeConfig& config;
};

Problems validate(const RegisterWorker&, const Context&, WorkerRegistered& out);
Problems validate(const EditWorker&, const Context&, RecordEdited& out);
Problems validate(const RegisterEnterprise&, const Context&, EnterpriseRegistered& out);
Problems validate(const EditEnterprise&, const Context&, RecordEdited& out);
Problems validate(const StartEmployment&, const Context&, EmploymentStarted& out);
Problems validate(const EndEmployment&, const Context&, EmploymentEnded& out);
Problems validate(const VerifyIdentity&, const Context&, IdentityVerified& out);
Problems validate(const CreateCourse&, const Context&, CourseCreated& out);
Problems validate(const ScheduleSession&, const Context&, SessionScheduled& out);
Problems validate(const Enrol&, const Context&, Enrolled& out);
Problems validate(const RecordAttendance&, const Context&, AttendanceRecorded& out);
Problems validate(const RecordCompletion&, const Context&, CompletionRecorded& out);
Problems validate(const RecordHealthCheck&, const Context&, HealthCheckRecorded& out);
Problems validate(const IssueLicence&, const Context&, LicenceIssued& out);
Problems validate(const RevokeLicence&, const Context&, LicenceRevoked& out);
Problems validate(const RegisterContract&, const Context&, ContractRegistered& out);
Problems validate(const FileComplaint&, const Context&, ComplaintFiled& out);
Problems validate(const RecordMediationStep&, const Context&, MediationStepRecorded& out);
Problems validate(const CloseComplaint&, const Context&, ComplaintClosed& out);
Problems validate(const RecordCreditEvent&, const Context&, CreditEventRecorded& out);
Problems validate(const RecordAssessment&, const Context&, AssessmentRecorded& out);
Problems validate(const OpenServicePoint&, const Context&, ServicePointOpened& out);
Problems validate(const ReportRevenue&, const Context&, RevenueReported& out);
Problems validate(const ReportProgress&, const Context&, ProgressReported& out);
Problems validate(const EnrolDevice&, const Context&, DeviceEnrolled& out);
Problems validate(const RevokeDevice&, const Context&, DeviceRevoked& out);

// The event body each command becomes.
template <class Cmd> struct EventFor;
#define HEARTH_EVENT_FOR(C, E) template <> struct EventFor<C> { using type = E; };
HEARTH_EVENT_FOR(RegisterWorker, WorkerRegistered)
HEARTH_EVENT_FOR(EditWorker, RecordEdited)
HEARTH_EVENT_FOR(RegisterEnterprise, EnterpriseRegistered)
HEARTH_EVENT_FOR(EditEnterprise, RecordEdited)
HEARTH_EVENT_FOR(StartEmployment, EmploymentStarted)
HEARTH_EVENT_FOR(EndEmployment, EmploymentEnded)
HEARTH_EVENT_FOR(VerifyIdentity, IdentityVerified)
HEARTH_EVENT_FOR(CreateCourse, CourseCreated)
HEARTH_EVENT_FOR(ScheduleSession, SessionScheduled)
HEARTH_EVENT_FOR(Enrol, Enrolled)
HEARTH_EVENT_FOR(RecordAttendance, AttendanceRecorded)
HEARTH_EVENT_FOR(RecordCompletion, CompletionRecorded)
HEARTH_EVENT_FOR(RecordHealthCheck, HealthCheckRecorded)
HEARTH_EVENT_FOR(IssueLicence, LicenceIssued)
HEARTH_EVENT_FOR(RegisterContract, ContractRegistered)
HEARTH_EVENT_FOR(FileComplaint, ComplaintFiled)
HEARTH_EVENT_FOR(RecordMediationStep, MediationStepRecorded)
HEARTH_EVENT_FOR(CloseComplaint, ComplaintClosed)
HEARTH_EVENT_FOR(RecordCreditEvent, CreditEventRecorded)
HEARTH_EVENT_FOR(RecordAssessment, AssessmentRecorded)
HEARTH_EVENT_FOR(OpenServicePoint, ServicePointOpened)
HEARTH_EVENT_FOR(ReportRevenue, RevenueReported)
HEARTH_EVENT_FOR(ReportProgress, ProgressReported)
HEARTH_EVENT_FOR(EnrolDevice, DeviceEnrolled)
HEARTH_EVENT_FOR(RevokeDevice, DeviceRevoked)
HEARTH_EVENT_FOR(RevokeLicence, LicenceRevoked)
#undef HEARTH_EVENT_FOR

}  // namespace hearth
