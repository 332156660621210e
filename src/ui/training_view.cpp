// Index of this file
// - helpers: big touch buttons, labels
// - show / draw: the list of sessions, or one session
// - draw_sessions: sessions around today as big rows; scheduling a session, creating a course
// - draw_session: the header, counters, actions
// - draw_roll: one row per trainee — present, result, certificate, subsidy
// - draw_add: a late arrival found by name or ID digits, or registered on the spot
// - draw_score_pad: the numeric pad that records a result
// - draw_export: the day's bundle
#include "training_view.hpp"

#include <algorithm>

#include "automation.hpp"
#include "imgui.h"
#include "register_tables.hpp"
#include "resident_id.hpp"
#include "state.hpp"
#include "subsidy_tables.hpp"
#include "text.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace hearth::ui {

// ---- helpers --------------------------------------------------------------------------------
namespace {
std::string label_id(const I18n& i18n, const char* key, const char* id) { return std::string(i18n.tr(key)) + "###" + id; }

// A finger-sized button: at least `min_css` CSS px high on any screen.
bool big_button(const std::string& label, bool primary, bool enabled, float width, float min_css, float dpr) {
  const float h = std::max(ImGui::GetFrameHeight(), min_css * dpr);
  const ImVec2 pad = ImGui::GetStyle().FramePadding;
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(pad.x, std::max(pad.y, (h - ImGui::GetFontSize()) * 0.5f)));
  if (!primary) {
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.90f, 0.92f, 0.95f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.85f, 0.88f, 0.92f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(0.80f, 0.84f, 0.89f, 1.0f));
  }
  ImGui::PushStyleColor(ImGuiCol_Text, primary ? ImVec4(1, 1, 1, 1) : palette().text);
  ImGui::BeginDisabled(!enabled);
  const bool pressed = ImGui::Button(label.c_str(), ImVec2(width, h));
  ImGui::EndDisabled();
  ImGui::PopStyleColor(primary ? 1 : 4);
  ImGui::PopStyleVar();
  return pressed;
}

std::string course_line(const State& st, const TrainingSession& t, const I18n& i18n) {
  const Course* c = st.courses().find(t.course);
  std::string line = t.date.iso() + "  " + (c ? c->name : "—");
  if (c) {
    line += " · " + term_text(i18n.catalog(), terms_course_type(), static_cast<std::uint8_t>(c->type));
    if (c->programme != TrainingProgramme::None)
      line += " · " + term_text(i18n.catalog(), terms_training_programme(), static_cast<std::uint8_t>(c->programme));
  }
  return line;
}
}  // namespace

// ---- show / draw ----------------------------------------------------------------------------
void TrainingView::show(const NavigationRequest& request) {
  if (request.record != kNoKey) open_ = request.record;
}

void TrainingView::draw(ViewContext& cx) {
  if (!cx.ready()) return;
  const State& st = cx.session.state();
  if (open_ != kNoKey && !st.sessions().find(open_)) open_ = kNoKey;  // a restore took it away
  if (open_ == kNoKey) draw_sessions(cx);
  else draw_session(cx);
}

