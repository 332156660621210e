// A table as people read it: translated headers, rows of display text, and the record behind
// each row. Views draw it (sorting, filtering, search), exports write it as CSV, the yearly
// report prints it — one builder per register, so screen, file and report always agree.
//
// Index
//   1. TextTable
//   2. Search and filters (what a register's search box and filter choices keep)
//   3. CSV for Excel and WPS (UTF-8 with BOM, formula injection neutralised)
//   4. Who may see full ID numbers
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "enrolment.hpp"
#include "records.hpp"

namespace hearth {

// ---- 1. TextTable --------------------------------------------------------------------------
struct TextColumn {
  std::string header;    // already translated
  bool numeric = false;  // sorts by value ("12.5", "-3", "1,234"), aligns right
  bool filter = false;   // offer a "filter by this column" choice (township, category, status)
  float weight = 0.0f;   // share of the width against the other columns' weights; 0 = the table's default
};

struct TextTable {
  std::vector<TextColumn> columns;
  std::vector<std::vector<std::string>> rows;  // each as wide as columns
  std::vector<Key> keys;                       // the record behind each row (kNoKey if none)

  void add_column(std::string header, bool numeric = false, bool filter = false, float weight = 0.0f) {
    columns.push_back({std::move(header), numeric, filter, weight});
  }
  void add_row(Key key, std::vector<std::string> cells) {
    cells.resize(columns.size());
    rows.push_back(std::move(cells));
    keys.push_back(key);
  }
  std::size_t size() const { return rows.size(); }
};

// The number a numeric cell shows ("1,234.50" → 1234.5, "85%" → 85); nothing for "—" or text.
bool cell_number(std::string_view cell, double& out);

// Row numbers in display order: sorted by `column` (numbers by value, text by bytes, which
// keeps Chinese in code-point order), ties by row number so the order is stable.
std::vector<std::uint32_t> sorted_rows(const TextTable& t, int column, bool descending);

// ---- 2. Search and filters ---------------------------------------------------------------
// What a search box matches: every cell of a row, full-width forms folded and ASCII
// lowercased, kept in one buffer built once per table. A keystroke over 100,000 rows then scans
// memory, instead of lowercasing 700,000 cells again (docs/performance.md).
class TableSearch {
 public:
  TableSearch() = default;
  explicit TableSearch(const TextTable& t);
  // Whether a cell of `row` contains `needle` (as folded by search_needle).
  bool row_contains(std::uint32_t row, std::string_view needle) const;
  std::size_t bytes() const { return text_.size(); }

 private:
  std::string text_;                  // each row's cells, each followed by '\x1F'
  std::vector<std::uint32_t> start_;  // row r is text_[start_[r], start_[r + 1])
};
// A search box's text as TableSearch and State::search_workers match it: trimmed, full-width
// forms folded, ASCII lowercased, control characters dropped (they could match across cells).
std::string search_needle(std::string_view query);

// What the person chose: the search text, a value for each filter column ("" = all), and the
// records behind a dashboard figure (sorted; empty = every record).
struct RowChoice {
  std::string query;
  std::vector<std::string> filters;  // one per column (shorter: the rest are "all")
  std::vector<Key> only;
};
// The rows of `order` (row numbers in display order) that the choice keeps, in that order.
std::vector<std::uint32_t> chosen_rows(const TextTable& t, const TableSearch& search, std::span<const std::uint32_t> order,
                                       const RowChoice& choice);

// ---- 3. CSV --------------------------------------------------------------------------------
// RFC 4180 with CRLF, every field quoted when it holds a comma, quote or line break, and a
// UTF-8 byte-order mark so Excel and WPS read Chinese correctly. A field that starts with
// =, +, -, @, a tab or a carriage return is prefixed with an apostrophe so no spreadsheet runs
// it as a formula — except a plain number ("-12", "-3.5"), which is data, not a formula.
std::string to_csv(const TextTable& t);
std::string neutralise_formula(std::string_view field);

// ---- 4. ID numbers -------------------------------------------------------------------------
// Lists always mask ID numbers (500234********1234). Exports show them in full only to the
// district office, which needs them to pay subsidies and check identity; a township or
// training device exports them masked (DOMAIN.md: sensitive personal information).
bool may_see_resident_ids(DeviceRole role);

}  // namespace hearth
