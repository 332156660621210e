// Index of this file
// - helpers: two-column layout, headings, the tables' rebuild
// - draw / show: the five sub-tabs, and arriving from another view
// - 1. complaints: intake form, register, a complaint's page (mediation, closing with the credit
//      consequence shown before it is confirmed)
// - 2. credit: the register and one grade explained, recording a credit event
// - 3. joint-punishment list (联合惩戒)
// - 4. assessments and the inspection calendar
// - 5. expiring health checks and licences
#include "supervision_view.hpp"

#include <algorithm>

#include "automation.hpp"
#include "imgui.h"
#include "imgui_stdlib.h"
#include "state.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace hearth::ui {

using namespace supervision;

// ---- helpers --------------------------------------------------------------------------------
namespace {
constexpr ImGuiChildFlags kPanel = ImGuiChildFlags_Borders | ImGuiChildFlags_AlwaysUseWindowPadding;

std::string with_id(const char* text, const char* id) { return std::string(text) + "###" + id; }

// Two panels side by side when there is room (≥ 900 CSS px), else stacked; returns whether wide.
bool wide_layout(const ViewContext& cx) { return ImGui::GetContentRegionAvail().x / cx.dpr >= 900.0f; }

const ProgrammeConfig& config_of(const ViewContext& cx) { return cx.session.workspace().config(); }

Wording wording(const ViewContext& cx) { return Wording{cx.i18n.catalog(), cx.i18n.english()}; }

// A line of text a test or a person reads, published for automation with `role`.
void say(const char* role, const std::string& text) {
  ImGui::TextWrapped("%s", text.c_str());
  automation::text_last(role, text);
}

// Where a credit line's record lives: a complaint opens here, anything else the subject's profile.
void open_record(ViewContext& cx, Key record, Key subject, bool worker, SupervisionView& self) {
  if (cx.session.state().complaints().find(record)) {
    self.show(NavigationRequest{Area::Supervision, record, {}, {}});
    return;
  }
  cx.navigate(NavigationRequest{worker ? Area::Workers : Area::Enterprises, subject, {}, {}});
}

// A level for a credit event of `kind`, as a choice: stars, or the rule's wording.
bool level_field(const char* label, CreditKind kind, int& level, const Problem* problem, const I18n& i18n) {
  ImGui::PushID("level");
  ImGui::TextUnformatted(label);
  int lo = 1, hi = 3;
  if (kind == CreditKind::Evaluation) hi = 5;
  if (kind == CreditKind::BackgroundVerified) lo = hi = 0;
  level = std::clamp(level, lo, hi);
  auto text = [&](int v) -> std::string {
    switch (kind) {
      case CreditKind::Evaluation: return i18n.trf("supervision.level.stars", {std::to_string(v)});
      case CreditKind::Violation: return i18n.tr(("rule.credit.violation_" + std::to_string(v)).c_str());
      case CreditKind::Commendation: return i18n.tr(("rule.credit.commendation_" + std::to_string(v)).c_str());
      case CreditKind::BackgroundVerified: return i18n.tr("rule.credit.background_verified");
    }
    return std::to_string(v);
  };
  ImGui::SetNextItemWidth(-FLT_MIN);
  bool changed = false;
  const std::string current = text(level);
  const bool open = ImGui::BeginCombo("##level", current.c_str());
  automation::annotate_last("combo", label, current);
  if (open) {
    for (int v = lo; v <= hi; ++v) {
      if (ImGui::Selectable(text(v).c_str(), v == level, 0, ImVec2(0, ImGui::GetFrameHeight()))) level = v, changed = true;
      automation::annotate_last("option");
    }
    ImGui::EndCombo();
  }
  field_problem(problem, i18n, "level");
  ImGui::PopID();
  return changed;
}
}  // namespace

void SupervisionView::refresh(const ViewContext& cx) {
  const State& s = cx.session.state();
  if (s.revision() == built_revision_ && cx.i18n.language() == built_language_ && cx.today == built_day_) return;
  built_revision_ = s.revision();
  built_language_ = cx.i18n.language();
  built_day_ = cx.today;
  ++table_revision_;
  const Wording w = wording(cx);
  const ProgrammeConfig& c = config_of(cx);
  credit_rows_ = credit_rows(s, cx.today, c);
  complaints_ = complaints_table(s, w);
  credit_ = credit_table(s, credit_rows_, w);
  joint_ = joint_punishment_table(s, credit_rows_, w);
  calendar_ = inspection_calendar(s, credit_rows_, cx.today, c, w);
  expiring_ = expiry_table(s, cx.today, c, w);
}

// ---- draw / show ----------------------------------------------------------------------------

