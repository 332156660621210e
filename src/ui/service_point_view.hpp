// 社区服务网点: the community service points — the form that opens one (OpenServicePoint),
// the programme's target (communities with services stationed, district-wide and by township;
// a line restricts the table to the points it counts), and the points as a table.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "commands.hpp"
#include "form_save.hpp"
#include "register_tables.hpp"
#include "table_view.hpp"
#include "view.hpp"

namespace hearth::ui {

class ServicePointView {
 public:
  void draw(ViewContext& cx);
  // Another view sent the person here: one point (selected in the table) or the points behind a figure.
  void show(const NavigationRequest& request);

 private:
  void draw_form(ViewContext& cx);
  void draw_list(ViewContext& cx);

  OpenServicePoint form_;
  Key operator_ = kNoKey;
  FormSave save_;

  TableView table_;
  TextTable rows_;
  std::vector<CommunityProgress> progress_;
  std::uint64_t rows_revision_ = ~std::uint64_t{0}, builds_ = 0;
  std::string rows_language_;
};

}  // namespace hearth::ui
