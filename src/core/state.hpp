// State: the fold of every known event, with the indexes the views and rules need. A value:
// views read it, only `apply` changes it.
//
// Folding is order-independent: any order of the same events that keeps each device's own
// sequence gives the same state (tests/core/test_fold_order.cpp). So rows may name records
// not yet seen, duplicates are resolved by the earliest clock stamp, and concurrent edits by
// the latest, never by arrival.
//
// Index
//   1. Table: rows of one record type with lookup by key
//   2. State: apply, keys, per-record lookups, child lists, search, history
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "event.hpp"
#include "records.hpp"

namespace hearth {

// ---- 1. Table -----------------------------------------------------------------------------
template <class Row>
class Table {
 public:
  const std::vector<Row>& rows() const { return rows_; }
  std::size_t size() const { return rows_.size(); }
  const Row* find(Key k) const {
    const auto it = index_.find(k);
    return it == index_.end() ? nullptr : &rows_[it->second];
  }
  Row* find_mut(Key k) {
    const auto it = index_.find(k);
    return it == index_.end() ? nullptr : &rows_[it->second];
  }
  std::uint32_t insert(Row r) {
    const auto i = static_cast<std::uint32_t>(rows_.size());
    index_.emplace(r.key, i);
    rows_.push_back(std::move(r));
    return i;
  }
  // Rebuilds the lookup from the rows, as inserting them one by one would have.
  void reindex() {
    index_.clear();
    index_.reserve(rows_.size());
    for (std::uint32_t i = 0; i < rows_.size(); ++i) index_.emplace(rows_[i].key, i);
  }

 private:
  friend struct SnapshotCodec;  // snapshot.cpp writes and reads the rows
  std::vector<Row> rows_;
  std::unordered_map<Key, std::uint32_t> index_;
};

// Row numbers of the children of one record (a worker's completions, an enterprise's spells).
using Children = std::unordered_map<Key, std::vector<std::uint32_t>>;

// ---- 2. State -----------------------------------------------------------------------------
// Members are either primary (devices, rows, the resolved maps spell_ends_, closures_,
// revenue_, writes_) or indexes derived from the rows by index_row(); a snapshot
// (snapshot.hpp) stores the primary ones and restores the indexes with rebuild_indexes().
class State {
 public:
  void apply(const Event& e);

  // Changes whenever apply() does: views cache derived lists against it.
  std::uint64_t revision() const { return revision_; }

  // Keys: the State's handle of a RecordId, and back.
  Key key_of(const RecordId& id) const;  // kNoKey if that device was never seen
  RecordId record_id(Key k) const;
  // Whether record `a` was created before `b` (clock stamp, then RecordId): the tie-break
  // every duplicate uses.
  bool created_before(const Hlc& sa, Key a, const Hlc& sb, Key b) const;

  // Tables.
  const Table<Worker>& workers() const { return workers_; }
  const Table<Enterprise>& enterprises() const { return enterprises_; }
  const Table<EmploymentSpell>& spells() const { return spells_; }
  const Table<IdentityCheck>& identity_checks() const { return identity_checks_; }
  const Table<Course>& courses() const { return courses_; }
  const Table<TrainingSession>& sessions() const { return sessions_; }
  const Table<Enrolment>& enrolments() const { return enrolments_; }
  const Table<Attendance>& attendance() const { return attendance_; }
  const Table<Completion>& completions() const { return completions_; }
  const Table<HealthCheck>& health_checks() const { return health_checks_; }
  const Table<ServiceLicence>& licences() const { return licences_; }
  const Table<LicenceRevocation>& licence_revocations() const { return licence_revocations_; }
  const Table<ServiceContract>& contracts() const { return contracts_; }
  const Table<Complaint>& complaints() const { return complaints_; }
  const Table<MediationStep>& mediation_steps() const { return mediation_steps_; }
  const Table<CreditEvent>& credit_events() const { return credit_events_; }
  const Table<Assessment>& assessments() const { return assessments_; }
  const Table<ServicePoint>& service_points() const { return service_points_; }
  const Table<ProgressReport>& progress_reports() const { return progress_reports_; }

  // The register: one row per resident ID / credit code, the earliest registration winning.
  const Worker* worker_by_resident_id(std::string_view digits) const;
  const Enterprise* enterprise_by_credit_code(std::string_view code) const;
  // A later registration of the same person or enterprise (kept in the ledger, not the register).
  // (A flag per row for workers: search as you type asks it of every worker, docs/performance.md.)
  bool is_duplicate(const Worker& w) const {
    const auto row = static_cast<std::size_t>(&w - workers_.rows().data());
    return row < worker_duplicate_.size() ? worker_duplicate_[row] != 0 : worker_by_resident_id(w.resident_id) != &w;
  }
  bool is_duplicate(const Enterprise& e) const { return enterprise_by_credit_code(e.credit_code) != &e; }