void SupervisionView::show(const NavigationRequest& r) {
  select_tab_ = true;
  if (!r.list.empty()) {
    tab_ = Tab::Complaints;
    complaint_ = kNoKey;
    complaints_view_.restrict_to(r.list, r.list_title);
    return;
  }
  if (r.record == kNoKey) return;
  // a complaint, or a worker / enterprise (its credit explained)
  tab_ = Tab::Complaints;
  complaint_ = r.record;
  credit_subject_ = r.record;
}

void SupervisionView::draw(ViewContext& cx) {
  if (!cx.ready()) return;
  refresh(cx);
  const State& s = cx.session.state();
  if (select_tab_ && tab_ == Tab::Complaints && complaint_ != kNoKey && !s.complaints().find(complaint_)) {
    // the record sent here is not a complaint: a worker or an enterprise, shown with its credit
    complaint_ = kNoKey;
    tab_ = Tab::Credit;
    credit_view_.select(credit_subject_);
  }
  struct TabDef {
    Tab tab;
    const char* key;
  };
  static constexpr TabDef kTabs[] = {{Tab::Complaints, "supervision.tab.complaints"},
                                     {Tab::Credit, "supervision.tab.credit"},
                                     {Tab::JointPunishment, "supervision.tab.joint_punishment"},
                                     {Tab::Inspections, "supervision.tab.inspections"},
                                     {Tab::Expiring, "supervision.tab.expiring"}};
  if (ImGui::BeginTabBar("supervision_tabs")) {
    for (const TabDef& t : kTabs) {
      const ImGuiTabItemFlags flags = select_tab_ && t.tab == tab_ ? ImGuiTabItemFlags_SetSelected : 0;
      if (ImGui::BeginTabItem(with_id(cx.i18n.tr(t.key), t.key).c_str(), nullptr, flags)) {
        if (!select_tab_) tab_ = t.tab;
        ImGui::EndTabItem();
      }
    }
    ImGui::EndTabBar();
  }
  select_tab_ = false;
  ImGui::Spacing();
  switch (tab_) {
    case Tab::Complaints: draw_complaints(cx); break;
    case Tab::Credit: draw_credit(cx); break;
    case Tab::JointPunishment: draw_joint_punishment(cx); break;
    case Tab::Inspections: draw_inspections(cx); break;
    case Tab::Expiring: draw_expiring(cx); break;
  }
}

// ---- 1. complaints --------------------------------------------------------------------------

void SupervisionView::draw_complaints(ViewContext& cx) {
  if (complaint_ != kNoKey && cx.session.state().complaints().find(complaint_)) {
    draw_complaint_page(cx);
    return;
  }
  complaint_ = kNoKey;
  // The register takes the whole width; receiving a complaint opens the form beside it.
  if (!intake_open_) {
    if (primary_button(with_id(cx.i18n.tr("supervision.intake.open"), "open_intake").c_str(), cx.editable())) intake_open_ = true;
  } else if (secondary_button(with_id(cx.i18n.tr("supervision.intake.close"), "close_intake").c_str())) {
    intake_open_ = false;
  }
  const bool wide = wide_layout(cx);
  if (intake_open_) {
    const float form_w = wide ? std::min(440.0f * cx.dpr, ImGui::GetContentRegionAvail().x * 0.38f) : ImGui::GetContentRegionAvail().x;
    if (ImGui::BeginChild("intake", ImVec2(form_w, 0.0f), kPanel | (wide ? 0 : ImGuiChildFlags_AutoResizeY))) draw_intake(cx);
    ImGui::EndChild();
    if (wide) ImGui::SameLine();
  }
  if (ImGui::BeginChild("complaints", ImVec2(0, wide ? 0.0f : 520.0f * cx.dpr), kPanel)) draw_complaint_list(cx);
  ImGui::EndChild();
}

