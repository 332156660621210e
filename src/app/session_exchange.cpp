// Session, sections 6–7: the device's identity (key, enrolment, receipts) and bundles
// (export; and at the district office, import, merge, enrolment and revocation).
#include <algorithm>
#include <memory>

#include "bundle.hpp"
#include "session.hpp"

#include "card.hpp"
#include "text.hpp"
#include "township.hpp"

namespace hearth {

namespace {
TrustProblem trouble(std::string key, std::string detail = {}, std::vector<std::string> args = {}) {
  return TrustProblem{std::move(key), std::move(args), std::move(detail)};
}
std::vector<TrustProblem> one(TrustProblem p) { return {std::move(p)}; }
std::vector<TrustProblem> from_error(const StoreError& e) { return one(trouble(e.message_key(), e.detail)); }

ImportResult refused(const std::string& name, TrustProblem why) {
  ImportResult r;
  r.name = name;
  r.outcome = ImportOutcome::Refused;
  r.problem = std::move(why);
  return r;
}
}  // namespace

// ---- 6. Identity ------------------------------------------------------------------------------

void Session::load_identity() {
  const bool was_unlocked = keys_.has_value();
  identity_ = {};
  identity_.exported = info_.exported;
  if (auto it = info_.meta.find(kMetaKeyFile); it != info_.meta.end()) {
    auto f = KeyFile::decode(it->second);
    if (auto* kf = std::get_if<KeyFile>(&f)) {
      identity_.has_key = true;
      identity_.role = kf->role;
      if (keys_ && keys_->sign.public_key != kf->sign_public) keys_.reset();  // a restore brought another key
    }
  }
  if (!identity_.has_key) keys_.reset();
  identity_.unlocked = was_unlocked && keys_.has_value();
  if (auto it = info_.meta.find(kMetaCertificate); it != info_.meta.end())
    if (auto c = Certificate::decode(it->second); std::holds_alternative<Certificate>(c)) identity_.certificate = std::get<Certificate>(c);
  if (auto it = info_.meta.find(kMetaConfirmed); it != info_.meta.end())
    if (auto r = Receipt::decode(it->second); std::holds_alternative<Receipt>(r)) identity_.confirmed = std::get<Receipt>(r);
}

void Session::put_meta_then(std::string name, std::vector<std::uint8_t> bytes, std::function<void(std::optional<StoreError>)> then) {
  fx_.store.put_meta(name, bytes, [this, name, bytes, then = std::move(then)](std::optional<StoreError> err) mutable {
    if (!err) {
      info_.meta[name] = std::move(bytes);
      load_identity();
    }
    then(std::move(err));
  });
}

void Session::create_key(DeviceRole role, const std::string& passphrase, const std::string& repeated, const std::string& district_label,
                         ProblemsDone on_done) {
  if (phase_ != Phase::Ready) return on_done(one(trouble("err.store.unavailable")));
  if (role_ != WriterLease::Role::Writer) return on_done(one(trouble("err.store.other_window")));
  if (identity_.has_key) return on_done(one(trouble("err.enrol.already_enrolled")));
  if (auto problems = check_new_passphrase(passphrase, repeated); !problems.empty()) return on_done(std::move(problems));
  if (role == DeviceRole::District && trim(district_label).empty()) return on_done(one(trouble("err.enrol.label")));
  std::array<std::uint8_t, 64> secrets{};
  std::array<std::uint8_t, 16> salt{};
  std::array<std::uint8_t, 24> nonce{};
  fx_.random.fill(secrets);
  fx_.random.fill(salt);
  fx_.random.fill(nonce);
  const KeyFile file = create_key_file(info_.device, role, passphrase, secrets, salt, nonce, options_.kdf);
  wipe(secrets);
  auto unlocked = unlock_key_file(file, passphrase);
  if (auto* p = std::get_if<TrustProblem>(&unlocked)) return on_done(one(*p));
  DeviceKeys keys = std::get<DeviceKeys>(std::move(unlocked));
  std::optional<Certificate> self;
  if (role == DeviceRole::District) self = self_certificate(keys, std::string(trim(district_label)), fx_.clock.now_ms());
  put_meta_then(kMetaKeyFile, file.encode(), [this, keys, self, on_done = std::move(on_done)](std::optional<StoreError> err) mutable {
    if (err) return on_done(from_error(*err));
    keys_ = std::move(keys);
    identity_.unlocked = true;
    if (!self) return on_done({});
    put_meta_then(kMetaCertificate, self->encode(), [this, on_done = std::move(on_done)](std::optional<StoreError> e) {
      identity_.unlocked = keys_.has_value();
      on_done(e ? from_error(*e) : std::vector<TrustProblem>{});
    });
  });
}

std::vector<TrustProblem> Session::unlock(const std::string& passphrase) {
  const auto it = info_.meta.find(kMetaKeyFile);
  if (it == info_.meta.end()) return one(trouble("err.key.missing"));
  auto f = KeyFile::decode(it->second);
  if (auto* p = std::get_if<TrustProblem>(&f)) return one(*p);
  auto keys = unlock_key_file(std::get<KeyFile>(f), passphrase);
  if (auto* p = std::get_if<TrustProblem>(&keys)) return one(*p);
  keys_ = std::get<DeviceKeys>(std::move(keys));
  identity_.unlocked = true;
  return {};
}

void Session::lock() {
  keys_.reset();
  identity_.unlocked = false;
}

void Session::change_passphrase(const std::string& old_passphrase, const std::string& passphrase, const std::string& repeated,
                                ProblemsDone on_done) {
  const auto it = info_.meta.find(kMetaKeyFile);
  if (it == info_.meta.end()) return on_done(one(trouble("err.key.missing")));
  if (role_ != WriterLease::Role::Writer) return on_done(one(trouble("err.store.other_window")));
  if (auto problems = check_new_passphrase(passphrase, repeated); !problems.empty()) return on_done(std::move(problems));
  auto f = KeyFile::decode(it->second);
  if (auto* p = std::get_if<TrustProblem>(&f)) return on_done(one(*p));
  std::array<std::uint8_t, 16> salt{};
  std::array<std::uint8_t, 24> nonce{};
  fx_.random.fill(salt);
  fx_.random.fill(nonce);
  auto changed = hearth::change_passphrase(std::get<KeyFile>(f), old_passphrase, passphrase, salt, nonce);
  if (auto* p = std::get_if<TrustProblem>(&changed)) return on_done(one(*p));
  put_meta_then(kMetaKeyFile, std::get<KeyFile>(changed).encode(),
                [on_done = std::move(on_done)](std::optional<StoreError> err) { on_done(err ? from_error(*err) : std::vector<TrustProblem>{}); });
}

std::variant<EnrolmentRequest, std::vector<TrustProblem>> Session::enrolment_request(const DeviceUnit& unit) {
  if (!keys_) return one(trouble(identity_.has_key ? "err.key.locked" : "err.key.missing"));
  DeviceUnit u = unit;
  u.role = keys_->role;
  u.label = std::string(trim(u.label));
  u.provider = std::string(trim(u.provider));
  if (auto problems = check_unit(u); !problems.empty()) return problems;
  return make_request(*keys_, std::move(u), fx_.clock.now_ms());
}

void Session::import_certificate(std::span<const std::uint8_t> file_or_text, ProblemsDone on_done) {
  if (!keys_) return on_done(one(trouble(identity_.has_key ? "err.key.locked" : "err.key.missing")));
  auto parsed = parse_certificate(file_or_text);
  if (auto* p = std::get_if<TrustProblem>(&parsed)) return on_done(one(*p));
  const Certificate& cert = std::get<Certificate>(parsed);
  if (auto p = check_own_certificate(cert, *keys_)) return on_done(one(*p));
  put_meta_then(kMetaCertificate, cert.encode(),
                [on_done = std::move(on_done)](std::optional<StoreError> err) { on_done(err ? from_error(*err) : std::vector<TrustProblem>{}); });
}

void Session::import_receipt(std::span<const std::uint8_t> bytes, ProblemsDone on_done) {
  auto parsed = Receipt::decode(bytes);
  if (auto* p = std::get_if<TrustProblem>(&parsed)) return on_done(one(*p));
  const Receipt& r = std::get<Receipt>(parsed);
  if (r.device != info_.device) return on_done(one(trouble("err.receipt.not_ours")));
  if (!identity_.certificate || identity_.certificate->district != r.district) return on_done(one(trouble("err.receipt.foreign")));
  const Ledger& ledger = workspace_->ledger();
  if (r.through > ledger.last_seq())
    return on_done(one(trouble("err.receipt.beyond", "", {std::to_string(r.through), std::to_string(ledger.last_seq())})));
  if (identity_.confirmed && identity_.confirmed->through >= r.through) return on_done({});  // an older receipt changes nothing
  // the event it confirms must be ours, byte for byte: its hash is the next event's prev
  const auto check = [this, r, on_done](const Hash256& actual) {
    if (actual != r.head) return on_done(one(trouble("err.receipt.mismatch", "", {std::to_string(r.through)})));
    put_meta_then(kMetaConfirmed, r.encode(),
                  [on_done](std::optional<StoreError> err) { on_done(err ? from_error(*err) : std::vector<TrustProblem>{}); });
  };
  if (r.through == ledger.last_seq()) return check(ledger.head());
  fx_.store.read(0, r.through, 0, [check, on_done, through = r.through](std::optional<StoreError> err, StoredRange range) mutable {
    if (err) return on_done(from_error(*err));
    if (range.events.empty() || range.events.front().seq != through + 1) return on_done(one(trouble("err.receipt.mismatch", "", {std::to_string(through)})));
    try {
      check(decode_event(range.events.front().bytes).prev);
    } catch (const DecodeError& e) {
      on_done(one(trouble("err.receipt.mismatch", e.what(), {std::to_string(through)})));
    }
  });
}

// ---- 7. Bundles -------------------------------------------------------------------------------

std::uint64_t Session::unexported() const {
  if (phase_ != Phase::Ready) return 0;
  const std::uint64_t last = workspace_->ledger().last_seq();
  return last > info_.exported ? last - info_.exported : 0;
}

void Session::export_bundle(std::uint64_t first, std::uint64_t last,
                            std::function<void(std::optional<ExportResult>, std::vector<TrustProblem>)> on_done) {
  if (phase_ != Phase::Ready || !fx_.files) return on_done(std::nullopt, one(trouble("err.store.unavailable")));
  if (demo()) return on_done(std::nullopt, one(trouble("err.demo.export")));  // invented people never reach the district
  if (!keys_) return on_done(std::nullopt, one(trouble(identity_.has_key ? "err.key.locked" : "err.key.missing")));
  if (!identity_.certificate) return on_done(std::nullopt, one(trouble("err.enrol.no_certificate")));
  const std::uint64_t have = workspace_->ledger().last_seq();
  const bool everything_new = first == 0 && last == 0;
  if (everything_new) {
    first = info_.exported + 1;
    last = have;
    if (first > last) return on_done(std::nullopt, one(trouble("err.bundle.nothing_to_export")));
  } else if (first == 0 || last < first || last > have) {
    return on_done(std::nullopt, one(trouble("err.bundle.range", "", {std::to_string(have)})));
  }
  if (first < info_.first_event) return on_done(std::nullopt, one(trouble("err.bundle.compacted", "", {std::to_string(info_.first_event)})));
  fx_.store.read(0, first - 1, 0, [this, first, last, on_done = std::move(on_done)](std::optional<StoreError> err, StoredRange range) mutable {
    if (err) return on_done(std::nullopt, from_error(*err));
    std::erase_if(range.events, [&](const StoredEvent& e) { return e.seq > last; });
    if (range.events.empty() || range.events.front().seq != first || range.events.back().seq != last)
      return on_done(std::nullopt, one(trouble("err.bundle.compacted", "", {std::to_string(first)})));
    Hash256 prev{};
    try {
      prev = decode_event(range.events.front().bytes).prev;  // the hash of the event before the range, whether or not that one is still stored
    } catch (const DecodeError& e) {
      return on_done(std::nullopt, one(trouble("err.bundle.damaged", e.what())));
    }
    Seed ephemeral{};
    fx_.random.fill(ephemeral);
    const std::int64_t now = fx_.clock.now_ms();
    const Certificate& cert = *identity_.certificate;
    ExportResult out;
    out.first = first;
    out.last = last;
    out.bytes = make_bundle(*keys_, cert, range.events, prev, now, cert.unit.role != DeviceRole::District, ephemeral);
    std::string unit;
    if (const Township* t = kaizhou_townships().find(cert.unit.township)) unit = t->name_zh;
    else unit = cert.unit.provider;
    out.file_name = bundle_file_name(cert, first, last, now, unit);
    fx_.files->save(out.file_name, out.bytes, [this, out, on_done = std::move(on_done)](std::optional<StoreError> e) mutable {
      if (e) return on_done(std::nullopt, from_error(*e));
      fx_.store.mark_exported(out.last, [this, out, on_done = std::move(on_done)](std::optional<StoreError> e2) mutable {
        if (e2) return on_done(std::nullopt, from_error(*e2));
        info_.exported = std::max(info_.exported, out.last);
        identity_.exported = info_.exported;
        on_done(std::move(out), {});
      });
    });
  });
}

std::variant<std::string, TrustProblem> Session::card_code(Key worker) const {
  if (!keys_) return trouble(identity_.has_key ? "err.key.locked" : "err.key.missing");
  if (keys_->role != DeviceRole::District || !identity_.certificate) return trouble("err.card.not_district");
  const auto credential = card_credential_for(state(), worker, workspace_->config());
  if (!credential) return trouble("err.card.none");
  return sign_card(*credential, keys_->sign);
}

DistrictTrust Session::trust() const {
  DistrictTrust t;
  if (identity_.certificate) t.district = identity_.certificate->district;
  t.box = keys_ ? &keys_->box : nullptr;
  t.own = info_.device;
  return t;
}

void Session::import_files(std::vector<ImportInput> files, std::function<void(const ImportReport&)> on_done) {
  ImportReport report;
  auto finish = [this, on_done](ImportReport r) {
    importing_ = false;
    last_import_ = std::move(r);
    if (on_done) on_done(*last_import_);
  };
  if (phase_ != Phase::Ready) {
    report.error = StoreError{"unavailable", "not open"};
    return finish(std::move(report));
  }
  const bool district = keys_ && keys_->role == DeviceRole::District && identity_.certificate;
  // Sort the files: bundles to merge, requests to sign; other kinds are named and refused.
  std::vector<ImportInput> bundles;
  std::vector<std::size_t> slot;  // where each bundle's result goes
  for (auto& f : files) {
    ImportResult r;
    r.name = f.name;
    switch (file_kind(f.bytes)) {
      case FileKind::SealedBundle:
      case FileKind::Bundle:
        if (!district) {
          r.problem = trouble(!keys_ ? (identity_.has_key ? "err.key.locked" : "err.key.missing") : "err.enrol.not_district");
          break;
        }
        slot.push_back(report.results.size());
        bundles.push_back(std::move(f));
        r.outcome = ImportOutcome::Merged;  // placeholder, replaced by the plan's result
        break;
      case FileKind::Request: {
        auto q = parse_request(f.bytes);
        if (auto* p = std::get_if<TrustProblem>(&q)) r.problem = *p;
        else if (!district) r.problem = trouble("err.enrol.not_district");
        else {
          const auto& req = std::get<EnrolmentRequest>(q);
          std::erase_if(pending_requests_, [&](const EnrolmentRequest& x) { return x.device == req.device; });
          pending_requests_.push_back(req);
          r.outcome = ImportOutcome::Held;
          r.device = req.device;
          r.label = req.unit.label;
          r.problem = trouble("app.exchange.request_waiting", "", {req.unit.label});
        }
        break;
      }
      case FileKind::Certificate: r.problem = trouble("err.import.certificate_here"); break;
      case FileKind::Receipt: r.problem = trouble("err.import.receipt_here"); break;
      case FileKind::Backup: r.problem = trouble("err.import.backup_here"); break;
      default: r.problem = trouble("err.bundle.not_a_bundle"); break;
    }
    report.results.push_back(std::move(r));
  }
  if (bundles.empty()) return finish(std::move(report));
  if (role_ != WriterLease::Role::Writer || load_report_.damaged()) {
    for (std::size_t i : slot) report.results[i] = refused(report.results[i].name, trouble(load_report_.damaged() ? "err.store.read_only" : "err.store.other_window"));
    return finish(std::move(report));
  }
  if (importing_ || saving() || restoring()) {
    for (std::size_t i : slot) report.results[i] = refused(report.results[i].name, trouble("err.store.busy"));
    return finish(std::move(report));
  }
  importing_ = true;
  const std::int64_t now = fx_.clock.now_ms();
  ImportPlan plan = workspace_->plan_import(std::move(bundles), trust(), now);
  for (std::size_t k = 0; k < slot.size(); ++k) report.results[slot[k]] = plan.results[k];
  report.released = plan.released;
  report.new_events = plan.to_store.size();
  if (!plan.changes()) return finish(std::move(report));
  std::vector<ReceivedEvent> events;
  events.reserve(plan.to_store.size());
  std::uint64_t arrival = info_.received;
  for (const auto& e : plan.to_store) events.push_back({++arrival, e.bytes});
  // copied before the callback takes the plan: argument evaluation order is unspecified
  std::vector<HeldBundle> hold = plan.to_hold, release = plan.to_release;
  fx_.store.receive(std::move(events), std::move(hold), std::move(release),
                    [this, plan = std::move(plan), report = std::move(report), finish, arrival, now](std::optional<StoreError> err) mutable {
                      if (err) {
                        // nothing was stored: nothing merged, nothing held
                        for (auto& r : report.results)
                          if (r.outcome == ImportOutcome::Merged || (r.outcome == ImportOutcome::Held && r.problem.message == "err.bundle.gap"))
                            r = {r.name, ImportOutcome::Refused, trouble(err->message_key(), err->detail), r.device, r.label, r.first, r.last, 0};
                        report.released.clear();
                        report.new_events = 0;
                        report.error = std::move(err);
                        return finish(std::move(report));
                      }
                      workspace_->commit_import(plan, now);
                      info_.received = received_folded_ = arrival;
                      finish(std::move(report));
                      if (snapshot_due()) write_snapshot();
                      measure_storage();
                    });
}

void Session::choose_imports(std::function<void(const ImportReport&)> on_done) {
  if (!fx_.files) return;
  fx_.files->open_many([this, on_done = std::move(on_done)](std::optional<StoreError> err, std::vector<ImportInput> files) mutable {
    if (err) {
      ImportReport r;
      r.error = std::move(err);
      last_import_ = r;
      if (on_done) on_done(r);
      return;
    }
    if (files.empty()) return;  // cancelled
    import_files(std::move(files), std::move(on_done));
  });
}

void Session::dismiss_request(std::size_t index) {
  if (index < pending_requests_.size()) pending_requests_.erase(pending_requests_.begin() + static_cast<std::ptrdiff_t>(index));
}

void Session::enrol(const EnrolmentRequest& request, std::function<void(std::optional<Certificate>, Problems)> on_done) {
  if (!keys_ || keys_->role != DeviceRole::District || !identity_.certificate)
    return on_done(std::nullopt, {{"", keys_ ? "err.enrol.not_district" : "err.key.locked", {}}});
  std::uint32_t serial = 1;
  for (const auto& d : state().enrolled())
    if (auto c = Certificate::decode(d.certificate); std::holds_alternative<Certificate>(c)) serial = std::max(serial, std::get<Certificate>(c).serial + 1);
  Certificate cert = issue_certificate(*keys_, request, serial, fx_.clock.now_ms());
  const Submission sub = submit(EnrolDevice{cert.encode()}, [this, cert, on_done](const WriteOutcome& w) {
    if (w.status != WriteStatus::Saved) return on_done(std::nullopt, {{"", w.error ? w.error->message_key() : "err.store.failed", {}}});
    std::erase_if(pending_requests_, [&](const EnrolmentRequest& x) { return x.device == cert.device; });
    std::string name = "hearth-certificate-" + std::string(cert.unit.label) + "-" + device_hex(cert.device).substr(0, 8) + ".hearth-cert";
    for (char& c : name)
      if (c == '/' || c == '\\' || c == ' ' || c == ':') c = '-';
    if (fx_.files) fx_.files->save(name, cert.encode(), [](std::optional<StoreError>) {});
    on_done(cert, {});
  });
  if (!sub.ticket) on_done(std::nullopt, sub.problems);
}

Session::Submission Session::revoke(const DeviceId& device, std::uint64_t accept_through, const std::string& reason) {
  if (!keys_ || keys_->role != DeviceRole::District) return {0, {{"", keys_ ? "err.enrol.not_district" : "err.key.locked", {}}}};
  return submit(RevokeDevice{device, accept_through, reason});
}

Receipt Session::receipt_for(const DeviceId& device) const {
  const auto& feeds = workspace_->inbox().feeds();
  const auto it = feeds.find(device);
  const std::uint64_t through = it == feeds.end() ? 0 : it->second.seq;
  const Hash256 head = it == feeds.end() ? Hash256{} : it->second.head;
  return make_receipt(*keys_, device, through, head, fx_.clock.now_ms());
}

void Session::save_receipts(std::function<void(std::size_t, std::optional<StoreError>)> on_done) {
  if (!keys_ || keys_->role != DeviceRole::District || !fx_.files) return on_done(0, StoreError{"unavailable", "locked"});
  const auto& feeds = workspace_->inbox().feeds();
  auto count = std::make_shared<std::size_t>(0);
  auto left = std::make_shared<std::size_t>(feeds.size());
  if (feeds.empty()) return on_done(0, std::nullopt);
  for (const auto& [device, feed] : feeds) {
    const Receipt r = receipt_for(device);
    std::string label;
    if (auto c = Certificate::decode(feed.certificate); std::holds_alternative<Certificate>(c)) label = std::get<Certificate>(c).unit.label;
    else if (const EnrolledDevice* d = state().enrolment_of(device)) label = d->label;
    std::string name = "hearth-receipt-" + label + "-" + device_hex(device).substr(0, 8) + "-" + std::to_string(r.through) + ".hearth-receipt";
    for (char& c : name)
      if (c == '/' || c == '\\' || c == ' ' || c == ':') c = '-';
    fx_.files->save(name, r.encode(), [count, left, on_done](std::optional<StoreError> e) {
      if (!e) ++*count;
      if (--*left == 0) on_done(*count, e);
    });
  }
}

}  // namespace hearth
