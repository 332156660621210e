#include "data_view.hpp"

#include <string>

#include "imgui.h"
#include "report_text.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace hearth::ui {

namespace {
std::string error_text(const Session::Job& job, const I18n& i18n) {
  if (job.error) return i18n.trf(job.error->message_key().c_str(), {job.error->detail});
  return i18n.tr(job.message.c_str());
}
}  // namespace

void DataView::draw(Session& session, const I18n& i18n, float dpr, const OfflineStatus& offline, const std::function<void()>& install) {
  if (session.phase() != Session::Phase::Ready) return;
  draw_storage(session, i18n);
  draw_ledger(session, i18n);
  draw_offline(i18n, dpr, offline, install);
  draw_backup(session, i18n, dpr);
}

// The app itself on this device: whether it opens with no network, and why not.
void DataView::draw_offline(const I18n& i18n, float dpr, const OfflineStatus& o, const std::function<void()>& install) {
  using S = OfflineStatus::State;
  section_heading(i18n.tr("data.offline.title"));
  switch (o.state) {
    case S::Unknown: message("status", i18n.tr("data.offline.unknown")); break;
    case S::Unsupported: message("error", i18n.tr("data.offline.unsupported")); break;
    case S::Insecure: message("error", i18n.trf("data.offline.insecure", {o.detail})); break;
    case S::Preparing:
      if (o.total > 0) message("status", i18n.trf("data.offline.preparing_progress", {format_bytes(o.done), format_bytes(o.total)}));
      else message("status", i18n.tr("data.offline.preparing"));
      break;
    case S::Ready:
      message("success", i18n.trf("data.offline.ready", {std::to_string(static_cast<long long>(o.files)), format_bytes(o.bytes)}));
      break;
    case S::UpdateReady: message("notice", i18n.tr("data.offline.update_ready")); break;
    case S::Failed: message("error", i18n.trf("data.offline.failed", {o.detail})); break;
  }
  if (!o.update_error.empty()) message("error", i18n.trf("data.offline.update_failed", {o.update_error}));
  if (o.installable && install) {
    if (secondary_button((std::string(i18n.tr("data.offline.install")) + "###install").c_str(), true, 320.0f * dpr)) install();
  }
}

void DataView::draw_storage(Session& session, const I18n& i18n) {
  section_heading(i18n.tr("data.storage.title"));
  const StorageEstimate& s = session.storage();
  if (!s.known) {
    message("status", i18n.tr("data.storage.unknown"));
    return;
  }
  const int percent = s.quota > 0 ? static_cast<int>(100.0 * s.usage / s.quota + 0.5) : 0;
  message("status", i18n.trf("data.storage.usage", {format_bytes(s.usage), format_bytes(s.quota), std::to_string(percent)}));
  ImGui::PushStyleColor(ImGuiCol_PlotHistogram, session.storage_low() ? palette().error : palette().accent);
  ImGui::ProgressBar(s.quota > 0 ? static_cast<float>(s.usage / s.quota) : 0.0f, ImVec2(-1, 0), "");
  ImGui::PopStyleColor();
  message(s.persisted ? "status" : "notice", i18n.tr(s.persisted ? "data.storage.persisted" : "data.storage.not_persisted"));
  if (session.storage_low()) message("error", i18n.trf("data.storage.low", {format_bytes(s.quota - s.usage)}));
}

void DataView::draw_ledger(const Session& session, const I18n& i18n) {
  section_heading(i18n.tr("data.ledger.title"));
  const Ledger& ledger = session.workspace().ledger();
  const std::string records = std::to_string(ledger.last_seq()), exported = std::to_string(session.store_info().exported);
  if (session.newest_snapshot() == 0)
    message("status", i18n.trf("data.ledger.summary_no_snapshot", {records, exported}));
  else
    message("status", i18n.trf("data.ledger.summary", {records, std::to_string(session.newest_snapshot()), exported}));
  const auto& job = session.snapshot_job();
  if (job.status == Session::Job::Status::Failed) message("error", i18n.trf("data.ledger.snapshot_failed", {error_text(job, i18n)}));
}

void DataView::draw_backup(Session& session, const I18n& i18n, float dpr) {
  section_heading(i18n.tr("data.backup.title"));
  muted_text(i18n.tr("data.backup.explain"));
  ImGui::Spacing();
  const float w = 320.0f * dpr;
  const auto& backup = session.backup_job();
  if (primary_button((std::string(i18n.tr("data.backup.button")) + "###backup").c_str(),
                     session.can_backup() && backup.status != Session::Job::Status::Working, w))
    session.backup();
  switch (backup.status) {
    case Session::Job::Status::Working: message("status", i18n.tr("data.backup.working")); break;
    case Session::Job::Status::Done: message("success", i18n.trf("data.backup.done", {backup.detail})); break;
    case Session::Job::Status::Failed: message("error", i18n.trf("data.backup.failed", {error_text(backup, i18n)})); break;
    case Session::Job::Status::None: break;
  }

  ImGui::Spacing();
  const auto& restore = session.restore_job();
  const bool can_restore = session.can_backup() && session.role() == WriterLease::Role::Writer && restore.status != Session::Job::Status::Working;
  if (secondary_button((std::string(i18n.tr("data.restore.button")) + "###restore").c_str(), can_restore && !session.restore_preview(), w))
    session.choose_restore();
  if (restore.status == Session::Job::Status::Failed) message("error", i18n.trf("data.restore.failed", {error_text(restore, i18n)}));
  if (restore.status == Session::Job::Status::Working) message("status", i18n.tr("data.restore.working"));
  if (restore.status == Session::Job::Status::Done) message("success", i18n.tr("data.restore.done"));

  if (const auto& p = session.restore_preview()) {
    ImGui::Spacing();
    message("notice", i18n.trf("data.restore.preview", {p->file_name, Date::from_unix_ms(p->created_ms).iso(), device_hex(p->device).substr(0, 8),
                                                        std::to_string(p->events), std::to_string(p->workers), std::to_string(p->enterprises)}));
    message("error", i18n.trf("data.restore.warning", {std::to_string(session.workspace().ledger().last_seq())}));
    if (!p->same_device) message("error", i18n.tr("data.restore.other_device"));
    if (!p->damage.empty()) {
      message("error", i18n.trf("data.restore.damaged", {std::to_string(p->damage.size())}));
      for (std::size_t i = 0; i < p->damage.size() && i < 3; ++i) message("error", "· " + describe_damage(p->damage[i], i18n.catalog()));
    }
    const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    if (primary_button((std::string(i18n.tr("data.restore.confirm")) + "###restore-confirm").c_str(), can_restore, std::min(half, w))) {
      session.confirm_restore();
    }
    ImGui::SameLine();
    if (secondary_button((std::string(i18n.tr("data.restore.cancel")) + "###restore-cancel").c_str(), !session.restoring(), std::min(half, w)))
      session.cancel_restore();
  }
}

}  // namespace hearth::ui