void SupervisionView::draw_intake(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  const State& s = cx.session.state();
  if (intake_save_.poll(cx.session, i18n) == FormSave::Outcome::Saved) {
    // the new complaint's page opens: mediation is what comes next
    // the complaint just saved: the newest row with what was typed (rows are appended as folded)
    const auto& rows = s.complaints().rows();
    for (auto it = rows.rbegin(); it != rows.rend(); ++it)
      if (it->complainant == intake_.complainant && it->facts == intake_.facts) {
        complaint_ = it->key;
        break;
      }
    confirming_ = false;
    intake_open_ = false;
    saved_effects_.clear();
    step_save_.clear();
    closing_save_.clear();
    intake_save_.set_saved(i18n.trf("supervision.intake.saved", {intake_.complainant}));
    const std::uint32_t township = intake_.township;
    intake_ = FileComplaint{};
    intake_.township = township;  // the next complaint usually comes from the same place
    intake_enterprise_ = intake_worker_ = kNoKey;
  }
  if (intake_.received.empty()) intake_.received = cx.today.iso();
  section_heading(i18n.tr("supervision.intake.title"));
  const bool editable = cx.editable();
  ImGui::BeginDisabled(!editable);
  if (choice_field("channel", i18n.tr("supervision.field.channel"), intake_.channel, terms_complaint_channel(), intake_save_.at("channel"), i18n))
    intake_save_.forget("channel");
  if (date_field("received", i18n.tr("supervision.field.received"), intake_.received, intake_save_.at("received"), i18n))
    intake_save_.forget("received");
  if (text_field("complainant", i18n.tr("supervision.field.complainant"), intake_.complainant, i18n.tr("supervision.hint.complainant"),
                 intake_save_.at("complainant"), i18n))
    intake_save_.forget("complainant");
  if (text_field("complainant_mobile", i18n.tr("supervision.field.complainant_mobile"), intake_.complainant_mobile,
                 i18n.tr("supervision.hint.mobile"), intake_save_.at("complainant_mobile"), i18n))
    intake_save_.forget("complainant_mobile");
  if (enterprise_picker("enterprise", i18n.tr("supervision.field.enterprise"), s, intake_enterprise_, intake_save_.at("enterprise"), i18n))
    intake_save_.forget("enterprise");
  if (worker_picker("worker", i18n.tr("supervision.field.worker"), s, intake_worker_, intake_save_.at("worker"), i18n))
    intake_save_.forget("worker");
  if (township_field("township", i18n.tr("supervision.field.township"), intake_.township, intake_save_.at("township"), i18n))
    intake_save_.forget("township");
  // the facts, several lines
  ImGui::TextUnformatted(i18n.tr("supervision.field.facts"));
  ImGui::PushID("facts");
  if (ImGui::InputTextMultiline("##facts", &intake_.facts, ImVec2(-FLT_MIN, ImGui::GetTextLineHeight() * 4.5f))) intake_save_.forget("facts");
  automation::annotate_last("input", i18n.tr("supervision.field.facts"), intake_.facts);
  ImGui::PopID();
  field_problem(intake_save_.at("facts"), i18n, "facts");
  ImGui::EndDisabled();
  ImGui::Spacing();
  if (primary_button(with_id(i18n.tr("supervision.intake.submit"), "file").c_str(), editable && !intake_save_.pending(), -FLT_MIN)) {
    FileComplaint cmd = intake_;
    cmd.enterprise = intake_enterprise_ ? s.record_id(intake_enterprise_) : RecordId{};
    cmd.worker = intake_worker_ ? s.record_id(intake_worker_) : RecordId{};
    intake_save_.submit(cx.session, cmd);
  }
  form_status(intake_save_, cx.session, i18n);
}

void SupervisionView::draw_complaint_list(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  section_heading(i18n.tr("supervision.complaints.title"));
  ImGui::SameLine();
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, ImGui::GetContentRegionAvail().x -
                                                                 ImGui::CalcTextSize(i18n.tr("table.export")).x -
                                                                 ImGui::GetStyle().FramePadding.x * 2));
  if (secondary_button(with_id(i18n.tr("table.export"), "export_complaints").c_str(), complaints_.size() > 0))
    save_csv(cx, i18n.tr("supervision.file.complaints"), complaints_view_.shown(complaints_));
  const Key clicked = complaints_view_.draw("complaints", complaints_, table_revision_, cx);
  if (clicked != kNoKey) {
    complaint_ = clicked;
    confirming_ = false;
    saved_effects_.clear();
    step_save_.clear();
    closing_save_.clear();
  }
}

