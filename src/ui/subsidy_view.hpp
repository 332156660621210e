// 补贴: each subsidy's eligibility list, with the evidence per line, exportable.
#pragma once
#include "view.hpp"

namespace hearth::ui {

class SubsidyView {
 public:
  void draw(ViewContext& cx);
  // Another view sent the person here (a record, or the records behind a figure).
  void show(const NavigationRequest&) {}
};

}  // namespace hearth::ui
