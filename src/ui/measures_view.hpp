// 重点举措: the 29 measures with their responsible units, status and progress reports; a unit
// reports progress on the measures that name it (measure_tables.hpp decides which).
#pragma once
#include <cstdint>
#include <string>

#include "form_save.hpp"
#include "table_view.hpp"
#include "text_table.hpp"
#include "view.hpp"

namespace hearth::ui {

class MeasuresView {
 public:
  void draw(ViewContext& cx);
  // Another view sent the person here: one measure (its number as the record), or the
  // measures behind a figure.
  void show(const NavigationRequest& r);

 private:
  void rebuild(const ViewContext& cx);
  void draw_detail(ViewContext& cx);
  void draw_form(ViewContext& cx);
  void choose_measure(const ViewContext& cx, std::uint8_t number);

  // the tables, rebuilt when the state, the language or the chosen measure changes
  TextTable measures_;         // every column: the export
  TextTable measures_screen_;  // the columns the screen has room for, same rows
  TextTable reports_;
  std::uint64_t built_revision_ = ~std::uint64_t{0};
  std::string built_language_;
  std::uint8_t built_selected_ = 0;
  std::uint64_t table_revision_ = 0;
  TableView measures_view_;
  std::uint8_t selected_ = 0;  // the measure whose reports are shown

  // the progress report being typed (kept after a refused save)
  std::uint8_t measure_ = 0;
  std::string unit_, date_, note_;
  std::uint8_t status_ = 1;  // MeasureStatus::InProgress
  FormSave form_;
};

}  // namespace hearth::ui
