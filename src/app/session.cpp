#include "session.hpp"

#include <algorithm>
#include <limits>
#include <chrono>
#include <memory>
#include <utility>

#include "snapshot.hpp"

namespace hearth {

namespace {
double elapsed_ms(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since).count();
}

// A workspace starting from a snapshot (or from nothing), after checking that the snapshot
// belongs to this device and covers what its key says.
struct Start {
  Workspace workspace;
  std::uint64_t received = 0;  // received events the snapshot covers (by arrival number)
};
std::variant<Start, SnapshotProblem> start_from(const DeviceId& device, std::uint64_t seq, std::span<const std::uint8_t> snapshot) {
  if (seq == 0) return Start{Workspace(device), 0};
  auto restored = restore_snapshot(snapshot);
  if (auto* p = std::get_if<SnapshotProblem>(&restored)) return std::move(*p);
  Workspace& ws = std::get<RestoredSnapshot>(restored).workspace;
  const std::uint64_t received = std::get<RestoredSnapshot>(restored).info.received;
  if (ws.ledger().device() != device) return SnapshotProblem{"err.snapshot.foreign_device", {}, device_hex(ws.ledger().device())};
  if (ws.ledger().last_seq() != seq)
    return SnapshotProblem{"err.snapshot.misplaced", {}, "stored as " + std::to_string(seq) + ", covers " + std::to_string(ws.ledger().last_seq())};
  return Start{std::move(ws), received};
}

// Folds received events (the district's merge) in arrival order; one that does not continue
// its device's events means the store was damaged: reported, not folded.
void fold_received(Workspace& ws, std::vector<ReceivedEvent>& received, std::uint64_t& folded, LoadReport& report, std::int64_t now_ms) {
  for (auto& r : received) {
    folded = r.arrival;
    try {
      SealedEvent e = unseal(std::move(r.bytes));
      if (!ws.restore_received(e, now_ms))
        report.damage.push_back({e.event.seq, e.event.seq, "err.ledger.received_gap", "received event " + std::to_string(r.arrival) + " (" +
                                 device_hex(e.event.device).substr(0, 8) + " #" + std::to_string(e.event.seq) + ") does not continue its device's events",
                                 summarize(e.event.body).kind, summarize(e.event.body).label});
    } catch (const DecodeError& ex) {
      report.damage.push_back({0, 0, "err.ledger.received_unreadable", "received event " + std::to_string(r.arrival) + ": " + ex.what(), "", ""});
    }
  }
}

// read() arguments that ask for none of this device's events / none of the received ones.
constexpr std::uint64_t kNothingOwn = std::numeric_limits<std::int64_t>::max();
constexpr std::uint64_t kNothingReceived = std::numeric_limits<std::int64_t>::max();

Damage snapshot_damage(std::uint64_t seq, const SnapshotProblem& p) { return {seq, seq, p.message, p.detail, "", ""}; }
}  // namespace

// ---- 1. Opening ------------------------------------------------------------------------------

void Session::open(std::function<void()> on_opened) {
  phase_ = Phase::Opening;
  open_started_ = std::chrono::steady_clock::now();
  open_figures_ = {.opens = open_figures_.opens};
  open_error_.reset();
  load_report_ = {};
  repaired_.clear();
  damaged_snapshots_.clear();
  DeviceId fresh{};
  fx_.random.fill(fresh);
  fx_.store.open(fresh, [this, on_opened = std::move(on_opened)](std::optional<StoreError> err, StoreInfo info) mutable {
    open_figures_.db_ms = elapsed_ms(open_started_);
    if (err) {
      open_error_ = std::move(err);
      phase_ = Phase::OpenFailed;
      if (on_opened) on_opened();
      return;
    }
    opened(std::move(info), std::move(on_opened));
  });
}

void Session::opened(StoreInfo info, std::function<void()> on_opened) {
  info_ = std::move(info);
  if (fx_.lease && !listening_) {  // before reading: nothing a writer announces meanwhile is missed
    listening_ = true;
    fx_.lease->on_growth([this](std::uint64_t last) { follow(last); });
  }
  read_from(0, std::move(on_opened));
}

