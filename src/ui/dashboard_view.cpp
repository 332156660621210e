// Index of this file
// - draw: the choosers, then three sections, the figures recomputed only when something changed
// - draw_choosers: year and township (or the whole district)
// - draw_targets: each KPI as a progress bar of actual against target (红/黄/绿)
// - draw_townships: one KPI by township, sorted, those behind their share in red
// - draw_years: the same KPI over the programme years; a year's point shows that year
// - open_records: a figure's evidence → the rows of the register that lists them
#include "dashboard_view.hpp"

#include <algorithm>

#include "automation.hpp"
#include "charts.hpp"
#include "imgui.h"
#include "measures.hpp"
#include "programme.hpp"
#include "state.hpp"
#include "theme.hpp"
#include "township.hpp"
#include "widgets.hpp"

namespace hearth::ui {

namespace {
std::string scope_name(const I18n& i18n, std::uint32_t township) {
  return township ? i18n.township(township) : std::string(i18n.tr("dashboard.whole_district"));
}
// A combo with a visible label before it, published as kind "combo" with that label.
bool begin_labelled_combo(const char* id, const char* label, const std::string& preview, float width) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(label);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(width);
  const bool open = ImGui::BeginCombo(id, preview.c_str(), ImGuiComboFlags_HeightLarge);
  automation::annotate_last("combo", label, preview);
  return open;
}
bool option(const std::string& text, bool selected) {
  const bool clicked = ImGui::Selectable(text.c_str(), selected, 0, ImVec2(0, ImGui::GetFrameHeight()));
  automation::annotate_last("option", text);
  if (selected) ImGui::SetItemDefaultFocus();
  return clicked;
}
}  // namespace

// ---- draw -----------------------------------------------------------------------------------

void DashboardView::draw(ViewContext& cx) {
  if (!cx.ready()) {
    muted_text(cx.i18n.tr("dashboard.not_ready"));
    return;
  }
  const State& st = cx.session.state();
  const ProgrammeConfig& config = ProgrammeConfig::builtin();
  if (year_ == 0) year_ = default_report_year(st, config, cx.today);
  draw_choosers(cx);
  if (st.revision() != revision_ || year_ != computed_year_ || township_ != computed_township_) {
    figures_ = dashboard_figures(st, year_, township_, config, MeasureRegistry::builtin());
    revision_ = st.revision();
    computed_year_ = year_;
    computed_township_ = township_;
  }
  draw_targets(cx);
  draw_townships(cx);
  draw_years(cx);
}

// ---- choosers -------------------------------------------------------------------------------

