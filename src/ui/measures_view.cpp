// Index of this file
// - show / rebuild: navigation in, the tables from the core (measure_tables.hpp)
// - draw: the measures table (filters, export), then the chosen measure and the form
// - draw_detail: the chosen measure's units, status and reports, newest first
// - draw_form: the progress report (ReportProgress), only on measures this device may report on
#include "measures_view.hpp"

#include <algorithm>

#include "automation.hpp"
#include "history_panel.hpp"
#include "imgui.h"
#include "measure_tables.hpp"
#include "state.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace hearth::ui {

namespace {
std::string label_id(const I18n& i18n, const char* key, const char* id) { return std::string(i18n.tr(key)) + "###" + id; }
const MeasureRegistry& registry() { return MeasureRegistry::builtin(); }
}  // namespace

// ---- navigation and tables ----------------------------------------------------------------

void MeasuresView::show(const NavigationRequest& r) {
  if (!r.list.empty()) measures_view_.restrict_to(r.list, r.list_title);
  if (r.record != kNoKey && r.record <= registry().measures().size()) {
    selected_ = static_cast<std::uint8_t>(r.record);
    measures_view_.select(r.record);
  }
}

void MeasuresView::rebuild(const ViewContext& cx) {
  const State& st = cx.session.state();
  const bool data = st.revision() != built_revision_ || cx.i18n.language() != built_language_;
  if (cx.i18n.language() != built_language_ && !built_language_.empty()) {
    // filters hold display text: a new language starts the tables afresh
    const Key chosen = measures_view_.selected();
    measures_view_ = TableView{};
    measures_view_.select(chosen);
  }
  if (data) {
    measures_ = measures_table(st, registry(), cx.i18n.catalog(), cx.i18n.english());
    measures_screen_ = measures_screen_table(measures_);
    ++table_revision_;
  }
  if (data || selected_ != built_selected_) {
    reports_ = selected_ ? measure_reports_table(st, registry(), selected_, cx.i18n.catalog(), cx.i18n.english(),
                                                 [&](Key k) { return who_wrote(cx, k); })
                         : TextTable{};
    ++table_revision_;
  }
  built_revision_ = st.revision();
  built_language_ = cx.i18n.language();
  built_selected_ = selected_;
}

void MeasuresView::choose_measure(const ViewContext& cx, std::uint8_t number) {
  selected_ = number;
  const ReportingScope scope = reporting_scope(cx.role(), registry());
  if (!scope.may_report(number) || form_.pending()) return;
  measure_ = number;
  const auto units = reporting_units(scope, *registry().measure(number));
  if (std::find(units.begin(), units.end(), unit_) == units.end()) unit_ = units.empty() ? "" : units.front();
  form_.forget("measure");
  form_.forget("unit");
}

// ---- the screen ---------------------------------------------------------------------------

void MeasuresView::draw(ViewContext& cx) {
  if (!cx.ready()) return;
  rebuild(cx);
  const I18n& i18n = cx.i18n;

  // the status of the whole programme in one line, and the export of the table as shown
  const auto counts = measure_status_counts(cx.session.state(), registry());
  auto at = [&](MeasureStatus s) { return std::to_string(counts[static_cast<std::size_t>(s)]); };
  const std::string summary = i18n.trf("measures.summary", {std::to_string(measures_.size()), at(MeasureStatus::Done),
                                                            at(MeasureStatus::InProgress), at(MeasureStatus::Behind),
                                                            at(MeasureStatus::NotStarted)});
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(summary.c_str());
  automation::text_last("summary", summary);
  const std::string export_label = label_id(i18n, "table.export", "export-measures");
  const float export_w = ImGui::CalcTextSize(i18n.tr("table.export")).x + ImGui::GetStyle().FramePadding.x * 4;
  ImGui::SameLine();
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, ImGui::GetContentRegionAvail().x - export_w));
  if (secondary_button(export_label.c_str(), true, export_w))
    save_csv(cx, i18n.tr("measures.export_stem"), measures_view_.shown(measures_));

  // wide: the table over the chosen measure's reports on the left, the form on the right;
  // narrow: one under the other
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const bool wide = avail.x / cx.dpr >= 900.0f;
  const float form_w = wide ? std::min(440.0f * cx.dpr, avail.x * 0.36f) : avail.x;
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float column_h = wide ? std::max(avail.y, 520.0f * cx.dpr) : 0.0f;
  if (ImGui::BeginChild("measures-left", ImVec2(wide ? avail.x - form_w - spacing : avail.x, column_h),
                        wide ? ImGuiChildFlags_None : ImGuiChildFlags_AutoResizeY)) {
    const float table_h = wide ? ImGui::GetContentRegionAvail().y * 0.5f : std::max(320.0f * cx.dpr, avail.y * 0.6f);
    const Key clicked = measures_view_.draw("measures", measures_screen_, table_revision_, cx, table_h);
    if (clicked != kNoKey) choose_measure(cx, static_cast<std::uint8_t>(clicked));
    ImGui::Spacing();
    const ImGuiChildFlags panel = ImGuiChildFlags_Borders | ImGuiChildFlags_AlwaysUseWindowPadding;
    if (ImGui::BeginChild("detail", ImVec2(0, 0), panel | (wide ? 0 : ImGuiChildFlags_AutoResizeY))) draw_detail(cx);
    ImGui::EndChild();
  }
  ImGui::EndChild();
  if (wide) ImGui::SameLine();
  const ImGuiChildFlags panel = ImGuiChildFlags_Borders | ImGuiChildFlags_AlwaysUseWindowPadding;
  if (ImGui::BeginChild("report-form", ImVec2(form_w, column_h), panel | (wide ? 0 : ImGuiChildFlags_AutoResizeY))) draw_form(cx);
  ImGui::EndChild();
}