// Tries the snapshots newest first; past the last one, folds from the first stored event.
void Session::read_from(std::size_t index, std::function<void()> on_opened) {
  const std::uint64_t seq = index < info_.snapshots.size() ? info_.snapshots[index] : 0;
  read_started_ = std::chrono::steady_clock::now();
  // received events are read in a second step: which ones the snapshot covers is known only
  // once it is restored
  fx_.store.read(seq, seq, kNothingReceived, [this, index, seq, on_opened = std::move(on_opened)](std::optional<StoreError> err, StoredRange range) mutable {
    open_figures_.read_ms += elapsed_ms(read_started_);
    if (err) {
      open_error_ = std::move(err);
      phase_ = Phase::OpenFailed;
      if (on_opened) on_opened();
      return;
    }
    auto t0 = std::chrono::steady_clock::now();
    auto start = start_from(info_.device, seq, range.snapshot);
    open_figures_.restore_ms += elapsed_ms(t0);
    open_figures_.snapshot_bytes = range.snapshot.size();
    if (auto* p = std::get_if<SnapshotProblem>(&start)) {
      // a damaged snapshot costs time, not data, while the events before it are still stored
      repaired_.push_back(snapshot_damage(seq, *p));
      damaged_snapshots_.push_back(seq);
      return read_from(index + 1, std::move(on_opened));
    }
    workspace_.emplace(std::move(std::get<Start>(start).workspace));
    received_folded_ = snapshot_received_ = std::get<Start>(start).received;
    open_figures_.events_after = range.events.size();
    for (const auto& e : range.events) open_figures_.event_bytes += e.bytes.size();
    t0 = std::chrono::steady_clock::now();
    load_report_ = workspace_->load(std::move(range.events), info_.head);
    for (auto& h : range.held) workspace_->restore_held(std::move(h));
    load_identity();
    open_figures_.fold_ms = elapsed_ms(t0);
    load_report_.snapshot_seq = seq;
    if (seq == 0 && !repaired_.empty() && info_.first_event > 1) {
      // no snapshot could be used and the events they covered were compacted away
      for (auto& d : repaired_) load_report_.damage.insert(load_report_.damage.begin(), d);
      repaired_.clear();
    }
    if (info_.received <= received_folded_) return finish_open(std::move(on_opened));
    read_started_ = std::chrono::steady_clock::now();
    fx_.store.read(0, kNothingOwn, received_folded_, [this, on_opened = std::move(on_opened)](std::optional<StoreError> e, StoredRange more) mutable {
      open_figures_.read_ms += elapsed_ms(read_started_);
      if (e) {
        open_error_ = std::move(e);
        phase_ = Phase::OpenFailed;
        if (on_opened) on_opened();
        return;
      }
      const auto t1 = std::chrono::steady_clock::now();
      fold_received(*workspace_, more.received, received_folded_, load_report_, fx_.clock.now_ms());
      open_figures_.fold_ms += elapsed_ms(t1);
      finish_open(std::move(on_opened));
    });
  });
}

void Session::finish_open(std::function<void()> on_opened) {
  // Ready once it is known whether this window may write: a form never shows as editable
  // and then turns read-only because another window holds the lease.
  auto ready = [this](std::function<void()> done) {
    phase_ = Phase::Ready;
    open_figures_.total_ms = elapsed_ms(open_started_);
    ++open_figures_.opens;
    // a first-version store has no head yet: record it now that the chain checked out
    if (!info_.head && !load_report_.damaged() && workspace_->ledger().last_seq() > 0 && role_ == WriterLease::Role::Writer) {
      const StoredHead head = workspace_->ledger().stored_head();
      fx_.store.put_head(head, [this, head](std::optional<StoreError> err) {
        if (!err) info_.head = head;
      });
    }
    if (done) done();
    if (const std::uint64_t missed = std::exchange(missed_growth_, 0)) follow(missed);
    measure_storage();
    // a snapshot that had to be worked around is replaced at once, so the next open is fast again
    if (snapshot_due() || (!repaired_.empty() && !read_only())) write_snapshot();
  };
  if (lease_claimed_ || !fx_.lease) {
    if (!fx_.lease) role_ = WriterLease::Role::Writer;
    lease_claimed_ = true;
    return ready(std::move(on_opened));
  }
  lease_claimed_ = true;
  lease_asked_ = std::chrono::steady_clock::now();
  fx_.lease->claim([this, ready, pending = std::make_shared<std::function<void()>>(std::move(on_opened))](WriterLease::Role r) mutable {
    if (!lease_answered_) {  // the first answer completes the first opening
      lease_answered_ = true;
      open_figures_.lease_ms = elapsed_ms(lease_asked_);
      role_ = r;
      return ready(std::exchange(*pending, {}));
    }
    const bool takeover = r == WriterLease::Role::Writer && role_ != WriterLease::Role::Writer;
    role_ = r;
    // a follower taking over reads the store afresh: the old writer may have saved, or
    // restored a backup, after its last announcement (an open under way reads it anyway)
    if (takeover && phase_ == Phase::Ready) open({});
  });
}

