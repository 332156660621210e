#include "text_table.hpp"

#include <algorithm>
#include <cstdlib>

#include "text.hpp"

namespace hearth {

bool cell_number(std::string_view cell, double& out) {
  std::string digits;
  bool any = false;
  for (std::size_t i = 0; i < cell.size(); ++i) {
    const char c = cell[i];
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
      any = true;
    } else if (c == '.' || (c == '-' && digits.empty())) {
      digits.push_back(c);
    } else if (c == ',' || c == ' ' || c == '%') {
      continue;
    } else if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < cell.size() && static_cast<unsigned char>(cell[i + 1]) == 0xA5) {
      ++i;  // ¥
    } else {
      return false;
    }
  }
  if (!any) return false;
  out = std::strtod(digits.c_str(), nullptr);
  return true;
}

std::vector<std::uint32_t> sorted_rows(const TextTable& t, int column, bool descending) {
  std::vector<std::uint32_t> order(t.rows.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  if (column < 0 || static_cast<std::size_t>(column) >= t.columns.size()) return order;
  const auto c = static_cast<std::size_t>(column);
  if (t.columns[c].numeric) {
    std::vector<double> v(t.rows.size(), -1e300);
    for (std::size_t i = 0; i < v.size(); ++i) cell_number(t.rows[i][c], v[i]);
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return descending ? v[a] > v[b] : v[a] < v[b]; });
  } else {
    std::stable_sort(order.begin(), order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return descending ? t.rows[a][c] > t.rows[b][c] : t.rows[a][c] < t.rows[b][c]; });
  }
  return order;
}

// ---- Search and filters ------------------------------------------------------------------

TableSearch::TableSearch(const TextTable& t) {
  start_.reserve(t.rows.size() + 1);
  std::size_t bytes = 0;
  for (const auto& row : t.rows)
    for (const auto& cell : row) bytes += cell.size() + 1;
  text_.reserve(bytes);
  for (const auto& row : t.rows) {
    start_.push_back(static_cast<std::uint32_t>(text_.size()));
    for (const auto& cell : row) {
      text_ += fold_fullwidth(cell);
      text_ += '\x1F';
    }
  }
  start_.push_back(static_cast<std::uint32_t>(text_.size()));
  ascii_lower_in_place(text_);
}

bool TableSearch::row_contains(std::uint32_t row, std::string_view needle) const {
  if (row + 1 >= start_.size()) return false;
  return contains_folded(std::string_view(text_).substr(start_[row], start_[row + 1] - start_[row]), needle);
}

std::string search_needle(std::string_view query) {
  std::string n = ascii_lower(trim(fold_fullwidth(query)));
  std::erase_if(n, [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
  return n;
}

std::vector<std::uint32_t> chosen_rows(const TextTable& t, const TableSearch& search, std::span<const std::uint32_t> order,
                                       const RowChoice& choice) {
  const std::string needle = search_needle(choice.query);
  std::vector<std::size_t> filtered;  // the filter columns with a value chosen
  for (std::size_t c = 0; c < choice.filters.size() && c < t.columns.size(); ++c)
    if (!choice.filters[c].empty()) filtered.push_back(c);
  std::vector<std::uint32_t> out;
  out.reserve(order.size());
  for (const std::uint32_t r : order) {
    if (r >= t.rows.size()) continue;
    if (!choice.only.empty() && !std::binary_search(choice.only.begin(), choice.only.end(), t.keys[r])) continue;
    bool kept = true;
    for (const std::size_t c : filtered) kept = kept && t.rows[r][c] == choice.filters[c];
    if (!kept || (!needle.empty() && !search.row_contains(r, needle))) continue;
    out.push_back(r);
  }
  return out;
}

namespace {
bool plain_number(std::string_view f) {
  std::size_t i = f.starts_with('-') ? 1 : 0;
  if (i >= f.size()) return false;
  bool dot = false, digit = false;
  for (; i < f.size(); ++i) {
    if (f[i] >= '0' && f[i] <= '9') digit = true;
    else if (f[i] == '.' && !dot) dot = true;
    else return false;
  }
  return digit;
}
}  // namespace

std::string neutralise_formula(std::string_view field) {
  if (field.empty()) return {};
  const char c = field.front();
  const bool risky = c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
  if (!risky || plain_number(field)) return std::string(field);
  return "'" + std::string(field);
}

std::string to_csv(const TextTable& t) {
  std::string out = "\xEF\xBB\xBF";  // BOM: Excel and WPS then read UTF-8
  auto field = [&](std::string_view raw) {
    const std::string f = neutralise_formula(raw);
    if (f.find_first_of(",\"\r\n") == std::string::npos) {
      out += f;
      return;
    }
    out.push_back('"');
    for (char ch : f) {
      if (ch == '"') out.push_back('"');
      out.push_back(ch);
    }
    out.push_back('"');
  };
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    if (c) out.push_back(',');
    field(t.columns[c].header);
  }
  out += "\r\n";
  for (const auto& row : t.rows) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c) out.push_back(',');
      field(row[c]);
    }
    out += "\r\n";
  }
  return out;
}

bool may_see_resident_ids(DeviceRole role) { return role == DeviceRole::District; }

}  // namespace hearth