  // Children, as rows of the child table, in no particular order.
  std::vector<const EmploymentSpell*> spells_of_worker(Key worker) const;
  std::vector<const EmploymentSpell*> spells_of_enterprise(Key enterprise) const;
  const SpellEnd* spell_end(Key spell) const;
  bool spell_open_on(const EmploymentSpell& s, const Date& d) const;  // hired ≤ d and not yet left
  std::vector<const Completion*> completions_of_worker(Key worker) const;
  std::vector<const Completion*> completions_of_session(Key session) const;
  std::vector<const Enrolment*> enrolments_of_session(Key session) const;
  std::vector<const Attendance*> attendance_of_session(Key session) const;
  std::vector<const HealthCheck*> health_checks_of(Key worker) const;
  std::vector<const IdentityCheck*> identity_checks_of(Key worker) const;
  const ServiceLicence* licence_of(Key worker) const;  // the latest issue or renewal
  // The revocation of one issue of a card (the earliest recorded, should there be two), or nullptr.
  const LicenceRevocation* revocation_of_licence(Key licence) const;
  // The revocation of the worker's card in force (licence_of), or nullptr: a later issue has none.
  const LicenceRevocation* licence_revocation_of(Key worker) const;
  std::vector<const ServiceContract*> contracts_of_enterprise(Key enterprise) const;
  std::vector<const Complaint*> complaints_about(Key subject) const;  // worker or enterprise
  std::vector<const MediationStep*> mediation_steps_of(Key complaint) const;
  const ComplaintClosure* closure_of(Key complaint) const;
  std::vector<const CreditEvent*> credit_events_of(Key subject) const;
  std::vector<const Assessment*> assessments_of(Key enterprise) const;
  const RevenueFigure* revenue(Key enterprise, std::uint16_t year) const;
  // The first completion of (worker, course): a course completed twice is one person-time.
  const Completion* first_completion(Key worker, Key course) const;
  // Whether `k` is its worker's first passed completion of its course (what the KPIs count once);
  // a flag per row, as the KPIs ask it of every completion (docs/performance.md).
  bool is_first_completion(const Completion& k) const {
    const auto row = static_cast<std::size_t>(&k - completions_.rows().data());
    return row < completion_first_.size() ? completion_first_[row] != 0 : first_completion(k.worker, k.course) == &k;
  }

  // Workers whose name, resident ID or mobile number contains `query` (ASCII case folded;
  // "x" finds "X"), newest registration first; an empty query lists everyone. Duplicates are
  // left out. Returns row numbers of workers().
  std::vector<std::uint32_t> search_workers(std::string_view query) const;

  // Who changed what, when, old → new, oldest first.
  std::vector<HistoryEntry> history(Key record) const;
  // The newest stamp among the record's values (its creation or any edit): what an editor
  // who sees the record now has in view (RecordEdited::seen).
  Hlc seen_stamp(Key record) const;
  // Every pair of edits of one field that did not know of each other, newest first.
  std::vector<FieldConflict> conflicts() const;

  // Devices the district enrolled, by device id.
  const std::vector<EnrolledDevice>& enrolled() const { return enrolled_; }
  const EnrolledDevice* enrolment_of(const DeviceId& d) const;

  // Every value a record's field has held; the field in force is the latest stamp.
  static std::string field_value(const WorkerDetails& d, WorkerField f);
  static std::string field_value(const EnterpriseDetails& d, EnterpriseField f);

 private:
  Key intern(const RecordId& id);
  Key self_key(const Event& e) { return intern(RecordId{e.device, e.seq}); }
  Key ref(const RecordId& id) { return id.none() ? kNoKey : intern(id); }
  void add_worker(const Event& e, std::string resident_id, WorkerDetails details);
  void apply_writes(Key record);

  // Indexes: each row joins the indexes of its table, the same way whether it was just
  // folded or restored from a snapshot (rebuild_indexes, in row order).
  void index_row(const Worker&, std::uint32_t row);
  void index_row(const Enterprise&, std::uint32_t row);
  void index_row(const EmploymentSpell&, std::uint32_t row);
  void index_row(const Enrolment&, std::uint32_t row);
  void index_row(const Attendance&, std::uint32_t row);
  void index_row(const Completion&, std::uint32_t row);
  void index_row(const HealthCheck&, std::uint32_t row);
  void index_row(const IdentityCheck&, std::uint32_t row);
  void index_row(const ServiceLicence&, std::uint32_t row);
  void index_row(const LicenceRevocation&, std::uint32_t row);
  void index_row(const ServiceContract&, std::uint32_t row);
  void index_row(const Complaint&, std::uint32_t row);
  void index_row(const MediationStep&, std::uint32_t row);
  void index_row(const CreditEvent&, std::uint32_t row);
  void index_row(const Assessment&, std::uint32_t row);
  void rebuild_indexes();
  friend struct SnapshotCodec;