// A follower hears that the writer's ledger grew: read what is new.
void Session::follow(std::uint64_t writer_last_seq) {
  if (role_ == WriterLease::Role::Writer) return;
  if (phase_ != Phase::Ready) {  // acted on once the open under way is done
    missed_growth_ = writer_last_seq == kEverythingChanged ? writer_last_seq : std::max(missed_growth_, writer_last_seq);
    return;
  }
  if (writer_last_seq == kEverythingChanged) return open({});  // a backup was restored in the writer's window
  if (writer_last_seq <= workspace_->ledger().last_seq()) return;
  refresh({});
}

// Reads and folds what was stored after this window's position. A call while a read is under
// way is not lost: the read runs once more afterwards (more may have been stored meanwhile),
// and every caller's `on_done` runs after it.
void Session::refresh(std::function<void()> on_done) {
  if (on_done) after_refresh_.push_back(std::move(on_done));
  if (refreshing_) {
    refresh_again_ = true;
    return;
  }
  refreshing_ = true;
  refresh_again_ = false;
  const std::uint64_t after = workspace_->ledger().last_seq();
  fx_.store.read(0, after, received_folded_, [this](std::optional<StoreError> err, StoredRange range) {
    refreshing_ = false;
    refresh_error_ = err;
    if (!err && !range.events.empty()) {
      LoadReport more = workspace_->load(std::move(range.events));
      load_report_.events_loaded += more.events_loaded;
      for (auto& d : more.damage) load_report_.damage.push_back(std::move(d));
      info_.head = workspace_->ledger().stored_head();
    }
    if (!err && !range.received.empty()) {
      fold_received(*workspace_, range.received, received_folded_, load_report_, fx_.clock.now_ms());
      info_.received = received_folded_;
    }
    if (refresh_again_ && !err) return refresh({});
    auto callbacks = std::exchange(after_refresh_, {});
    for (auto& cb : callbacks) cb();
  });
}

// ---- 2. Writing ------------------------------------------------------------------------------

Session::Submission Session::submit(const Command& cmd, std::function<void(const WriteOutcome&)> on_done) {
  if (phase_ != Phase::Ready) return {0, {{"", "err.store.unavailable", {}}}};
  if (load_report_.damaged()) return {0, {{"", "err.store.read_only", {}}}};
  if (role_ != WriterLease::Role::Writer) return {0, {{"", "err.store.other_window", {}}}};
  if (saving() || restoring()) return {0, {{"", "err.store.busy", {}}}};
  Decision decision = workspace_->decide(cmd, fx_.clock.now_ms());
  if (!decision.accepted()) return {0, std::move(decision.problems)};

  const std::uint64_t ticket = next_ticket_++;
  last_write_ = {ticket, WriteStatus::Pending, std::nullopt};
  std::vector<PendingEvent> pending;
  for (const auto& e : decision.events) pending.push_back({e.event.seq, e.bytes});
  const StoredHead head{decision.events.back().event.seq, decision.events.back().hash};
  const auto started = std::chrono::steady_clock::now();
  fx_.store.append(std::move(pending), workspace_->ledger().stored_head(), head, [this, ticket, head, started, events = std::move(decision.events),
                                              on_done = std::move(on_done)](std::optional<StoreError> err) {
    last_write_ms_ = elapsed_ms(started);
    if (!err) {
      if (auto broken = workspace_->commit(events))  // cannot happen with one write in flight
        err = StoreError{"failed", "stored events do not continue the ledger: " + broken->detail};
      else
        info_.head = head;
    }
    last_write_ = {ticket, err ? WriteStatus::Failed : WriteStatus::Saved, std::move(err)};
    if (last_write_.error && last_write_.error->kind == "conflict") refresh({});  // another writer got there: catch up
    if (on_done) on_done(last_write_);
    if (last_write_.status == WriteStatus::Saved) after_commit();
  });
  return {ticket, {}};
}

