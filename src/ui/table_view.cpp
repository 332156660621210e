// Index of this file
// - recompute: search, filters and order, only when one of them or the table changed
// - draw: the search box, the filter choices, the clipped table
// - shown / save_csv: what the person sees, as a file
#include "table_view.hpp"

#include <algorithm>
#include <set>

#include "automation.hpp"
#include "imgui.h"
#include "imgui_stdlib.h"
#include "text.hpp"
#include "widgets.hpp"

namespace hearth::ui {

// ---- recompute ------------------------------------------------------------------------------

void TableView::restrict_to(std::vector<Key> keys, std::string title) {
  std::sort(keys.begin(), keys.end());
  restrict_ = std::move(keys);
  restrict_title_ = std::move(title);
  restrict_changed_ = true;
}

void TableView::recompute(const TextTable& t) {
  filters_.resize(t.columns.size());
  const bool new_table = &t != table_;
  table_ = &t;
  if (new_table || choices_.size() != t.columns.size()) {
    choices_.assign(t.columns.size(), {});
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      if (!t.columns[c].filter) continue;
      std::set<std::string> distinct;
      for (const auto& row : t.rows)
        if (!row[c].empty()) distinct.insert(row[c]);
      choices_[c].assign(distinct.begin(), distinct.end());
    }
  }
  // a new table (or new rows) is indexed for search once; its order is sorted again only when
  // the sort changes, so a keystroke costs one scan of the index (docs/performance.md)
  if (new_table) search_ = TableSearch(t);
  if (new_table || sorted_column_ != sort_column_ || sorted_descending_ != sort_descending_) {
    sorted_ = sorted_rows(t, sort_column_, sort_descending_);
    sorted_column_ = sort_column_;
    sorted_descending_ = sort_descending_;
  }
  order_ = chosen_rows(t, search_, sorted_, {query_, filters_, restrict_});
  computed_query_ = query_;
  computed_filters_ = filters_;
  computed_sort_ = sort_column_;
  computed_descending_ = sort_descending_;
  restrict_changed_ = false;
}

// ---- draw -----------------------------------------------------------------------------------