// ---- draw_sessions --------------------------------------------------------------------------
void TrainingView::draw_sessions(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  const State& st = cx.session.state();
  const bool editable = cx.editable();
  const float avail = ImGui::GetContentRegionAvail().x;
  const float button_w = std::min(avail, 260.0f * cx.dpr);
  if (big_button(label_id(i18n, "classroom.action.schedule", "schedule"), panel_ != Panel::Schedule, editable, button_w, 48, cx.dpr))
    panel_ = panel_ == Panel::Schedule ? Panel::None : Panel::Schedule;
  if (avail >= button_w * 2 + ImGui::GetStyle().ItemSpacing.x) ImGui::SameLine();
  if (big_button(label_id(i18n, "classroom.action.new_course", "new-course"), false, editable, button_w, 48, cx.dpr))
    panel_ = panel_ == Panel::Course ? Panel::None : Panel::Course;
  if (panel_ != Panel::None) {
    const ImGuiChildFlags panel = ImGuiChildFlags_Borders | ImGuiChildFlags_AlwaysUseWindowPadding | ImGuiChildFlags_AutoResizeY;
    if (ImGui::BeginChild("training_form", ImVec2(std::min(avail, 560.0f * cx.dpr), 0), panel)) {
      if (panel_ == Panel::Schedule) draw_schedule_form(cx);
      else draw_course_form(cx);
    }
    ImGui::EndChild();
  }
  if (!schedule_save_.saved().empty()) message("success", schedule_save_.saved());
  if (!course_save_.saved().empty() && panel_ != Panel::Course) message("success", course_save_.saved());

  section_heading(i18n.tr("classroom.sessions.title"));
  const auto unit = cx.session.unit();  // chosen at set-up, before any enrolment
  const std::string provider = unit && unit->role == DeviceRole::Trainer ? unit->provider : std::string();
  const std::vector<Key> near = sessions_near(st, cx.today, 14, 30, 40, provider);
  if (near.empty()) {
    message("notice", i18n.tr("classroom.sessions.none"));
    return;
  }
  const float row_h = (cx.touch ? 72.0f : 56.0f) * cx.dpr;
  for (Key k : near) {
    const TrainingSession* t = st.sessions().find(k);
    const std::string line = course_line(st, *t, i18n);
    const std::string where = t->place + " · " + t->trainer + " · " + i18n.township(t->township) + " · " +
                              i18n.trf("classroom.sessions.enrolled", {std::to_string(st.enrolments_of_session(k).size())});
    const bool today = t->date == cx.today;
    ImGui::PushID(static_cast<int>(k));
    const ImVec2 at = ImGui::GetCursorScreenPos();
    if (ImGui::Selectable("##session", today, 0, ImVec2(0, row_h))) {
      open_ = k;
      adding_ = false;
      exported_.reset();
      export_problems_.clear();
      mark_.clear();
    }
    automation::annotate_last("row", line, today ? "today" : "");
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float pad = ImGui::GetStyle().FramePadding.x;
    const float y = at.y + (row_h - ImGui::GetFontSize() * 2 - ImGui::GetStyle().ItemSpacing.y) * 0.5f;
    std::string title = line;
    if (today) title = std::string(i18n.tr("classroom.sessions.today")) + "  " + title;
    dl->AddText(ImVec2(at.x + pad, y), ImGui::GetColorU32(today ? palette().accent : palette().text), title.c_str());
    dl->AddText(ImVec2(at.x + pad, y + ImGui::GetFontSize() + ImGui::GetStyle().ItemSpacing.y), ImGui::GetColorU32(palette().muted),
                where.c_str());
    ImGui::PopID();
  }
}

