#include "exchange_view.hpp"

#include <algorithm>
#include <charconv>

#include "automation.hpp"
#include "imgui.h"
#include "imgui_stdlib.h"
#include "theme.hpp"
#include "township.hpp"
#include "widgets.hpp"

namespace hearth::ui {

namespace {
std::string label_id(const I18n& i18n, const char* key, const char* id) { return std::string(i18n.tr(key)) + "###" + id; }
std::string trouble(const I18n& i18n, const TrustProblem& p) { return i18n.trf(p.message.c_str(), p.args); }
void problems(const I18n& i18n, const std::vector<TrustProblem>& ps) {
  for (const auto& p : ps) message("error", trouble(i18n, p));
}
std::optional<Problem> as_problem(const std::vector<TrustProblem>& ps, std::string_view prefix) {
  for (const auto& p : ps)
    if (p.message.rfind(prefix, 0) == 0) return Problem{"", p.message, p.args};
  return std::nullopt;
}
std::uint64_t number(const std::string& s) {
  std::uint64_t v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() ? v : 0;
}
std::string when(std::int64_t ms) { return Date::from_unix_ms(ms).iso(); }
std::string unit_text(const I18n& i18n, DeviceRole role, std::uint32_t township, const std::string& provider) {
  if (role == DeviceRole::Township && township) return i18n.township(township);
  if (role == DeviceRole::Trainer) return provider;
  return "";
}
const char* outcome_key(ImportOutcome o) {
  switch (o) {
    case ImportOutcome::Merged: return "exchange.outcome.merged";
    case ImportOutcome::AlreadyHad: return "exchange.outcome.already";
    case ImportOutcome::Held: return "exchange.outcome.held";
    case ImportOutcome::Refused: return "exchange.outcome.refused";
  }
  return "exchange.outcome.refused";
}
const char* outcome_role(ImportOutcome o) {
  return o == ImportOutcome::Merged ? "success" : o == ImportOutcome::Refused ? "error" : o == ImportOutcome::Held ? "notice" : "status";
}
}  // namespace

void ExchangeView::draw(Session& session, const I18n& i18n, float dpr) {
  if (session.phase() != Session::Phase::Ready) return;
  draw_identity(session, i18n, dpr);
  const auto& id = session.identity();
  if (!id.has_key || !id.unlocked) return;
  if (id.role == DeviceRole::District) {
    draw_import(session, i18n, dpr);
    draw_devices(session, i18n, dpr);
    draw_conflicts(session, i18n);
  } else {
    draw_enrolment(session, i18n, dpr);
    if (id.certificate) draw_export(session, i18n, dpr);
  }
}

void ExchangeView::dropped(Session& session, std::vector<ImportInput> files) {
  if (files.empty()) return;
  session.import_files(std::move(files), {});
}

// ---- 1. This device -----------------------------------------------------------------------------
void ExchangeView::draw_identity(Session& session, const I18n& i18n, float dpr) {
  section_heading(i18n.tr("exchange.identity.title"));
  const auto& id = session.identity();
  const float w = 320.0f * dpr;
  const bool writer = session.role() == WriterLease::Role::Writer;
  if (!id.has_key) {
    muted_text(i18n.tr("exchange.identity.explain"));
    ImGui::TextUnformatted(i18n.tr("exchange.identity.role"));
    ImGui::RadioButton(label_id(i18n, "app.role.township", "role-township").c_str(), &role_, 0);
    automation::annotate_last("radio", i18n.tr("app.role.township"));
    ImGui::SameLine();
    ImGui::RadioButton(label_id(i18n, "app.role.trainer", "role-trainer").c_str(), &role_, 1);
    automation::annotate_last("radio", i18n.tr("app.role.trainer"));
    ImGui::SameLine();
    ImGui::RadioButton(label_id(i18n, "app.role.district", "role-district").c_str(), &role_, 2);
    automation::annotate_last("radio", i18n.tr("app.role.district"));
    if (role_ == 2) {
      const auto p = as_problem(key_problems_, "err.enrol.label");
      text_field("district-label", i18n.tr("exchange.identity.district_label"), district_label_, "开州区家政服务业联席会议办公室", p ? &*p : nullptr, i18n);
    }
    const auto short_p = as_problem(key_problems_, "err.key.passphrase_short");
    const auto mismatch_p = as_problem(key_problems_, "err.key.passphrase_mismatch");
    password_field("passphrase", i18n.tr("exchange.identity.passphrase"), passphrase_, i18n.tr("exchange.identity.passphrase_hint"),
                   short_p ? &*short_p : nullptr, i18n);
    password_field("repeated", i18n.tr("exchange.identity.repeat"), repeated_, "", mismatch_p ? &*mismatch_p : nullptr, i18n);
    muted_text(i18n.tr("exchange.identity.remember"));
    if (primary_button(label_id(i18n, "exchange.identity.create", "create-key").c_str(), writer && !working_, w)) {
      working_ = true;
      const DeviceRole role = role_ == 2 ? DeviceRole::District : role_ == 1 ? DeviceRole::Trainer : DeviceRole::Township;
      session.create_key(role, passphrase_, repeated_, district_label_, [this](std::vector<TrustProblem> ps) {
        working_ = false;
        key_problems_ = std::move(ps);
        if (key_problems_.empty()) passphrase_.clear(), repeated_.clear();
      });
    }
    for (const auto& p : key_problems_)
      if (p.message.rfind("err.key.passphrase_", 0) != 0 && p.message != "err.enrol.label") message("error", trouble(i18n, p));
    return;
  }
  if (!id.unlocked) {
    message("notice", i18n.trf("exchange.identity.locked", {std::string(i18n.tr(role_key(id.role).c_str()))}));
    const auto p = as_problem(key_problems_, "err.key.");
    bool enter = false;
    password_field("unlock", i18n.tr("exchange.identity.passphrase"), passphrase_, "", p ? &*p : nullptr, i18n, &enter);
    if (primary_button(label_id(i18n, "exchange.identity.unlock", "unlock").c_str(), true, w) || enter) {
      key_problems_ = session.unlock(passphrase_);
      passphrase_.clear();
    }
    return;
  }
  key_problems_.clear();
  const std::string device = device_hex(session.store_info().device).substr(0, 16);
  message("status", i18n.trf("exchange.identity.unlocked", {std::string(i18n.tr(role_key(id.role).c_str())), device}));
  if (id.certificate) {
    const Certificate& c = *id.certificate;
    if (id.role == DeviceRole::District)
      message("success", i18n.trf("exchange.identity.district_key", {c.unit.label, to_hex(std::span(c.district).first(8))}));
    else
      message("success", i18n.trf("exchange.identity.enrolled", {c.unit.label, unit_text(i18n, c.unit.role, c.unit.township, c.unit.provider),
                                                                  std::to_string(c.serial), when(c.valid_until_ms)}));
  } else {
    message("notice", i18n.tr("exchange.identity.not_enrolled"));
  }
  if (secondary_button(label_id(i18n, "exchange.identity.lock", "lock").c_str(), true, w)) session.lock();
  ImGui::SameLine();
  if (secondary_button(label_id(i18n, "exchange.identity.change", "change-passphrase").c_str(), writer, w)) {
    changing_passphrase_ = !changing_passphrase_;
    passphrase_changed_ = false;
  }
  if (passphrase_changed_) message("success", i18n.tr("exchange.identity.changed"));
  if (changing_passphrase_) {
    const auto wrong = as_problem(passphrase_problems_, "err.key.wrong_passphrase");
    const auto short_p = as_problem(passphrase_problems_, "err.key.passphrase_short");
    const auto mismatch_p = as_problem(passphrase_problems_, "err.key.passphrase_mismatch");
    password_field("old", i18n.tr("exchange.identity.old"), old_passphrase_, "", wrong ? &*wrong : nullptr, i18n);
    password_field("new", i18n.tr("exchange.identity.new"), passphrase_, "", short_p ? &*short_p : nullptr, i18n);
    password_field("new-again", i18n.tr("exchange.identity.repeat"), repeated_, "", mismatch_p ? &*mismatch_p : nullptr, i18n);
    if (primary_button(label_id(i18n, "exchange.identity.change_confirm", "change-confirm").c_str(), writer && !working_, w)) {
      working_ = true;
      session.change_passphrase(old_passphrase_, passphrase_, repeated_, [this](std::vector<TrustProblem> ps) {
        working_ = false;
        passphrase_problems_ = std::move(ps);
        if (passphrase_problems_.empty()) {
          changing_passphrase_ = false;
          passphrase_changed_ = true;
          old_passphrase_.clear(), passphrase_.clear(), repeated_.clear();
        }
      });
    }
  }
}

// ---- 2. Enrolment -------------------------------------------------------------------------------
void ExchangeView::draw_enrolment(Session& session, const I18n& i18n, float dpr) {
  const auto& id = session.identity();
  section_heading(i18n.tr("exchange.enrol.title"));
  const float w = 320.0f * dpr;
  if (!id.certificate) {
    // the unit chosen at first run, once, so the person does not type it twice
    if (!unit_prefilled_) {
      unit_prefilled_ = true;
      if (const auto u = session.unit()) township_ = u->township, provider_ = u->provider, label_ = u->label;
    }
    muted_text(i18n.tr("exchange.enrol.explain"));
    const auto tp = as_problem(request_problems_, "err.enrol.township");
    const auto pp = as_problem(request_problems_, "err.enrol.provider");
    const auto lp = as_problem(request_problems_, "err.enrol.label");
    if (id.role == DeviceRole::Township) township_field("enrol-township", i18n.tr("exchange.enrol.township"), township_, tp ? &*tp : nullptr, i18n);
    else text_field("enrol-provider", i18n.tr("exchange.enrol.provider"), provider_, "开州区职业教育中心", pp ? &*pp : nullptr, i18n);
    text_field("enrol-label", i18n.tr("exchange.enrol.label"), label_, i18n.tr("exchange.enrol.label_hint"), lp ? &*lp : nullptr, i18n);
    if (primary_button(label_id(i18n, "exchange.enrol.make", "make-request").c_str(), true, w)) {
      auto r = session.enrolment_request(DeviceUnit{id.role, township_, provider_, label_});
      if (auto* ps = std::get_if<std::vector<TrustProblem>>(&r)) {
        request_problems_ = *ps;
        request_text_.clear();
      } else {
        request_problems_.clear();
        request_text_ = std::get<EnrolmentRequest>(r).text();
      }
    }
    if (!request_text_.empty()) {
      copyable_text("request-code", i18n.tr("exchange.enrol.code"), request_text_, ImGui::GetTextLineHeight() * 6);
      muted_text(i18n.tr("exchange.enrol.send"));
      if (secondary_button(label_id(i18n, "exchange.enrol.save", "save-request").c_str(), true, w)) {
        const std::string text = request_text_ + "\n";
        session.save_file("hearth-request-" + device_hex(session.store_info().device).substr(0, 8) + ".txt",
                          std::vector<std::uint8_t>(text.begin(), text.end()));
      }
    }
  }
  ImGui::Spacing();
  ImGui::TextUnformatted(i18n.tr("exchange.enrol.certificate"));
  ImGui::SetNextItemWidth(-FLT_MIN);
  ImGui::InputTextMultiline("##cert-text", &certificate_text_, ImVec2(-FLT_MIN, ImGui::GetTextLineHeight() * 3));
  automation::annotate_last("input", i18n.tr("exchange.enrol.certificate"), certificate_text_);
  auto imported = [this](std::vector<TrustProblem> ps) {
    certificate_problems_ = std::move(ps);
    certificate_done_ = certificate_problems_.empty();
    if (certificate_done_) certificate_text_.clear();
  };
  if (primary_button(label_id(i18n, "exchange.enrol.import_text", "import-cert-text").c_str(), !certificate_text_.empty(), w))
    session.import_certificate(std::span(reinterpret_cast<const std::uint8_t*>(certificate_text_.data()), certificate_text_.size()), imported);
  ImGui::SameLine();
  if (secondary_button(label_id(i18n, "exchange.enrol.import_file", "import-cert-file").c_str(), true, w))
    session.open_file([&session, imported](std::vector<std::uint8_t> bytes) { session.import_certificate(bytes, imported); });
  problems(i18n, certificate_problems_);
  if (certificate_done_ && id.certificate) message("success", i18n.tr("exchange.enrol.imported"));
}

// ---- 3. Export ----------------------------------------------------------------------------------
void ExchangeView::draw_export(Session& session, const I18n& i18n, float dpr) {
  const auto& id = session.identity();
  section_heading(i18n.tr("exchange.export.title"));
  const float w = 320.0f * dpr;
  const std::uint64_t last = session.workspace().ledger().last_seq();
  message("status", i18n.trf("exchange.export.summary", {std::to_string(last), std::to_string(id.exported), std::to_string(session.unexported())}));
  if (id.confirmed)
    message("success", i18n.trf("exchange.export.confirmed", {std::to_string(id.confirmed->through), when(id.confirmed->created_ms)}));
  else
    muted_text(i18n.tr("exchange.export.not_confirmed"));
  auto done = [this](std::optional<Session::ExportResult> r, std::vector<TrustProblem> ps) {
    working_ = false;
    export_problems_ = std::move(ps);
    exported_ = std::move(r);
  };
  if (primary_button(label_id(i18n, "exchange.export.new", "export-new").c_str(), session.unexported() > 0 && !working_, w)) {
    working_ = true;
    session.export_bundle(0, 0, done);
  }
  ImGui::Spacing();
  muted_text(i18n.tr("exchange.export.range_explain"));
  const float half = std::min(w, (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f);
  ImGui::BeginGroup();
  ImGui::PushItemWidth(half);
  ImGui::BeginGroup();
  text_field("export-first", i18n.tr("exchange.export.first"), first_, "1", nullptr, i18n);
  ImGui::EndGroup();
  ImGui::SameLine();
  ImGui::BeginGroup();
  text_field("export-last", i18n.tr("exchange.export.last"), last_, std::to_string(last).c_str(), nullptr, i18n);
  ImGui::EndGroup();
  ImGui::PopItemWidth();
  ImGui::EndGroup();
  if (secondary_button(label_id(i18n, "exchange.export.range", "export-range").c_str(), !working_, w)) {
    working_ = true;
    const std::uint64_t a = number(first_), b = number(last_);
    if (a == 0 || b == 0) done(std::nullopt, {TrustProblem{"err.bundle.range", {std::to_string(last)}, ""}});
    else session.export_bundle(a, b, done);
  }
  problems(i18n, export_problems_);
  if (exported_) message("success", i18n.trf("exchange.export.done", {exported_->file_name, std::to_string(exported_->first), std::to_string(exported_->last)}));

  ImGui::Spacing();
  if (secondary_button(label_id(i18n, "exchange.export.receipt", "import-receipt").c_str(), true, w))
    session.open_file([this, &session](std::vector<std::uint8_t> bytes) {
      session.import_receipt(bytes, [this](std::vector<TrustProblem> ps) {
        receipt_problems_ = std::move(ps);
        receipt_done_ = receipt_problems_.empty();
      });
    });
  problems(i18n, receipt_problems_);
  if (receipt_done_ && id.confirmed) message("success", i18n.trf("exchange.export.receipt_done", {std::to_string(id.confirmed->through)}));
}

// ---- 4. Import ----------------------------------------------------------------------------------
void ExchangeView::draw_import(Session& session, const I18n& i18n, float dpr) {
  section_heading(i18n.tr("exchange.import.title"));
  muted_text(i18n.tr("exchange.import.explain"));
  const float w = 320.0f * dpr;
  if (primary_button(label_id(i18n, "exchange.import.choose", "import-bundles").c_str(), session.role() == WriterLease::Role::Writer, w))
    session.choose_imports({});
  const auto& report = session.last_import();
  if (!report) return;
  if (report->error) message("error", i18n.trf("exchange.import.failed", {i18n.trf(report->error->message_key().c_str(), {report->error->detail})}));
  std::size_t merged = 0, refused = 0;
  for (const auto& r : report->results) merged += r.outcome == ImportOutcome::Merged, refused += r.outcome == ImportOutcome::Refused;
  message(refused ? "notice" : "success",
          i18n.trf("exchange.import.summary", {std::to_string(report->results.size()), std::to_string(merged), std::to_string(report->new_events),
                                               std::to_string(refused)}));
  auto row = [&](const ImportResult& r) {
    std::string line = r.name + " — " + i18n.tr(outcome_key(r.outcome));
    if (!r.label.empty()) line += " · " + r.label;
    if (r.last) line += " · " + i18n.trf("exchange.import.range", {std::to_string(r.first), std::to_string(r.last)});
    if (r.outcome == ImportOutcome::Merged) line += " · " + i18n.trf("exchange.import.new", {std::to_string(r.new_events)});
    if (!r.problem.message.empty()) line += " — " + trouble(i18n, r.problem);
    message(outcome_role(r.outcome), line);
  };
  for (const auto& r : report->results) row(r);
  for (const auto& r : report->released) row(r);
}

// ---- 5. Devices ---------------------------------------------------------------------------------
void ExchangeView::draw_devices(Session& session, const I18n& i18n, float dpr) {
  const float w = 320.0f * dpr;
  const auto& pending = session.pending_requests();
  if (!pending.empty()) {
    section_heading(i18n.tr("exchange.requests.title"));
    for (std::size_t i = 0; i < pending.size(); ++i) {
      const EnrolmentRequest& q = pending[i];
      ImGui::PushID(static_cast<int>(i));
      message("notice", i18n.trf("exchange.requests.row", {q.unit.label, std::string(i18n.tr(role_key(q.unit.role).c_str())),
                                                            unit_text(i18n, q.unit.role, q.unit.township, q.unit.provider),
                                                            device_hex(q.device).substr(0, 16), when(q.created_ms)}));
      if (primary_button(label_id(i18n, "exchange.requests.issue", ("issue-" + std::to_string(i)).c_str()).c_str(), !working_, w)) {
        working_ = true;
        session.enrol(q, [this](std::optional<Certificate>, Problems ps) {
          working_ = false;
          enrol_problems_ = std::move(ps);
        });
        ImGui::PopID();
        break;  // the list changed
      }
      ImGui::SameLine();
      if (secondary_button(label_id(i18n, "exchange.requests.dismiss", ("dismiss-" + std::to_string(i)).c_str()).c_str(), true, w)) {
        session.dismiss_request(i);
        ImGui::PopID();
        break;
      }
      ImGui::PopID();
    }
    for (const auto& p : enrol_problems_) message("error", i18n.trf(p.message.c_str(), p.args));
  }
  muted_text(i18n.tr("exchange.requests.explain"));

  section_heading(i18n.tr("exchange.devices.title"));
  const State& st = session.state();
  const auto& feeds = session.workspace().inbox().feeds();
  if (st.enrolled().empty()) muted_text(i18n.tr("exchange.devices.none"));
  const auto gaps = session.workspace().inbox().gaps();
  int row = 0;
  for (const EnrolledDevice& d : st.enrolled()) {
    ImGui::PushID(row);
    const auto it = feeds.find(d.device);
    const std::uint64_t have = it == feeds.end() ? 0 : it->second.seq;
    const std::string line = i18n.trf("exchange.devices.row", {d.label, std::string(i18n.tr(role_key(static_cast<DeviceRole>(d.role)).c_str())),
                                                               unit_text(i18n, static_cast<DeviceRole>(d.role), d.township, d.provider),
                                                               std::to_string(have), when(d.valid_until_ms)});
    message(d.revoked ? "error" : "status", line);
    if (d.revoked) message("error", i18n.trf("exchange.devices.revoked", {std::to_string(d.accept_through), d.reason}));
    for (const Gap& g : gaps)
      if (g.device == d.device)
        message("notice", i18n.trf("exchange.devices.gap", {std::to_string(g.from), std::to_string(g.to), std::to_string(g.bundles_waiting)}));
    if (!d.revoked) {
      if (revoking_ != row) {
        if (secondary_button(label_id(i18n, "exchange.devices.revoke", ("revoke-" + std::to_string(row)).c_str()).c_str(), true, w)) {
          revoking_ = row;
          revoke_through_ = std::to_string(have);
          revoke_reason_.clear();
          revoke_problems_.clear();
        }
      } else {
        message("error", i18n.tr("exchange.devices.revoke_explain"));
        text_field("revoke-through", i18n.tr("exchange.devices.through"), revoke_through_, "", nullptr, i18n);
        const Problem* rp = problem_for(revoke_problems_, "reason");
        text_field("revoke-reason", i18n.tr("exchange.devices.reason"), revoke_reason_, i18n.tr("exchange.devices.reason_hint"), rp, i18n);
        if (primary_button(label_id(i18n, "exchange.devices.revoke_confirm", "revoke-confirm").c_str(), true, w)) {
          const auto sub = session.revoke(d.device, number(revoke_through_), revoke_reason_);
          revoke_problems_ = sub.problems;
          if (sub.ticket) revoking_ = -1;
        }
        ImGui::SameLine();
        if (secondary_button(label_id(i18n, "exchange.devices.cancel", "revoke-cancel").c_str(), true, w)) revoking_ = -1;
      }
    }
    ImGui::PopID();
    ++row;
  }
  for (const Gap& g : gaps)
    if (!st.enrolment_of(g.device))
      message("notice", i18n.trf("exchange.devices.gap_unknown", {g.label, std::to_string(g.from), std::to_string(g.to), std::to_string(g.bundles_waiting)}));
  ImGui::Spacing();
  if (secondary_button(label_id(i18n, "exchange.devices.receipts", "save-receipts").c_str(), !feeds.empty(), w))
    session.save_receipts([this, &i18n](std::size_t n, std::optional<StoreError> e) {
      receipts_message_ = e ? i18n.trf(e->message_key().c_str(), {e->detail}) : i18n.trf("exchange.devices.receipts_done", {std::to_string(n)});
    });
  if (!receipts_message_.empty()) message("status", receipts_message_);
}

// ---- 6. Conflicts -------------------------------------------------------------------------------
void ExchangeView::draw_conflicts(const Session& session, const I18n& i18n) {
  section_heading(i18n.tr("exchange.conflicts.title"));
  const State& st = session.state();
  if (conflicts_revision_ != st.revision()) {  // conflicts() walks every edit: once per change
    conflicts_ = st.conflicts();
    conflicts_revision_ = st.revision();
  }
  const auto& conflicts = conflicts_;
  if (conflicts.empty()) {
    muted_text(i18n.tr("exchange.conflicts.none"));
    return;
  }
  muted_text(i18n.tr("exchange.conflicts.explain"));
  auto who = [&](const FieldWrite& w) {
    const DeviceId device = st.record_id(w.by).device;
    if (const EnrolledDevice* d = st.enrolment_of(device)) return d->label;
    return device == session.workspace().ledger().device() ? std::string(i18n.tr("exchange.conflicts.this_office")) : device_hex(device).substr(0, 8);
  };
  constexpr std::size_t kShown = 50;
  for (std::size_t i = 0; i < conflicts.size() && i < kShown; ++i) {
    const FieldConflict& c = conflicts[i];
    const Worker* wk = st.workers().find(c.record);
    const Enterprise* en = st.enterprises().find(c.record);
    const std::string name = wk ? wk->name() : en ? en->name() : "?";
    const std::string field = i18n.tr(((wk ? "field.worker." : "field.enterprise.") + std::to_string(c.field)).c_str());
    message("notice", i18n.trf("exchange.conflicts.row", {name, field, c.in_force.value, who(c.in_force), when(c.in_force.stamp.wall_ms),
                                                          c.overridden.value, who(c.overridden), when(c.overridden.stamp.wall_ms)}));
  }
  if (conflicts.size() > kShown) message("notice", i18n.trf("exchange.conflicts.more", {std::to_string(conflicts.size() - kShown)}));
}

}  // namespace hearth::ui
