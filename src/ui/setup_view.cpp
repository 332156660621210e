// Index of this file
// - wanted: when the first-run screen shows
// - draw: role, unit, label, passphrase; the demo district; later
// - finish: the key (Argon2id, about a second), then the unit, durably
#include "setup_view.hpp"

#include <algorithm>

#include "automation.hpp"
#include "imgui.h"
#include "theme.hpp"
#include "widgets.hpp"

namespace hearth::ui {

namespace {
constexpr std::uint32_t kDemoDivisor = 20;  // 50 enterprises, 5,000 workers, 25,000 completions: a few seconds on a tablet

std::string with_id(const I18n& i18n, const char* key, const char* id) { return std::string(i18n.tr(key)) + "###" + id; }
}  // namespace

bool SetupView::wanted(const Session& session) const {
  if (later_ || working_) return working_;
  return session.phase() == Session::Phase::Ready && !session.read_only() && session.fresh();
}

const TrustProblem* SetupView::problem(const char* key) const {
  for (const auto& p : problems_)
    if (p.message == key) return &p;
  return nullptr;
}

void SetupView::draw(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  // Wide: the set-up form and, beside it, "just looking". Narrow: "just looking" first (it is
  // short), then the form.
  const float avail = ImGui::GetContentRegionAvail().x;
  const bool wide = avail / cx.dpr >= 900.0f;
  const ImGuiChildFlags panel = ImGuiChildFlags_Borders | ImGuiChildFlags_AlwaysUseWindowPadding;
  const float side = wide ? std::min(400.0f * cx.dpr, avail * 0.38f) : avail;
  const float main_w = wide ? std::min(avail - side - ImGui::GetStyle().ItemSpacing.x, 680.0f * cx.dpr) : avail;
  if (wide) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - main_w - side - ImGui::GetStyle().ItemSpacing.x) * 0.5f);
  if (!wide) {
    if (ImGui::BeginChild("looking", ImVec2(side, 0), panel | ImGuiChildFlags_AutoResizeY)) draw_looking(cx);
    ImGui::EndChild();
  }
  if (!ImGui::BeginChild("setup", ImVec2(main_w, 0), panel)) {
    ImGui::EndChild();
    return;
  }
  ImGui::PushFont(nullptr, kBaseFontSize * 1.3f);
  ImGui::TextUnformatted(i18n.tr("setup.title"));
  ImGui::PopFont();
  automation::text_last("setup", i18n.tr("setup.title"));
  ImGui::PushTextWrapPos(0.0f);
  muted_text(i18n.tr("setup.intro"));
  ImGui::PopTextWrapPos();

  const bool busy = working_ || demo_working_ || cx.session.loading_demo();
  ImGui::BeginDisabled(busy);
  section_heading(i18n.tr("setup.role"));
  const char* roles[] = {"setup.role.district", "setup.role.township", "setup.role.trainer"};
  const char* ids[] = {"role-district", "role-township", "role-trainer"};
  for (int i = 0; i < 3; ++i) {
    if (i > 0) ImGui::SameLine(0, 24.0f * cx.dpr);
    if (ImGui::RadioButton(with_id(i18n, roles[i], ids[i]).c_str(), &role_, i)) problems_.clear();
    automation::annotate_last("radio", i18n.tr(roles[i]), role_ == i ? "1" : "0");
  }
  const char* explain[] = {"setup.role.district.explain", "setup.role.township.explain", "setup.role.trainer.explain"};
  muted_text(i18n.tr(explain[role_]));

  section_heading(i18n.tr("setup.unit"));
  auto as_problem = [&](const char* key, const char* field) -> std::optional<Problem> {
    if (const TrustProblem* p = problem(key)) return Problem{field, p->message, p->args};
    return std::nullopt;
  };
  if (role_ == 0) {
    const auto p = as_problem("err.enrol.label", "district-label");
    text_field("district-label", i18n.tr("setup.district_label"), district_label_, i18n.tr("setup.district_label.hint"), p ? &*p : nullptr, i18n);
  } else {
    if (role_ == 1) {
      const auto p = as_problem("err.enrol.township", "township");
      township_field("township", i18n.tr("setup.township"), township_, p ? &*p : nullptr, i18n);
    } else {
      const auto p = problem("err.enrol.provider") ? as_problem("err.enrol.provider", "provider") : as_problem("err.enrol.provider_long", "provider");
      text_field("provider", i18n.tr("setup.provider"), provider_, i18n.tr("setup.provider.hint"), p ? &*p : nullptr, i18n);
    }
    const auto p = problem("err.enrol.label") ? as_problem("err.enrol.label", "label") : as_problem("err.enrol.label_long", "label");
    text_field("label", i18n.tr("setup.label"), label_, i18n.tr("setup.label.hint"), p ? &*p : nullptr, i18n);
  }

  section_heading(i18n.tr("setup.passphrase"));
  muted_text(i18n.tr("setup.passphrase.explain"));
  {
    const auto short_p = as_problem("err.key.passphrase_short", "passphrase");
    const auto mismatch_p = as_problem("err.key.passphrase_mismatch", "repeated");
    // side by side: the form fits a tablet's screen without scrolling
    const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    ImGui::BeginGroup();
    ImGui::PushItemWidth(half);
    if (ImGui::BeginChild("first", ImVec2(half, 0), ImGuiChildFlags_AutoResizeY))
      password_field("passphrase", i18n.tr("setup.passphrase.first"), passphrase_, i18n.tr("setup.passphrase.hint"), short_p ? &*short_p : nullptr, i18n);
    ImGui::EndChild();
    ImGui::SameLine();
    if (ImGui::BeginChild("repeat", ImVec2(half, 0), ImGuiChildFlags_AutoResizeY))
      password_field("repeated", i18n.tr("setup.passphrase.repeat"), repeated_, "", mismatch_p ? &*mismatch_p : nullptr, i18n);
    ImGui::EndChild();
    ImGui::PopItemWidth();
    ImGui::EndGroup();
  }
  ImGui::Spacing();
  const bool writer = cx.session.role() == WriterLease::Role::Writer;
  if (primary_button(with_id(i18n, "setup.finish", "finish").c_str(), writer, ImGui::GetContentRegionAvail().x)) finish(cx);
  ImGui::EndDisabled();
  if (working_) message("status", i18n.tr("setup.working"));
  for (const auto& p : problems_) {
    const std::string& m = p.message;
    const bool at_field = m.starts_with("err.key.passphrase_") || m.starts_with("err.enrol.label") || m.starts_with("err.enrol.township") ||
                          m.starts_with("err.enrol.provider");
    if (!at_field) message("error", i18n.trf(m.c_str(), p.args));
  }

  ImGui::EndChild();
  if (wide) {
    ImGui::SameLine();
    if (ImGui::BeginChild("looking", ImVec2(side, 0), panel | ImGuiChildFlags_AutoResizeY)) draw_looking(cx);
    ImGui::EndChild();
  }
}