void TrainingView::draw_schedule_form(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  const State& st = cx.session.state();
  if (schedule_save_.poll(cx.session, i18n) == FormSave::Outcome::Saved) {
    // the new session opens at once: the roll is what the trainer came for
    const RecordId id{cx.session.workspace().ledger().device(), cx.session.workspace().ledger().last_seq()};
    schedule_save_.set_saved(i18n.trf("classroom.status.scheduled", {schedule_.date}));
    panel_ = Panel::None;
    open_ = st.key_of(id);
    return;
  }
  if (schedule_.date.empty()) schedule_.date = cx.today.iso();
  const bool editable = cx.editable();
  ImGui::BeginDisabled(!editable);
  // the course: chosen among the courses, newest first
  {
    const Problem* p = schedule_save_.at("course");
    ImGui::TextUnformatted(i18n.tr("classroom.field.course"));
    const Course* chosen = schedule_course_ ? st.courses().find(schedule_course_) : nullptr;
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::BeginCombo("##course", chosen ? chosen->name.c_str() : i18n.tr("classroom.field.course_choose"))) {
      const auto& rows = st.courses().rows();
      for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
        const std::string text = it->name + "  (" + term_text(i18n.catalog(), terms_course_type(), static_cast<std::uint8_t>(it->type)) +
                                 " · " + it->provider + ")";
        ImGui::PushID(static_cast<int>(it->key));
        if (ImGui::Selectable(text.c_str(), it->key == schedule_course_, 0, ImVec2(0, ImGui::GetFrameHeight()))) {
          schedule_course_ = it->key;
          schedule_save_.forget("course");
        }
        automation::annotate_last("option", text);
        ImGui::PopID();
      }
      ImGui::EndCombo();
    }
    automation::annotate_last("combo", i18n.tr("classroom.field.course"), chosen ? chosen->name : "");
    field_problem(p, i18n, "course");
  }
  if (date_field("date", i18n.tr("classroom.field.date"), schedule_.date, schedule_save_.at("date"), i18n)) schedule_save_.forget("date");
  if (text_field("place", i18n.tr("classroom.field.place"), schedule_.place, i18n.tr("classroom.hint.place"), schedule_save_.at("place"), i18n))
    schedule_save_.forget("place");
  if (text_field("trainer", i18n.tr("classroom.field.trainer"), schedule_.trainer, "", schedule_save_.at("trainer"), i18n))
    schedule_save_.forget("trainer");
  if (township_field("township", i18n.tr("classroom.field.township"), schedule_.township, schedule_save_.at("township"), i18n))
    schedule_save_.forget("township");
  ImGui::EndDisabled();
  ImGui::Spacing();
  if (big_button(label_id(i18n, "classroom.action.schedule_save", "schedule-save"), true, editable && !schedule_save_.pending(), -FLT_MIN, 48,
                 cx.dpr)) {
    ScheduleSession cmd = schedule_;
    cmd.course = schedule_course_ ? st.record_id(schedule_course_) : RecordId{};
    schedule_save_.submit(cx.session, cmd);
  }
  form_status(schedule_save_, cx.session, i18n);
}

void TrainingView::draw_course_form(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  if (course_save_.poll(cx.session, i18n) == FormSave::Outcome::Saved) {
    const RecordId id{cx.session.workspace().ledger().device(), cx.session.workspace().ledger().last_seq()};
    course_save_.set_saved(i18n.trf("classroom.status.course_created", {course_.name}));
    schedule_course_ = cx.session.state().key_of(id);  // the next step is usually its first session
    course_ = {};
    provider_filled_ = false;
    panel_ = Panel::Schedule;
    return;
  }
  if (course_.provider.empty() && !provider_filled_) {
    if (const auto unit = cx.session.unit()) course_.provider = unit->provider;
    provider_filled_ = true;  // once: the person may clear it
  }
  const bool editable = cx.editable();
  ImGui::BeginDisabled(!editable);
  if (text_field("course-name", i18n.tr("classroom.field.course_name"), course_.name, i18n.tr("classroom.hint.course_name"),
                 course_save_.at("name"), i18n))
    course_save_.forget("name");
  if (choice_field("course-type", i18n.tr("classroom.field.type"), course_.type, terms_course_type(), course_save_.at("type"), i18n))
    course_save_.forget("type");
  if (choice_field("course-programme", i18n.tr("classroom.field.programme"), course_.programme, terms_training_programme(),
                   course_save_.at("programme"), i18n))
    course_save_.forget("programme");
  if (text_field("provider", i18n.tr("classroom.field.provider"), course_.provider, "", course_save_.at("provider"), i18n))
    course_save_.forget("provider");
  if (text_field("hours", i18n.tr("classroom.field.hours"), course_.hours, "40", course_save_.at("hours"), i18n)) course_save_.forget("hours");
  ImGui::Spacing();
  check_field("subsidy", i18n.tr("classroom.field.subsidy"), course_.subsidy_eligible);
  ImGui::EndDisabled();
  ImGui::Spacing();
  if (big_button(label_id(i18n, "classroom.action.course_save", "course-save"), true, editable && !course_save_.pending(), -FLT_MIN, 48, cx.dpr))
    course_save_.submit(cx.session, course_);
  form_status(course_save_, cx.session, i18n);
}

