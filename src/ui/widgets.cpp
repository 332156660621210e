#include "widgets.hpp"

#include <cstdio>

#include "automation.hpp"
#include "imgui_stdlib.h"
#include "resident_id.hpp"
#include "state.hpp"
#include "text.hpp"
#include "theme.hpp"
#include "township.hpp"

namespace hearth::ui {

namespace {
bool g_unsaved_input = false;
}  // namespace
void note_unsaved_input() { g_unsaved_input = true; }
void input_saved() { g_unsaved_input = false; }
bool unsaved_input() { return g_unsaved_input; }

namespace {
void problem_line(const Problem* problem, const I18n& i18n, const char* field) {
  if (!problem) return;
  ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
  const std::string text = i18n.trf(problem->message.c_str(), problem->args);
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
  automation::text_last("error", text, field);
}

void field_label(const char* label, bool has_problem) {
  if (has_problem) ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
  ImGui::TextUnformatted(label);
  if (has_problem) ImGui::PopStyleColor();
}
}  // namespace

bool text_field(const char* id, const char* label, std::string& value, const char* hint, const Problem* problem,
                const I18n& i18n, bool* submitted, bool focus) {
  ImGui::PushID(id);
  field_label(label, problem != nullptr);
  if (problem) ImGui::PushStyleColor(ImGuiCol_Border, palette().error);
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (focus) ImGui::SetKeyboardFocusHere();
  const bool enter = ImGui::InputTextWithHint("##input", hint, &value, ImGuiInputTextFlags_EnterReturnsTrue);
  const bool edited = ImGui::IsItemEdited();
  automation::annotate_last("input", label, value);
  if (problem) ImGui::PopStyleColor();
  if (submitted) *submitted = enter;
  problem_line(problem, i18n, id);
  ImGui::PopID();
  if (edited) note_unsaved_input();
  return edited;
}

void section_heading(const char* text) {
  ImGui::Spacing();
  ImGui::PushFont(nullptr, kBaseFontSize * 1.15f);
  ImGui::TextUnformatted(text);
  ImGui::PopFont();
}

bool password_field(const char* id, const char* label, std::string& value, const char* hint, const Problem* problem,
                    const I18n& i18n, bool* submitted) {
  ImGui::PushID(id);
  field_label(label, problem != nullptr);
  if (problem) ImGui::PushStyleColor(ImGuiCol_Border, palette().error);
  ImGui::SetNextItemWidth(-FLT_MIN);
  const bool enter = ImGui::InputTextWithHint("##input", hint, &value, ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_Password);
  const bool edited = ImGui::IsItemEdited();
  automation::annotate_last("input", label, std::string(value.size(), '*'));
  if (problem) ImGui::PopStyleColor();
  if (submitted) *submitted = enter;
  problem_line(problem, i18n, id);
  ImGui::PopID();
  if (edited) note_unsaved_input();
  return edited;
}

void copyable_text(const char* id, const char* label, const std::string& text, float height) {
  ImGui::PushID(id);
  ImGui::TextUnformatted(label);
  // broken into lines of 48 characters (codes ignore whitespace when pasted back), in a
  // read-only box that can be selected and copied
  std::string copy;
  for (std::size_t i = 0; i < text.size(); i += 48) copy += text.substr(i, 48) + (i + 48 < text.size() ? "\n" : "");
  ImGui::InputTextMultiline("##code", &copy, ImVec2(-FLT_MIN, height), ImGuiInputTextFlags_ReadOnly);
  automation::annotate_last("code", label, text);
  ImGui::PopID();
}

bool township_field(const char* id, const char* label, std::uint32_t& code, const Problem* problem, const I18n& i18n) {
  ImGui::PushID(id);
  field_label(label, problem != nullptr);
  if (problem) ImGui::PushStyleColor(ImGuiCol_Border, palette().error);
  ImGui::SetNextItemWidth(-FLT_MIN);
  const std::string current = code ? i18n.township(code) : i18n.tr("workers.field.township.choose");
  bool changed = false;
  const bool open = ImGui::BeginCombo("##combo", current.c_str(), ImGuiComboFlags_HeightLarge);
  automation::annotate_last("combo", label, code ? current : std::string());
  if (problem) ImGui::PopStyleColor();
  static std::string filter;  // one combo is open at a time
  if (open) {
    ImGui::SetNextItemWidth(-FLT_MIN);
    ImGui::InputTextWithHint("##filter", i18n.tr("workers.field.township.filter"), &filter);
    automation::annotate_last("input", i18n.tr("workers.field.township.filter"), filter);
    const std::string needle = ascii_lower(trim(filter));
    static constexpr const char* kGroups[] = {"township.kind.street", "township.kind.town", "township.kind.township"};
    int group = -1;
    ImGui::PushStyleVar(ImGuiStyleVar_SelectableTextAlign, ImVec2(0.0f, 0.5f));  // text centred in finger-high rows
    for (const auto& t : kaizhou_townships().all()) {
      const std::string name = i18n.english() ? t.name_en : t.name_zh;
      if (!needle.empty() && !contains_folded(t.name_zh, needle) && !contains_folded(ascii_lower(t.name_en), needle)) continue;
      if (static_cast<int>(t.kind) != group) {  // 街道 / 镇 / 乡 headings make the long list scannable
        group = static_cast<int>(t.kind);
        ImGui::SeparatorText(i18n.tr(kGroups[group]));
      }
      const bool selected = t.code == code;
      ImGui::PushID(static_cast<int>(t.code));
      if (ImGui::Selectable(name.c_str(), selected, 0, ImVec2(0, ImGui::GetFrameHeight()))) {
        code = t.code;
        changed = true;
        filter.clear();
      }
      automation::annotate_last("option");
      if (selected && needle.empty()) ImGui::SetItemDefaultFocus();
      ImGui::PopID();
    }
    ImGui::PopStyleVar();
    if (group < 0) muted_text(i18n.trf("workers.field.township.none", {filter}).c_str());
    ImGui::EndCombo();
  }
  problem_line(problem, i18n, id);
  ImGui::PopID();
  if (changed) note_unsaved_input();
  return changed;
}

void field_problem(const Problem* problem, const I18n& i18n, const char* field) { problem_line(problem, i18n, field); }

bool choice_field(const char* id, const char* label, std::uint8_t& value, std::span<const Term> terms, const Problem* problem,
                  const I18n& i18n) {
  ImGui::PushID(id);
  field_label(label, problem != nullptr);
  if (problem) ImGui::PushStyleColor(ImGuiCol_Border, palette().error);
  ImGui::SetNextItemWidth(-FLT_MIN);
  const std::string_view key = term_key(terms, value);
  const std::string current = key.empty() ? i18n.tr("form.choose") : i18n.tr(std::string(key).c_str());
  bool changed = false;
  const bool open = ImGui::BeginCombo("##combo", current.c_str(), ImGuiComboFlags_HeightLarge);
  automation::annotate_last("combo", label, key.empty() ? std::string() : current);
  if (problem) ImGui::PopStyleColor();
  if (open) {
    for (const Term& t : terms) {
      ImGui::PushID(t.value);
      if (ImGui::Selectable(i18n.tr(std::string(t.key).c_str()), t.value == value, 0, ImVec2(0, ImGui::GetFrameHeight()))) {
        changed = t.value != value;
        value = t.value;
      }
      automation::annotate_last("option");
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  problem_line(problem, i18n, id);
  ImGui::PopID();
  if (changed) note_unsaved_input();
  return changed;
}

bool flags_field(const char* id, const char* label, std::uint16_t& set, std::span<const Term> terms, const Problem* problem,
                 const I18n& i18n) {
  ImGui::PushID(id);
  field_label(label, problem != nullptr);
  bool changed = false;
  const float right = ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x;
  bool first = true;
  for (const Term& t : terms) {
    const char* text = i18n.tr(std::string(t.key).c_str());
    const float w = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(text).x;
    if (!first) {
      ImGui::SameLine();
      if (ImGui::GetCursorPosX() + w > right) ImGui::NewLine();
    }
    first = false;
    const std::uint16_t b = static_cast<std::uint16_t>(1u << t.value);
    bool on = (set & b) != 0;
    ImGui::PushID(t.value);
    if (ImGui::Checkbox(text, &on)) {
      set = on ? static_cast<std::uint16_t>(set | b) : static_cast<std::uint16_t>(set & ~b);
      changed = true;
    }
    automation::annotate_last("checkbox", text, on ? "1" : "0");
    ImGui::PopID();
  }
  problem_line(problem, i18n, id);
  ImGui::PopID();
  if (changed) note_unsaved_input();
  return changed;
}

bool check_field(const char* id, const char* label, bool& value) {
  ImGui::PushID(id);
  const bool changed = ImGui::Checkbox(label, &value);
  automation::annotate_last("checkbox", label, value ? "1" : "0");
  ImGui::PopID();
  if (changed) note_unsaved_input();
  return changed;
}

bool date_field(const char* id, const char* label, std::string& value, const Problem* problem, const I18n& i18n) {
  return text_field(id, label, value, i18n.tr("form.date_hint"), problem, i18n);
}

namespace {
// A combo whose list is what the typed filter finds; `find` gives (key, shown text) pairs.
template <class Find>
bool picker(const char* id, const char* label, Key& chosen, const std::string& current, const Problem* problem, const I18n& i18n,
            Find find) {
  ImGui::PushID(id);
  field_label(label, problem != nullptr);
  if (problem) ImGui::PushStyleColor(ImGuiCol_Border, palette().error);
  ImGui::SetNextItemWidth(-FLT_MIN);
  bool changed = false;
  const bool open = ImGui::BeginCombo("##combo", chosen ? current.c_str() : i18n.tr("form.choose"), ImGuiComboFlags_HeightLarge);
  automation::annotate_last("combo", label, chosen ? current : std::string());
  if (problem) ImGui::PopStyleColor();
  static std::string filter;  // one combo is open at a time
  if (open) {
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::InputTextWithHint("##filter", i18n.tr("form.picker.filter"), &filter);
    automation::annotate_last("input", i18n.tr("form.picker.filter"), filter);
    const auto found = find(filter);
    for (const auto& [key, text] : found) {
      ImGui::PushID(static_cast<int>(key & 0x7fffffff));
      if (ImGui::Selectable(text.c_str(), key == chosen, 0, ImVec2(0, ImGui::GetFrameHeight()))) {
        changed = key != chosen;
        chosen = key;
        filter.clear();
      }
      automation::annotate_last("option");
      ImGui::PopID();
    }
    if (found.empty()) muted_text(i18n.trf("form.picker.none", {filter}).c_str());
    ImGui::EndCombo();
  }
  problem_line(problem, i18n, id);
  ImGui::PopID();
  if (changed) note_unsaved_input();
  return changed;
}
constexpr std::size_t kPickerRows = 30;  // a few screens; typing narrows it
}  // namespace

bool worker_picker(const char* id, const char* label, const State& state, Key& chosen, const Problem* problem, const I18n& i18n) {
  const Worker* w = chosen ? state.workers().find(chosen) : nullptr;
  const std::string current = w ? w->name() + "  " + ResidentId::mask(w->resident_id) : std::string();
  return picker(id, label, chosen, current, problem, i18n, [&](const std::string& filter) {
    std::vector<std::pair<Key, std::string>> out;
    for (std::uint32_t row : state.search_workers(trim(filter))) {
      const Worker& x = state.workers().rows()[row];
      out.emplace_back(x.key, x.name() + "  " + ResidentId::mask(x.resident_id) + "  " + i18n.township(x.details.township));
      if (out.size() == kPickerRows) break;
    }
    return out;
  });
}

bool enterprise_picker(const char* id, const char* label, const State& state, Key& chosen, const Problem* problem, const I18n& i18n) {
  const Enterprise* e = chosen ? state.enterprises().find(chosen) : nullptr;
  const std::string current = e ? e->name() : std::string();
  return picker(id, label, chosen, current, problem, i18n, [&](const std::string& filter) {
    std::vector<std::pair<Key, std::string>> out;
    const std::string needle = ascii_lower(trim(filter));
    for (const Enterprise& x : state.enterprises().rows()) {
      if (state.is_duplicate(x)) continue;
      if (!needle.empty() && !contains_folded(ascii_lower(x.name()), needle) && !contains_folded(ascii_lower(x.credit_code), needle)) continue;
      out.emplace_back(x.key, x.name() + "  " + i18n.township(x.details.township));
      if (out.size() == kPickerRows) break;
    }
    return out;
  });
}

namespace {
bool button(const char* label, bool enabled, float width, bool primary) {
  if (!primary) {
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.90f, 0.92f, 0.95f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.85f, 0.88f, 0.92f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(0.80f, 0.84f, 0.89f, 1.0f));
  }
  ImGui::PushStyleColor(ImGuiCol_Text, primary ? ImVec4(1, 1, 1, 1) : palette().text);
  ImGui::BeginDisabled(!enabled);
  const bool pressed = ImGui::Button(label, ImVec2(width, 0));
  ImGui::EndDisabled();
  ImGui::PopStyleColor(primary ? 1 : 4);
  return pressed;
}
}  // namespace

bool primary_button(const char* label, bool enabled, float width) { return button(label, enabled, width, true); }
bool secondary_button(const char* label, bool enabled, float width) { return button(label, enabled, width, false); }

void message(const char* role, const std::string& text) {
  const Palette& p = palette();
  const std::string_view r(role);
  const ImVec4 colour = r == "error" ? p.error : r == "success" ? p.success : r == "notice" ? p.notice : p.text;
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
  automation::text_last(role, text);
}

void muted_text(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
}

std::string format_bytes(double bytes) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  int u = 0;
  while (bytes >= 1000.0 && u < 4) {
    bytes /= 1000.0;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, u == 0 || bytes >= 100 ? "%.0f %s" : "%.1f %s", bytes, units[u]);
  return buf;
}

}  // namespace hearth::ui