void Session::after_commit() {
  if (fx_.lease) fx_.lease->announce(workspace_->ledger().last_seq());
  if (snapshot_due()) write_snapshot();
  // the quota shrinks as the ledger grows: look again now and then
  if (workspace_->ledger().last_seq() % 50 == 0 || storage_low()) measure_storage();
}

// ---- 3. Snapshots ----------------------------------------------------------------------------

bool Session::snapshot_due() const {
  if (phase_ != Phase::Ready || read_only() || restoring() || snapshot_job_.status == Job::Status::Working) return false;
  return workspace_->ledger().last_seq() >= newest_snapshot() + options_.snapshot_every ||
         received_folded_ >= snapshot_received_ + options_.snapshot_every;  // the district's merges count too
}

void Session::write_snapshot(std::function<void()> on_done) {
  if (phase_ != Phase::Ready || read_only() || restoring() || snapshot_job_.status == Job::Status::Working) {
    if (on_done) on_done();
    return;
  }
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<std::uint8_t> bytes = encode_snapshot(*workspace_, received_folded_);
  const std::uint64_t seq = workspace_->ledger().last_seq();
  snapshot_figures_ = {seq, bytes.size(), elapsed_ms(t0)};
  snapshot_job_ = {Job::Status::Working, {}, {}, {}};
  // a snapshot found damaged on opening counts for nothing: it is dropped, never kept as the fallback
  std::vector<std::uint64_t> sound, damaged;
  for (const std::uint64_t q : info_.snapshots)
    (std::find(damaged_snapshots_.begin(), damaged_snapshots_.end(), q) != damaged_snapshots_.end() ? damaged : sound).push_back(q);
  // events may be forgotten once the district confirmed it holds them (a receipt), not merely
  // once they were exported: a bundle on a lost USB stick must be exportable again
  const std::uint64_t confirmed = identity_.confirmed ? std::min(identity_.confirmed->through, info_.exported) : 0;
  Retention retention = plan_retention(sound, seq, confirmed);
  for (const std::uint64_t q : damaged)
    if (q != seq) retention.drop_snapshots.push_back(q);
  const auto put_started = std::chrono::steady_clock::now();
  fx_.store.put_snapshot(seq, std::move(bytes), retention, [this, seq, retention, put_started, received = received_folded_, on_done = std::move(on_done)](std::optional<StoreError> err) {
    snapshot_figures_.store_ms = elapsed_ms(put_started);
    if (err) {
      snapshot_job_ = {Job::Status::Failed, std::move(err), {}, {}};
    } else {
      snapshot_job_ = {Job::Status::Done, {}, {}, {}};
      snapshot_received_ = received;
      auto& s = info_.snapshots;
      auto gone = [&](std::uint64_t q) {
        return q == seq || std::find(retention.drop_snapshots.begin(), retention.drop_snapshots.end(), q) != retention.drop_snapshots.end();
      };
      std::erase_if(s, gone);
      std::erase_if(damaged_snapshots_, gone);  // replaced or dropped: nothing damaged is left at those seqs
      s.insert(s.begin(), seq);
      if (retention.drop_events_through >= info_.first_event) info_.first_event = retention.drop_events_through + 1;
    }
    if (on_done) on_done();
  });
}

// ---- 4. Storage ------------------------------------------------------------------------------

void Session::measure_storage(std::function<void()> on_done) {
  if (!fx_.gauge) {
    if (on_done) on_done();
    return;
  }
  fx_.gauge->measure([this, on_done = std::move(on_done)](StorageEstimate e) {
    storage_ = e;
    if (on_done) on_done();
  });
}

bool Session::storage_low() const {
  if (!storage_.known || storage_.quota <= 0) return false;
  constexpr double kReserveBytes = 100.0 * 1024 * 1024;  // a year of a township's records is a few MB; leave room for a backup
  return storage_.quota - storage_.usage < kReserveBytes || storage_.usage > 0.9 * storage_.quota;
}

// ---- 5. Backup and restore -------------------------------------------------------------------

