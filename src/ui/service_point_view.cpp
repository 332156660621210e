// Index of this file
// - show: one point or the points behind a figure
// - draw: the form and the table side by side (stacked when narrow)
// - draw_form: OpenServicePoint and its save cycle
// - draw_list: the target, the table, the selected point's operator, CSV export
#include "service_point_view.hpp"

#include <algorithm>

#include "automation.hpp"
#include "imgui.h"
#include "state.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace hearth::ui {

namespace {
std::string label_id(const I18n& i18n, const char* key, const char* id) { return std::string(i18n.tr(key)) + "###" + id; }
}  // namespace

void ServicePointView::show(const NavigationRequest& request) {
  if (request.record != kNoKey) table_.select(request.record);
  if (!request.list.empty()) table_.restrict_to(request.list, request.list_title);
}

void ServicePointView::draw(ViewContext& cx) {
  const ImGuiChildFlags panel = ImGuiChildFlags_Borders | ImGuiChildFlags_AlwaysUseWindowPadding;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const bool wide = avail.x / cx.dpr >= 900.0f;
  const float form_width = wide ? std::min(360.0f * cx.dpr, avail.x * 0.34f) : avail.x;
  if (ImGui::BeginChild("points_form", ImVec2(form_width, wide ? 0.0f : avail.y * 0.5f), panel)) draw_form(cx);
  ImGui::EndChild();
  if (wide) ImGui::SameLine();
  if (ImGui::BeginChild("points_list", ImVec2(0, 0), panel)) draw_list(cx);
  ImGui::EndChild();
}

void ServicePointView::draw_form(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  const State& st = cx.session.state();
  if (save_.poll(cx.session, i18n) == FormSave::Outcome::Saved) {
    save_.set_saved(i18n.trf("points.status.saved", {form_.community}));
    form_.community.clear();  // township, operator, services and date usually repeat
  }
  ImGui::PushFont(nullptr, kBaseFontSize * 1.15f);
  ImGui::TextUnformatted(i18n.tr("points.form.title"));
  ImGui::PopFont();
  ImGui::Spacing();
  const bool editable = cx.editable();
  bool enter = false;
  ImGui::BeginDisabled(!editable);
  if (text_field("community", i18n.tr("points.field.community"), form_.community, i18n.tr("points.hint.community"), save_.at("community"),
                 i18n, &enter))
    save_.forget("community");
  if (township_field("township", i18n.tr("points.field.township"), form_.township, save_.at("township"), i18n)) save_.forget("township");
  if (cx.ready() && enterprise_picker("operator", i18n.tr("points.field.operator"), st, operator_, save_.at("operator"), i18n))
    save_.forget("operator");
  if (flags_field("services", i18n.tr("points.field.services"), form_.services, terms_service_kind(), save_.at("services"), i18n))
    save_.forget("services");
  if (date_field("opened", i18n.tr("points.field.opened"), form_.opened, save_.at("opened"), i18n)) save_.forget("opened");
  ImGui::Spacing();
  check_field("unified_signage", i18n.tr("points.field.signage"), form_.unified_signage);
  ImGui::EndDisabled();
  ImGui::Spacing();
  const bool add = primary_button(label_id(i18n, "points.action.add", "add").c_str(), editable && !save_.pending(), -FLT_MIN);
  if ((add || enter) && editable && !save_.pending()) {
    OpenServicePoint cmd = form_;
    cmd.operator_enterprise = operator_ ? st.record_id(operator_) : RecordId{};
    save_.submit(cx.session, cmd);
  }
  form_status(save_, cx.session, i18n);
}

void ServicePointView::draw_list(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  const float right = ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x;  // the panel's right edge, for the export button
  ImGui::PushFont(nullptr, kBaseFontSize * 1.15f);
  ImGui::TextUnformatted(i18n.tr("points.list.title"));
  ImGui::PopFont();
  if (!cx.ready()) return;
  const State& st = cx.session.state();
  if (st.revision() != rows_revision_ || i18n.language() != rows_language_) {
    rows_ = service_points_table(st, i18n.catalog());
    progress_ = service_point_progress(st, ProgrammeConfig::builtin(), i18n.catalog());
    rows_revision_ = st.revision();
    rows_language_ = i18n.language();
    ++builds_;
  }
  if (rows_.size() > 0) {
    const char* export_label = i18n.tr("table.export");
    const float export_w = ImGui::CalcTextSize(export_label).x + ImGui::GetStyle().FramePadding.x * 2 + 16.0f * cx.dpr;
    ImGui::SameLine(right - export_w);
    if (secondary_button((std::string(export_label) + "###export").c_str(), true, export_w))
      save_csv(cx, i18n.tr("points.export.stem"), table_.shown(rows_));
  }
  // the target: each line is the communities it counts, a click shows just those points
  for (std::size_t i = 0; i < progress_.size(); ++i) {
    const auto& p = progress_[i];
    const std::string line = i18n.trf("points.progress", {p.label, std::to_string(p.actual), std::to_string(p.target)}) + "  " +
                             i18n.tr(p.met ? "points.progress.met" : "points.progress.behind");
    ImGui::PushID(static_cast<int>(i));
    ImGui::PushStyleColor(ImGuiCol_Text, p.met ? palette().success : palette().notice);
    if (ImGui::Selectable(line.c_str(), false, 0, ImVec2(0, ImGui::GetFrameHeight())) && !p.points.empty())
      table_.restrict_to(p.points, p.label);
    ImGui::PopStyleColor();
    automation::annotate_last("target", line);
    ImGui::PopID();
  }
  if (rows_.size() == 0) {
    message("notice", i18n.tr("points.list.empty"));
    return;
  }
  const Key selected = table_.selected();
  const ServicePoint* sp = selected ? st.service_points().find(selected) : nullptr;
  const float below = sp ? ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y : 0.0f;
  table_.draw("points", rows_, builds_, cx, sp ? -below : 0.0f);
  if (sp && sp->operator_enterprise != kNoKey) {
    if (secondary_button(label_id(i18n, "points.open_operator", "operator").c_str()))
      cx.navigate({Area::Enterprises, sp->operator_enterprise, {}, {}});
  }
}

}  // namespace hearth::ui