void SupervisionView::draw_complaint_page(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  const State& s = cx.session.state();
  const Complaint& k = *s.complaints().find(complaint_);
  if (secondary_button(with_id(i18n.tr("supervision.complaint.back"), "back").c_str())) {
    complaint_ = kNoKey;
    confirming_ = false;
    return;
  }
  const bool wide = wide_layout(cx);
  const float left_w = wide ? ImGui::GetContentRegionAvail().x * 0.5f : ImGui::GetContentRegionAvail().x;
  if (ImGui::BeginChild("complaint", ImVec2(left_w, 0.0f), kPanel | (wide ? 0 : ImGuiChildFlags_AutoResizeY))) {
    ImGui::PushFont(nullptr, kBaseFontSize * 1.15f);
    say("heading", i18n.trf("supervision.complaint.title", {complaint_subject(s, k)}));
    ImGui::PopFont();
    const ComplaintClosure* closed = s.closure_of(k.key);
    say("status", i18n.trf("supervision.complaint.summary",
                           {k.received.iso(), i18n.tr(std::string(term_key(terms_complaint_channel(), static_cast<std::uint8_t>(k.channel))).c_str()),
                            k.complainant, k.complainant_mobile, i18n.township(k.township)}));
    ImGui::Spacing();
    ImGui::TextDisabled("%s", i18n.tr("supervision.complaint.facts"));
    say("facts", k.facts);

    section_heading(i18n.tr("supervision.mediation.title"));
    const auto steps = mediation_in_order(s, k.key);
    if (steps.empty()) muted_text(i18n.tr("supervision.mediation.none"));
    int n = 0;
    for (const MediationStep* m : steps) {
      ++n;
      say("step", i18n.trf("supervision.mediation.step",
                           {std::to_string(n), m->date.iso(),
                            i18n.tr(std::string(term_key(terms_mediator(), static_cast<std::uint8_t>(m->mediator))).c_str()), m->note}));
    }
    if (closed) {
      section_heading(i18n.tr("supervision.closed.title"));
      say("outcome", i18n.trf("supervision.closed.outcome",
                              {closed->date.iso(),
                               i18n.tr(std::string(term_key(terms_complaint_outcome(), static_cast<std::uint8_t>(closed->outcome))).c_str()),
                               closed->note.empty() ? std::string("—") : closed->note}));
    }
  }
  ImGui::EndChild();
  if (wide) ImGui::SameLine();
  if (ImGui::BeginChild("actions", ImVec2(0, 0), kPanel)) {
    if (!s.closure_of(k.key)) {
      draw_mediation_form(cx, k);
      ImGui::Separator();
    }
    draw_closing(cx, k);
  }
  ImGui::EndChild();
}

void SupervisionView::draw_mediation_form(ViewContext& cx, const Complaint& k) {
  const I18n& i18n = cx.i18n;
  if (step_save_.poll(cx.session, i18n) == FormSave::Outcome::Saved) {
    step_save_.set_saved(i18n.tr("supervision.mediation.saved"));
    step_.note.clear();
  }
  if (step_.date.empty()) step_.date = cx.today.iso();
  section_heading(i18n.tr("supervision.mediation.add_title"));
  const bool editable = cx.editable();
  ImGui::BeginDisabled(!editable);
  if (date_field("step_date", i18n.tr("supervision.field.step_date"), step_.date, step_save_.at("date"), i18n)) step_save_.forget("date");
  if (choice_field("mediator", i18n.tr("supervision.field.mediator"), step_.mediator, terms_mediator(), step_save_.at("mediator"), i18n))
    step_save_.forget("mediator");
  if (text_field("step_note", i18n.tr("supervision.field.step_note"), step_.note, i18n.tr("supervision.hint.step_note"), step_save_.at("note"),
                 i18n))
    step_save_.forget("note");
  ImGui::EndDisabled();
  if (primary_button(with_id(i18n.tr("supervision.mediation.add"), "add_step").c_str(), editable && !step_save_.pending())) {
    RecordMediationStep cmd = step_;
    cmd.complaint = cx.session.state().record_id(k.key);
    step_save_.submit(cx.session, cmd);
  }
  form_status(step_save_, cx.session, i18n);
}

void SupervisionView::draw_effects(ViewContext& cx, const std::vector<CreditEffect>& effects, bool saved) {
  const I18n& i18n = cx.i18n;
  const State& s = cx.session.state();
  for (const CreditEffect& fx : effects) {
    const std::string name = subject_name(s, fx.subject);
    const std::string kind = i18n.tr(fx.worker ? "supervision.kind.worker" : "supervision.kind.enterprise");
    // after saving, the grade now in force (rate_credit on the saved state) is what is shown
    const CreditRating now = saved ? rate_credit(s, fx.subject, cx.today, config_of(cx)) : fx.after;
    const std::string line = i18n.trf(fx.grade_changes() ? "supervision.preview.grade_changes" : "supervision.preview.grade_same",
                                      {kind, name, std::to_string(fx.before.score), std::string(1, fx.before.grade),
                                       std::to_string(now.score), std::string(1, now.grade)});
    ImGui::PushStyleColor(ImGuiCol_Text, fx.grade_changes() ? palette().error : palette().text);
    say(saved ? "credit_after" : "preview", line);
    ImGui::PopStyleColor();
    ImGui::Indent();
    if (fx.line)
      say(saved ? "credit_after" : "preview", i18n.trf("supervision.preview.rule", {i18n.tr(fx.line->key.c_str()), signed_points(fx.line->points)}));
    else
      muted_text(i18n.tr(fx.no_effect.c_str()));
    if (fx.after.joint_punishment) muted_text(i18n.tr("supervision.preview.on_list"));
    ImGui::Unindent();
  }
}