void Session::backup(std::function<void()> on_done) {
  if (!can_backup() || backup_job_.status == Job::Status::Working) {
    if (on_done) on_done();
    return;
  }
  backup_job_ = {Job::Status::Working, {}, {}, {}};
  fx_.store.dump([this, on_done = std::move(on_done)](std::optional<StoreError> err, StoreDump dump) mutable {
    if (err) {
      backup_job_ = {Job::Status::Failed, std::move(err), {}, {}};
      if (on_done) on_done();
      return;
    }
    const std::int64_t now = fx_.clock.now_ms();
    const std::string name = "hearth-" + device_hex(dump.device).substr(0, 8) + "-" + Date::from_unix_ms(now).iso() + ".hearth-backup";
    fx_.files->save(name, encode_backup(dump, now), [this, name, on_done = std::move(on_done)](std::optional<StoreError> e) {
      backup_job_ = e ? Job{Job::Status::Failed, std::move(e), {}, {}} : Job{Job::Status::Done, {}, {}, name};
      if (on_done) on_done();
    });
  });
}

void Session::choose_restore(std::function<void()> on_done) {
  if (!fx_.files) return;
  fx_.files->open([this, on_done = std::move(on_done)](std::optional<StoreError> err, std::vector<std::uint8_t> bytes, std::string name) {
    if (err)
      restore_job_ = {Job::Status::Failed, std::move(err), {}, {}};
    else
      preview_restore(std::move(bytes), std::move(name));
    if (on_done) on_done();
  });
}

void Session::preview_restore(std::vector<std::uint8_t> bytes, std::string name) {
  restore_preview_.reset();
  restore_contents_.reset();
  auto decoded = decode_backup(bytes);
  if (auto* p = std::get_if<BackupProblem>(&decoded)) {
    restore_job_ = {Job::Status::Failed, std::nullopt, p->message, p->detail};
    return;
  }
  DecodedBackup& b = std::get<DecodedBackup>(decoded);
  // check it the way opening would: the newest snapshot that restores, then the events after it
  RestorePreview preview;
  preview.file_name = std::move(name);
  preview.created_ms = b.created_ms;
  preview.device = b.dump.device;
  preview.same_device = phase_ == Phase::Ready && b.dump.device == info_.device;
  std::optional<Workspace> ws;
  std::vector<StoredEvent> after;
  for (const StoredSnapshot& s : b.dump.snapshots) {
    auto start = start_from(b.dump.device, s.seq, s.bytes);
    if (auto* w = std::get_if<Start>(&start)) {
      ws.emplace(std::move(w->workspace));
      break;
    }
  }
  if (!ws) ws.emplace(b.dump.device);
  for (const StoredEvent& e : b.dump.events)
    if (e.seq > ws->ledger().last_seq()) after.push_back(e);
  LoadReport report = ws->load(std::move(after), b.dump.head);
  preview.events = ws->ledger().last_seq();
  preview.workers = ws->state().workers().size();
  preview.enterprises = ws->state().enterprises().size();
  preview.damage = std::move(report.damage);
  restore_preview_ = std::move(preview);
  restore_contents_ = std::move(b.dump);
  restore_job_ = {};
}

void Session::cancel_restore() {
  restore_preview_.reset();
  restore_contents_.reset();
  restore_job_ = {};
}

void Session::confirm_restore(std::function<void()> on_done) {
  if (!restore_contents_ || role_ != WriterLease::Role::Writer || saving() || snapshot_job_.status == Job::Status::Working) {
    if (on_done) on_done();
    return;
  }
  restore_job_ = {Job::Status::Working, {}, {}, {}};
  StoreDump contents = std::move(*restore_contents_);
  restore_contents_.reset();
  fx_.store.replace(std::move(contents), [this, on_done = std::move(on_done)](std::optional<StoreError> err) mutable {
    restore_preview_.reset();
    if (err) {
      restore_job_ = {Job::Status::Failed, std::move(err), {}, {}};
      if (on_done) on_done();
      return;
    }
    restore_job_ = {Job::Status::Done, {}, {}, {}};
    workspace_.reset();
    last_write_ = {};
    snapshot_job_ = {};
    open(std::move(on_done));
    if (fx_.lease) fx_.lease->announce(kEverythingChanged);
  });
}

}  // namespace hearth
