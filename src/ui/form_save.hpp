// One form's save cycle, the same in every view: submit → refused (each problem shown at its
// field, everything typed kept) or in flight → saved (the form may clear) or failed (the
// store's reason shown, everything typed kept, retry possible).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "commands.hpp"
#include "i18n.hpp"
#include "session.hpp"
#include "widgets.hpp"

namespace hearth::ui {

class FormSave {
 public:
  enum class Outcome { None, Saved, Failed };
  // Validates and, if accepted, starts the durable write. True when accepted.
  bool submit(Session& session, const Command& cmd) {
    saved_.clear();
    const auto sub = session.submit(cmd);
    problems_ = sub.problems;
    ticket_ = sub.ticket;
    return ticket_ != 0;
  }
  // Once per frame: Saved or Failed exactly once, when the store answers this form's write.
  Outcome poll(const Session& session, const I18n& i18n) {
    if (ticket_ == 0 || session.last_write().ticket != ticket_ || session.saving()) return Outcome::None;
    ticket_ = 0;
    const auto& out = session.last_write();
    if (out.status == Session::WriteStatus::Saved) {
      problems_.clear();
      input_saved();
      return Outcome::Saved;
    }
    const std::string reason = out.error ? i18n.trf(out.error->message_key().c_str(), {out.error->detail}) : std::string();
    problems_ = {{"", "form.save_failed", {reason}}};
    return Outcome::Failed;
  }
  bool pending() const { return ticket_ != 0; }
  const Problems& problems() const { return problems_; }
  const Problem* at(std::string_view field) const { return problem_for(problems_, field); }
  // The person changed `field`: its problem (and any form-level one) goes away.
  void forget(std::string_view field) {
    std::erase_if(problems_, [&](const Problem& p) { return p.field == field || p.field.empty(); });
    saved_.clear();
  }
  void clear() {  // the form was emptied or put away: what was typed in it is gone on purpose
    problems_.clear();
    saved_.clear();
    input_saved();
  }
  void set_saved(std::string text) { saved_ = std::move(text); }
  const std::string& saved() const { return saved_; }

 private:
  Problems problems_;
  std::uint64_t ticket_ = 0;
  std::string saved_;
};

// Draws the form's status: "saving…", problems that concern no single field, "saved: …".
void form_status(const FormSave& form, const Session& session, const I18n& i18n);

}  // namespace hearth::ui