Key TableView::draw(const char* id, const TextTable& t, std::uint64_t revision, const ViewContext& cx, float height) {
  ImGui::PushID(id);
  const I18n& i18n = cx.i18n;
  if (revision != revision_) {
    revision_ = revision;
    table_ = nullptr;  // choices are recomputed for the new rows
  }

  // The records behind a figure: say so, and offer the whole list back.
  if (!restrict_.empty()) {
    message("notice", i18n.trf("table.restricted", {restrict_title_, std::to_string(restrict_.size())}));
    ImGui::SameLine();
    if (secondary_button((std::string(i18n.tr("table.show_all")) + "###show_all").c_str())) {
      restrict_.clear();
      restrict_title_.clear();
      restrict_changed_ = true;
    }
  }

  // search, then one choice per filter column, on one line when there is room
  const float avail = ImGui::GetContentRegionAvail().x;
  int filter_count = 0;
  for (const auto& c : t.columns) filter_count += c.filter ? 1 : 0;
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float filter_w = std::min(220.0f * cx.dpr, (avail * 0.6f) / std::max(1, filter_count) - spacing);
  ImGui::SetNextItemWidth(filter_count ? avail - (filter_w + spacing) * static_cast<float>(filter_count) : -FLT_MIN);
  ImGui::InputTextWithHint("##search", i18n.tr("table.search_hint"), &query_);
  automation::annotate_last("input", i18n.tr("table.search"), query_);
  filters_.resize(t.columns.size());
  if (table_ != &t) recompute(t);
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    if (!t.columns[c].filter) continue;
    ImGui::SameLine();
    ImGui::SetNextItemWidth(filter_w);
    ImGui::PushID(static_cast<int>(c));
    const std::string all = i18n.trf("table.filter.all", {t.columns[c].header});
    const std::string& current = filters_[c].empty() ? all : filters_[c];
    const bool open = ImGui::BeginCombo("##filter", current.c_str(), ImGuiComboFlags_HeightLarge);
    automation::annotate_last("combo", t.columns[c].header, filters_[c]);
    if (open) {
      if (ImGui::Selectable(all.c_str(), filters_[c].empty(), 0, ImVec2(0, ImGui::GetFrameHeight()))) filters_[c].clear();
      automation::annotate_last("option");
      for (const auto& v : choices_[c]) {
        if (ImGui::Selectable(v.c_str(), filters_[c] == v, 0, ImVec2(0, ImGui::GetFrameHeight()))) filters_[c] = v;
        automation::annotate_last("option");
      }
      ImGui::EndCombo();
    }
    ImGui::PopID();
  }

  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable |
                                ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX | ImGuiTableFlags_Sortable |
                                (builder_order_ ? ImGuiTableFlags_SortTristate : 0);
  Key clicked = kNoKey;
  const std::string count = order_.size() == t.size() ? i18n.trf("table.count", {std::to_string(t.size())})
                                                      : i18n.trf("table.count_of", {std::to_string(order_.size()), std::to_string(t.size())});
  ImGui::TextDisabled("%s", count.c_str());
  automation::text_last("count", count);
  if (t.size() == 0) {
    ImGui::PopID();
    return kNoKey;
  }
  if (order_.empty() && (query_ == computed_query_ && filters_ == computed_filters_ && !restrict_changed_)) {
    message("notice", i18n.tr("table.no_match"));
  }
  const int ncols = static_cast<int>(t.columns.size());
  if (ncols > 0 && ImGui::BeginTable("table", ncols, flags, ImVec2(0, height))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    for (int c = 0; c < ncols; ++c) {
      const auto& col = t.columns[static_cast<std::size_t>(c)];
      // the first column is the default order (a measure's number, 1 first): ascending
      ImGui::TableSetupColumn(col.header.c_str(), col.numeric && c > 0 ? ImGuiTableColumnFlags_PreferSortDescending : 0, col.weight);
    }
    ImGui::TableHeadersRow();
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
      if (specs->SpecsCount > 0) {
        sort_column_ = specs->Specs[0].ColumnIndex;
        sort_descending_ = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
      } else {
        sort_column_ = -1;
      }
      specs->SpecsDirty = false;
    }
    if (query_ != computed_query_ || filters_ != computed_filters_ || sort_column_ != computed_sort_ ||
        sort_descending_ != computed_descending_ || restrict_changed_)
      recompute(t);
    // a row is 44 CSS px on a tablet (36 on a desktop), and the whole row is the tap target:
    // the selectable spans the row's height inside the cell padding
    const float row_total = (cx.touch ? 44.0f : 36.0f) * cx.dpr;
    const float row_h = std::max(ImGui::GetTextLineHeight(), row_total - ImGui::GetStyle().CellPadding.y * 2);
    ImGuiListClipper clipper;  // only the visible rows are drawn
    clipper.Begin(static_cast<int>(order_.size()));
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const std::uint32_t r = order_[static_cast<std::size_t>(i)];
        const auto& row = t.rows[r];
        ImGui::TableNextRow(0, row_total);
        ImGui::TableSetColumnIndex(0);
        ImGui::PushID(i);
        const bool selected = t.keys[r] != kNoKey && t.keys[r] == selected_;
        if (ImGui::Selectable("##row", selected, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowOverlap, ImVec2(0, row_h))) {
          selected_ = t.keys[r];
          clicked = t.keys[r];
        }
        std::string label;
        for (const auto& cell : row) {
          if (!label.empty()) label.push_back(' ');
          label += cell;
        }
        automation::annotate_last("row", label);
        ImGui::PopID();
        for (int c = 0; c < ncols; ++c) {
          if (c > 0) ImGui::TableSetColumnIndex(c);
          else ImGui::SameLine(0, 0);
          const std::string& cell = row[static_cast<std::size_t>(c)];
          if (t.columns[static_cast<std::size_t>(c)].numeric && c > 0) {
            const float w = ImGui::CalcTextSize(cell.c_str()).x;
            ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, ImGui::GetContentRegionAvail().x - w));
          }
          ImGui::TextUnformatted(cell.c_str());
        }
      }
    }
    ImGui::EndTable();
  }
  ImGui::PopID();
  return clicked;
}

// ---- export ---------------------------------------------------------------------------------

TextTable TableView::shown(const TextTable& t) const {
  TextTable out;
  out.columns = t.columns;
  for (std::uint32_t r : order_)
    if (r < t.rows.size()) out.add_row(t.keys[r], t.rows[r]);
  return out;
}

void save_csv(const ViewContext& cx, const std::string& stem, const TextTable& t) {
  std::string day = cx.today.iso();
  std::erase(day, '-');
  cx.save_file(stem + "-" + day + ".csv", to_csv(t));
}

}  // namespace hearth::ui
