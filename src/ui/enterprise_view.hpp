// 家政企业: the enterprise register — form, table, and one enterprise with its 员工制 test
// criterion by criterion, with evidence.
#pragma once
#include "view.hpp"

namespace hearth::ui {

class EnterpriseView {
 public:
  void draw(ViewContext& cx);
  // Another view sent the person here (a record, or the records behind a figure).
  void show(const NavigationRequest&) {}
};

}  // namespace hearth::ui
