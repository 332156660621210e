// Index of this file
// - draw: layout (two columns when wide, stacked when narrow)
// - draw_form / submit: the registration form and its save cycle
// - draw_list: search as you type, the clipped table of workers
#include "worker_register_view.hpp"

#include <algorithm>

#include "automation.hpp"
#include "imgui.h"
#include "imgui_stdlib.h"
#include "resident_id.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace hearth::ui {

// ---- layout ---------------------------------------------------------------------------------

void WorkerRegisterView::draw(Session& session, const I18n& i18n, float dpr) {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const bool wide = avail.x / dpr >= 900.0f;
  const float form_width = wide ? std::min(440.0f * dpr, avail.x * 0.4f) : avail.x;
  const ImGuiChildFlags panel = ImGuiChildFlags_Borders | ImGuiChildFlags_AlwaysUseWindowPadding;
  if (ImGui::BeginChild("form", ImVec2(form_width, 0.0f), panel | (wide ? 0 : ImGuiChildFlags_AutoResizeY)))
    draw_form(session, i18n);
  ImGui::EndChild();
  if (wide) ImGui::SameLine();
  if (ImGui::BeginChild("list", ImVec2(0, 0), panel)) draw_list(session, i18n);
  ImGui::EndChild();
}

// ---- the form -------------------------------------------------------------------------------

void WorkerRegisterView::forget_problem(const char* field) {
  std::erase_if(problems_, [&](const Problem& p) { return p.field == field || p.field.empty(); });
  saved_message_.clear();
}

void WorkerRegisterView::draw_form(Session& session, const I18n& i18n) {
  // the outcome of the write in flight, once the store has answered
  if (ticket_ != 0 && session.last_write().ticket == ticket_ && !session.saving()) {
    const auto& out = session.last_write();
    if (out.status == Session::WriteStatus::Saved) {
      saved_message_ = i18n.trf("workers.status.saved", {name_});
      name_.clear();
      resident_id_.clear();
      mobile_.clear();  // the township stays: the next person is usually from the same place
      problems_.clear();
      focus_name_ = true;
    } else {
      const std::string reason = i18n.trf(out.error->message_key().c_str(), {out.error->detail});
      problems_ = {{"", "workers.status.save_failed", {reason}}};
    }
    ticket_ = 0;
  }

  ImGui::PushFont(nullptr, kBaseFontSize * 1.15f);
  ImGui::TextUnformatted(i18n.tr("workers.form.title"));
  ImGui::PopFont();
  ImGui::Spacing();

  const bool editable = session.phase() == Session::Phase::Ready && !session.read_only() && !session.saving() && !session.restoring();
  bool enter = false, any_enter = false;
  ImGui::BeginDisabled(!editable);
  if (text_field("name", i18n.tr("workers.field.name"), name_, i18n.tr("workers.hint.name"), problem_for(problems_, "name"), i18n, &enter,
                 focus_name_ && editable))
    forget_problem("name");
  if (editable) focus_name_ = false;
  any_enter |= enter;
  if (text_field("resident_id", i18n.tr("workers.field.resident_id"), resident_id_, i18n.tr("workers.hint.resident_id"),
                 problem_for(problems_, "resident_id"), i18n, &enter))
    forget_problem("resident_id");
  any_enter |= enter;
  if (text_field("mobile", i18n.tr("workers.field.mobile"), mobile_, i18n.tr("workers.hint.mobile"), problem_for(problems_, "mobile"), i18n,
                 &enter))
    forget_problem("mobile");
  any_enter |= enter;
  if (township_field("township", i18n.tr("workers.field.township"), township_, problem_for(problems_, "township"), i18n))
    forget_problem("township");
  ImGui::EndDisabled();

  ImGui::Spacing();
  const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  const bool add = primary_button((std::string(i18n.tr("workers.action.add")) + "###add").c_str(), editable, half);
  ImGui::SameLine();
  if (secondary_button((std::string(i18n.tr("workers.action.clear")) + "###clear").c_str(), editable, half)) {
    name_.clear();
    resident_id_.clear();
    mobile_.clear();
    township_ = 0;
    problems_.clear();
    saved_message_.clear();
    focus_name_ = true;
  }
  if ((add || any_enter) && editable) submit(session);

  if (session.saving()) message("status", i18n.tr("workers.status.saving"));
  for (const auto& p : problems_)
    if (p.field.empty()) message("error", i18n.trf(p.message.c_str(), p.args));
  if (!saved_message_.empty()) message("success", saved_message_);
}

