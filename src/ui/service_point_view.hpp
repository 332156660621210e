// 社区服务网点: the community service points — form and table, against the target.
#pragma once
#include "view.hpp"

namespace hearth::ui {

class ServicePointView {
 public:
  void draw(ViewContext& cx);
  // Another view sent the person here (a record, or the records behind a figure).
  void show(const NavigationRequest&) {}
};

}  // namespace hearth::ui
