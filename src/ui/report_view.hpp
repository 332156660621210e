// 年度报告: the yearly report to the joint meeting, produced in one click as printable HTML.
#pragma once
#include "view.hpp"

namespace hearth::ui {

class ReportView {
 public:
  void draw(ViewContext& cx);
  // Another view sent the person here (a record, or the records behind a figure).
  void show(const NavigationRequest&) {}
};

}  // namespace hearth::ui