void WorkerRegisterView::submit(Session& session) {
  saved_message_.clear();
  const auto sub = session.submit(RegisterWorker{name_, resident_id_, mobile_, township_});
  problems_ = sub.problems;
  ticket_ = sub.ticket;
}

// ---- the list -------------------------------------------------------------------------------

void WorkerRegisterView::draw_list(const Session& session, const I18n& i18n) {
  ImGui::PushFont(nullptr, kBaseFontSize * 1.15f);
  ImGui::TextUnformatted(i18n.tr("workers.list.title"));
  ImGui::PopFont();
  if (session.phase() != Session::Phase::Ready) return;
  const State& state = session.state();
  const auto& workers = state.workers();
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  const std::string count = i18n.trf("workers.list.count", {std::to_string(workers.size())});
  ImGui::TextDisabled("%s", count.c_str());
  automation::text_last("count", count);

  // search as you type: recomputed only when the query or the register changes
  ImGui::SetNextItemWidth(-FLT_MIN);
  ImGui::InputTextWithHint("##search", i18n.tr("workers.list.search_hint"), &query_);
  automation::annotate_last("input", i18n.tr("workers.list.search"), query_);
  if (query_ != hits_query_ || state.revision() != hits_revision_) {
    hits_ = state.search_workers(query_);
    hits_query_ = query_;
    hits_revision_ = state.revision();
  }
  if (!query_.empty()) {
    const std::string found = i18n.trf("workers.list.matches", {std::to_string(hits_.size())});
    ImGui::TextDisabled("%s", found.c_str());
    automation::text_last("count", found);
  }
  if (workers.size() == 0) {
    message("notice", i18n.tr("workers.list.empty"));
    return;
  }
  if (hits_.empty()) {
    message("notice", i18n.trf("workers.list.no_match", {query_}));
    return;
  }

  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX;
  if (!ImGui::BeginTable("workers", 5, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(i18n.tr("workers.col.name"), 0, 1.0f);
  ImGui::TableSetupColumn(i18n.tr("workers.col.resident_id"), 0, 1.7f);
  ImGui::TableSetupColumn(i18n.tr("workers.col.mobile"), 0, 1.2f);
  ImGui::TableSetupColumn(i18n.tr("workers.col.township"), 0, 1.2f);
  ImGui::TableSetupColumn(i18n.tr("workers.col.registered"), 0, 1.0f);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;  // thousands of rows: only the visible ones are drawn
  clipper.Begin(static_cast<int>(hits_.size()));
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const Worker& w = workers.rows()[hits_[static_cast<std::size_t>(row)]];
      const std::string masked = ResidentId::mask(w.resident_id);
      const std::string township = i18n.township(w.details.township);
      const std::string registered = Date::from_unix_ms(w.registered.wall_ms).iso();
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::PushID(row);
      ImGui::Selectable("##row", false, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowOverlap);
      automation::annotate_last("row", w.name() + " " + masked + " " + w.details.mobile + " " + township + " " + registered);
      ImGui::PopID();
      ImGui::SameLine(0, 0);
      ImGui::TextUnformatted(w.name().c_str());
      ImGui::TableSetColumnIndex(1);
      ImGui::TextUnformatted(masked.c_str());
      ImGui::TableSetColumnIndex(2);
      ImGui::TextUnformatted(w.details.mobile.c_str());
      ImGui::TableSetColumnIndex(3);
      ImGui::TextUnformatted(township.c_str());
      ImGui::TableSetColumnIndex(4);
      ImGui::TextUnformatted(registered.c_str());
    }
  }
  ImGui::EndTable();
}

}  // namespace hearth::ui
