// 重点举措: the 29 measures with their responsible units, status and progress reports; a unit
// reports progress on the measures that name it.
#pragma once
#include "view.hpp"

namespace hearth::ui {

class MeasuresView {
 public:
  void draw(ViewContext& cx);
  // Another view sent the person here (a record, or the records behind a figure).
  void show(const NavigationRequest&) {}
};

}  // namespace hearth::ui
