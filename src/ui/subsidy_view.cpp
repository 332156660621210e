// Index of this file
// - show / rebuild: navigation in; the chosen list from the core, rebuilt only when the state,
//   the year, the subsidy or the language changes
// - draw: year and subsidy choices, what the rule is, the list, totals of what is shown, export
#include "subsidy_view.hpp"

#include <algorithm>

#include "automation.hpp"
#include "imgui.h"
#include "state.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace hearth::ui {

namespace {
const char* kind_key(SubsidyKind k) {
  switch (k) {
    case SubsidyKind::Training: return "subsidies.kind.training";
    case SubsidyKind::SocialInsurance: return "subsidies.kind.social_insurance";
    case SubsidyKind::JobRetention: break;
  }
  return "subsidies.kind.job_retention";
}
const char* about_key(SubsidyKind k) {
  switch (k) {
    case SubsidyKind::Training: return "subsidies.about.training";
    case SubsidyKind::SocialInsurance: return "subsidies.about.social_insurance";
    case SubsidyKind::JobRetention: break;
  }
  return "subsidies.about.job_retention";
}
const char* stem_key(SubsidyKind k) {
  switch (k) {
    case SubsidyKind::Training: return "subsidies.export_stem.training";
    case SubsidyKind::SocialInsurance: return "subsidies.export_stem.social_insurance";
    case SubsidyKind::JobRetention: break;
  }
  return "subsidies.export_stem.job_retention";
}
// A choice among a few, as a row of buttons: the chosen one filled.
bool choice_button(const std::string& label, bool chosen) {
  return chosen ? primary_button(label.c_str()) : secondary_button(label.c_str());
}
}  // namespace

// ---- navigation and the list --------------------------------------------------------------

void SubsidyView::show(const NavigationRequest& r) {
  if (!r.list.empty()) view_of(kind_).restrict_to(r.list, r.list_title);
}

void SubsidyView::rebuild(const ViewContext& cx) {
  const State& st = cx.session.state();
  if (st.revision() == built_revision_ && cx.i18n.language() == built_language_ && year_ == built_year_ && kind_ == built_kind_) return;
  // filters hold display text: a new language starts the lists afresh
  if (cx.i18n.language() != built_language_ && !built_language_.empty())
    for (auto& v : views_) v = TableView{};
  // on screen ID numbers are always masked (text_table.hpp); the export rebuilds with full ones
  list_ = subsidy_list(kind_, st, year_, ProgrammeConfig::builtin(), cx.i18n.catalog(), cx.i18n.english(), false);
  built_revision_ = st.revision();
  built_language_ = cx.i18n.language();
  built_year_ = year_;
  built_kind_ = kind_;
  ++table_revision_;
}

// ---- the screen ---------------------------------------------------------------------------

void SubsidyView::draw(ViewContext& cx) {
  if (!cx.ready()) return;
  const I18n& i18n = cx.i18n;
  const ProgrammeConfig& config = ProgrammeConfig::builtin();
  const std::int32_t first = config.start.year, last = config.end.year;
  if (year_ == 0) year_ = std::clamp(static_cast<std::int32_t>(cx.today.year), first, last);

  muted_text(i18n.tr("subsidies.not_paid"));

  // the year, then the subsidy
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(i18n.tr("subsidies.year"));
  for (std::int32_t y = first; y <= last; ++y) {
    ImGui::SameLine();
    if (choice_button(i18n.trf("subsidies.year_item", {std::to_string(y)}) + "###year" + std::to_string(y), y == year_)) year_ = y;
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(i18n.tr("subsidies.kind"));
  for (SubsidyKind k : {SubsidyKind::Training, SubsidyKind::SocialInsurance, SubsidyKind::JobRetention}) {
    const std::string label = std::string(i18n.tr(kind_key(k))) + "###kind" + std::to_string(static_cast<int>(k));
    ImGui::SameLine();
    if (choice_button(label, k == kind_)) kind_ = k;
  }
  rebuild(cx);
  muted_text(i18n.trf("subsidies.about_with_hint", {i18n.tr(about_key(kind_)), i18n.tr("subsidies.open_hint")}).c_str());

  // totals of the lines shown (search and filters applied, as the table last drew them), export
  TableView& tv = view_of(kind_);
  const SubsidyTotals totals = subsidy_totals(list_, tv.order());
  const std::string total_text =
      list_.amount_column >= 0 ? i18n.trf("subsidies.totals", {std::to_string(totals.lines), std::to_string(totals.eligible), yuan_text(totals.amount_fen)})
                               : i18n.trf("subsidies.totals_no_amount", {std::to_string(totals.lines), std::to_string(totals.eligible)});
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(total_text.c_str());
  automation::text_last("total", total_text);
  ImGui::SameLine();
  const std::string export_label = std::string(i18n.tr("table.export")) + "###export-subsidy";
  if (secondary_button(export_label.c_str(), list_.table.size() > 0)) {
    const std::string stem = std::string(i18n.tr(stem_key(kind_))) + "-" + std::to_string(year_);
    const bool full = may_see_resident_ids(cx.role()) && kind_ != SubsidyKind::JobRetention;
    if (full) {
      const SubsidyList with_ids = subsidy_list(kind_, cx.session.state(), year_, config, i18n.catalog(), i18n.english(), true);
      save_csv(cx, stem, tv.shown(with_ids.table));
    } else {
      save_csv(cx, stem, tv.shown(list_.table));
    }
  }
  if (kind_ != SubsidyKind::JobRetention) {
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
    ImGui::TextUnformatted(i18n.tr(may_see_resident_ids(cx.role()) ? "subsidies.ids_full" : "subsidies.ids_masked"));
    ImGui::PopStyleColor();
  }

  // the list fills the rest; a line opens its worker or enterprise
  const Key clicked = tv.draw(kind_key(kind_), list_.screen, table_revision_, cx);
  if (clicked != kNoKey) cx.navigate({kind_ == SubsidyKind::Training ? Area::Workers : Area::Enterprises, clicked, {}, {}});
}

}  // namespace hearth::ui