void SupervisionView::draw_closing(ViewContext& cx, const Complaint& k) {
  const I18n& i18n = cx.i18n;
  const State& s = cx.session.state();
  const ProgrammeConfig& c = config_of(cx);
  if (closing_save_.poll(cx.session, i18n) == FormSave::Outcome::Saved) {
    saved_effects_ = preview_;
    confirming_ = false;
    closing_ = CloseComplaint{};
  }
  if (const ComplaintClosure* closed = s.closure_of(k.key)) {
    section_heading(i18n.tr("supervision.closed.credit_title"));
    if (!saved_effects_.empty()) {
      message("success", i18n.tr("supervision.closed.saved"));
      draw_effects(cx, saved_effects_, true);
    } else {  // closed earlier: the subjects' grades now, and this complaint's line among them
      for (const auto& [subject, worker] : {std::pair{k.enterprise, false}, std::pair{k.worker, true}}) {
        if (subject == kNoKey || subject_name(s, subject).empty()) continue;
        const CreditRating r = rate_credit(s, subject, cx.today, c);
        say("credit_after", i18n.trf("supervision.closed.grade_now", {subject_name(s, subject), std::to_string(r.score), std::string(1, r.grade)}));
      }
      (void)closed;
    }
    return;
  }

  section_heading(i18n.tr("supervision.close.title"));
  if (closing_.date.empty()) closing_.date = cx.today.iso();
  const bool editable = cx.editable() && !confirming_;
  ImGui::BeginDisabled(!editable);
  if (date_field("close_date", i18n.tr("supervision.field.close_date"), closing_.date, closing_save_.at("date"), i18n)) closing_save_.forget("date");
  if (choice_field("outcome", i18n.tr("supervision.field.outcome"), closing_.outcome, terms_complaint_outcome(), closing_save_.at("outcome"), i18n))
    closing_save_.forget("outcome");
  if (text_field("close_note", i18n.tr("supervision.field.close_note"), closing_.note, i18n.tr("supervision.hint.close_note"),
                 closing_save_.at("note"), i18n))
    closing_save_.forget("note");
  ImGui::EndDisabled();

  // The consequence, computed whenever the outcome or the date changes.
  const auto date = Date::parse_iso(closing_.date);
  const std::string inputs = closing_.date + "|" + std::to_string(static_cast<int>(closing_.outcome)) + "|" + std::to_string(s.revision());
  if (inputs != preview_inputs_) {
    preview_inputs_ = inputs;
    preview_ = date ? closure_preview(s, k.key, closing_.outcome, *date, cx.today, c) : std::vector<CreditEffect>{};
  }
  if (!confirming_) {
    if (primary_button(with_id(i18n.tr("supervision.close.review"), "review").c_str(), cx.editable())) {
      if (date) confirming_ = true;
      else closing_save_.submit(cx.session, CloseComplaint{s.record_id(k.key), closing_.date, closing_.outcome, closing_.note});  // shows why at the field
    }
    form_status(closing_save_, cx.session, i18n);
    return;
  }
  // the confirm step: what closing will do to the credit, before anything is saved
  ImGui::Spacing();
  section_heading(i18n.tr("supervision.preview.title"));
  draw_effects(cx, preview_, false);
  ImGui::Spacing();
  const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  if (primary_button(with_id(i18n.tr("supervision.close.confirm"), "confirm").c_str(), cx.editable() && !closing_save_.pending(), half)) {
    CloseComplaint cmd = closing_;
    cmd.complaint = s.record_id(k.key);
    if (!closing_save_.submit(cx.session, cmd)) confirming_ = false;  // refused: back to the fields, problems shown there
  }
  ImGui::SameLine();
  if (secondary_button(with_id(i18n.tr("supervision.close.back"), "edit").c_str(), !closing_save_.pending(), half)) confirming_ = false;
  form_status(closing_save_, cx.session, i18n);
}

// ---- 2. credit ------------------------------------------------------------------------------

