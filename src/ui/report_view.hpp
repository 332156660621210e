// 年度报告: the yearly report to the joint meeting, produced in one click as printable HTML
// (yearly_report.hpp yearly_report_html): downloaded, or opened in a new tab where the browser
// allows it (a blocked tab falls back to the download, and says so).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "rules.hpp"
#include "view.hpp"

namespace hearth::ui {

class ReportView {
 public:
  void draw(ViewContext& cx);
  // Another view sent the person here (a record, or the records behind a figure).
  void show(const NavigationRequest&) {}

 private:
  void produce(ViewContext& cx, bool new_tab);
  void draw_preview(ViewContext& cx);

  std::int32_t year_ = 0;  // 0 until the default year is known
  std::string status_, status_role_;
  // the district's KPIs for year_, as the report will print them
  std::vector<Kpi> kpis_;
  std::uint64_t revision_ = ~std::uint64_t{0};
  std::int32_t computed_year_ = 0;
};

}  // namespace hearth::ui
