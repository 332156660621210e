// 补贴: each subsidy's eligibility list for a year (training, social insurance, 稳岗返还), with
// the evidence per line, totals of what is shown, and CSV export (subsidy_tables.hpp builds
// the lists; full ID numbers only in the district office's export).
#pragma once
#include <cstdint>
#include <string>

#include "subsidy_tables.hpp"
#include "table_view.hpp"
#include "view.hpp"

namespace hearth::ui {

class SubsidyView {
 public:
  void draw(ViewContext& cx);
  // Another view sent the person here (the records behind a figure are shown in the current list).
  void show(const NavigationRequest& r);

 private:
  void rebuild(const ViewContext& cx);
  TableView& view_of(SubsidyKind k) { return views_[static_cast<std::size_t>(k)]; }

  std::int32_t year_ = 0;  // 0: not chosen yet (the programme's last year up to today)
  SubsidyKind kind_ = SubsidyKind::Training;
  SubsidyList list_;
  std::uint64_t built_revision_ = ~std::uint64_t{0};
  std::string built_language_;
  std::int32_t built_year_ = 0;
  SubsidyKind built_kind_ = SubsidyKind::Training;
  std::uint64_t table_revision_ = 0;
  TableView views_[3];  // one per subsidy, so each keeps its own search and filters
};

}  // namespace hearth::ui