void SupervisionView::draw_credit(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  const bool wide = wide_layout(cx);
  const float list_w = wide ? ImGui::GetContentRegionAvail().x * 0.6f : ImGui::GetContentRegionAvail().x;
  if (ImGui::BeginChild("credit_list", ImVec2(list_w, wide ? 0.0f : 420.0f * cx.dpr), kPanel)) {
    section_heading(i18n.tr("supervision.credit.title"));
    ImGui::SameLine();
    if (secondary_button(with_id(i18n.tr("table.export"), "export_credit").c_str(), credit_.size() > 0))
      save_csv(cx, i18n.tr("supervision.file.credit"), credit_view_.shown(credit_));
    muted_text(i18n.trf("supervision.credit.as_of", {cx.today.iso()}).c_str());
    const Key clicked = credit_view_.draw("credit", credit_, table_revision_, cx);
    if (clicked != kNoKey) {
      credit_subject_ = clicked;
      credit_save_.clear();
    }
  }
  ImGui::EndChild();
  if (wide) ImGui::SameLine();
  if (ImGui::BeginChild("credit_detail", ImVec2(0, wide ? 0.0f : 0.0f), kPanel | (wide ? 0 : ImGuiChildFlags_AutoResizeY))) {
    if (credit_subject_ != detail_shown_) ImGui::SetScrollY(0.0f);  // a new subject opens at its grade
    detail_shown_ = credit_subject_;
    if (credit_subject_ == kNoKey || subject_name(cx.session.state(), credit_subject_).empty())
      muted_text(i18n.tr("supervision.credit.choose"));
    else
      draw_credit_detail(cx, credit_subject_);
  }
  ImGui::EndChild();
}

