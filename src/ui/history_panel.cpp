#include "history_panel.hpp"

#include <cstdio>

#include "automation.hpp"
#include "imgui.h"
#include "state.hpp"
#include "widgets.hpp"

namespace hearth::ui {

std::string who_wrote(const ViewContext& cx, Key event) {
  const State& st = cx.session.state();
  const DeviceId device = st.record_id(event).device;
  if (device == cx.session.workspace().ledger().device()) return cx.i18n.tr("history.this_device");
  if (const EnrolledDevice* d = st.enrolment_of(device)) return d->label;
  return device_hex(device).substr(0, 8);
}

std::string local_time(std::int64_t unix_ms) {
  constexpr std::int64_t kEast8 = 8LL * 3600 * 1000;
  const std::int64_t local = unix_ms + kEast8;
  const Date d = Date::from_unix_ms(unix_ms);  // already the district's date
  const std::int64_t minute_of_day = ((local % 86400000 + 86400000) % 86400000) / 60000;
  char hm[8];
  std::snprintf(hm, sizeof hm, "%02d:%02d", static_cast<int>(minute_of_day / 60), static_cast<int>(minute_of_day % 60));
  return d.iso() + " " + hm;
}

namespace {
std::string term_set_text(std::span<const Term> terms, std::uint32_t set, const I18n& i18n) {
  std::string out;
  for (const Term& t : terms)
    if (set & (1u << t.value)) {
      if (!out.empty()) out += i18n.english() ? ", " : "、";
      out += i18n.tr(std::string(t.key).c_str());
    }
  return out.empty() ? std::string(i18n.tr("history.none")) : out;
}
std::string term_text(std::span<const Term> terms, std::uint32_t v, const I18n& i18n) {
  const auto k = term_key(terms, static_cast<std::uint8_t>(v));
  return k.empty() ? std::to_string(v) : std::string(i18n.tr(std::string(k).c_str()));
}
}  // namespace

std::string field_value_text(bool worker, std::uint16_t field, const std::string& value, const I18n& i18n) {
  std::uint32_t n = 0;
  for (char c : value) n = c >= '0' && c <= '9' ? n * 10 + static_cast<std::uint32_t>(c - '0') : n;
  if (worker) {
    switch (static_cast<WorkerField>(field)) {
      case WorkerField::Township: return i18n.township(n);
      case WorkerField::Occupation: return term_text(terms_occupation(), n, i18n);
      case WorkerField::Skill: return term_text(terms_skill_level(), n, i18n);
      case WorkerField::SpecialGroups: return term_set_text(terms_special_group(), n, i18n);
      case WorkerField::Awards: return term_set_text(terms_award(), n, i18n);
      case WorkerField::UnionMember: return i18n.tr(n ? "history.yes" : "history.no");
      case WorkerField::OwnInsurance: return term_text(terms_social_insurance(), n, i18n);
      default: return value;
    }
  }
  switch (static_cast<EnterpriseField>(field)) {
    case EnterpriseField::Township: return i18n.township(n);
    case EnterpriseField::Services: return term_set_text(terms_service_kind(), n, i18n);
    case EnterpriseField::Flags: return term_set_text(terms_enterprise_flag(), n, i18n);
    default: return value;
  }
}

void history_panel(const ViewContext& cx, Key record, bool worker) {
  const I18n& i18n = cx.i18n;
  section_heading(i18n.tr("history.title"));
  const auto entries = cx.session.state().history(record);
  if (entries.empty()) {
    muted_text(i18n.tr("history.empty"));
    return;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("history", 5, flags)) return;
  ImGui::TableSetupColumn(i18n.tr("history.col.when"), 0, 1.2f);
  ImGui::TableSetupColumn(i18n.tr("history.col.who"), 0, 1.0f);
  ImGui::TableSetupColumn(i18n.tr("history.col.field"), 0, 1.0f);
  ImGui::TableSetupColumn(i18n.tr("history.col.old"), 0, 1.4f);
  ImGui::TableSetupColumn(i18n.tr("history.col.new"), 0, 1.4f);
  ImGui::TableHeadersRow();
  const State& st = cx.session.state();
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    const HistoryEntry& h = *it;
    const std::string field = i18n.tr(((worker ? "field.worker." : "field.enterprise.") + std::to_string(h.field)).c_str());
    const std::string old_text = h.old_value.empty() ? std::string("—") : field_value_text(worker, h.field, h.old_value, i18n);
    std::string new_text = field_value_text(worker, h.field, h.new_value, i18n);
    if (!h.in_force) new_text += "  " + std::string(i18n.tr("history.overridden"));
    const std::string when = local_time(h.stamp.wall_ms), who = who_wrote(cx, st.key_of(h.by));
    ImGui::TableNextRow();
    const std::string cells[] = {when, who, field, old_text, new_text};
    for (int c = 0; c < 5; ++c) {
      ImGui::TableSetColumnIndex(c);
      ImGui::TextWrapped("%s", cells[c].c_str());
    }
    automation::text_last("history", when + " " + who + " " + field + " " + old_text + " → " + new_text);
  }
  ImGui::EndTable();
}

}  // namespace hearth::ui

