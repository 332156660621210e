// Session: one device's running app, wiring the core to its effects. It owns the one-way
// flow: a view submits a command → the core decides → the store makes the events durable →
// only then are they folded into state and reported "saved". Shared by the browser app and
// the command-line tool; knows nothing of ImGui or of the terminal.
//
// Index
//   1. Opening: newest snapshot that restores + the events after it, every link checked
//   2. Writing: one write in flight, acknowledged only when durable; one writer per device
//   3. Snapshots: written every `snapshot_every` events, with the retention rule
//   4. Storage: usage and quota, and the early warning
//   5. Backup and restore
//   6. Identity: the device's key, its enrolment, receipts (session_exchange.cpp)
//   7. Bundles: export; and at the district, import, merge, enrol, revoke (session_exchange.cpp)
//   8. First run: the device's unit, and the demo district (session_demo.cpp)
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "effects.hpp"
#include "enrolment.hpp"
#include "store_contents.hpp"
#include "workspace.hpp"

namespace hearth {

struct SessionOptions {
  std::uint64_t snapshot_every = 2000;  // events folded beyond the newest snapshot before the next one
  KdfCost kdf = KdfCost::interactive();  // Argon2id cost of a new key file (tests use the minimum)
};

class Session {
 public:
  enum class Phase { Closed, Opening, Ready, OpenFailed };
  enum class WriteStatus { None, Pending, Saved, Failed };

  using Options = SessionOptions;
  // The other effects are optional: without a lease the session is the writer; without a
  // gauge the storage is unknown; without file exchange there is no backup.
  struct Effects {
    EventStore& store;
    Clock& clock;
    Random& random;
    WriterLease* lease = nullptr;
    StorageGauge* gauge = nullptr;
    FileExchange* files = nullptr;
  };

  struct Submission {
    std::uint64_t ticket = 0;  // 0 when refused
    Problems problems;
  };
  struct WriteOutcome {
    std::uint64_t ticket = 0;
    WriteStatus status = WriteStatus::None;
    std::optional<StoreError> error;
  };
  // A step that runs in the background (snapshot, backup, restore) and how it ended.
  struct Job {
    enum class Status { None, Working, Done, Failed } status = Status::None;
    std::optional<StoreError> error;
    std::string message;  // catalog key of a problem found in a file (err.backup.*)
    std::string detail;
  };
  // Where opening spent its time (bench/ reads these through the page).
  struct OpenFigures {
    double db_ms = 0;       // opening the store (IndexedDB: open, upgrade, the meta records)
    double read_ms = 0;     // the store's reads of the snapshot and events
    double restore_ms = 0;  // decoding the snapshot
    double fold_ms = 0;     // folding the events after it, every link checked
    double lease_ms = 0;    // waiting to learn whether this window may write
    double total_ms = 0;    // from open() to ready
    std::uint64_t snapshot_bytes = 0, events_after = 0, event_bytes = 0;
    std::uint64_t opens = 0;  // completed opens so far (a restore reopens)
  };
  struct SnapshotFigures {
    std::uint64_t seq = 0;
    std::uint64_t bytes = 0;
    double encode_ms = 0;
    double store_ms = 0;
  };
  // What a backup file holds, shown before it replaces anything.
  struct RestorePreview {
    std::string file_name;
    std::int64_t created_ms = 0;
    DeviceId device{};
    bool same_device = false;
    std::uint64_t events = 0;        // the ledger's length (its last seq)
    std::uint64_t workers = 0, enterprises = 0;
    std::vector<Damage> damage;      // what in the backup could not be used
  };

  Session(EventStore& store, Clock& clock, Random& random) : Session(Effects{store, clock, random}) {}
  explicit Session(Effects effects, Options options = {}) : fx_(effects), options_(options) {}

  // ---- 1. Opening ----------------------------------------------------------------------------
  // Opens the store and rebuilds state from it; `on_opened` runs when that is done (or failed).
  void open(std::function<void()> on_opened = {});
  Phase phase() const { return phase_; }
  const std::optional<StoreError>& open_error() const { return open_error_; }
  const LoadReport& load_report() const { return load_report_; }
  const StoreInfo& store_info() const { return info_; }
  const OpenFigures& open_figures() const { return open_figures_; }
  // Problems that were worked around without losing anything (a damaged snapshot rebuilt
  // from the events): shown as notices, not as damage.
  const std::vector<Damage>& repaired() const { return repaired_; }
  // Unreadable bytes after the last whole event (a write cut short) that the store set aside.
  const std::string& set_aside() const { return info_.set_aside; }

  // ---- 2. Writing ----------------------------------------------------------------------------
  WriterLease::Role role() const { return role_; }
  // The last attempt to read what another window (or a conflicting write) stored, if it failed.
  const std::optional<StoreError>& refresh_error() const { return refresh_error_; }
  // Nothing can be saved: stored data is damaged, or another window is the writer.
  bool read_only() const { return load_report_.damaged() || role_ != WriterLease::Role::Writer; }
  // Validates now; if accepted, starts a durable write whose outcome `last_write()` reports.
  // `on_done` (optional) runs when the write has completed or failed.
  Submission submit(const Command& cmd, std::function<void(const WriteOutcome&)> on_done = {});
  bool saving() const { return last_write_.status == WriteStatus::Pending; }
  bool restoring() const { return restore_job_.status == Job::Status::Working; }
  const WriteOutcome& last_write() const { return last_write_; }
  double last_write_ms() const { return last_write_ms_; }  // from submit to durable

