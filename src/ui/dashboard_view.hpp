// 目标看板: each target of the programme against actual, per year and per township, as charts;
// a figure opens the records behind it.
#pragma once
#include "view.hpp"

namespace hearth::ui {

class DashboardView {
 public:
  void draw(ViewContext& cx);
  // Another view sent the person here (a record, or the records behind a figure).
  void show(const NavigationRequest&) {}
};

}  // namespace hearth::ui
