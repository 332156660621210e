// Index of this file
// - show: one contract or the contracts behind a figure
// - draw: the form and the table side by side (stacked when narrow)
// - draw_form: RegisterContract and its save cycle (model text chosen from the programme's list)
// - draw_list: the table, the selected contract's enterprise and worker, CSV export
#include "contract_view.hpp"

#include <algorithm>

#include "automation.hpp"
#include "imgui.h"
#include "register_tables.hpp"
#include "state.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace hearth::ui {

namespace {
std::string label_id(const I18n& i18n, const char* key, const char* id) { return std::string(i18n.tr(key)) + "###" + id; }

// The model contract text (示范文本), one of the configured list.
bool model_text_field(const char* id, const char* label, std::string& value, const Problem* problem, const I18n& i18n) {
  ImGui::PushID(id);
  ImGui::PushStyleColor(ImGuiCol_Text, problem ? palette().error : palette().text);
  ImGui::TextUnformatted(label);
  ImGui::PopStyleColor();
  ImGui::SetNextItemWidth(-FLT_MIN);
  bool changed = false;
  const bool open = ImGui::BeginCombo("##combo", value.empty() ? i18n.tr("form.choose") : value.c_str(), ImGuiComboFlags_HeightLarge);
  automation::annotate_last("combo", label, value);
  if (open) {
    for (const auto& text : ProgrammeConfig::builtin().model_texts) {
      if (ImGui::Selectable(text.c_str(), text == value, 0, ImVec2(0, ImGui::GetFrameHeight()))) {
        changed = text != value;
        value = text;
      }
      automation::annotate_last("option");
    }
    ImGui::EndCombo();
  }
  field_problem(problem, i18n, id);
  ImGui::PopID();
  return changed;
}
}  // namespace

void ContractView::show(const NavigationRequest& request) {
  if (request.record != kNoKey) table_.select(request.record);
  if (!request.list.empty()) table_.restrict_to(request.list, request.list_title);
}

void ContractView::draw(ViewContext& cx) {
  const ImGuiChildFlags panel = ImGuiChildFlags_Borders | ImGuiChildFlags_AlwaysUseWindowPadding;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const bool wide = avail.x / cx.dpr >= 900.0f;
  const float form_width = wide ? std::min(360.0f * cx.dpr, avail.x * 0.34f) : avail.x;
  if (ImGui::BeginChild("contracts_form", ImVec2(form_width, wide ? 0.0f : avail.y * 0.5f), panel)) draw_form(cx);
  ImGui::EndChild();
  if (wide) ImGui::SameLine();
  if (ImGui::BeginChild("contracts_list", ImVec2(0, 0), panel)) draw_list(cx);
  ImGui::EndChild();
}