// ---- draw_session ---------------------------------------------------------------------------
void TrainingView::draw_session(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  const State& st = cx.session.state();
  if (st.revision() != roll_revision_ || roll_session_ != open_ || !(roll_today_ == cx.today)) {
    roll_ = session_roll(st, open_, cx.today, cx.session.workspace().config());
    roll_revision_ = st.revision();
    roll_session_ = open_;
    roll_today_ = cx.today;
  }
  const TrainingSession& t = *roll_.row;
  const float avail = ImGui::GetContentRegionAvail().x;
  if (big_button(label_id(i18n, "classroom.action.back", "back"), false, true, 0, 44, cx.dpr)) {
    open_ = kNoKey;
    return;
  }
  ImGui::SameLine();
  ImGui::PushFont(nullptr, kBaseFontSize * 1.2f);
  ImGui::AlignTextToFramePadding();
  const std::string title = roll_.course ? roll_.course->name : "—";
  ImGui::TextUnformatted(title.c_str());
  automation::text_last("session", title);
  ImGui::PopFont();
  const std::string about = course_line(st, t, i18n) + " · " + t.place + " · " + t.trainer + " · " + i18n.township(t.township);
  muted_text(about.c_str());
  message("status", i18n.trf("classroom.counts", {std::to_string(roll_.rows.size()), std::to_string(roll_.present_today),
                                                  std::to_string(roll_.completed), std::to_string(roll_.passed),
                                                  std::to_string(roll_.subsidised)}));
  const bool started = !(cx.today < t.date);
  if (!started) message("notice", i18n.trf("classroom.not_started", {t.date.iso()}));

  const float button_w = std::min(avail, 240.0f * cx.dpr);
  if (big_button(label_id(i18n, adding_ ? "classroom.action.add_close" : "classroom.action.add", "add"), !adding_, cx.editable(), button_w, 48,
                 cx.dpr)) {
    adding_ = !adding_;
    focus_search_ = adding_;
    registering_ = false;
  }
  ImGui::SameLine();
  draw_export(cx);
  if (adding_) {
    const ImGuiChildFlags panel = ImGuiChildFlags_Borders | ImGuiChildFlags_AlwaysUseWindowPadding | ImGuiChildFlags_AutoResizeY;
    if (ImGui::BeginChild("add_trainee", ImVec2(0, 0), panel)) draw_add(cx);
    ImGui::EndChild();
  }
  // what the last tap did
  if (mark_.poll(cx.session, i18n) == FormSave::Outcome::Saved) mark_.set_saved(i18n.trf("classroom.status.present", {mark_name_}));
  form_status(mark_, cx.session, i18n);
  if (score_save_.poll(cx.session, i18n) == FormSave::Outcome::Saved) {
    // the roll cached above may predate this write; rebuild it now for the message
    const RollRow* done = nullptr;
    roll_ = session_roll(st, open_, cx.today, cx.session.workspace().config());
    for (const RollRow& r : roll_.rows)
      if (r.worker == scoring_) done = &r;
    if (done && done->result)
      score_save_.set_saved(done->result->passed
                                ? i18n.trf("classroom.status.passed", {scoring_name_, done->score, done->result->certificate})
                                : i18n.trf("classroom.status.failed", {scoring_name_, done->score}));
    scoring_ = kNoKey;
    ImGui::CloseCurrentPopup();
  }
  if (scoring_ == kNoKey && !score_save_.saved().empty()) message("success", score_save_.saved());
  draw_roll(cx);
  draw_score_pad(cx);
}

