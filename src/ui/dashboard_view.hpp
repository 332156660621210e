// 目标看板: each target of the programme against actual, per year and per township, as charts;
// a figure opens the records behind it.
//
// The figures come from the core (yearly_report.hpp dashboard_figures), recomputed only when
// the ledger, the year or the township changes; this view keeps only what the person chose.
#pragma once
#include <cstdint>
#include <string>

#include "view.hpp"
#include "yearly_report.hpp"

namespace hearth::ui {

class DashboardView {
 public:
  void draw(ViewContext& cx);
  // Another view sent the person here (a record, or the records behind a figure).
  void show(const NavigationRequest&) {}

 private:
  void draw_choosers(ViewContext& cx);
  void draw_targets(ViewContext& cx);
  void draw_townships(ViewContext& cx);
  void draw_years(ViewContext& cx);
  // Sends the person to the register that lists the records behind a KPI's figure.
  void open_records(ViewContext& cx, const std::string& kpi_key, const std::vector<Key>& evidence, const std::string& title);

  std::int32_t year_ = 0;        // 0 until the default year is known
  std::uint32_t township_ = 0;   // 0 = the whole district
  std::string chart_kpi_ = "rule.kpi.new_employment";  // the KPI drawn by township and over the years
  std::string notice_;  // a figure clicked with no records behind it
  // what figures_ was computed from
  DashboardFigures figures_;
  std::uint64_t revision_ = ~std::uint64_t{0};
  std::int32_t computed_year_ = 0;
  std::uint32_t computed_township_ = ~0u;
};

}  // namespace hearth::ui