void ContractView::draw_form(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  const State& st = cx.session.state();
  if (save_.poll(cx.session, i18n) == FormSave::Outcome::Saved) {
    save_.set_saved(i18n.trf("contracts.status.saved", {form_.consumer_name}));
    const RegisterContract kept = form_;  // the enterprise, model text and rest rules usually repeat
    form_ = RegisterContract{};
    form_.township = kept.township;
    form_.model_text = kept.model_text;
    form_.rest = kept.rest;
    form_.rest_days_per_month = kept.rest_days_per_month;
    worker_ = kNoKey;
  }
  ImGui::PushFont(nullptr, kBaseFontSize * 1.15f);
  ImGui::TextUnformatted(i18n.tr("contracts.form.title"));
  ImGui::PopFont();
  ImGui::Spacing();
  const bool editable = cx.editable();
  ImGui::BeginDisabled(!editable);
  if (cx.ready()) {
    if (enterprise_picker("enterprise", i18n.tr("contracts.field.enterprise"), st, enterprise_, save_.at("enterprise"), i18n))
      save_.forget("enterprise");
    if (worker_picker("worker", i18n.tr("contracts.field.worker"), st, worker_, save_.at("worker"), i18n)) save_.forget("worker");
  }
  if (text_field("consumer_name", i18n.tr("contracts.field.consumer"), form_.consumer_name, i18n.tr("workers.hint.name"),
                 save_.at("consumer_name"), i18n))
    save_.forget("consumer_name");
  if (text_field("consumer_mobile", i18n.tr("contracts.field.consumer_mobile"), form_.consumer_mobile, i18n.tr("workers.hint.mobile"),
                 save_.at("consumer_mobile"), i18n))
    save_.forget("consumer_mobile");
  if (township_field("township", i18n.tr("contracts.field.township"), form_.township, save_.at("township"), i18n)) save_.forget("township");
  if (model_text_field("model_text", i18n.tr("contracts.field.model_text"), form_.model_text, save_.at("model_text"), i18n))
    save_.forget("model_text");
  if (date_field("signed_on", i18n.tr("contracts.field.signed_on"), form_.signed_on, save_.at("signed_on"), i18n)) save_.forget("signed_on");
  if (date_field("starts", i18n.tr("contracts.field.starts"), form_.starts, save_.at("starts"), i18n)) save_.forget("starts");
  if (date_field("ends", i18n.tr("contracts.field.ends"), form_.ends, save_.at("ends"), i18n)) save_.forget("ends");
  if (choice_field("rest", i18n.tr("contracts.field.rest"), form_.rest, terms_rest_arrangement(), save_.at("rest"), i18n)) save_.forget("rest");
  if (text_field("rest_days_per_month", i18n.tr("contracts.field.rest_days"), form_.rest_days_per_month, i18n.tr("contracts.hint.rest_days"),
                 save_.at("rest_days_per_month"), i18n))
    save_.forget("rest_days_per_month");
  if (text_field("monthly_fee", i18n.tr("contracts.field.fee"), form_.monthly_fee, i18n.tr("contracts.hint.fee"), save_.at("monthly_fee"),
                 i18n))
    save_.forget("monthly_fee");
  ImGui::EndDisabled();
  ImGui::Spacing();
  if (primary_button(label_id(i18n, "contracts.action.add", "add").c_str(), editable && !save_.pending(), -FLT_MIN) && editable) {
    RegisterContract cmd = form_;
    cmd.enterprise = enterprise_ ? st.record_id(enterprise_) : RecordId{};
    cmd.worker = worker_ ? st.record_id(worker_) : RecordId{};
    save_.submit(cx.session, cmd);
  }
  form_status(save_, cx.session, i18n);
}

void ContractView::draw_list(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  const float right = ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x;  // the panel's right edge, for the export button
  ImGui::PushFont(nullptr, kBaseFontSize * 1.15f);
  ImGui::TextUnformatted(i18n.tr("contracts.list.title"));
  ImGui::PopFont();
  if (!cx.ready()) return;
  const State& st = cx.session.state();
  if (st.revision() != rows_revision_ || i18n.language() != rows_language_ || cx.today != rows_day_) {
    rows_ = contracts_table(st, cx.today, i18n.catalog(), false);  // lists mask consumers' mobiles
    rows_revision_ = st.revision();
    rows_language_ = i18n.language();
    rows_day_ = cx.today;
    ++builds_;
  }
  if (rows_.size() == 0) {
    message("notice", i18n.tr("contracts.list.empty"));
    return;
  }
  const char* export_label = i18n.tr("table.export");
  const float export_w = ImGui::CalcTextSize(export_label).x + ImGui::GetStyle().FramePadding.x * 2 + 16.0f * cx.dpr;
  ImGui::SameLine(right - export_w);
  if (secondary_button((std::string(export_label) + "###export").c_str(), true, export_w)) {
    const bool full = may_see_resident_ids(cx.role());
    save_csv(cx, i18n.tr("contracts.export.stem"), table_.shown(contracts_table(st, cx.today, i18n.catalog(), full, Columns::Export)));
  }
  const ServiceContract* k = table_.selected() ? st.contracts().find(table_.selected()) : nullptr;
  const float below = k ? ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y : 0.0f;
  table_.draw("contracts", rows_, builds_, cx, k ? -below : 0.0f);
  if (k) {
    if (secondary_button(label_id(i18n, "contracts.open_enterprise", "enterprise").c_str())) cx.navigate({Area::Enterprises, k->enterprise, {}, {}});
    ImGui::SameLine();
    if (secondary_button(label_id(i18n, "contracts.open_worker", "worker").c_str())) cx.navigate({Area::Workers, k->worker, {}, {}});
  }
}

}  // namespace hearth::ui