// ---- the chosen measure -------------------------------------------------------------------

void MeasuresView::draw_detail(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  const Measure* m = selected_ ? registry().measure(selected_) : nullptr;
  if (!m) {
    muted_text(i18n.tr("measures.detail.choose"));
    return;
  }
  const bool en = i18n.english();
  // the title wraps: English titles are long and a tablet's panel narrow
  const std::string heading = i18n.trf("measures.detail.heading", {std::to_string(m->number), measure_title(*m, en)});
  ImGui::PushFont(nullptr, kBaseFontSize * 1.15f);
  ImGui::TextWrapped("%s", heading.c_str());
  ImGui::PopFont();
  automation::text_last("heading", heading);
  const std::string units = i18n.trf("measures.detail.units", {unit_name(registry(), m->lead, en),
                                                               unit_list_text(*m, registry(), i18n.catalog(), en)});
  const auto& row = measures_.rows[m->number - 1u];
  ImGui::TextWrapped("%s", row[kMeasureGroup].c_str());
  ImGui::TextWrapped("%s", units.c_str());
  const std::string status = i18n.trf("measures.detail.status", {row[kMeasureStatus], row[kMeasureReports]});
  ImGui::TextWrapped("%s", status.c_str());
  automation::text_last("status", status);
  ImGui::Spacing();
  ImGui::TextUnformatted(i18n.tr("measures.report.heading"));
  if (reports_.size() == 0) {
    message("notice", i18n.tr("measures.report.none"));
    return;
  }
  // a short list, newest first: a plain table whose notes wrap (no search needed)
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp |
                                ImGuiTableFlags_PadOuterX;
  const int ncols = static_cast<int>(reports_.columns.size());
  if (ImGui::BeginTable("reports", ncols, flags)) {
    static constexpr float kWeights[] = {1.0f, 1.2f, 0.8f, 2.6f, 1.1f};
    for (int c = 0; c < ncols; ++c)
      ImGui::TableSetupColumn(reports_.columns[static_cast<std::size_t>(c)].header.c_str(), 0, c < 5 ? kWeights[c] : 1.0f);
    ImGui::TableHeadersRow();
    for (std::size_t r = 0; r < reports_.size(); ++r) {
      const auto& report = reports_.rows[r];
      ImGui::TableNextRow();
      std::string label;
      for (int c = 0; c < ncols; ++c) {
        ImGui::TableSetColumnIndex(c);
        ImGui::TextWrapped("%s", report[static_cast<std::size_t>(c)].c_str());
        if (!label.empty()) label.push_back(' ');
        label += report[static_cast<std::size_t>(c)];
      }
      automation::text_last("report", label);
    }
    ImGui::EndTable();
  }
}

// ---- the progress report ------------------------------------------------------------------

