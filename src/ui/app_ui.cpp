#include "app_ui.hpp"

#include "automation.hpp"
#include "imgui.h"
#include "theme.hpp"
#include "report_text.hpp"
#include "widgets.hpp"

namespace hearth::ui {

void AppUi::draw(float dpr) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGui::Begin("hearth", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                      ImGuiWindowFlags_NoBringToFrontOnFocus);
  draw_header(dpr);
  draw_status();
  if (ImGui::BeginTabBar("areas")) {
    if (ImGui::BeginTabItem((std::string(i18n_.tr("app.tab.workers")) + "###workers").c_str())) {
      ImGui::Spacing();
      workers_.draw(session_, i18n_, dpr);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem((std::string(i18n_.tr("app.tab.exchange")) + "###exchange").c_str())) {
      ImGui::Spacing();
      exchange_.draw(session_, i18n_, dpr);
      ImGui::EndTabItem();
    }
    const bool data_open = ImGui::BeginTabItem((std::string(i18n_.tr("app.tab.data")) + "###data").c_str());
    if (data_open && !data_was_open_) data_.shown(session_);
    data_was_open_ = data_open;
    if (data_open) {
      ImGui::Spacing();
      data_.draw(session_, i18n_, dpr);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  ImGui::End();
}

void AppUi::draw_header(float dpr) {
  const float right_edge = ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x;
  ImGui::PushFont(nullptr, kBaseFontSize * 1.35f);
  ImGui::PushStyleColor(ImGuiCol_Text, palette().accent_active);
  ImGui::TextUnformatted(i18n_.tr("app.title"));
  ImGui::PopStyleColor();
  ImGui::PopFont();
  automation::text_last("title", i18n_.tr("app.title"));

  const char* other = i18n_.tr("app.lang.other");
  const float button_w = ImGui::CalcTextSize(other).x + ImGui::GetStyle().FramePadding.x * 2 + 24 * dpr;
  ImGui::SameLine(right_edge - button_w);
  if (secondary_button((std::string(other) + "###language").c_str(), true, button_w)) {
    i18n_.set_language(i18n_.english() ? "zh-CN" : "en");
    if (on_language_changed) on_language_changed(i18n_.language());
  }
}

void AppUi::draw_status() {
  switch (session_.phase()) {
    case Session::Phase::Closed:
    case Session::Phase::Opening:
      message("loading", i18n_.tr("app.status.loading"));
      break;
    case Session::Phase::OpenFailed: {
      const auto& e = *session_.open_error();
      message("error", i18n_.trf("app.status.open_failed", {i18n_.trf(e.message_key().c_str(), {e.detail}) + " — " + e.detail}));
      break;
    }
    case Session::Phase::Ready: {
      const auto& report = session_.load_report();
      if (report.damaged()) {
        message("error", i18n_.trf("app.status.damaged", {std::to_string(report.damage.size()), std::to_string(report.events_loaded)}));
        // each damaged record with what it recorded; a long list stays short on screen
        constexpr std::size_t kShown = 5;
        for (std::size_t i = 0; i < report.damage.size() && i < kShown; ++i) message("error", "· " + describe_damage(report.damage[i], i18n_.catalog()));
        if (report.damage.size() > kShown) message("error", "· …");
      } else if (session_.role() == WriterLease::Role::Follower) {
        message("notice", i18n_.tr("app.status.follower"));
      } else {
        const std::string device = device_hex(session_.workspace().ledger().device()).substr(0, 8);
        const std::string line = i18n_.trf("app.status.ready", {std::to_string(session_.workspace().ledger().last_seq())}) + "  ·  " +
                                 i18n_.trf("app.device", {device});
        ImGui::TextDisabled("%s", line.c_str());
        automation::text_last("status", line);
      }
      if (const auto& e = session_.refresh_error())
        message("error", i18n_.trf("app.status.refresh_failed", {i18n_.trf(e->message_key().c_str(), {e->detail})}));
      for (const Damage& d : session_.repaired())
        message("notice", i18n_.trf("app.status.repaired", {std::to_string(d.seq), std::string(i18n_.tr(d.message.c_str()))}));
      if (session_.storage_low())
        message("error", i18n_.trf("data.storage.low", {format_bytes(session_.storage().quota - session_.storage().usage)}));
      break;
    }
  }
}

}  // namespace hearth::ui
