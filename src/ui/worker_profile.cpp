// Index of this file
// 1. Shared pieces: record_table, verdict_panel, detail_grid, back_button
// 2. The worker form's fields (register and edit)
// 3. The profile: rebuild (derived tables), draw (sections in reading order), edit
#include "worker_profile.hpp"

#include <algorithm>

#include "automation.hpp"
#include "history_panel.hpp"
#include "imgui.h"
#include "register_tables.hpp"
#include "resident_id.hpp"
#include "state.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace hearth::ui {

// ---- 1. Shared pieces ---------------------------------------------------------------------------

Key record_table(const char* id, const TextTable& t, const ViewContext& cx, const char* empty, Key selected) {
  if (t.size() == 0) {
    muted_text(empty);
    return kNoKey;
  }
  Key clicked = kNoKey;
  const int ncols = static_cast<int>(t.columns.size());
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp |
                                ImGuiTableFlags_PadOuterX;
  if (!ImGui::BeginTable(id, ncols, flags)) return kNoKey;
  for (const auto& c : t.columns) ImGui::TableSetupColumn(c.header.c_str());
  ImGui::TableHeadersRow();
  const float row_h = ImGui::GetTextLineHeight() + (cx.touch ? 26.0f : 8.0f) * cx.dpr - ImGui::GetStyle().CellPadding.y * 2;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    ImGui::TableNextRow(0, row_h);
    ImGui::TableSetColumnIndex(0);
    ImGui::PushID(static_cast<int>(r));
    if (ImGui::Selectable("##row", t.keys[r] != kNoKey && t.keys[r] == selected,
                          ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowOverlap, ImVec2(0, row_h)))
      clicked = t.keys[r];
    std::string label;
    for (const auto& cell : row) label += (label.empty() ? "" : " ") + cell;
    automation::annotate_last("row", label);
    ImGui::PopID();
    for (int c = 0; c < ncols; ++c) {
      if (c > 0) ImGui::TableSetColumnIndex(c);
      else ImGui::SameLine(0, 0);
      ImGui::TextWrapped("%s", row[static_cast<std::size_t>(c)].c_str());
    }
  }
  ImGui::EndTable();
  return clicked;
}

void verdict_panel(const char* id, const Verdict& v, const ViewContext& cx, std::size_t max_evidence) {
  const I18n& i18n = cx.i18n;
  const State& st = cx.session.state();
  ImGui::PushID(id);
  const float mark_w = std::max(ImGui::CalcTextSize(i18n.tr("registers.criterion.held")).x,
                                ImGui::CalcTextSize(i18n.tr("registers.criterion.failed")).x) +
                       12.0f * cx.dpr;
  const float x0 = ImGui::GetCursorPosX();
  for (std::size_t i = 0; i < v.criteria.size(); ++i) {
    const Criterion& k = v.criteria[i];
    const std::string text = criterion_text(k, i18n.catalog());
    ImGui::PushStyleColor(ImGuiCol_Text, k.held ? palette().success : palette().error);
    ImGui::TextUnformatted(i18n.tr(k.held ? "registers.criterion.held" : "registers.criterion.failed"));
    ImGui::PopStyleColor();
    ImGui::SameLine(x0 + mark_w);
    ImGui::TextWrapped("%s", text.c_str());
    automation::text_last(k.held ? "criterion_held" : "criterion_failed", text);
    if (k.evidence.empty()) continue;
    // what shows it: the records that break it when it failed, those that prove it when it held
    ImGui::Indent(mark_w);
    ImGui::PushStyleColor(ImGuiCol_Text, k.held ? palette().muted : palette().text);
    ImGui::TextUnformatted(i18n.tr(k.held ? "registers.evidence.held_by" : "registers.evidence.failed_by"));
    ImGui::PopStyleColor();
    // a failed criterion names what breaks it; a held one needs only a few examples
    const std::size_t shown = std::min(k.held ? std::min<std::size_t>(3, max_evidence) : max_evidence, k.evidence.size());
    for (std::size_t e = 0; e < shown; ++e) {
      const std::string line = "· " + describe_record(st, k.evidence[e], i18n.catalog());
      ImGui::PushStyleColor(ImGuiCol_Text, k.held ? palette().muted : palette().text);
      ImGui::TextWrapped("%s", line.c_str());
      ImGui::PopStyleColor();
      automation::text_last(k.held ? "evidence_held" : "evidence_failed", line);
    }
    if (shown < k.evidence.size()) muted_text(i18n.trf("registers.evidence.more", {std::to_string(k.evidence.size() - shown)}).c_str());
    ImGui::Unindent(mark_w);
    ImGui::Spacing();
  }
  ImGui::PopID();
}