// Just looking: the demo district, or later.
void SetupView::draw_looking(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  const bool busy = working_ || demo_working_ || cx.session.loading_demo();
  const bool writer = cx.session.role() == WriterLease::Role::Writer;
  ImGui::PushFont(nullptr, kBaseFontSize * 1.15f);
  ImGui::TextUnformatted(i18n.tr("setup.demo.title"));
  ImGui::PopFont();
  muted_text(i18n.tr("setup.demo.explain"));
  ImGui::BeginDisabled(busy);
  const float full = ImGui::GetContentRegionAvail().x;
  if (primary_button(with_id(i18n, "setup.demo.load", "demo").c_str(), writer, full)) {
    demo_working_ = true;
    demo_error_.clear();
    demo_wait_frames_ = 2;  // draw "generating…" before the generator takes the thread for a few seconds
  }
  if (demo_wait_frames_ > 0 && --demo_wait_frames_ == 0) {
    cx.session.load_demo(kDemoDivisor, [this, &i18n = cx.i18n](std::optional<StoreError> err) {
      demo_working_ = false;
      if (err) demo_error_ = i18n.trf("setup.demo.failed", {i18n.trf(err->message_key().c_str(), {err->detail})});
    });
  }
  if (secondary_button(with_id(i18n, "setup.later", "later").c_str(), true, full)) later_ = true;
  ImGui::EndDisabled();
  muted_text(i18n.tr("setup.later.explain"));
  if (demo_working_ || cx.session.loading_demo()) message("status", i18n.tr("setup.demo.working"));
  if (!demo_error_.empty()) message("error", demo_error_);
}

void SetupView::finish(ViewContext& cx) {
  problems_.clear();
  const DeviceRole role = role_ == 0 ? DeviceRole::District : role_ == 1 ? DeviceRole::Township : DeviceRole::Trainer;
  DeviceUnit unit{role, role == DeviceRole::Township ? township_ : 0, role == DeviceRole::Trainer ? provider_ : std::string(), label_};
  if (role != DeviceRole::District) problems_ = check_unit(unit);
  if (!problems_.empty()) return;  // the unit is checked before the slow key derivation
  working_ = true;
  cx.session.create_key(role, passphrase_, repeated_, district_label_, [this, role, unit, &session = cx.session](std::vector<TrustProblem> ps) {
    if (!ps.empty() || role == DeviceRole::District) {
      working_ = false;
      problems_ = std::move(ps);
      if (problems_.empty()) passphrase_.clear(), repeated_.clear();
      return;
    }
    passphrase_.clear();
    repeated_.clear();
    session.set_unit(unit, [this](std::optional<StoreError> err) {
      working_ = false;
      if (err) problems_.push_back({err->message_key(), {err->detail}, err->detail});
    });
  });
}

}  // namespace hearth::ui