// ---- draw_roll ------------------------------------------------------------------------------
void TrainingView::draw_roll(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  const State& st = cx.session.state();
  if (roll_.rows.empty()) {
    message("notice", i18n.tr("classroom.roll.empty"));
    return;
  }
  const bool started = !(cx.today < roll_.row->date);
  const bool editable = cx.editable() && started;
  const float row_h = (cx.touch ? 64.0f : 52.0f) * cx.dpr;
  const bool narrow = ImGui::GetContentRegionAvail().x / cx.dpr < 900.0f;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY | ImGuiTableFlags_PadOuterX;
  if (!ImGui::BeginTable("roll", 4, flags, ImVec2(0, 0))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(i18n.tr("classroom.col.trainee"), ImGuiTableColumnFlags_WidthStretch, 1.3f);
  ImGui::TableSetupColumn(i18n.tr("classroom.col.present"), ImGuiTableColumnFlags_WidthStretch, 0.8f);
  ImGui::TableSetupColumn(i18n.tr("classroom.col.result"), ImGuiTableColumnFlags_WidthStretch, 0.9f);
  ImGui::TableSetupColumn(i18n.tr("classroom.col.certificate"), ImGuiTableColumnFlags_WidthStretch, narrow ? 1.0f : 1.2f);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(roll_.rows.size()), row_h + ImGui::GetStyle().CellPadding.y * 2);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const RollRow& r = roll_.rows[static_cast<std::size_t>(i)];
      ImGui::TableNextRow(0, row_h);
      ImGui::PushID(static_cast<int>(r.worker));
      const float cell_pad = (row_h - ImGui::GetFontSize() * 2 - ImGui::GetStyle().ItemSpacing.y) * 0.5f;
      // trainee: name, masked ID below
      ImGui::TableNextColumn();
      ImGui::SetCursorPosY(ImGui::GetCursorPosY() + std::max(0.0f, cell_pad));
      ImGui::TextUnformatted(r.name.c_str());
      automation::text_last("trainee", r.name);
      ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
      ImGui::TextUnformatted(r.masked_id.c_str());
      ImGui::PopStyleColor();
      // present: one tap
      ImGui::TableNextColumn();
      const float bh = std::max(48.0f * cx.dpr, row_h - 12.0f * cx.dpr);
      ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (row_h - bh) * 0.5f);
      if (r.present_today) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette().success);
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (bh - ImGui::GetFontSize()) * 0.5f);
        const std::string here = i18n.trf("classroom.present.done", {std::to_string(r.days_present)});
        ImGui::TextUnformatted(here.c_str());
        automation::text_last("present", here, r.name);
        ImGui::PopStyleColor();
      } else {
        const std::string label = std::string(i18n.tr(r.absent_today ? "classroom.present.absent_mark" : "classroom.present.mark")) + "###present";
        if (big_button(label, true, editable && !mark_.pending(), -FLT_MIN, 48, cx.dpr)) {
          mark_name_ = r.name;
          mark_.submit(cx.session, RecordAttendance{open_ == kNoKey ? RecordId{} : st.record_id(open_), st.record_id(r.worker), cx.today.iso(), true});
        }
        automation::annotate_last("button", std::string(i18n.tr("classroom.present.mark")) + " " + r.name);
      }
      // result: a second control, through the numeric pad
      ImGui::TableNextColumn();
      ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (row_h - bh) * 0.5f);
      if (r.result) {
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (bh - ImGui::GetFontSize()) * 0.5f);
        ImGui::PushStyleColor(ImGuiCol_Text, r.result->passed ? palette().success : palette().error);
        const std::string text = i18n.trf(r.result->passed ? "classroom.result.passed" : "classroom.result.failed", {r.score});
        ImGui::TextUnformatted(text.c_str());
        automation::text_last("result", text, r.name);
        ImGui::PopStyleColor();
      } else {
        if (big_button(std::string(i18n.tr("classroom.result.enter")) + "###result", false, editable && !score_save_.pending(), -FLT_MIN, 48,
                       cx.dpr)) {
          scoring_ = r.worker;
          scoring_name_ = r.name;
          score_.clear();
          score_save_.clear();
          pad_requested_ = true;
        }
        automation::annotate_last("button", std::string(i18n.tr("classroom.result.enter")) + " " + r.name);
      }
      // certificate and subsidy
      ImGui::TableNextColumn();
      ImGui::SetCursorPosY(ImGui::GetCursorPosY() + std::max(0.0f, cell_pad));
      if (r.result && !r.result->certificate.empty()) {
        ImGui::TextUnformatted(r.result->certificate.c_str());
        automation::text_last("certificate", r.result->certificate, r.name);
        if (r.subsidy) {
          ImGui::PushStyleColor(ImGuiCol_Text, palette().accent);
          const std::string s = i18n.trf("classroom.subsidy", {yuan_text(r.subsidy_fen)});
          ImGui::TextUnformatted(s.c_str());
          automation::text_last("subsidy", s, r.name);
          ImGui::PopStyleColor();
        }
      } else {
        ImGui::TextDisabled("—");
      }
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