void SupervisionView::draw_credit_detail(ViewContext& cx, Key subject) {
  const I18n& i18n = cx.i18n;
  const State& s = cx.session.state();
  const ProgrammeConfig& c = config_of(cx);
  const bool worker = s.workers().find(subject) != nullptr;
  const CreditRating r = rate_credit(s, subject, cx.today, c);
  const Wording w = wording(cx);
  ImGui::PushFont(nullptr, kBaseFontSize * 1.15f);
  say("heading", subject_name(s, subject));
  ImGui::PopFont();
  ImGui::PushStyleColor(ImGuiCol_Text, r.joint_punishment ? palette().error : palette().accent);
  say("grade", i18n.trf("supervision.credit.grade", {std::string(1, r.grade), std::to_string(r.score)}));
  ImGui::PopStyleColor();
  if (secondary_button(with_id(i18n.tr(worker ? "supervision.credit.open_worker" : "supervision.credit.open_enterprise"), "profile").c_str()))
    cx.navigate(NavigationRequest{worker ? Area::Workers : Area::Enterprises, subject, {}, {}});

  // every line, with the record behind it (click to open it)
  section_heading(i18n.tr("supervision.credit.lines"));
  if (r.lines.empty()) muted_text(i18n.trf("supervision.credit.no_lines", {std::to_string(c.credit_window_months)}).c_str());
  if (!r.lines.empty() && ImGui::BeginTable("lines", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn(i18n.tr("supervision.col.rule"), 0, 1.2f);
    ImGui::TableSetupColumn(i18n.tr("supervision.col.points"), 0, 0.4f);
    ImGui::TableSetupColumn(i18n.tr("supervision.col.record"), 0, 2.0f);
    ImGui::TableHeadersRow();
    int i = 0;
    for (const CreditLine& l : r.lines) {
      ImGui::TableNextRow(0, ImGui::GetFrameHeight());
      ImGui::PushID(i++);
      ImGui::TableSetColumnIndex(0);
      const std::string rule = i18n.tr(l.key.c_str());
      const std::string record = describe_record(s, l.record, w, c);
      if (ImGui::Selectable("##line", false, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowOverlap,
                            ImVec2(0, ImGui::GetFrameHeight())))
        open_record(cx, l.record, subject, worker, *this);
      automation::annotate_last("row", rule + " " + signed_points(l.points) + " " + record);
      ImGui::SameLine(0, 0);
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(rule.c_str());
      ImGui::TableSetColumnIndex(1);
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(signed_points(l.points).c_str());
      ImGui::TableSetColumnIndex(2);
      ImGui::AlignTextToFramePadding();
      ImGui::TextWrapped("%s", record.c_str());
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  if (r.bonus_capped > 0)
    muted_text(i18n.trf("supervision.credit.capped", {std::to_string(r.bonus_capped), std::to_string(c.credit_bonus_cap)}).c_str());

  // the grade explained: score, threshold, list, inspection, 信易贷
  section_heading(i18n.tr("supervision.credit.why"));
  for (const Criterion& k : r.why.criteria) {
    const std::string text = std::string(k.held ? "✓ " : "✗ ") + i18n.trf(k.key.c_str(), k.args);
    ImGui::PushStyleColor(ImGuiCol_Text, k.held ? palette().text : palette().error);
    say("why", text);
    ImGui::PopStyleColor();
  }
  std::string thresholds;
  for (const CreditGrade& g : c.credit_grades)
    thresholds += (thresholds.empty() ? "" : "  ") + i18n.trf("supervision.credit.threshold", {std::string(1, g.grade), std::to_string(g.min_score),
                                                                                                  std::to_string(g.inspection_months)});
  muted_text(thresholds.c_str());
  ImGui::Separator();
  draw_credit_event_form(cx, subject);
}

void SupervisionView::draw_credit_event_form(ViewContext& cx, Key subject) {
  const I18n& i18n = cx.i18n;
  if (credit_save_.poll(cx.session, i18n) == FormSave::Outcome::Saved) {
    credit_save_.set_saved(i18n.tr("supervision.credit_event.saved"));
    credit_event_.note.clear();
  }
  if (credit_event_.date.empty()) credit_event_.date = cx.today.iso();
  section_heading(i18n.tr("supervision.credit_event.title"));
  const bool editable = cx.editable();
  ImGui::BeginDisabled(!editable);
  if (choice_field("credit_kind", i18n.tr("supervision.field.credit_kind"), credit_event_.kind, terms_credit_kind(), credit_save_.at("kind"), i18n))
    credit_save_.forget("kind");
  if (level_field(i18n.tr("supervision.field.level"), credit_event_.kind, credit_level_, credit_save_.at("level"), i18n)) credit_save_.forget("level");
  if (date_field("credit_date", i18n.tr("supervision.field.credit_date"), credit_event_.date, credit_save_.at("date"), i18n))
    credit_save_.forget("date");
  if (text_field("credit_note", i18n.tr("supervision.field.credit_note"), credit_event_.note, i18n.tr("supervision.hint.credit_note"),
                 credit_save_.at("note"), i18n))
    credit_save_.forget("note");
  ImGui::EndDisabled();
  if (primary_button(with_id(i18n.tr("supervision.credit_event.submit"), "record_credit").c_str(), editable && !credit_save_.pending())) {
    RecordCreditEvent cmd = credit_event_;
    cmd.subject = cx.session.state().record_id(subject);
    cmd.level = static_cast<std::uint8_t>(credit_level_);
    credit_save_.submit(cx.session, cmd);
  }
  form_status(credit_save_, cx.session, i18n);
}

// ---- 3. joint-punishment list ---------------------------------------------------------------

void SupervisionView::draw_joint_punishment(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  if (ImGui::BeginChild("joint", ImVec2(0, 0), kPanel)) {
    section_heading(i18n.tr("supervision.joint.title"));
    ImGui::SameLine();
    if (secondary_button(with_id(i18n.tr("table.export"), "export_joint").c_str(), joint_.size() > 0))
      save_csv(cx, i18n.tr("supervision.file.joint"), joint_view_.shown(joint_));
    muted_text(i18n.trf("supervision.joint.explain", {std::to_string(config_of(cx).credit_window_months)}).c_str());
    if (joint_.size() == 0) message("notice", i18n.tr("supervision.joint.empty"));
    const Key clicked = joint_view_.draw("joint", joint_, table_revision_, cx);
    if (clicked != kNoKey) {  // its credit explained
      credit_subject_ = clicked;
      credit_view_.select(clicked);
      tab_ = Tab::Credit;
      select_tab_ = true;
    }
  }
  ImGui::EndChild();
}

// ---- 4. assessments and the inspection calendar ---------------------------------------------

void SupervisionView::draw_inspections(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  // The calendar takes the whole width; recording an assessment opens the form beside it
  // (choosing an enterprise in the calendar opens it for that enterprise).
  if (!assess_open_) {
    if (primary_button(with_id(i18n.tr("supervision.assessment.open"), "open_assessment").c_str(), cx.editable())) assess_open_ = true;
  } else if (secondary_button(with_id(i18n.tr("supervision.assessment.close"), "close_assessment").c_str())) {
    assess_open_ = false;
  }
  const bool wide = wide_layout(cx);
  if (assess_open_) {
    const float form_w = wide ? std::min(420.0f * cx.dpr, ImGui::GetContentRegionAvail().x * 0.36f) : ImGui::GetContentRegionAvail().x;
    if (ImGui::BeginChild("assessment", ImVec2(form_w, 0.0f), kPanel | (wide ? 0 : ImGuiChildFlags_AutoResizeY))) draw_assessment_form(cx);
    ImGui::EndChild();
    if (wide) ImGui::SameLine();
  }
  if (ImGui::BeginChild("calendar", ImVec2(0, wide ? 0.0f : 520.0f * cx.dpr), kPanel)) {
    section_heading(i18n.tr("supervision.calendar.title"));
    ImGui::SameLine();
    if (secondary_button(with_id(i18n.tr("table.export"), "export_calendar").c_str(), calendar_.size() > 0))
      save_csv(cx, i18n.tr("supervision.file.calendar"), calendar_view_.shown(calendar_));
    muted_text(i18n.tr("supervision.calendar.explain"));
    const Key clicked = calendar_view_.draw("calendar", calendar_, table_revision_, cx);
    if (clicked != kNoKey && cx.editable()) {  // assess the enterprise just chosen
      assess_enterprise_ = clicked;
      assess_open_ = true;
      assess_save_.clear();
    }
  }
  ImGui::EndChild();
}

void SupervisionView::draw_assessment_form(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  const State& s = cx.session.state();
  const ProgrammeConfig& c = config_of(cx);
  if (assess_save_.poll(cx.session, i18n) == FormSave::Outcome::Saved) {
    assess_save_.set_saved(i18n.trf("supervision.assessment.saved", {subject_name(s, assess_enterprise_)}));
    assess_points_.assign(c.indicators.size(), {});
    assess_enterprise_ = kNoKey;
  }
  assess_points_.resize(c.indicators.size());
  if (assess_date_.empty()) assess_date_ = cx.today.iso();
  section_heading(i18n.tr("supervision.assessment.title"));
  const bool editable = cx.editable();
  ImGui::BeginDisabled(!editable);
  if (enterprise_picker("assess_enterprise", i18n.tr("supervision.field.assess_enterprise"), s, assess_enterprise_, assess_save_.at("enterprise"), i18n))
    assess_save_.forget("enterprise");
  if (date_field("assess_date", i18n.tr("supervision.field.assess_date"), assess_date_, assess_save_.at("date"), i18n)) assess_save_.forget("date");
  if (text_field("assessor", i18n.tr("supervision.field.assessor"), assess_assessor_, i18n.tr("supervision.hint.assessor"), assess_save_.at("assessor"),
                 i18n))
    assess_save_.forget("assessor");
  std::int32_t total = 0, max = 0;
  for (std::size_t i = 0; i < c.indicators.size(); ++i) {
    const AssessmentIndicator& ind = c.indicators[i];
    const std::string field = "indicator." + std::to_string(ind.number);
    const std::string label = i18n.trf("supervision.field.indicator", {i18n.tr(ind.key.c_str()), std::to_string(ind.max_points)});
    const std::string hint = i18n.trf("supervision.hint.indicator", {std::to_string(ind.max_points)});
    if (text_field(field.c_str(), label.c_str(), assess_points_[i], hint.c_str(), assess_save_.at(field), i18n)) assess_save_.forget(field);
    total += std::atoi(assess_points_[i].c_str());
    max += ind.max_points;
  }
  ImGui::EndDisabled();
  muted_text(i18n.trf("supervision.assessment.total", {std::to_string(total), std::to_string(max), std::to_string(c.assessment_pass_percent)}).c_str());
  if (primary_button(with_id(i18n.tr("supervision.assessment.submit"), "record_assessment").c_str(), editable && !assess_save_.pending(), -FLT_MIN)) {
    RecordAssessment cmd;
    cmd.enterprise = assess_enterprise_ ? s.record_id(assess_enterprise_) : RecordId{};
    cmd.date = assess_date_;
    cmd.assessor = assess_assessor_;
    for (std::size_t i = 0; i < c.indicators.size(); ++i) cmd.scores.emplace_back(c.indicators[i].number, assess_points_[i]);
    assess_save_.submit(cx.session, cmd);
  }
  form_status(assess_save_, cx.session, i18n);
}

// ---- 5. expiring health checks and licences -------------------------------------------------

void SupervisionView::draw_expiring(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  if (ImGui::BeginChild("expiring", ImVec2(0, 0), kPanel)) {
    section_heading(i18n.tr("supervision.expiring.title"));
    ImGui::SameLine();
    if (secondary_button(with_id(i18n.tr("table.export"), "export_expiring").c_str(), expiring_.size() > 0)) {
      // full ID numbers only for the district office (text_table.hpp)
      const TextTable full = expiry_table(cx.session.state(), cx.today, config_of(cx), wording(cx), may_see_resident_ids(cx.role()));
      save_csv(cx, i18n.tr("supervision.file.expiring"), expiring_view_.shown(full));
    }
    muted_text(i18n.trf("supervision.expiring.explain", {std::to_string(config_of(cx).health_expiring_days)}).c_str());
    const Key clicked = expiring_view_.draw("expiring", expiring_, table_revision_, cx);
    if (clicked != kNoKey) cx.navigate(NavigationRequest{Area::Workers, clicked, {}, {}});
  }
  ImGui::EndChild();
}

}  // namespace hearth::ui
