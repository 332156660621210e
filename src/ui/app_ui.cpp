#include "app_ui.hpp"

#include "automation.hpp"
#include "imgui.h"
#include "theme.hpp"
#include "report_text.hpp"
#include "widgets.hpp"

namespace hearth::ui {

const char* area_label_key(Area a) {
  switch (a) {
    case Area::Dashboard: return "app.tab.dashboard";
    case Area::Workers: return "app.tab.workers";
    case Area::Training: return "app.tab.training";
    case Area::Cards: return "app.tab.cards";
    case Area::Enterprises: return "app.tab.enterprises";
    case Area::ServicePoints: return "app.tab.service_points";
    case Area::Contracts: return "app.tab.contracts";
    case Area::Supervision: return "app.tab.supervision";
    case Area::Subsidies: return "app.tab.subsidies";
    case Area::Measures: return "app.tab.measures";
    case Area::Report: return "app.tab.report";
    case Area::Exchange: return "app.tab.exchange";
    case Area::Data: return "app.tab.data";
    case Area::Count: break;
  }
  return "app.tab.workers";
}

void AppUi::go(NavigationRequest request) { pending_ = std::move(request); }

void AppUi::draw(float dpr, bool touch) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  // no background: the frame is cleared to the same colour, and a full-screen fill is a whole
  // screen of pixels for a tablet's GPU to paint again
  ImGui::Begin("hearth", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                      ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground);
  // a request made by a view last frame takes effect now, so no view changes mid-frame
  if (pending_) {
    const NavigationRequest r = std::move(*pending_);
    pending_.reset();
    area_ = r.area;
    switch (r.area) {
      case Area::Dashboard: dashboard_.show(r); break;
      case Area::Workers: workers_.show(r); break;
      case Area::Training: training_.show(r); break;
      case Area::Cards: cards_.show(r); break;
      case Area::Enterprises: enterprises_.show(r); break;
      case Area::ServicePoints: service_points_.show(r); break;
      case Area::Contracts: contracts_.show(r); break;
      case Area::Supervision: supervision_.show(r); break;
      case Area::Subsidies: subsidies_.show(r); break;
      case Area::Measures: measures_.show(r); break;
      case Area::Report: report_.show(r); break;
      default: break;
    }
  }
  const Date today = Date::from_unix_ms(session_.now_ms());  // the district's date (from_unix_ms is already UTC+8)
  ViewContext cx{session_, i18n_, dpr, touch, today, [this](NavigationRequest r) { go(std::move(r)); }};
  if (!area_chosen_ && cx.ready() && !setup_.wanted(session_)) {
    if (cx.role() == DeviceRole::Trainer) area_ = Area::Training;
    area_chosen_ = true;
  }
  draw_header(dpr);
  draw_status();
  draw_update_offer(dpr);
  if (setup_.wanted(session_)) {
    setup_.draw(cx);
  } else {
    const bool column = ImGui::GetContentRegionAvail().x / dpr >= 1000.0f;
    if (column) {
      if (ImGui::BeginChild("navigation", ImVec2(190.0f * dpr, 0), ImGuiChildFlags_AlwaysUseWindowPadding)) draw_navigation(cx, true);
      ImGui::EndChild();
      ImGui::SameLine();
    } else {
      draw_navigation(cx, false);
    }
    // one scrolling panel per area: each keeps its own place, and an area never opens at the
    // scroll position of the one left (it would be drawn scrolled for a frame, then jump)
    ImGui::PushID(static_cast<int>(area_));
    if (ImGui::BeginChild("area", ImVec2(0, 0))) draw_area(cx);
    ImGui::EndChild();
    ImGui::PopID();
  }
  ImGui::End();
}