void detail_grid(const char* id, const std::vector<std::pair<std::string, std::string>>& rows, const ViewContext& cx) {
  const int pairs = ImGui::GetContentRegionAvail().x / cx.dpr >= 700.0f ? 2 : 1;
  if (!ImGui::BeginTable(id, pairs * 2, ImGuiTableFlags_SizingStretchProp)) return;
  for (int p = 0; p < pairs; ++p) {
    ImGui::TableSetupColumn("##k", ImGuiTableColumnFlags_WidthStretch, 0.6f);
    ImGui::TableSetupColumn("##v", ImGuiTableColumnFlags_WidthStretch, 1.4f);
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i % static_cast<std::size_t>(pairs) == 0) ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
    ImGui::TextWrapped("%s", rows[i].first.c_str());
    ImGui::PopStyleColor();
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", rows[i].second.c_str());
    automation::text_last("detail", rows[i].first + " " + rows[i].second);
  }
  ImGui::EndTable();
}

bool back_button(const char* label) { return secondary_button((std::string(label) + "###back").c_str()); }

// ---- 2. The worker form -------------------------------------------------------------------------

void worker_form_fields(RegisterWorker& f, FormSave& save, const ViewContext& cx, bool with_resident_id, bool focus_name, bool* enter) {
  const I18n& i18n = cx.i18n;
  bool e = false;
  *enter = false;
  if (text_field("name", i18n.tr("workers.field.name"), f.name, i18n.tr("workers.hint.name"), save.at("name"), i18n, &e, focus_name))
    save.forget("name");
  *enter |= e;
  if (with_resident_id) {
    if (text_field("resident_id", i18n.tr("workers.field.resident_id"), f.resident_id, i18n.tr("workers.hint.resident_id"),
                   save.at("resident_id"), i18n, &e))
      save.forget("resident_id");
    *enter |= e;
  }
  if (text_field("mobile", i18n.tr("workers.field.mobile"), f.mobile, i18n.tr("workers.hint.mobile"), save.at("mobile"), i18n, &e))
    save.forget("mobile");
  *enter |= e;
  if (township_field("township", i18n.tr("workers.field.township"), f.township, save.at("township"), i18n)) save.forget("township");
}

void worker_form_extra(RegisterWorker& f, FormSave& save, const ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  if (choice_field("occupation", i18n.tr("workers.field.occupation"), f.occupation, terms_occupation(), save.at("occupation"), i18n))
    save.forget("occupation");
  if (choice_field("skill", i18n.tr("workers.field.skill"), f.skill, terms_skill_level(), save.at("skill"), i18n)) save.forget("skill");
  if (text_field("skill_certificate", i18n.tr("workers.field.skill_certificate"), f.skill_certificate,
                 i18n.tr("workers.hint.skill_certificate"), save.at("skill_certificate"), i18n))
    save.forget("skill_certificate");
  if (flags_field("special_groups", i18n.tr("workers.field.special_groups"), f.special_groups, terms_special_group(),
                  save.at("special_groups"), i18n))
    save.forget("special_groups");
  if (flags_field("awards", i18n.tr("workers.field.awards"), f.awards, terms_award(), save.at("awards"), i18n)) save.forget("awards");
  if (choice_field("own_insurance", i18n.tr("workers.field.own_insurance"), f.own_insurance, terms_social_insurance(),
                   save.at("own_insurance"), i18n))
    save.forget("own_insurance");
  if (text_field("community", i18n.tr("workers.field.community"), f.community, i18n.tr("workers.hint.community"), save.at("community"),
                 i18n))
    save.forget("community");
  ImGui::Spacing();
  check_field("union_member", i18n.tr("workers.field.union_member"), f.union_member);
}

