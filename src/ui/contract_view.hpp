// 服务合同: the registered three-party service contracts — form and table.
#pragma once
#include "view.hpp"

namespace hearth::ui {

class ContractView {
 public:
  void draw(ViewContext& cx);
  // Another view sent the person here (a record, or the records behind a figure).
  void show(const NavigationRequest&) {}
};

}  // namespace hearth::ui