void DashboardView::draw_choosers(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  const float dpr = cx.dpr;
  if (begin_labelled_combo("##year", i18n.tr("dashboard.year"), std::to_string(year_), 110.0f * dpr)) {
    for (const std::int32_t y : programme_years(ProgrammeConfig::builtin()))
      if (option(std::to_string(y), y == year_)) year_ = y;
    ImGui::EndCombo();
  }
  ImGui::SameLine(0, 24.0f * dpr);
  if (begin_labelled_combo("##scope", i18n.tr("dashboard.scope"), scope_name(i18n, township_), 240.0f * dpr)) {
    if (option(i18n.tr("dashboard.whole_district"), township_ == 0)) township_ = 0;
    static constexpr const char* kGroups[] = {"township.kind.street", "township.kind.town", "township.kind.township"};
    int group = -1;
    for (const Township& t : kaizhou_townships().all()) {
      if (static_cast<int>(t.kind) != group) {  // 街道 / 镇 / 乡, as the township field shows them
        group = static_cast<int>(t.kind);
        ImGui::SeparatorText(i18n.tr(kGroups[group]));
      }
      ImGui::PushID(static_cast<int>(t.code));
      if (option(i18n.township(t.code), township_ == t.code)) township_ = t.code;
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  muted_text(i18n.trf("dashboard.legend", {std::to_string(kNearPercent)}).c_str());
  if (!notice_.empty()) message("notice", notice_);
}

// ---- targets --------------------------------------------------------------------------------

void DashboardView::draw_targets(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  const float dpr = cx.dpr;
  const std::string scope = scope_name(i18n, township_);
  section_heading(i18n.trf("dashboard.section.targets", {std::to_string(year_), scope}).c_str());
  automation::text_last("heading", i18n.trf("dashboard.section.targets", {std::to_string(year_), scope}));
  if (township_) muted_text(i18n.tr("dashboard.township_note"));

  const float avail = ImGui::GetContentRegionAvail().x;
  const bool wide = avail / dpr >= 760.0f;
  const float bar_width = wide ? std::min(avail * 0.48f, 520.0f * dpr) : avail;
  int n = 0;
  for (const Kpi& k : figures_.kpis) {
    const std::string title = kpi_title(k, i18n.catalog(), i18n.english());
    // a township's figure stands against its even share of the district target
    std::int64_t target = k.target, share = 0;
    Standing st = standing(k);
    if (township_ && k.target == 0) {
      if (const auto it = figures_.by_township.find(k.key); it != figures_.by_township.end())
        for (const auto& f : it->second)
          if (f.township == township_) share = f.share;
      if (share > 0) st = standing(k.actual, share), target = share;
    }
    std::string figure;
    const std::string actual = figure_text(k.key, k.actual);
    if (k.key == "rule.kpi.revenue")
      figure = k.target > 0 ? i18n.trf("dashboard.figure.revenue", {actual, figure_text(k.key, k.target)}) : i18n.trf("dashboard.figure.money", {actual});
    else if (share > 0)
      figure = i18n.trf("dashboard.figure.share", {actual, std::to_string(share), std::to_string(percent_of_target(k.actual, share))});
    else if (k.target > 0)
      figure = i18n.trf("dashboard.figure.target", {actual, figure_text(k.key, k.target), std::to_string(percent_of_target(k.actual, k.target))});
    else
      figure = actual;
    const float fraction = k.key == "rule.kpi.revenue"
                               ? (k.target > 0 ? static_cast<float>(std::min<double>(1.0, static_cast<double>(k.actual) / static_cast<double>(k.target))) : 0.0f)
                               : (target > 0 ? static_cast<float>(static_cast<double>(k.actual) / static_cast<double>(target)) : 0.0f);

    ImGui::PushID(n++);
    ImGui::Separator();
    if (wide) {
      const float title_w = avail - bar_width - 16.0f * dpr;
      const float y0 = ImGui::GetCursorPosY();
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + title_w);
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(title.c_str());
      ImGui::PopTextWrapPos();
      const float y1 = ImGui::GetCursorPosY();
      ImGui::SetCursorPos(ImVec2(ImGui::GetCursorPosX() + avail - bar_width, y0));
      if (progress_figure("figure", fraction, st, figure, title, figure_text(k.key, k.actual) + "/" + figure_text(k.key, k.target), bar_width, dpr))
        open_records(cx, k.key, k.evidence, i18n.trf("dashboard.list_title", {title, scope}));
      ImGui::SetCursorPosY(std::max(y1, ImGui::GetCursorPosY()));
    } else {
      ImGui::TextWrapped("%s", title.c_str());
      if (progress_figure("figure", fraction, st, figure, title, figure_text(k.key, k.actual) + "/" + figure_text(k.key, k.target), bar_width, dpr))
        open_records(cx, k.key, k.evidence, i18n.trf("dashboard.list_title", {title, scope}));
    }
    ImGui::PopID();
  }
  ImGui::Separator();
  muted_text(i18n.tr("dashboard.click_hint"));
}

// ---- by township ----------------------------------------------------------------------------

void DashboardView::draw_townships(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  const float dpr = cx.dpr;
  section_heading(i18n.trf("dashboard.section.townships", {std::to_string(year_)}).c_str());
  // the KPI drawn by township and over the years
  const Kpi* chosen = find_kpi(figures_.kpis, chart_kpi_);
  const std::string preview = chosen ? kpi_title(*chosen, i18n.catalog(), i18n.english()) : chart_kpi_;
  if (begin_labelled_combo("##chart_kpi", i18n.tr("dashboard.chart_kpi"), preview, std::min(ImGui::GetContentRegionAvail().x * 0.7f, 560.0f * dpr))) {
    for (const Kpi& k : figures_.kpis) {
      if (!kpi_by_township(k.key)) continue;
      if (option(kpi_title(k, i18n.catalog(), i18n.english()), k.key == chart_kpi_)) chart_kpi_ = k.key;
    }
    ImGui::EndCombo();
  }
  const auto it = figures_.by_township.find(chart_kpi_);
  if (it == figures_.by_township.end()) return;
  const auto& figures = it->second;
  const std::int64_t share = figures.empty() ? 0 : figures.front().share;
  const auto behind = std::count_if(figures.begin(), figures.end(), [](const TownshipFigure& f) { return f.behind; });
  if (share > 0)
    muted_text(i18n.trf("dashboard.share_note", {std::to_string(share), std::to_string(behind)}).c_str());
  else
    muted_text(i18n.tr("dashboard.no_share_note"));
  std::vector<Bar> bars;
  bars.reserve(figures.size());
  for (const auto& f : figures)
    bars.push_back({i18n.township(f.township), figure_text(chart_kpi_, f.actual), static_cast<double>(f.actual), f.behind, f.township == township_});
  ImGui::Spacing();
  const int clicked = bar_rows("townships", bars, static_cast<double>(share), dpr, cx.touch);
  if (clicked >= 0) {
    const TownshipFigure& f = figures[static_cast<std::size_t>(clicked)];
    const Kpi* k = find_kpi(figures_.kpis, chart_kpi_);
    const std::string title = k ? kpi_title(*k, i18n.catalog(), i18n.english()) : chart_kpi_;
    open_records(cx, chart_kpi_, f.evidence, i18n.trf("dashboard.list_title", {title, i18n.township(f.township)}));
  }
}

// ---- over the years -------------------------------------------------------------------------

void DashboardView::draw_years(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  const auto it = figures_.over_years.find(chart_kpi_);
  if (it == figures_.over_years.end()) return;
  section_heading(i18n.trf("dashboard.section.years", {scope_name(i18n, township_)}).c_str());
  muted_text(i18n.tr("dashboard.years_note"));
  const KpiSeries& s = it->second;
  std::vector<LinePoint> points;
  const bool money = chart_kpi_ == "rule.kpi.revenue";  // plotted in yuan, without a target (its "target" is the year before)
  for (std::size_t i = 0; i < s.years.size(); ++i)
    points.push_back({std::to_string(s.years[i]), static_cast<double>(s.actual[i]) / (money ? 100.0 : 1.0), money ? 0.0 : static_cast<double>(s.target[i]),
                      figure_text(chart_kpi_, s.actual[i]), s.years[i] == year_});
  const int clicked = line_chart("years", points, 220.0f * cx.dpr, cx.dpr, cx.touch);
  if (clicked >= 0) year_ = s.years[static_cast<std::size_t>(clicked)];
  ImGui::Spacing();
}

// ---- the records behind a figure ------------------------------------------------------------

void DashboardView::open_records(ViewContext& cx, const std::string& kpi_key, const std::vector<Key>& evidence, const std::string& title) {
  const RecordsBehind behind = records_behind(cx.session.state(), kpi_key, evidence, year_);
  if (behind.keys.empty()) {  // an empty list would show the whole register: say so instead
    notice_ = cx.i18n.trf("dashboard.nothing_behind", {title});
    return;
  }
  notice_.clear();
  Area area = Area::Workers;
  switch (behind.area) {
    case RecordsArea::Workers: area = Area::Workers; break;
    case RecordsArea::Enterprises: area = Area::Enterprises; break;
    case RecordsArea::ServicePoints: area = Area::ServicePoints; break;
    case RecordsArea::Measures: area = Area::Measures; break;
  }
  cx.navigate(NavigationRequest{area, kNoKey, title, behind.keys});
}

}  // namespace hearth::ui