  void on(const Event&, const WorkerRegisteredV1&);
  void on(const Event&, const WorkerRegistered&);
  void on(const Event&, const EnterpriseRegistered&);
  void on(const Event&, const RecordEditedV1&);
  void on(const Event&, const RecordEdited&);
  void on(const Event&, const DeviceEnrolled&);
  void on(const Event&, const DeviceRevoked&);
  void add_writes(const Event& e, const RecordId& record, const Hlc& seen, const std::vector<FieldChange>& changes);
  EnrolledDevice& enrolled_row(const DeviceId& d);
  void on(const Event&, const EmploymentStarted&);
  void on(const Event&, const EmploymentEnded&);
  void on(const Event&, const CourseCreated&);
  void on(const Event&, const SessionScheduled&);
  void on(const Event&, const Enrolled&);
  void on(const Event&, const AttendanceRecorded&);
  void on(const Event&, const CompletionRecorded&);
  void on(const Event&, const HealthCheckRecorded&);
  void on(const Event&, const IdentityVerified&);
  void on(const Event&, const LicenceIssued&);
  void on(const Event&, const LicenceRevoked&);
  void on(const Event&, const ContractRegistered&);
  void on(const Event&, const ComplaintFiled&);
  void on(const Event&, const MediationStepRecorded&);
  void on(const Event&, const ComplaintClosed&);
  void on(const Event&, const CreditEventRecorded&);
  void on(const Event&, const AssessmentRecorded&);
  void on(const Event&, const ServicePointOpened&);
  void on(const Event&, const RevenueReported&);
  void on(const Event&, const ProgressReported&);

  template <class Row>
  static std::vector<const Row*> pick(const Table<Row>& t, const Children& c, Key parent);

  std::vector<DeviceId> devices_;
  std::unordered_map<std::string, std::uint16_t> device_index_;  // 16 raw bytes → index + 1

  Table<Worker> workers_;
  Table<Enterprise> enterprises_;
  Table<EmploymentSpell> spells_;
  Table<IdentityCheck> identity_checks_;
  Table<Course> courses_;
  Table<TrainingSession> sessions_;
  Table<Enrolment> enrolments_;
  Table<Attendance> attendance_;
  Table<Completion> completions_;
  Table<HealthCheck> health_checks_;
  Table<ServiceLicence> licences_;
  Table<LicenceRevocation> licence_revocations_;
  Table<ServiceContract> contracts_;
  Table<Complaint> complaints_;
  Table<MediationStep> mediation_steps_;
  Table<CreditEvent> credit_events_;
  Table<Assessment> assessments_;
  Table<ServicePoint> service_points_;
  Table<ProgressReport> progress_reports_;

  std::unordered_map<std::string, std::uint32_t> by_resident_id_;
  std::unordered_map<std::string, std::uint32_t> by_credit_code_;
  std::vector<std::string> worker_search_keys_;      // lowercased "name\x1Fid\x1Fmobile", parallel to workers_
  std::vector<std::uint8_t> worker_duplicate_;       // 1: a later registration of a resident ID; parallel to workers_
  mutable std::vector<std::uint32_t> workers_by_stamp_;  // registration order; re-sorted when a merge arrives out of order
  mutable bool workers_sorted_ = true;

  Children spells_by_worker_, spells_by_enterprise_, completions_by_worker_, completions_by_session_, enrolments_by_session_,
      attendance_by_session_, checks_by_worker_, identity_by_worker_, contracts_by_enterprise_, complaints_by_subject_,
      steps_by_complaint_, credit_by_subject_, assessments_by_enterprise_;
  std::unordered_map<Key, SpellEnd> spell_ends_;
  std::unordered_map<Key, std::uint32_t> licence_by_worker_;
  std::unordered_map<Key, std::uint32_t> revocation_by_licence_;  // licence → row of licence_revocations_
  std::unordered_map<Key, ComplaintClosure> closures_;
  std::unordered_map<Key, std::unordered_map<std::uint16_t, RevenueFigure>> revenue_;  // enterprise → year → figure in force
  std::unordered_map<Key, std::unordered_map<Key, std::uint32_t>> first_completion_;  // worker → course → completion row
  std::vector<std::uint8_t> completion_first_;  // 1: the row first_completion_ names; parallel to completions_
  std::unordered_map<Key, std::vector<FieldWrite>> writes_;  // record → every value its edited fields held
  std::vector<EnrolledDevice> enrolled_;                     // sorted by device

  std::uint64_t revision_ = 0;
};

}  // namespace hearth
