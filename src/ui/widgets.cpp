#include "widgets.hpp"

#include <cstdio>

#include "automation.hpp"
#include "imgui_stdlib.h"
#include "text.hpp"
#include "theme.hpp"
#include "township.hpp"

namespace hearth::ui {

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
  return changed;
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