// ---- 2b. The card's conditions: identity verified, a health check ------------------------------
// What an official records so that a worker meets the 持证上门 conditions (rules.hpp
// licence_eligibility): each a small form that opens under the verdict.
void WorkerProfile::draw_conditions(ViewContext& cx, Key worker) {
  const I18n& i18n = cx.i18n;
  const State& st = cx.session.state();
  const bool editable = cx.editable();
  if (identity_save_.poll(cx.session, i18n) == FormSave::Outcome::Saved) {
    identity_save_.set_saved(i18n.tr("workers.identity.saved"));
    identity_open_ = false;
  }
  if (health_save_.poll(cx.session, i18n) == FormSave::Outcome::Saved) {
    health_save_.set_saved(i18n.tr("workers.health.saved"));
    health_form_ = {};
    health_open_ = false;
  }
  if (secondary_button((std::string(i18n.tr("workers.identity.open")) + "###identity-open").c_str(), editable)) {
    identity_open_ = !identity_open_;
    health_open_ = false;
  }
  ImGui::SameLine();
  if (secondary_button((std::string(i18n.tr("workers.health.open")) + "###health-open").c_str(), editable)) {
    health_open_ = !health_open_;
    identity_open_ = false;
  }
  if (identity_open_) {
    if (identity_form_.date.empty()) identity_form_.date = cx.today.iso();
    ImGui::BeginDisabled(!editable);
    if (date_field("identity-date", i18n.tr("workers.identity.date"), identity_form_.date, identity_save_.at("date"), i18n))
      identity_save_.forget("date");
    if (choice_field("identity-method", i18n.tr("workers.identity.method"), identity_form_.method, terms_identity_method(),
                     identity_save_.at("method"), i18n))
      identity_save_.forget("method");
    ImGui::EndDisabled();
    if (primary_button((std::string(i18n.tr("workers.identity.save")) + "###identity-save").c_str(), editable && !identity_save_.pending())) {
      VerifyIdentity cmd = identity_form_;
      cmd.worker = st.record_id(worker);
      identity_save_.submit(cx.session, cmd);
    }
  }
  form_status(identity_save_, cx.session, i18n);
  if (health_open_) {
    if (health_form_.date.empty()) health_form_.date = cx.today.iso();
    ImGui::BeginDisabled(!editable);
    if (date_field("health-date", i18n.tr("workers.health.date"), health_form_.date, health_save_.at("date"), i18n)) health_save_.forget("date");
    if (text_field("health-institution", i18n.tr("workers.health.institution"), health_form_.institution, i18n.tr("workers.health.institution_hint"),
                   health_save_.at("institution"), i18n))
      health_save_.forget("institution");
    if (choice_field("health-category", i18n.tr("workers.health.category"), health_form_.category, terms_health_category(),
                     health_save_.at("category"), i18n))
      health_save_.forget("category");
    if (flags_field("health-items", i18n.tr("workers.health.items"), health_form_.items, terms_health_item(), health_save_.at("items"), i18n))
      health_save_.forget("items");
    if (text_field("health-until", i18n.tr("workers.health.valid_until"), health_form_.valid_until, i18n.tr("workers.health.valid_until_hint"),
                   health_save_.at("valid_until"), i18n))
      health_save_.forget("valid_until");
    ImGui::Spacing();
    check_field("health-fit", i18n.tr("workers.health.fit"), health_form_.fit);
    ImGui::EndDisabled();
    if (primary_button((std::string(i18n.tr("workers.health.save")) + "###health-save").c_str(), editable && !health_save_.pending())) {
      RecordHealthCheck cmd = health_form_;
      cmd.worker = st.record_id(worker);
      health_save_.submit(cx.session, cmd);
    }
  }
  form_status(health_save_, cx.session, i18n);
}

// ---- 3. The profile -----------------------------------------------------------------------------

void WorkerProfile::rebuild(const ViewContext& cx, Key worker) {
  const State& st = cx.session.state();
  const Catalog& c = cx.i18n.catalog();
  const ProgrammeConfig& config = ProgrammeConfig::builtin();
  const bool ids = may_see_resident_ids(cx.role());
  employment_ = worker_employment_table(st, worker, cx.today, c);
  training_ = worker_training_table(st, worker, c);
  health_ = worker_health_table(st, worker, cx.today, c);
  contracts_ = worker_contracts_table(st, worker, cx.today, c, ids);
  complaints_ = worker_complaints_table(st, worker, c);
  licence_ = licence_eligibility(st, worker, cx.today, config);
  credit_ = rate_credit(st, worker, cx.today, config);
  credit_lines_ = credit_lines_table(st, credit_, c);
  built_for_ = worker;
  built_revision_ = st.revision();
  built_language_ = cx.i18n.language();
  built_day_ = cx.today;
}