// ---- draw_add -------------------------------------------------------------------------------
void TrainingView::draw_add(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  const State& st = cx.session.state();
  const bool editable = cx.editable();
  if (enrol_save_.poll(cx.session, i18n) == FormSave::Outcome::Saved) query_.clear();
  if (register_save_.poll(cx.session, i18n) == FormSave::Outcome::Saved) {
    // registered: now enrol the new worker (the last event this device wrote)
    const RecordId id{cx.session.workspace().ledger().device(), cx.session.workspace().ledger().last_seq()};
    enrol_save_.submit(cx.session, Enrol{st.record_id(open_), id});
    enrol_save_.set_saved(i18n.trf("classroom.status.registered", {newcomer_.name}));
    newcomer_ = {};
    registering_ = false;
  }
  if (!registering_) {
    bool enter = false;
    // focused once when the panel opens (every frame would steal each tap from the buttons)
    text_field("trainee-search", i18n.tr("classroom.add.search"), query_, i18n.tr("classroom.add.search_hint"), nullptr, i18n, &enter, focus_search_);
    focus_search_ = false;
    const std::vector<Key> found = find_trainees(st, query_, open_, 8);
    const float row_h = (cx.touch ? 56.0f : 44.0f) * cx.dpr;
    for (Key k : found) {
      const Worker* w = st.workers().find(k);
      const std::string line = w->name() + "   " + ResidentId::mask(w->resident_id) + "   " + i18n.township(w->details.township);
      ImGui::PushID(static_cast<int>(k));
      const std::string label = line + "###pick";
      if (big_button(label, false, editable && !enrol_save_.pending(), -FLT_MIN, row_h / cx.dpr, cx.dpr)) {
        enrol_save_.submit(cx.session, Enrol{st.record_id(open_), st.record_id(k)});
        enrol_save_.set_saved(i18n.trf("classroom.status.enrolled", {w->name()}));
      }
      automation::annotate_last("row", line);
      ImGui::PopID();
    }
    if (!trim(query_).empty() && found.empty()) message("notice", i18n.tr("classroom.add.none"));
    form_status(enrol_save_, cx.session, i18n);
    ImGui::Spacing();
    if (big_button(label_id(i18n, "classroom.add.register", "register"), false, editable, std::min(ImGui::GetContentRegionAvail().x, 320.0f * cx.dpr),
                   48, cx.dpr)) {
      registering_ = true;
      register_save_.clear();
      if (const auto unit = cx.session.unit(); newcomer_.township == 0 && unit) newcomer_.township = unit->township;
      // digits typed in the search are most likely the ID number
      if (!query_.empty() && std::all_of(query_.begin(), query_.end(), [](char c) { return (c >= '0' && c <= '9') || c == 'x' || c == 'X'; }))
        newcomer_.resident_id = query_;
      else if (!query_.empty())
        newcomer_.name = query_;
    }
    return;
  }
  section_heading(i18n.tr("classroom.add.register_title"));
  ImGui::BeginDisabled(!editable);
  if (text_field("new-name", i18n.tr("workers.field.name"), newcomer_.name, "", register_save_.at("name"), i18n)) register_save_.forget("name");
  if (text_field("new-id", i18n.tr("workers.field.resident_id"), newcomer_.resident_id, i18n.tr("workers.hint.resident_id"),
                 register_save_.at("resident_id"), i18n))
    register_save_.forget("resident_id");
  if (text_field("new-mobile", i18n.tr("workers.field.mobile"), newcomer_.mobile, "", register_save_.at("mobile"), i18n))
    register_save_.forget("mobile");
  if (township_field("new-township", i18n.tr("workers.field.township"), newcomer_.township, register_save_.at("township"), i18n))
    register_save_.forget("township");
  if (choice_field("new-occupation", i18n.tr("workers.field.occupation"), newcomer_.occupation, terms_occupation(),
                   register_save_.at("occupation"), i18n))
    register_save_.forget("occupation");
  ImGui::EndDisabled();
  ImGui::Spacing();
  const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  if (big_button(label_id(i18n, "classroom.add.register_save", "register-save"), true, editable && !register_save_.pending(), half, 48, cx.dpr))
    register_save_.submit(cx.session, newcomer_);
  ImGui::SameLine();
  if (big_button(label_id(i18n, "form.cancel", "register-cancel"), false, true, half, 48, cx.dpr)) registering_ = false;
  form_status(register_save_, cx.session, i18n);
}

