// Index of this file
// - draw: what the report holds, the year, the two ways to have it, the outcome
// - produce: the HTML from the core, downloaded or opened in a new tab
// - draw_preview: the district's targets as the report prints them
#include "report_view.hpp"

#include <algorithm>

#include "automation.hpp"
#include "catalog.hpp"
#include "charts.hpp"
#include "imgui.h"
#include "measures.hpp"
#include "programme.hpp"
#include "state.hpp"
#include "theme.hpp"
#include "widgets.hpp"
#include "yearly_report.hpp"

#ifdef __EMSCRIPTEN__
extern "C" int hearth_report_open_html(const char* html, int length);  // web/report_bridge.js
#endif

namespace hearth::ui {

// ---- draw -----------------------------------------------------------------------------------

void ReportView::draw(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  const float dpr = cx.dpr;
  if (!cx.ready()) {
    muted_text(i18n.tr("dashboard.not_ready"));
    return;
  }
  const ProgrammeConfig& config = ProgrammeConfig::builtin();
  if (year_ == 0) year_ = default_report_year(cx.session.state(), config, cx.today);

  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::min(ImGui::GetContentRegionAvail().x, 760.0f * dpr));
  ImGui::TextUnformatted(i18n.tr("report.view.intro"));
  ImGui::PopTextWrapPos();
  ImGui::Spacing();

  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(i18n.tr("report.view.year"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(110.0f * dpr);
  const std::string preview = std::to_string(year_);
  if (ImGui::BeginCombo("##report_year", preview.c_str())) {
    automation::annotate_last("combo", i18n.tr("report.view.year"), preview);
    for (const std::int32_t y : programme_years(config)) {
      const std::string label = std::to_string(y);
      if (ImGui::Selectable(label.c_str(), y == year_, 0, ImVec2(0, ImGui::GetFrameHeight()))) year_ = y, status_.clear();
      automation::annotate_last("option", label);
    }
    ImGui::EndCombo();
  } else {
    automation::annotate_last("combo", i18n.tr("report.view.year"), preview);
  }
  ImGui::Spacing();
  if (primary_button(i18n.tr("report.view.download"))) produce(cx, false);
  ImGui::SameLine();
  if (secondary_button(i18n.tr("report.view.open"))) produce(cx, true);
  if (!status_.empty()) message(status_role_.c_str(), status_);
  muted_text(i18n.tr("report.view.print_hint"));
  draw_preview(cx);
}

// ---- produce --------------------------------------------------------------------------------

void ReportView::produce(ViewContext& cx, bool new_tab) {
  const I18n& i18n = cx.i18n;
  const std::string html = yearly_report_html(cx.session.state(), year_, ProgrammeConfig::builtin(), MeasureRegistry::builtin(), i18n.catalog(),
                                              i18n.english(), cx.today);
  const std::string name = yearly_report_file_name(i18n.catalog(), year_);
  if (new_tab) {
#ifdef __EMSCRIPTEN__
    if (hearth_report_open_html(html.data(), static_cast<int>(html.size()))) {
      status_ = i18n.trf("report.view.opened", {std::to_string(year_)});
      status_role_ = "success";
      return;
    }
#endif
    cx.save_file(name, html);  // the tab was blocked (or there is no browser): the download instead
    status_ = i18n.trf("report.view.popup_blocked", {name});
    status_role_ = "notice";
    return;
  }
  cx.save_file(name, html);
  status_ = i18n.trf("report.view.saved", {name});
  status_role_ = "success";
}

// ---- preview --------------------------------------------------------------------------------

void ReportView::draw_preview(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  const State& st = cx.session.state();
  if (st.revision() != revision_ || year_ != computed_year_) {
    kpis_ = programme_kpis(st, year_, 0, ProgrammeConfig::builtin(), MeasureRegistry::builtin());
    revision_ = st.revision();
    computed_year_ = year_;
  }
  section_heading(i18n.tr("report.view.preview"));
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("preview", 4, flags)) return;
  ImGui::TableSetupColumn(i18n.tr("report.col.kpi"), ImGuiTableColumnFlags_WidthStretch, 4.0f);
  ImGui::TableSetupColumn(i18n.tr("report.col.target"), ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableSetupColumn(i18n.tr("report.col.actual"), ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableSetupColumn(i18n.tr("report.col.standing"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableHeadersRow();
  for (const Kpi& k : kpis_) {
    const std::string title = kpi_title(k, i18n.catalog(), i18n.english());
    const Standing s = standing(k);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", title.c_str());
    ImGui::TableNextColumn();
    const std::string target = k.key == "rule.kpi.revenue" ? i18n.trf("report.previous_year", {figure_text(k.key, k.target)})
                                                           : (k.target > 0 ? figure_text(k.key, k.target) : "—");
    ImGui::TextUnformatted(target.c_str());
    ImGui::TableNextColumn();
    const std::string actual = figure_text(k.key, k.actual);
    ImGui::TextUnformatted(actual.c_str());
    automation::text_last("report-figure", actual, k.key);
    ImGui::TableNextColumn();
    const char* standing_key = s == Standing::Met ? "report.standing.met" : s == Standing::Near ? "report.standing.near"
                             : s == Standing::Behind ? "report.standing.behind" : "report.standing.none";
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(standing_colour(s)));
    ImGui::TextUnformatted(i18n.tr(standing_key));
    ImGui::PopStyleColor();
  }
  ImGui::EndTable();
}

}  // namespace hearth::ui