void MeasuresView::draw_form(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  const ReportingScope scope = reporting_scope(cx.role(), registry());
  switch (form_.poll(cx.session, i18n)) {
    case FormSave::Outcome::Saved:
      form_.set_saved(i18n.trf("measures.form.saved", {std::to_string(measure_)}));
      selected_ = measure_;
      note_.clear();  // the measure, unit, date and status stay: the next report is often alike
      break;
    default: break;
  }

  section_heading(i18n.tr("measures.form.title"));
  if (scope.measures.empty()) {
    message("notice", i18n.tr(cx.role() == DeviceRole::Township ? "measures.form.none_for_township" : "measures.form.none_for_role"));
    return;
  }
  if (!scope.fixed_unit.empty()) muted_text(i18n.tr("measures.form.township_only"));
  if (date_.empty()) date_ = cx.today.iso();
  if (measure_ == 0 || !scope.may_report(measure_)) {
    measure_ = scope.may_report(selected_) ? selected_ : scope.measures.front();
    unit_.clear();
  }
  const Measure& m = *registry().measure(measure_);
  const auto units = reporting_units(scope, m);
  if (std::find(units.begin(), units.end(), unit_) == units.end()) unit_ = units.front();
  const bool en = i18n.english();
  const bool editable = cx.editable() && !form_.pending();

  ImGui::BeginDisabled(!editable);
  // measure: the ones this device may report on
  {
    const char* label = i18n.tr("measures.form.measure");
    const Problem* p = form_.at("measure");
    ImGui::TextUnformatted(label);
    ImGui::SetNextItemWidth(-FLT_MIN);
    const std::string current = i18n.trf("measures.form.measure_item", {std::to_string(m.number), measure_title(m, en)});
    const bool open = ImGui::BeginCombo("##measure", current.c_str(), ImGuiComboFlags_HeightLarge);
    automation::annotate_last("combo", label, current);
    if (open) {
      for (std::uint8_t n : scope.measures) {
        const Measure& o = *registry().measure(n);
        ImGui::PushID(n);
        const std::string item = i18n.trf("measures.form.measure_item", {std::to_string(n), measure_title(o, en)});
        if (ImGui::Selectable(item.c_str(), n == measure_, 0, ImVec2(0, ImGui::GetFrameHeight()))) choose_measure(cx, n);
        automation::annotate_last("option");
        ImGui::PopID();
      }
      ImGui::EndCombo();
    }
    field_problem(p, i18n, "measure");
  }
  // unit: fixed for a township, else any the measure names
  {
    const char* label = i18n.tr("measures.form.unit");
    ImGui::TextUnformatted(label);
    ImGui::SetNextItemWidth(-FLT_MIN);
    const std::string current = unit_name(registry(), unit_, en);
    ImGui::BeginDisabled(units.size() < 2);
    const bool open = ImGui::BeginCombo("##unit", current.c_str(), ImGuiComboFlags_HeightLarge);
    automation::annotate_last("combo", label, current);
    if (open) {
      for (const auto& u : units) {
        ImGui::PushID(u.c_str());
        if (ImGui::Selectable(unit_name(registry(), u, en).c_str(), u == unit_, 0, ImVec2(0, ImGui::GetFrameHeight()))) {
          unit_ = u;
          form_.forget("unit");
        }
        automation::annotate_last("option");
        ImGui::PopID();
      }
      ImGui::EndCombo();
    }
    ImGui::EndDisabled();
    field_problem(form_.at("unit"), i18n, "unit");
  }
  if (date_field("date", i18n.tr("measures.form.date"), date_, form_.at("date"), i18n)) form_.forget("date");
  if (choice_field("status", i18n.tr("measures.form.status"), status_, terms_measure_status(), form_.at("status"), i18n))
    form_.forget("status");
  bool enter = false;
  if (text_field("note", i18n.tr("measures.form.note"), note_, i18n.tr("measures.form.note_hint"), form_.at("note"), i18n, &enter))
    form_.forget("note");
  ImGui::EndDisabled();

  ImGui::Spacing();
  const bool submit = primary_button(label_id(i18n, "measures.form.submit", "submit-progress").c_str(), editable, -FLT_MIN);
  if ((submit || enter) && editable)
    form_.submit(cx.session, ReportProgress{measure_, unit_, date_, static_cast<MeasureStatus>(status_), note_});
  form_status(form_, cx.session, i18n);
}

}  // namespace hearth::ui
