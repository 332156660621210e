// 服务合同: the three-party service contracts (enterprise, worker, consumer) — the form that
// registers one (RegisterContract, on a model text the programme recognises) and the
// contracts as a table, with CSV export; a row opens its enterprise or its worker.
#pragma once
#include <cstdint>
#include <string>

#include "commands.hpp"
#include "form_save.hpp"
#include "table_view.hpp"
#include "view.hpp"

namespace hearth::ui {

class ContractView {
 public:
  void draw(ViewContext& cx);
  // Another view sent the person here: one contract (selected) or the contracts behind a figure.
  void show(const NavigationRequest& request);

 private:
  void draw_form(ViewContext& cx);
  void draw_list(ViewContext& cx);

  RegisterContract form_;
  Key enterprise_ = kNoKey, worker_ = kNoKey;
  FormSave save_;

  TableView table_;
  TextTable rows_;
  std::uint64_t rows_revision_ = ~std::uint64_t{0}, builds_ = 0;
  std::string rows_language_;
  Date rows_day_;
};

}  // namespace hearth::ui
