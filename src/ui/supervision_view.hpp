// 监管: complaints and mediation through to the outcome, credit grades with their explanation,
// the joint-punishment list, assessments and the inspection calendar, expiring health checks
// and licences.
#pragma once
#include "view.hpp"

namespace hearth::ui {

class SupervisionView {
 public:
  void draw(ViewContext& cx);
  // Another view sent the person here (a record, or the records behind a figure).
  void show(const NavigationRequest&) {}
};

}  // namespace hearth::ui
