// 从业人员档案: one worker on one page — details, employment, training, health checks,
// licence (持证上门, explained), contracts, complaints, credit (grade, score and every line),
// an edit form and the history. Also the small pieces the register views share: a record's
// child table, a verdict shown criterion by criterion with its evidence, a details grid.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "commands.hpp"
#include "form_save.hpp"
#include "rules.hpp"
#include "text_table.hpp"
#include "view.hpp"

namespace hearth::ui {

// ---- shared pieces ----------------------------------------------------------------------------
// Every row of a short table (a profile's tens of records, not thousands), no scrolling of its
// own; returns the key of the row clicked this frame. `empty` is shown when there are no rows.
Key record_table(const char* id, const TextTable& t, const ViewContext& cx, const char* empty, Key selected = kNoKey);
// A rule's criteria: each one held (green) or failed (red) with its explanation, and the records
// that show it listed by name underneath. Published as role "criterion_held"/"criterion_failed".
void verdict_panel(const char* id, const Verdict& v, const ViewContext& cx, std::size_t max_evidence = 10);
// Label / value pairs, two pairs a line when there is room.
void detail_grid(const char* id, const std::vector<std::pair<std::string, std::string>>& rows, const ViewContext& cx);
// "← back" at the top of a record's page.
bool back_button(const char* label);

// The register form's fields (RegisterWorker and EditWorker share them). `extra` shows the
// optional ones (occupation, skill, groups…); the ID number only when registering.
void worker_form_fields(RegisterWorker& form, FormSave& save, const ViewContext& cx, bool with_resident_id, bool focus_name,
                        bool* enter);
void worker_form_extra(RegisterWorker& form, FormSave& save, const ViewContext& cx);

// ---- the profile ------------------------------------------------------------------------------
class WorkerProfile {
 public:
  // Draws the profile of `worker`; returns false when the person asked to go back to the list.
  bool draw(ViewContext& cx, Key worker);

 private:
  void rebuild(const ViewContext& cx, Key worker);
  void draw_edit(ViewContext& cx, const Worker& w);

  // derived tables, rebuilt when the state, the language, the day or the worker changes
  Key built_for_ = kNoKey;
  std::uint64_t built_revision_ = ~std::uint64_t{0};
  std::string built_language_;
  Date built_day_;
  TextTable employment_, training_, health_, contracts_, complaints_, credit_lines_;
  Verdict licence_;
  CreditRating credit_;

  bool editing_ = false;
  RegisterWorker edit_form_;
  FormSave edit_save_;
  FormSave issue_save_;  // 持证上门: IssueLicence
  void draw_conditions(ViewContext& cx, Key worker);
  bool identity_open_ = false, health_open_ = false;
  VerifyIdentity identity_form_;
  FormSave identity_save_;
  RecordHealthCheck health_form_;
  FormSave health_save_;
};

}  // namespace hearth::ui