// ---- draw_score_pad -------------------------------------------------------------------------
void TrainingView::draw_score_pad(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  const State& st = cx.session.state();
  const char* popup = "###score_pad";
  if (pad_requested_) {
    ImGui::OpenPopup(popup);
    pad_requested_ = false;
  }
  const float key = (cx.touch ? 76.0f : 60.0f) * cx.dpr;
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float width = key * 3 + gap * 2;
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  const std::string title = i18n.trf("classroom.pad.title", {scoring_name_}) + popup;
  if (!ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove)) return;
  if (scoring_ == kNoKey) {
    ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return;
  }
  muted_text(i18n.trf("classroom.pad.pass_mark", {std::to_string(cx.session.workspace().config().pass_score)}).c_str());
  // the score as typed, large
  ImGui::PushFont(nullptr, kBaseFontSize * 2.0f);
  const std::string shown = score_.empty() ? std::string(i18n.tr("classroom.pad.empty")) : score_;
  const float tw = ImGui::CalcTextSize(shown.c_str()).x;
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (width - tw) * 0.5f));
  ImGui::PushStyleColor(ImGuiCol_Text, score_.empty() ? palette().muted : palette().text);
  ImGui::TextUnformatted(shown.c_str());
  ImGui::PopStyleColor();
  ImGui::PopFont();
  automation::text_last("score", score_, "score");
  field_problem(score_save_.at("score"), i18n, "score");

  auto type = [&](char c) {
    score_save_.forget("score");
    const auto dot = score_.find('.');
    if (c == '.') {
      if (dot == std::string::npos && !score_.empty()) score_ += '.';
    } else if (dot != std::string::npos) {
      if (score_.size() - dot < 2) score_ += c;  // one decimal, as exam sheets give it
    } else if (score_.size() < 3) {
      score_ = score_ == "0" ? std::string(1, c) : score_ + c;
    }
  };
  static constexpr const char* kKeys[12] = {"7", "8", "9", "4", "5", "6", "1", "2", "3", ".", "0", "<"};
  for (int i = 0; i < 12; ++i) {
    if (i % 3) ImGui::SameLine();
    const std::string k = kKeys[i];
    const std::string label = (k == "<" ? std::string(i18n.tr("classroom.pad.backspace")) : k) + "###key" + std::to_string(i);
    ImGui::PushFont(nullptr, kBaseFontSize * 1.4f);
    const bool pressed = big_button(label, false, !score_save_.pending(), key, key / cx.dpr, cx.dpr);
    ImGui::PopFont();
    automation::annotate_last("key", k == "<" ? "⌫" : k);
    if (!pressed) continue;
    if (k == "<") {
      if (!score_.empty()) score_.pop_back();
      score_save_.forget("score");
    } else {
      type(k[0]);
    }
  }
  // a hardware keyboard works too (a tablet with a keyboard cover, the desktop)
  if (!score_save_.pending()) {
    for (int d = 0; d <= 9; ++d)
      if (ImGui::IsKeyPressed(static_cast<ImGuiKey>(ImGuiKey_0 + d)) || ImGui::IsKeyPressed(static_cast<ImGuiKey>(ImGuiKey_Keypad0 + d)))
        type(static_cast<char>('0' + d));
    if (ImGui::IsKeyPressed(ImGuiKey_Period) || ImGui::IsKeyPressed(ImGuiKey_KeypadDecimal)) type('.');
    if (ImGui::IsKeyPressed(ImGuiKey_Backspace) && !score_.empty()) score_.pop_back();
  }
  ImGui::Spacing();
  const bool confirm = big_button(label_id(i18n, "classroom.pad.confirm", "pad-confirm"), true,
                                  cx.editable() && !score_save_.pending() && !score_.empty(), width, 52, cx.dpr) ||
                       (ImGui::IsKeyPressed(ImGuiKey_Enter) && !score_.empty() && cx.editable() && !score_save_.pending());
  if (confirm)
    score_save_.submit(cx.session, RecordCompletion{st.record_id(open_), st.record_id(scoring_), cx.today.iso(), score_, ""});
  if (big_button(label_id(i18n, "form.cancel", "pad-cancel"), false, !score_save_.pending(), width, 48, cx.dpr) ||
      ImGui::IsKeyPressed(ImGuiKey_Escape)) {
    scoring_ = kNoKey;
    score_save_.clear();
    ImGui::CloseCurrentPopup();
  }
  // problems that concern no single field (not enrolled, already completed, the store failed)
  for (const Problem& p : score_save_.problems())
    if (p.field != "score") message("error", i18n.trf(p.message.c_str(), p.args));
  if (score_save_.pending()) message("status", i18n.tr("form.saving"));
  ImGui::EndPopup();
}

