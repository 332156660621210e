// 家政企业: the enterprise register — the registration form, the register as a table (with
// each enterprise's 员工制 result), CSV export, and one enterprise on its own page: details,
// the 员工制 test criterion by criterion with the records that show it, its employees with
// "start employment" and "end employment", its contracts, an edit form and the history.
#pragma once
#include <cstdint>
#include <string>

#include "commands.hpp"
#include "form_save.hpp"
#include "rules.hpp"
#include "table_view.hpp"
#include "view.hpp"

namespace hearth::ui {

class EnterpriseView {
 public:
  void draw(ViewContext& cx);
  // Another view sent the person here: one enterprise (request.record), or the enterprises
  // behind a figure (request.list).
  void show(const NavigationRequest& request);

 private:
  void draw_form(ViewContext& cx);
  void draw_list(ViewContext& cx);
  void rebuild(const ViewContext& cx);
  // the enterprise's page; false when the person went back to the list
  bool draw_detail(ViewContext& cx);
  void rebuild_detail(const ViewContext& cx);
  void draw_edit(ViewContext& cx, const Enterprise& e);
  void draw_hire(ViewContext& cx, const Enterprise& e);
  void draw_end(ViewContext& cx);

  // registration form
  RegisterEnterprise form_;
  FormSave save_;
  bool focus_name_ = true;

  // the register
  TableView table_;
  TextTable rows_;
  std::uint64_t rows_revision_ = ~std::uint64_t{0}, builds_ = 0;
  std::string rows_language_;
  Date rows_day_;

  // one enterprise
  Key open_ = kNoKey;
  Key drawn_ = kNoKey;  // the enterprise whose page was drawn last frame
  Key built_for_ = kNoKey;
  std::uint64_t built_revision_ = ~std::uint64_t{0};
  std::string built_language_;
  Date built_day_;
  Verdict employee_based_;
  CreditRating credit_;
  TextTable employees_, contracts_;
  bool editing_ = false;
  RegisterEnterprise edit_form_;
  FormSave edit_save_;
  // start employment (用工登记)
  Key hire_worker_ = kNoKey;
  StartEmployment hire_;
  FormSave hire_save_;
  // end employment: the spell chosen in the employees table
  Key end_spell_ = kNoKey;
  EndEmployment end_;
  FormSave end_save_;
};

}  // namespace hearth::ui
