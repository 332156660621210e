// 从业人员登记: the worker register — the form that adds a worker (basic fields, and the
// optional ones folded away), the register as a table (search, township and occupation
// filters, sorting, CSV export), and a worker's profile on one page when a row is clicked.
// Reads the session's state, emits RegisterWorker / EditWorker; keeps only what a person typed.
#pragma once
#include <cstdint>
#include <string>

#include "commands.hpp"
#include "form_save.hpp"
#include "table_view.hpp"
#include "view.hpp"
#include "worker_profile.hpp"

namespace hearth::ui {

class WorkerRegisterView {
 public:
  void draw(ViewContext& cx);
  // A worker's profile (request.record), or the workers behind a figure (request.list).
  void show(const NavigationRequest& request);

 private:
  void draw_form(ViewContext& cx);
  void draw_list(ViewContext& cx);
  void rebuild(const ViewContext& cx);

  // what the person is typing (kept on screen until saved, and after a refused or failed save)
  RegisterWorker form_;
  FormSave save_;
  bool focus_name_ = true;
  bool more_ = false;  // the optional fields shown

  // the register as a table, rebuilt when the state, the language or the day changes
  TableView table_;
  TextTable rows_;
  std::uint64_t rows_revision_ = ~std::uint64_t{0};
  std::uint64_t builds_ = 0;
  std::string rows_language_;
  Date rows_day_;

  Key open_ = kNoKey;   // the worker whose profile is shown
  Key drawn_ = kNoKey;  // the profile drawn last frame
  WorkerProfile profile_;
};

}  // namespace hearth::ui
