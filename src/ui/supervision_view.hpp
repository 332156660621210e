// 监管: complaints and mediation through to the outcome, credit grades with their explanation,
// the joint-punishment list, assessments and the inspection calendar, expiring health checks
// and licences — five sub-tabs of one area. Everything shown is computed by the core
// (src/core/supervision.hpp); this view keeps only what the person typed and chose.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "supervision.hpp"
#include "form_save.hpp"
#include "table_view.hpp"
#include "view.hpp"

namespace hearth::ui {

class SupervisionView {
 public:
  void draw(ViewContext& cx);
  // Another view sent the person here: a complaint opens its page, a worker or enterprise its
  // credit explanation, a list restricts the complaints table to those records.
  void show(const NavigationRequest& r);

  enum class Tab : std::uint8_t { Complaints, Credit, JointPunishment, Inspections, Expiring };

 private:
  void refresh(const ViewContext& cx);
  // 1. complaints
  void draw_complaints(ViewContext& cx);
  void draw_intake(ViewContext& cx);
  void draw_complaint_list(ViewContext& cx);
  void draw_complaint_page(ViewContext& cx);
  void draw_mediation_form(ViewContext& cx, const Complaint& k);
  void draw_closing(ViewContext& cx, const Complaint& k);
  void draw_effects(ViewContext& cx, const std::vector<supervision::CreditEffect>& effects, bool saved);
  // 2. credit
  void draw_credit(ViewContext& cx);
  void draw_credit_detail(ViewContext& cx, Key subject);
  void draw_credit_event_form(ViewContext& cx, Key subject);
  // 3–5.
  void draw_joint_punishment(ViewContext& cx);
  void draw_inspections(ViewContext& cx);
  void draw_assessment_form(ViewContext& cx);
  void draw_expiring(ViewContext& cx);

  Tab tab_ = Tab::Complaints;
  bool select_tab_ = false;  // a navigation chose the tab: select it once

  // derived tables, rebuilt when the state, the language or the day changes
  std::uint64_t built_revision_ = ~std::uint64_t{0};
  std::string built_language_;
  Date built_day_;
  std::uint64_t table_revision_ = 0;  // given to the TableViews: changes with any of the above
  std::vector<supervision::CreditRow> credit_rows_;
  TextTable complaints_, credit_, joint_, calendar_, expiring_;
  TableView complaints_view_, credit_view_, joint_view_, calendar_view_, expiring_view_;

  // intake (受理)
  bool intake_open_ = false;
  FileComplaint intake_;
  Key intake_enterprise_ = kNoKey, intake_worker_ = kNoKey;
  FormSave intake_save_;

  // one complaint's page
  Key complaint_ = kNoKey;
  RecordMediationStep step_;
  FormSave step_save_;
  CloseComplaint closing_;
  FormSave closing_save_;
  bool confirming_ = false;  // the credit consequence is on screen, waiting for 确认
  std::vector<supervision::CreditEffect> preview_;
  std::string preview_inputs_;  // what preview_ was computed from
  std::vector<supervision::CreditEffect> saved_effects_;  // the preview of the closure just saved

  // credit
  Key credit_subject_ = kNoKey;
  Key detail_shown_ = kNoKey;  // the subject the detail panel showed last frame
  RecordCreditEvent credit_event_;
  int credit_level_ = 1;
  FormSave credit_save_;

  // assessments
  bool assess_open_ = false;
  Key assess_enterprise_ = kNoKey;
  std::string assess_date_, assess_assessor_;
  std::vector<std::string> assess_points_;
  FormSave assess_save_;
};

}  // namespace hearth::ui