  const Workspace& workspace() const { return *workspace_; }  // valid once phase() == Ready
  // The clock's time (Unix ms): views date what they show ("today") by it, never by the OS directly.
  std::int64_t now_ms() const { return fx_.clock.now_ms(); }
  const State& state() const { return workspace_->state(); }

  // ---- 3. Snapshots --------------------------------------------------------------------------
  std::uint64_t newest_snapshot() const { return info_.snapshots.empty() ? 0 : info_.snapshots.front(); }
  bool snapshot_due() const;
  void write_snapshot(std::function<void()> on_done = {});
  const Job& snapshot_job() const { return snapshot_job_; }
  const SnapshotFigures& last_snapshot() const { return snapshot_figures_; }

  // ---- 4. Storage ----------------------------------------------------------------------------
  void measure_storage(std::function<void()> on_done = {});
  const StorageEstimate& storage() const { return storage_; }
  // Little space left: warn before a write is refused.
  bool storage_low() const;

  // ---- 5. Backup and restore -----------------------------------------------------------------
  bool can_backup() const { return fx_.files != nullptr && phase_ == Phase::Ready; }
  void backup(std::function<void()> on_done = {});
  const Job& backup_job() const { return backup_job_; }
  // Asks for a file, reads and checks it, and prepares a preview; nothing is replaced yet.
  void choose_restore(std::function<void()> on_done = {});
  // The same from bytes already at hand (the picker's answer; the tests).
  void preview_restore(std::vector<std::uint8_t> bytes, std::string name);
  const std::optional<RestorePreview>& restore_preview() const { return restore_preview_; }
  const Job& restore_job() const { return restore_job_; }
  void cancel_restore();
  // Replaces everything stored with the previewed backup, then reopens.
  void confirm_restore(std::function<void()> on_done = {});

  // ---- 6. Identity ---------------------------------------------------------------------------
  // What this device is: whether it has a key, whether it is unlocked, its certificate.
  struct Identity {
    bool has_key = false;
    bool unlocked = false;
    DeviceRole role = DeviceRole::Township;
    std::optional<Certificate> certificate;  // enrolled (the district's is self-signed)
    std::optional<Receipt> confirmed;        // the newest receipt from the district
    std::uint64_t exported = 0;              // own events ≤ this are in a bundle
  };
  const Identity& identity() const { return identity_; }
  // Each runs `on_done` with the problems (empty = done, durably).
  using ProblemsDone = std::function<void(std::vector<TrustProblem>)>;
  // A new key under `passphrase` (and, for the district office, its own certificate).
  void create_key(DeviceRole role, const std::string& passphrase, const std::string& repeated, const std::string& district_label,
                  ProblemsDone on_done);
  std::vector<TrustProblem> unlock(const std::string& passphrase);  // Argon2id: about a second on a tablet
  void lock();
  void change_passphrase(const std::string& old_passphrase, const std::string& passphrase, const std::string& repeated, ProblemsDone on_done);
  // The enrolment request as a text code (to copy) and a file (saved through FileExchange).
  std::variant<EnrolmentRequest, std::vector<TrustProblem>> enrolment_request(const DeviceUnit& unit);
  // A certificate from the district (file bytes or pasted text code).
  void import_certificate(std::span<const std::uint8_t> file_or_text, ProblemsDone on_done);
  void import_receipt(std::span<const std::uint8_t> bytes, ProblemsDone on_done);

  // ---- 7. Bundles ----------------------------------------------------------------------------
  struct ExportResult {
    std::string file_name;
    std::uint64_t first = 0, last = 0;
    std::vector<std::uint8_t> bytes;  // what was saved
  };
  // Everything not yet exported (first = last = 0), or the range first..last; saved as a
  // download through FileExchange and marked exported.
  void export_bundle(std::uint64_t first, std::uint64_t last, std::function<void(std::optional<ExportResult>, std::vector<TrustProblem>)> on_done);
  std::uint64_t unexported() const;  // own events not yet in a bundle

