// Index of this file
// - show: a profile or the workers behind a figure, asked for by another view
// - draw: the profile, or the form and the register side by side (stacked when narrow)
// - draw_form: the registration form and its save cycle
// - draw_list: the register (TableView) and its CSV export
#include "worker_register_view.hpp"

#include <algorithm>

#include "automation.hpp"
#include "imgui.h"
#include "register_tables.hpp"
#include "state.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace hearth::ui {

// ---- show -----------------------------------------------------------------------------------

void WorkerRegisterView::show(const NavigationRequest& request) {
  drawn_ = kNoKey;  // arriving from elsewhere: the profile starts at its top
  if (request.record != kNoKey) {
    open_ = request.record;
    table_.select(request.record);
  } else {
    open_ = kNoKey;
  }
  if (!request.list.empty()) table_.restrict_to(request.list, request.list_title);
}

// ---- layout ---------------------------------------------------------------------------------

void WorkerRegisterView::draw(ViewContext& cx) {
  const float dpr = cx.dpr;
  const ImGuiChildFlags panel = ImGuiChildFlags_Borders | ImGuiChildFlags_AlwaysUseWindowPadding;
  if (open_ != kNoKey && cx.ready()) {
    if (open_ != drawn_) ImGui::SetNextWindowScroll(ImVec2(0, 0));  // another worker's profile starts at its top
    drawn_ = open_;
    if (ImGui::BeginChild("profile", ImVec2(0, 0), panel))
      if (!profile_.draw(cx, open_)) open_ = kNoKey;
    ImGui::EndChild();
    return;
  }
  drawn_ = kNoKey;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const bool wide = avail.x / dpr >= 900.0f;
  const float form_width = wide ? std::min(360.0f * dpr, avail.x * 0.34f) : avail.x;
  if (ImGui::BeginChild("workers_form", ImVec2(form_width, wide ? 0.0f : 0.0f), panel | (wide ? 0 : ImGuiChildFlags_AutoResizeY)))
    draw_form(cx);
  ImGui::EndChild();
  if (wide) ImGui::SameLine();
  if (ImGui::BeginChild("workers_list", ImVec2(0, 0), panel)) draw_list(cx);
  ImGui::EndChild();
}

// ---- the form -------------------------------------------------------------------------------

void WorkerRegisterView::draw_form(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  if (save_.poll(cx.session, i18n) == FormSave::Outcome::Saved) {
    save_.set_saved(i18n.trf("workers.status.saved", {form_.name}));
    const std::uint32_t township = form_.township;  // the next person is usually from the same place
    form_ = RegisterWorker{};
    form_.township = township;
    focus_name_ = true;
  }

  ImGui::PushFont(nullptr, kBaseFontSize * 1.15f);
  ImGui::TextUnformatted(i18n.tr("workers.form.title"));
  ImGui::PopFont();
  ImGui::Spacing();

  const bool editable = cx.editable();
  bool enter = false;
  ImGui::BeginDisabled(!editable);
  worker_form_fields(form_, save_, cx, true, focus_name_ && editable, &enter);
  if (editable) focus_name_ = false;
  // the optional fields, folded so the common case (name, ID, mobile, township) fits one screen;
  // opened by itself when one of them has a problem
  bool extra_problem = false;
  for (const auto& p : save_.problems())
    if (!p.field.empty() && p.field != "name" && p.field != "resident_id" && p.field != "mobile" && p.field != "township") extra_problem = true;
  ImGui::Spacing();
  if (extra_problem) more_ = true;
  if (secondary_button((std::string(i18n.tr(more_ ? "workers.form.less" : "workers.form.more")) + "###more").c_str(), true, -FLT_MIN))
    more_ = !more_;
  if (more_) worker_form_extra(form_, save_, cx);
  ImGui::EndDisabled();

  ImGui::Spacing();
  const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  const bool add = primary_button((std::string(i18n.tr("workers.action.add")) + "###add").c_str(), editable && !save_.pending(), half);
  ImGui::SameLine();
  if (secondary_button((std::string(i18n.tr("workers.action.clear")) + "###clear").c_str(), editable, half)) {
    form_ = RegisterWorker{};
    save_.clear();
    focus_name_ = true;
  }
  if ((add || enter) && editable && !save_.pending()) save_.submit(cx.session, form_);
  form_status(save_, cx.session, i18n);
}

// ---- the register ---------------------------------------------------------------------------

void WorkerRegisterView::rebuild(const ViewContext& cx) {
  const State& st = cx.session.state();
  rows_ = workers_table(st, cx.today, cx.i18n.catalog(), false);  // lists always mask ID numbers
  rows_revision_ = st.revision();
  rows_language_ = cx.i18n.language();
  rows_day_ = cx.today;
  ++builds_;
}

void WorkerRegisterView::draw_list(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  const float right = ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x;  // the panel's right edge, for the export button
  ImGui::PushFont(nullptr, kBaseFontSize * 1.15f);
  ImGui::TextUnformatted(i18n.tr("workers.list.title"));
  ImGui::PopFont();
  if (!cx.ready()) return;
  const State& st = cx.session.state();
  if (st.revision() != rows_revision_ || i18n.language() != rows_language_ || cx.today != rows_day_) rebuild(cx);
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  const std::string count = i18n.trf("workers.list.count", {std::to_string(rows_.size())});
  ImGui::TextDisabled("%s", count.c_str());
  automation::text_last("count", count);
  if (rows_.size() == 0) {
    message("notice", i18n.tr("workers.list.empty"));
    return;
  }
  // export: what is shown (search, filters, order), full ID numbers only for the district office
  const char* export_label = i18n.tr("table.export");
  const float export_w = ImGui::CalcTextSize(export_label).x + ImGui::GetStyle().FramePadding.x * 2 + 16.0f * cx.dpr;
  ImGui::SameLine(right - export_w);
  if (secondary_button((std::string(export_label) + "###export").c_str(), true, export_w)) {
    const bool ids = may_see_resident_ids(cx.role());
    save_csv(cx, i18n.tr("workers.export.stem"), table_.shown(workers_table(st, cx.today, i18n.catalog(), ids, Columns::Export)));
  }
  table_.open_in_builder_order();  // newest registration first, as the office expects after adding someone
  const Key clicked = table_.draw("workers", rows_, builds_, cx);
  if (clicked != kNoKey) open_ = clicked;
}

}  // namespace hearth::ui