bool WorkerProfile::draw(ViewContext& cx, Key worker) {
  const I18n& i18n = cx.i18n;
  const State& st = cx.session.state();
  const Worker* w = st.workers().find(worker);
  if (back_button(i18n.tr("workers.profile.back"))) {
    editing_ = false;
    return false;
  }
  if (!w) {
    message("notice", i18n.tr("workers.profile.missing"));
    return true;
  }
  if (worker != built_for_ || st.revision() != built_revision_ || i18n.language() != built_language_ || cx.today != built_day_) {
    if (worker != built_for_) editing_ = false;
    rebuild(cx, worker);
  }
  const Catalog& c = i18n.catalog();

  ImGui::PushFont(nullptr, kBaseFontSize * 1.25f);
  ImGui::TextUnformatted(w->name().c_str());
  ImGui::PopFont();
  automation::text_last("profile", w->name());
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("%s", ResidentId::mask(w->resident_id).c_str());
  if (st.is_duplicate(*w)) message("notice", i18n.tr("workers.profile.duplicate"));

  // details
  const auto& d = w->details;
  std::string skill = term_text(c, terms_skill_level(), static_cast<std::uint8_t>(d.skill));
  if (!d.skill_certificate.empty()) skill += "（" + d.skill_certificate + "）";
  detail_grid("details",
              {{i18n.tr("workers.profile.sex"), i18n.tr(w->female ? "workers.profile.female" : "workers.profile.male")},
               {i18n.tr("workers.profile.birth"),
                i18n.trf("workers.profile.birth_age", {w->birth_date.iso(), std::to_string(w->birth_date.years_until(cx.today))})},
               {i18n.tr("workers.field.mobile"), d.mobile},
               {i18n.tr("workers.field.township"), township_text(c, d.township)},
               {i18n.tr("workers.field.occupation"), term_text(c, terms_occupation(), static_cast<std::uint8_t>(d.occupation))},
               {i18n.tr("workers.field.skill"), skill},
               {i18n.tr("workers.field.special_groups"), term_set_text(c, terms_special_group(), d.special_groups)},
               {i18n.tr("workers.field.awards"), term_set_text(c, terms_award(), d.awards)},
               {i18n.tr("workers.field.union_member"), i18n.tr(d.union_member ? "registers.yes" : "registers.no")},
               {i18n.tr("workers.field.own_insurance"), term_text(c, terms_social_insurance(), static_cast<std::uint8_t>(d.own_insurance))},
               {i18n.tr("workers.field.community"), d.community.empty() ? "—" : d.community},
               {i18n.tr("workers.col.registered"), local_time(w->registered.wall_ms)}},
              cx);
  if (!editing_) {
    if (secondary_button((std::string(i18n.tr("workers.profile.edit")) + "###edit").c_str(), cx.editable())) {
      editing_ = true;
      edit_form_ = RegisterWorker{d.name, w->resident_id, d.mobile, d.township, d.occupation, d.skill, d.skill_certificate,
                                  d.special_groups, d.awards, d.union_member != 0, d.own_insurance, d.community};
      edit_save_.clear();
    }
  } else {
    draw_edit(cx, *w);
  }
  if (!edit_save_.saved().empty() && !editing_) message("success", edit_save_.saved());

  // licence: the card, and why the worker may (not) have one today
  section_heading(i18n.tr("workers.profile.licence"));
  if (const ServiceLicence* l = st.licence_of(worker)) {
    message(l->valid_on(cx.today) ? "success" : "notice",
            i18n.trf(l->valid_on(cx.today) ? "workers.profile.licence_valid" : "workers.profile.licence_expired",
                     {l->number, l->issued.iso(), l->expires.iso()}));
  } else {
    muted_text(i18n.tr("workers.profile.licence_none"));
  }
  muted_text(i18n.trf("workers.profile.eligibility", {cx.today.iso()}).c_str());
  verdict_panel("licence", licence_, cx);
  {
    // the district office issues (or renews) the card when every condition holds today
    if (issue_save_.poll(cx.session, i18n) == FormSave::Outcome::Saved)
      if (const ServiceLicence* l = st.licence_of(worker)) issue_save_.set_saved(i18n.trf("cards.status.issued", {l->number, l->expires.iso()}));
    const ServiceLicence* l = st.licence_of(worker);
    const bool current = l && l->valid_on(cx.today) && !st.revocation_of_licence(l->key);
    const bool may_issue = cx.role() == DeviceRole::District && licence_.held() && !current;
    if (may_issue) {
      const std::string label = std::string(i18n.tr(l ? "cards.action.renew" : "cards.action.issue")) + "###issue-card";
      if (primary_button(label.c_str(), cx.editable() && !issue_save_.pending()))
        issue_save_.submit(cx.session, IssueLicence{st.record_id(worker), cx.today.iso()});
    }
    if (l) {
      if (may_issue) ImGui::SameLine();
      if (secondary_button((std::string(i18n.tr("cards.action.show")) + "###show-card").c_str()))
        cx.navigate({Area::Cards, worker, {}, {}});
    }
    form_status(issue_save_, cx.session, i18n);
    draw_conditions(cx, worker);
  }

  section_heading(i18n.tr("workers.profile.employment"));
  const Key spell = record_table("employment", employment_, cx, i18n.tr("workers.profile.none"));
  if (spell != kNoKey)
    if (const EmploymentSpell* sp = st.spells().find(spell)) cx.navigate({Area::Enterprises, sp->enterprise, {}, {}});

  section_heading(i18n.tr("workers.profile.training"));
  record_table("training", training_, cx, i18n.tr("workers.profile.none"));

  section_heading(i18n.tr("workers.profile.health"));
  record_table("health", health_, cx, i18n.tr("workers.profile.none"));

  section_heading(i18n.tr("workers.profile.contracts"));
  const Key contract = record_table("contracts", contracts_, cx, i18n.tr("workers.profile.none"));
  if (contract != kNoKey) cx.navigate({Area::Contracts, contract, {}, {}});

  section_heading(i18n.tr("workers.profile.complaints"));
  const Key complaint = record_table("complaints", complaints_, cx, i18n.tr("workers.profile.none"));
  if (complaint != kNoKey) cx.navigate({Area::Supervision, complaint, {}, {}});

  section_heading(i18n.tr("workers.profile.credit"));
  const std::string grade = i18n.trf("workers.profile.credit_grade", {std::string(1, credit_.grade), std::to_string(credit_.score),
                                                                       credit_.next_inspection.iso()});
  message(credit_.joint_punishment ? "error" : "status", grade);
  if (credit_.joint_punishment) message("error", i18n.tr("workers.profile.joint_punishment"));
  record_table("credit", credit_lines_, cx, i18n.tr("workers.profile.credit_none"));

  history_panel(cx, worker, true);
  return true;
}

