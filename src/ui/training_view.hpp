// 培训课堂: the trainer's tablet (measures 1–6). Today's sessions as big rows; one session's
// roll, where a tap marks a trainee present and a second control records the result through a
// numeric pad (no system keyboard); a late arrival found by name or the last digits of the ID
// number, or registered on the spot; and the day's bundle exported at the end. Everything is
// one command per tap through the session, so it works offline like every other form.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "enrolment.hpp"
#include "form_save.hpp"
#include "training_roll.hpp"
#include "view.hpp"

namespace hearth::ui {

class TrainingView {
 public:
  void draw(ViewContext& cx);
  // Another view sent the person here: `record` is a session to open.
  void show(const NavigationRequest& request);

 private:
  void draw_sessions(ViewContext& cx);
  void draw_schedule_form(ViewContext& cx);
  void draw_course_form(ViewContext& cx);
  void draw_session(ViewContext& cx);
  void draw_roll(ViewContext& cx);
  void draw_add(ViewContext& cx);
  void draw_score_pad(ViewContext& cx);
  void draw_export(ViewContext& cx);

  Key open_ = kNoKey;  // the session shown; kNoKey: the list of sessions
  enum class Panel { None, Schedule, Course } panel_ = Panel::None;

  ScheduleSession schedule_;
  Key schedule_course_ = kNoKey;
  FormSave schedule_save_;
  CreateCourse course_;
  bool provider_filled_ = false;
  FormSave course_save_;

  // the roll: one command per tap
  FormSave mark_;
  std::string mark_name_;  // who the last tap was for (the saved line names them)
  // the score pad
  Key scoring_ = kNoKey;
  std::string scoring_name_, score_;
  bool pad_requested_ = false;
  FormSave score_save_;
  // adding a late arrival
  bool adding_ = false;
  bool focus_search_ = false;
  std::string query_;
  FormSave enrol_save_;
  RegisterWorker newcomer_;
  bool registering_ = false;
  FormSave register_save_;
  // export
  bool exporting_ = false;
  std::optional<std::string> exported_;
  std::vector<TrustProblem> export_problems_;

  SessionRoll roll_;
  std::uint64_t roll_revision_ = ~std::uint64_t{0};
  Key roll_session_ = kNoKey;
  Date roll_today_;
};

}  // namespace hearth::ui