  // District office. Imports files of any Hearth kind: bundles are merged (all in one
  // durable write), receipts and certificates are refused with a reason (they are for
  // devices), requests are kept for signing.
  struct ImportReport {
    std::vector<ImportResult> results;   // per file, in the order given
    std::vector<ImportResult> released;  // held bundles this import let through
    std::uint64_t new_events = 0;
    std::optional<StoreError> error;     // the merge could not be stored: nothing changed
  };
  void import_files(std::vector<ImportInput> files, std::function<void(const ImportReport&)> on_done);
  void choose_imports(std::function<void(const ImportReport&)> on_done);  // through the file picker
  const std::optional<ImportReport>& last_import() const { return last_import_; }
  // Requests read by import_files, waiting for the district to sign or dismiss them.
  const std::vector<EnrolmentRequest>& pending_requests() const { return pending_requests_; }
  void dismiss_request(std::size_t index);
  // Signs the request, records the enrolment (a DeviceEnrolled event) and saves the
  // certificate file for the device.
  void enrol(const EnrolmentRequest& request, std::function<void(std::optional<Certificate>, Problems)> on_done);
  Submission revoke(const DeviceId& device, std::uint64_t accept_through, const std::string& reason);
  // A receipt for each device the district holds events of, saved as files.
  void save_receipts(std::function<void(std::size_t saved, std::optional<StoreError>)> on_done);
  Receipt receipt_for(const DeviceId& device) const;
  // Files the person saves or picks for the views (a request code, a certificate, a receipt);
  // nothing happens without a FileExchange or when the picker is cancelled.
  void save_file(const std::string& name, std::vector<std::uint8_t> bytes) {
    if (fx_.files) fx_.files->save(name, std::move(bytes), [](std::optional<StoreError>) {});
  }
  void open_file(std::function<void(std::vector<std::uint8_t>)> then) {
    if (fx_.files)
      fx_.files->open([then = std::move(then)](std::optional<StoreError> err, std::vector<std::uint8_t> bytes, std::string) {
        if (!err) then(std::move(bytes));
      });
  }
  // What this device trusts as the district (its certificate's issuer; its box key while unlocked).
  DistrictTrust trust() const;
  // The text of the QR code on `worker`'s 持证上门 card (card.hpp), signed with the district's
  // key: only the district office's device, unlocked, can make it. Otherwise the reason
  // (err.key.locked, err.key.missing, err.card.not_district, err.card.none).
  std::variant<std::string, TrustProblem> card_code(Key worker) const;

  // ---- 8. First run --------------------------------------------------------------------------
  // Nothing here yet: no key, no own events, nothing received. The first-run screen shows then.
  bool fresh() const;
  // The unit chosen at set-up (a township or a training provider, and the device's label),
  // kept to fill in the enrolment request; nullopt until chosen.
  std::optional<DeviceUnit> unit() const;
  void set_unit(const DeviceUnit& unit, std::function<void(std::optional<StoreError>)> on_done);
  // Fills a fresh device with the synthetic district (synthetic.hpp, the whole district divided
  // by `divisor`) as this device's own events, stores them and a snapshot in one go, and
  // reopens. Demo data is marked: such a device refuses to export bundles, so invented
  // people never reach the district's register.
  void load_demo(std::uint32_t divisor, std::function<void(std::optional<StoreError>)> on_done);
  bool demo() const { return info_.meta.contains(kMetaDemo); }
  bool loading_demo() const { return loading_demo_; }

 private:
  void load_identity();
  void put_meta_then(std::string name, std::vector<std::uint8_t> bytes, std::function<void(std::optional<StoreError>)> then);
  void opened(StoreInfo info, std::function<void()> on_opened);
  void read_from(std::size_t snapshot_index, std::function<void()> on_opened);
  void finish_open(std::function<void()> on_opened);
  void follow(std::uint64_t writer_last_seq);
  static constexpr std::uint64_t kEverythingChanged = ~std::uint64_t{0};  // announced after a restore
  void refresh(std::function<void()> on_done);
  void after_commit();

  Effects fx_;
  Options options_;
  Phase phase_ = Phase::Closed;
  std::optional<StoreError> open_error_;
  StoreInfo info_;
  LoadReport load_report_;
  std::vector<Damage> repaired_;
  std::optional<Workspace> workspace_;
  WriterLease::Role role_ = WriterLease::Role::Unknown;
  bool lease_claimed_ = false, lease_answered_ = false, listening_ = false;
  std::uint64_t missed_growth_ = 0;                  // announced while an open was under way
  std::vector<std::uint64_t> damaged_snapshots_;     // found damaged by the last open
  bool refreshing_ = false, refresh_again_ = false;
  std::vector<std::function<void()>> after_refresh_;
  std::optional<StoreError> refresh_error_;
  WriteOutcome last_write_;
  std::uint64_t next_ticket_ = 1;
  double last_write_ms_ = 0;
  OpenFigures open_figures_;
  std::chrono::steady_clock::time_point open_started_, read_started_, lease_asked_;
  Job snapshot_job_, backup_job_, restore_job_;
  SnapshotFigures snapshot_figures_;
  StorageEstimate storage_;
  std::optional<RestorePreview> restore_preview_;
  std::optional<StoreDump> restore_contents_;
  std::uint64_t received_folded_ = 0;  // arrival number of the last received event folded in
  std::uint64_t snapshot_received_ = 0;  // … and the one the newest snapshot covers
  Identity identity_;
  std::optional<DeviceKeys> keys_;     // only while unlocked
  std::optional<ImportReport> last_import_;
  std::vector<EnrolmentRequest> pending_requests_;
  bool importing_ = false;
  bool loading_demo_ = false;
};

}  // namespace hearth