void WorkerProfile::draw_edit(ViewContext& cx, const Worker& w) {
  const I18n& i18n = cx.i18n;
  switch (edit_save_.poll(cx.session, i18n)) {
    case FormSave::Outcome::Saved:
      editing_ = false;
      edit_save_.set_saved(i18n.trf("workers.status.saved", {edit_form_.name}));
      return;
    default: break;
  }
  section_heading(i18n.tr("workers.profile.edit_title"));
  const ImGuiChildFlags panel = ImGuiChildFlags_Borders | ImGuiChildFlags_AlwaysUseWindowPadding | ImGuiChildFlags_AutoResizeY;
  if (ImGui::BeginChild("edit", ImVec2(std::min(ImGui::GetContentRegionAvail().x, 640.0f * cx.dpr), 0), panel)) {
    ImGui::BeginDisabled(!cx.editable());
    bool enter = false;
    worker_form_fields(edit_form_, edit_save_, cx, false, false, &enter);
    worker_form_extra(edit_form_, edit_save_, cx);
    ImGui::EndDisabled();
    ImGui::Spacing();
    const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    const bool save = primary_button((std::string(i18n.tr("workers.profile.save")) + "###save").c_str(), cx.editable() && !edit_save_.pending(), half);
    ImGui::SameLine();
    if (secondary_button((std::string(i18n.tr("workers.profile.cancel")) + "###cancel").c_str(), true, half)) {
      editing_ = false;
      edit_save_.clear();
    }
    if ((save || enter) && cx.editable() && !edit_save_.pending())
      edit_save_.submit(cx.session, EditWorker{cx.session.state().record_id(w.key), edit_form_});
    form_status(edit_save_, cx.session, i18n);
  }
  ImGui::EndChild();
}

}  // namespace hearth::ui
