// Index of this file
// 1. show: one enterprise or the enterprises behind a figure
// 2. draw: the enterprise's page, or the form and the register side by side
// 3. draw_form: registration (RegisterEnterprise) and its save cycle
// 4. draw_list: the register (TableView) and its CSV export
// 5. draw_detail: details, edit, 员工制 criterion by criterion, employees (start / end
//    employment), contracts, credit, history
#include "enterprise_view.hpp"

#include <algorithm>

#include "automation.hpp"
#include "history_panel.hpp"
#include "imgui.h"
#include "register_tables.hpp"
#include "state.hpp"
#include "theme.hpp"
#include "widgets.hpp"
#include "worker_profile.hpp"

namespace hearth::ui {

namespace {
std::string label_id(const I18n& i18n, const char* key, const char* id) { return std::string(i18n.tr(key)) + "###" + id; }

// The fields of RegisterEnterprise (also EditEnterprise's form); the credit code only when registering.
void enterprise_fields(RegisterEnterprise& f, FormSave& save, const ViewContext& cx, bool with_credit_code, bool focus, bool* enter) {
  const I18n& i18n = cx.i18n;
  bool e = false;
  *enter = false;
  if (with_credit_code) {
    if (text_field("credit_code", i18n.tr("enterprises.field.credit_code"), f.credit_code, i18n.tr("enterprises.hint.credit_code"),
                   save.at("credit_code"), i18n, &e, focus))
      save.forget("credit_code");
    *enter |= e;
  }
  if (text_field("name", i18n.tr("enterprises.field.name"), f.name, i18n.tr("enterprises.hint.name"), save.at("name"), i18n, &e))
    save.forget("name");
  *enter |= e;
  if (text_field("legal_representative", i18n.tr("enterprises.field.legal_representative"), f.legal_representative,
                 i18n.tr("workers.hint.name"), save.at("legal_representative"), i18n, &e))
    save.forget("legal_representative");
  *enter |= e;
  if (text_field("contact_mobile", i18n.tr("enterprises.field.contact_mobile"), f.contact_mobile, i18n.tr("workers.hint.mobile"),
                 save.at("contact_mobile"), i18n, &e))
    save.forget("contact_mobile");
  *enter |= e;
  if (text_field("address", i18n.tr("enterprises.field.address"), f.address, i18n.tr("enterprises.hint.address"), save.at("address"),
                 i18n, &e))
    save.forget("address");
  *enter |= e;
  if (township_field("township", i18n.tr("enterprises.field.township"), f.township, save.at("township"), i18n)) save.forget("township");
  if (flags_field("services", i18n.tr("enterprises.field.services"), f.services, terms_service_kind(), save.at("services"), i18n))
    save.forget("services");
  if (flags_field("flags", i18n.tr("enterprises.field.flags"), f.flags, terms_enterprise_flag(), save.at("flags"), i18n))
    save.forget("flags");
}
}  // namespace

// ---- 1. show --------------------------------------------------------------------------------

void EnterpriseView::show(const NavigationRequest& request) {
  open_ = request.record;
  drawn_ = kNoKey;  // arriving from elsewhere: the page starts at its top
  if (request.record != kNoKey) table_.select(request.record);
  if (!request.list.empty()) table_.restrict_to(request.list, request.list_title);
}

// ---- 2. layout ------------------------------------------------------------------------------

void EnterpriseView::draw(ViewContext& cx) {
  const ImGuiChildFlags panel = ImGuiChildFlags_Borders | ImGuiChildFlags_AlwaysUseWindowPadding;
  if (open_ != kNoKey && cx.ready()) {
    if (open_ != drawn_) ImGui::SetNextWindowScroll(ImVec2(0, 0));  // another enterprise's page starts at its top
    drawn_ = open_;
    if (ImGui::BeginChild("enterprise", ImVec2(0, 0), panel))
      if (!draw_detail(cx)) open_ = kNoKey;
    ImGui::EndChild();
    return;
  }
  drawn_ = kNoKey;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const bool wide = avail.x / cx.dpr >= 900.0f;
  const float form_width = wide ? std::min(360.0f * cx.dpr, avail.x * 0.34f) : avail.x;
  if (ImGui::BeginChild("enterprises_form", ImVec2(form_width, wide ? 0.0f : avail.y * 0.5f), panel)) draw_form(cx);
  ImGui::EndChild();
  if (wide) ImGui::SameLine();
  if (ImGui::BeginChild("enterprises_list", ImVec2(0, 0), panel)) draw_list(cx);
  ImGui::EndChild();
}

// ---- 3. the registration form ---------------------------------------------------------------

void EnterpriseView::draw_form(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  if (save_.poll(cx.session, i18n) == FormSave::Outcome::Saved) {
    save_.set_saved(i18n.trf("enterprises.status.saved", {form_.name}));
    form_ = RegisterEnterprise{};
    focus_name_ = true;
  }
  ImGui::PushFont(nullptr, kBaseFontSize * 1.15f);
  ImGui::TextUnformatted(i18n.tr("enterprises.form.title"));
  ImGui::PopFont();
  ImGui::Spacing();
  const bool editable = cx.editable();
  bool enter = false;
  ImGui::BeginDisabled(!editable);
  enterprise_fields(form_, save_, cx, true, focus_name_ && editable, &enter);
  if (editable) focus_name_ = false;
  ImGui::EndDisabled();
  ImGui::Spacing();
  const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  const bool add = primary_button(label_id(i18n, "enterprises.action.add", "add").c_str(), editable && !save_.pending(), half);
  ImGui::SameLine();
  if (secondary_button(label_id(i18n, "workers.action.clear", "clear").c_str(), editable, half)) {
    form_ = RegisterEnterprise{};
    save_.clear();
    focus_name_ = true;
  }
  if ((add || enter) && editable && !save_.pending()) save_.submit(cx.session, form_);
  form_status(save_, cx.session, i18n);
}

// ---- 4. the register ------------------------------------------------------------------------

void EnterpriseView::rebuild(const ViewContext& cx) {
  const State& st = cx.session.state();
  rows_ = enterprises_table(st, cx.today, cx.i18n.catalog(), ProgrammeConfig::builtin());
  rows_revision_ = st.revision();
  rows_language_ = cx.i18n.language();
  rows_day_ = cx.today;
  ++builds_;
}

void EnterpriseView::draw_list(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  const float right = ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x;  // the panel's right edge, for the export button
  ImGui::PushFont(nullptr, kBaseFontSize * 1.15f);
  ImGui::TextUnformatted(i18n.tr("enterprises.list.title"));
  ImGui::PopFont();
  if (!cx.ready()) return;
  const State& st = cx.session.state();
  if (st.revision() != rows_revision_ || i18n.language() != rows_language_ || cx.today != rows_day_) rebuild(cx);
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  const std::string as_of = i18n.trf("enterprises.list.as_of", {cx.today.iso()});
  ImGui::TextDisabled("%s", as_of.c_str());
  if (rows_.size() == 0) {
    message("notice", i18n.tr("enterprises.list.empty"));
    return;
  }
  const char* export_label = i18n.tr("table.export");
  const float export_w = ImGui::CalcTextSize(export_label).x + ImGui::GetStyle().FramePadding.x * 2 + 16.0f * cx.dpr;
  ImGui::SameLine(right - export_w);
  if (secondary_button((std::string(export_label) + "###export").c_str(), true, export_w))
    save_csv(cx, i18n.tr("enterprises.export.stem"),
             table_.shown(enterprises_table(st, cx.today, i18n.catalog(), ProgrammeConfig::builtin(), Columns::Export)));
  const Key clicked = table_.draw("enterprises", rows_, builds_, cx);
  if (clicked != kNoKey) open_ = clicked;
}

// ---- 5. one enterprise ----------------------------------------------------------------------

void EnterpriseView::rebuild_detail(const ViewContext& cx) {
  const State& st = cx.session.state();
  const ProgrammeConfig& config = ProgrammeConfig::builtin();
  employee_based_ = employee_based(st, open_, cx.today, config);
  credit_ = rate_credit(st, open_, cx.today, config);
  employees_ = enterprise_employees_table(st, open_, cx.today, cx.i18n.catalog());
  contracts_ = enterprise_contracts_table(st, open_, cx.today, cx.i18n.catalog(), may_see_resident_ids(cx.role()));
  built_revision_ = st.revision();
  built_language_ = cx.i18n.language();
  built_day_ = cx.today;
}

bool EnterpriseView::draw_detail(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  const State& st = cx.session.state();
  if (back_button(i18n.tr("enterprises.detail.back"))) {
    editing_ = false;
    return false;
  }
  const Enterprise* e = st.enterprises().find(open_);
  if (!e) {
    message("notice", i18n.tr("enterprises.detail.missing"));
    return true;
  }
  if (open_ != built_for_) {  // another enterprise: forms start afresh
    editing_ = false;
    hire_worker_ = kNoKey;
    hire_ = StartEmployment{};
    hire_save_.clear();
    end_spell_ = kNoKey;
    end_save_.clear();
    edit_save_.clear();
    built_for_ = open_;
    built_revision_ = ~std::uint64_t{0};
  }
  if (st.revision() != built_revision_ || i18n.language() != built_language_ || cx.today != built_day_) rebuild_detail(cx);
  const Catalog& c = i18n.catalog();

  ImGui::PushFont(nullptr, kBaseFontSize * 1.25f);
  ImGui::TextUnformatted(e->name().c_str());
  ImGui::PopFont();
  automation::text_last("detail_title", e->name());
  if (st.is_duplicate(*e)) message("notice", i18n.tr("enterprises.detail.duplicate"));
  const auto& d = e->details;
  detail_grid("details",
              {{i18n.tr("enterprises.field.credit_code"), e->credit_code},
               {i18n.tr("enterprises.field.legal_representative"), d.legal_representative},
               {i18n.tr("enterprises.field.contact_mobile"), d.contact_mobile},
               {i18n.tr("enterprises.field.township"), township_text(c, d.township)},
               {i18n.tr("enterprises.field.address"), d.address},
               {i18n.tr("enterprises.field.services"), term_set_text(c, terms_service_kind(), d.services)},
               {i18n.tr("enterprises.field.flags"), term_set_text(c, terms_enterprise_flag(), d.flags)},
               {i18n.tr("enterprises.detail.registered"), local_time(e->registered.wall_ms)}},
              cx);
  if (!editing_) {
    if (secondary_button(label_id(i18n, "enterprises.detail.edit", "edit").c_str(), cx.editable())) {
      editing_ = true;
      edit_form_ = RegisterEnterprise{e->credit_code, d.name, d.legal_representative, d.contact_mobile, d.address, d.township,
                                      d.services, d.flags};
      edit_save_.clear();
    }
    if (!edit_save_.saved().empty()) message("success", edit_save_.saved());
  } else {
    draw_edit(cx, *e);
  }

  // 员工制: each criterion, held or failed, with the records that show it
  section_heading(i18n.tr("enterprises.detail.employee_based"));
  const std::string summary = employee_based_text(employee_based_, c);
  message(employee_based_.held() ? "success" : "error", i18n.trf("enterprises.detail.employee_based_summary", {cx.today.iso(), summary}));
  verdict_panel("employee_based", employee_based_, cx);

  // employees
  section_heading(i18n.tr("enterprises.detail.employees"));
  const Key clicked = record_table("employees", employees_, cx, i18n.tr("enterprises.detail.no_employees"), end_spell_);
  if (clicked != kNoKey) {
    const EmploymentSpell* sp = st.spells().find(clicked);
    if (sp && !st.spell_end(clicked)) {
      end_spell_ = clicked == end_spell_ ? kNoKey : clicked;  // a second click lets go
      end_ = EndEmployment{};
      end_save_.clear();
    } else if (sp) {
      cx.navigate({Area::Workers, sp->worker, {}, {}});
    }
  }
  if (end_spell_ != kNoKey) draw_end(cx);
  else if (employees_.size() > 0) muted_text(i18n.tr("enterprises.detail.end_hint"));
  draw_hire(cx, *e);

  section_heading(i18n.tr("enterprises.detail.contracts"));
  const Key contract = record_table("contracts", contracts_, cx, i18n.tr("enterprises.detail.no_contracts"));
  if (contract != kNoKey) cx.navigate({Area::Contracts, contract, {}, {}});

  section_heading(i18n.tr("enterprises.detail.credit"));
  message(credit_.joint_punishment ? "error" : "status",
          i18n.trf("enterprises.detail.credit_grade", {std::string(1, credit_.grade), std::to_string(credit_.score), credit_.next_inspection.iso()}));
  if (credit_.xinyidai) message("success", i18n.tr("enterprises.detail.xinyidai"));

  history_panel(cx, open_, false);
  return true;
}

void EnterpriseView::draw_edit(ViewContext& cx, const Enterprise& e) {
  const I18n& i18n = cx.i18n;
  if (edit_save_.poll(cx.session, i18n) == FormSave::Outcome::Saved) {
    editing_ = false;
    edit_save_.set_saved(i18n.trf("enterprises.status.saved", {edit_form_.name}));
    return;
  }
  section_heading(i18n.tr("enterprises.detail.edit_title"));
  const ImGuiChildFlags panel = ImGuiChildFlags_Borders | ImGuiChildFlags_AlwaysUseWindowPadding | ImGuiChildFlags_AutoResizeY;
  if (ImGui::BeginChild("edit", ImVec2(std::min(ImGui::GetContentRegionAvail().x, 640.0f * cx.dpr), 0), panel)) {
    bool enter = false;
    ImGui::BeginDisabled(!cx.editable());
    enterprise_fields(edit_form_, edit_save_, cx, false, false, &enter);
    ImGui::EndDisabled();
    ImGui::Spacing();
    const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    const bool save = primary_button(label_id(i18n, "enterprises.detail.save", "save").c_str(), cx.editable() && !edit_save_.pending(), half);
    ImGui::SameLine();
    if (secondary_button(label_id(i18n, "enterprises.detail.cancel", "cancel").c_str(), true, half)) {
      editing_ = false;
      edit_save_.clear();
    }
    if ((save || enter) && cx.editable() && !edit_save_.pending())
      edit_save_.submit(cx.session, EditEnterprise{cx.session.state().record_id(e.key), edit_form_});
    form_status(edit_save_, cx.session, i18n);
  }
  ImGui::EndChild();
}

void EnterpriseView::draw_hire(ViewContext& cx, const Enterprise& e) {
  const I18n& i18n = cx.i18n;
  const State& st = cx.session.state();
  if (hire_save_.poll(cx.session, i18n) == FormSave::Outcome::Saved) {
    const Worker* w = st.workers().find(hire_worker_);
    hire_save_.set_saved(i18n.trf("enterprises.hire.saved", {w ? w->name() : std::string()}));
    hire_worker_ = kNoKey;
    hire_.hired.clear();  // form, wage and insurance stay: the next hire is usually alike
  }
  section_heading(i18n.tr("enterprises.hire.title"));
  const ImGuiChildFlags panel = ImGuiChildFlags_Borders | ImGuiChildFlags_AlwaysUseWindowPadding | ImGuiChildFlags_AutoResizeY;
  if (ImGui::BeginChild("hire", ImVec2(std::min(ImGui::GetContentRegionAvail().x, 640.0f * cx.dpr), 0), panel)) {
    ImGui::BeginDisabled(!cx.editable());
    if (worker_picker("worker", i18n.tr("enterprises.hire.worker"), st, hire_worker_, hire_save_.at("worker"), i18n))
      hire_save_.forget("worker"), hire_save_.forget("enterprise");
    field_problem(hire_save_.at("enterprise"), i18n, "enterprise");  // already employed here
    if (choice_field("form", i18n.tr("enterprises.hire.form"), hire_.form, terms_employment_form(), hire_save_.at("form"), i18n))
      hire_save_.forget("form");
    if (date_field("hired", i18n.tr("enterprises.hire.hired"), hire_.hired, hire_save_.at("hired"), i18n)) hire_save_.forget("hired");
    if (text_field("monthly_wage", i18n.tr("enterprises.hire.wage"), hire_.monthly_wage, i18n.tr("enterprises.hint.wage"),
                   hire_save_.at("monthly_wage"), i18n))
      hire_save_.forget("monthly_wage");
    if (choice_field("insurance", i18n.tr("enterprises.hire.insurance"), hire_.insurance, terms_social_insurance(),
                     hire_save_.at("insurance"), i18n))
      hire_save_.forget("insurance");
    ImGui::Spacing();
    check_field("paid_directly", i18n.tr("enterprises.hire.paid_directly"), hire_.paid_directly);
    ImGui::EndDisabled();
    ImGui::Spacing();
    if (primary_button(label_id(i18n, "enterprises.hire.submit", "hire").c_str(), cx.editable() && !hire_save_.pending())) {
      StartEmployment cmd = hire_;
      cmd.worker = hire_worker_ ? st.record_id(hire_worker_) : RecordId{};
      cmd.enterprise = st.record_id(e.key);
      hire_save_.submit(cx.session, cmd);
    }
    form_status(hire_save_, cx.session, i18n);
  }
  ImGui::EndChild();
}

void EnterpriseView::draw_end(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  const State& st = cx.session.state();
  const EmploymentSpell* sp = st.spells().find(end_spell_);
  if (end_save_.poll(cx.session, i18n) == FormSave::Outcome::Saved || !sp) {
    end_spell_ = kNoKey;
    return;
  }
  const Worker* w = st.workers().find(sp->worker);
  const std::string who = w ? w->name() : std::string("—");
  const ImGuiChildFlags panel = ImGuiChildFlags_Borders | ImGuiChildFlags_AlwaysUseWindowPadding | ImGuiChildFlags_AutoResizeY;
  if (ImGui::BeginChild("end", ImVec2(std::min(ImGui::GetContentRegionAvail().x, 640.0f * cx.dpr), 0), panel)) {
    ImGui::TextUnformatted(i18n.trf("enterprises.end.title", {who, sp->hired.iso()}).c_str());
    ImGui::BeginDisabled(!cx.editable());
    if (date_field("left", i18n.tr("enterprises.end.left"), end_.left, end_save_.at("left"), i18n)) end_save_.forget("left");
    if (choice_field("reason", i18n.tr("enterprises.end.reason"), end_.reason, terms_employment_end(), end_save_.at("reason"), i18n))
      end_save_.forget("reason");
    field_problem(end_save_.at("spell"), i18n, "spell");
    ImGui::EndDisabled();
    ImGui::Spacing();
    if (primary_button(label_id(i18n, "enterprises.end.submit", "end").c_str(), cx.editable() && !end_save_.pending())) {
      EndEmployment cmd = end_;
      cmd.spell = st.record_id(end_spell_);
      end_save_.submit(cx.session, cmd);
    }
    ImGui::SameLine();
    if (secondary_button(label_id(i18n, "enterprises.detail.cancel", "end_cancel").c_str())) end_spell_ = kNoKey;
    ImGui::SameLine();
    if (secondary_button(label_id(i18n, "enterprises.end.profile", "profile").c_str())) cx.navigate({Area::Workers, sp->worker, {}, {}});
    form_status(end_save_, cx.session, i18n);
  }
  ImGui::EndChild();
}

}  // namespace hearth::ui
