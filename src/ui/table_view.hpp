// A register's table on screen: search as you type over every column, a filter choice for
// each filter column (township, category, status), sortable headers, and only the visible
// rows drawn (list clipping), so 100,000 rows cost what 30 do. The table itself comes from a
// core builder (text_table.hpp); this keeps only what the person chose.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "text_table.hpp"
#include "view.hpp"

namespace hearth::ui {

class TableView {
 public:
  // Draws `t` (rebuilt by the caller whenever `revision` changes). Returns the key of the row
  // clicked this frame, or kNoKey. `height` 0 fills the rest of the region.
  Key draw(const char* id, const TextTable& t, std::uint64_t revision, const ViewContext& cx, float height = 0.0f);
  // The rows the person sees now (search, filters, order applied), for export. `t` is the
  // drawn table or one built by the same builder with other cell text (full ID numbers):
  // the same rows in the same order.
  TextTable shown(const TextTable& t) const;
  // Row numbers of `t` as shown.
  const std::vector<std::uint32_t>& order() const { return order_; }
  Key selected() const { return selected_; }
  void select(Key k) { selected_ = k; }
  // Opens in the order the builder gave (newest first, say) until the person sorts by a
  // column; otherwise the table opens sorted by its first column.
  void open_in_builder_order() { builder_order_ = true; }
  // Shows only these records (the records behind a dashboard figure); empty shows all.
  void restrict_to(std::vector<Key> keys, std::string title);
  const std::string& restriction() const { return restrict_title_; }

 private:
  void recompute(const TextTable& t);

  std::string query_;
  std::vector<std::string> filters_;  // per column: the chosen value, "" = all
  int sort_column_ = -1;
  bool sort_descending_ = false;
  std::vector<std::uint32_t> order_;
  TableSearch search_;                  // the table's rows as the search box matches them
  std::vector<std::uint32_t> sorted_;   // every row in the current sort order
  int sorted_column_ = -2;
  bool sorted_descending_ = false;
  std::vector<std::vector<std::string>> choices_;  // per filter column: its distinct values
  // what order_ was computed from
  std::uint64_t revision_ = ~std::uint64_t{0};
  const TextTable* table_ = nullptr;
  std::string computed_query_;
  std::vector<std::string> computed_filters_;
  int computed_sort_ = -2;
  bool computed_descending_ = false;
  Key selected_ = kNoKey;
  std::vector<Key> restrict_;
  std::string restrict_title_;
  bool restrict_changed_ = false;
  bool builder_order_ = false;
};

// Saves `t` as "<stem>-<YYYYMMDD>.csv" (UTF-8 with BOM), through the session's file exchange.
void save_csv(const ViewContext& cx, const std::string& stem, const TextTable& t);

}  // namespace hearth::ui