void AppUi::draw_navigation(const ViewContext& cx, bool column) {
  const float h = ImGui::GetFrameHeight() + (cx.touch ? 0.0f : 2.0f * cx.dpr);
  const float right = ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x;
  ImGui::PushStyleVar(ImGuiStyleVar_SelectableTextAlign, ImVec2(column ? 0.0f : 0.5f, 0.5f));
  // thirteen areas: in a column the rows touch (each still a full target), so they fit a tablet's height
  if (column) ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 2.0f * cx.dpr));
  for (int i = 0; i < static_cast<int>(Area::Count); ++i) {
    const Area a = static_cast<Area>(i);
    const char* label = i18n_.tr(area_label_key(a));
    const float w = column ? 0.0f : ImGui::CalcTextSize(label).x + ImGui::GetStyle().FramePadding.x * 2;
    if (!column && i > 0) {
      ImGui::SameLine();
      if (ImGui::GetCursorPosX() + w > right) ImGui::NewLine();
    }
    if (column && (a == Area::Exchange)) ImGui::Separator();  // the device's own business, after the programme's
    ImGui::PushID(i);
    if (ImGui::Selectable(label, area_ == a, 0, ImVec2(w, h))) {
      area_ = a;
      if (a == Area::Data) data_.shown(session_);
    }
    automation::annotate_last("tab", label, area_ == a ? "1" : "0");
    ImGui::PopID();
  }
  ImGui::PopStyleVar(column ? 2 : 1);
  if (!column) ImGui::Separator();
}

void AppUi::draw_area(ViewContext& cx) {
  ImGui::PushFont(nullptr, kBaseFontSize * 1.25f);
  ImGui::TextUnformatted(i18n_.tr(area_label_key(area_)));
  ImGui::PopFont();
  automation::text_last("area", i18n_.tr(area_label_key(area_)));
  ImGui::Spacing();
  switch (area_) {
    case Area::Dashboard: dashboard_.draw(cx); break;
    case Area::Workers: workers_.draw(cx); break;
    case Area::Training: training_.draw(cx); break;
    case Area::Cards: cards_.draw(cx); break;
    case Area::Enterprises: enterprises_.draw(cx); break;
    case Area::ServicePoints: service_points_.draw(cx); break;
    case Area::Contracts: contracts_.draw(cx); break;
    case Area::Supervision: supervision_.draw(cx); break;
    case Area::Subsidies: subsidies_.draw(cx); break;
    case Area::Measures: measures_.draw(cx); break;
    case Area::Report: report_.draw(cx); break;
    case Area::Exchange: exchange_.draw(session_, i18n_, cx.dpr); break;
    case Area::Data: data_.draw(session_, i18n_, cx.dpr, offline_, on_install); break;
    case Area::Count: break;
  }
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
      if (session_.demo()) message("notice", i18n_.tr("app.status.demo"));
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

// A new version is ready: offered, never forced. The restart waits for a write in flight, and
// asks first when something typed is not saved, so no typing is lost to it.
void AppUi::draw_update_offer(float dpr) {
  if (offline_.state != OfflineStatus::State::UpdateReady) return;
  message("notice", i18n_.tr("app.update.ready"));
  const float w = 200.0f * dpr;
  const bool saving = session_.saving();
  if (!confirm_restart_) {
    if (primary_button((std::string(i18n_.tr("app.update.restart")) + "###update-restart").c_str(), !saving, w)) {
      if (unsaved_input()) {
        confirm_restart_ = true;
      } else if (on_restart_for_update) {
        on_restart_for_update();
      }
    }
  } else {
    message("error", i18n_.tr("app.update.unsaved"));
    if (secondary_button((std::string(i18n_.tr("app.update.keep_editing")) + "###update-keep").c_str(), true, w)) confirm_restart_ = false;
    ImGui::SameLine();
    if (secondary_button((std::string(i18n_.tr("app.update.restart_anyway")) + "###update-anyway").c_str(), !saving, w) && on_restart_for_update)
      on_restart_for_update();
  }
  if (saving) message("status", i18n_.tr("app.update.wait_saving"));
}

}  // namespace hearth::ui