// ---- draw_export ----------------------------------------------------------------------------
void TrainingView::draw_export(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  Session& session = cx.session;
  const std::uint64_t waiting = session.unexported();
  const std::string label = i18n.trf("classroom.action.export", {std::to_string(waiting)}) + "###export";
  if (big_button(label, false, waiting > 0 && !exporting_ && cx.ready(), std::min(ImGui::GetContentRegionAvail().x, 260.0f * cx.dpr), 48,
                 cx.dpr)) {
    exporting_ = true;
    exported_.reset();
    export_problems_.clear();
    session.export_bundle(0, 0, [this, &i18n](std::optional<Session::ExportResult> r, std::vector<TrustProblem> ps) {
      exporting_ = false;
      export_problems_ = std::move(ps);
      if (r) exported_ = i18n.trf("classroom.status.exported", {r->file_name, std::to_string(r->last - r->first + 1)});
    });
  }
  // every reason an export is refused (no key, locked, not enrolled, a demo) is settled under 数据交换
  for (const TrustProblem& p : export_problems_) message("error", i18n.trf(p.message.c_str(), p.args));
  if (!export_problems_.empty() && secondary_button(label_id(i18n, "classroom.action.go_exchange", "go-exchange").c_str()))
    cx.navigate({Area::Exchange, kNoKey, {}, {}});
  if (exported_) message("success", *exported_);
}

}  // namespace hearth::ui
