#include "theme.hpp"

namespace hearth::ui {

const Palette& palette() {
  static const Palette p;
  return p;
}

void apply_theme(float dpr, bool touch) {
  ImGuiStyle& s = ImGui::GetStyle();
  s = ImGuiStyle();
  ImGui::StyleColorsLight(&s);
  const Palette& p = palette();
  ImVec4* c = s.Colors;
  c[ImGuiCol_Text] = p.text;
  c[ImGuiCol_TextDisabled] = p.muted;
  c[ImGuiCol_WindowBg] = p.background;
  c[ImGuiCol_ChildBg] = p.panel;
  c[ImGuiCol_PopupBg] = p.panel;
  c[ImGuiCol_Border] = ImVec4(0.80f, 0.83f, 0.87f, 1.0f);
  c[ImGuiCol_FrameBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
  c[ImGuiCol_FrameBgHovered] = ImVec4(0.94f, 0.96f, 1.0f, 1.0f);
  c[ImGuiCol_FrameBgActive] = ImVec4(0.90f, 0.94f, 1.0f, 1.0f);
  c[ImGuiCol_Button] = p.accent;
  c[ImGuiCol_ButtonHovered] = p.accent_hover;
  c[ImGuiCol_ButtonActive] = p.accent_active;
  c[ImGuiCol_Header] = ImVec4(0.86f, 0.91f, 0.98f, 1.0f);
  c[ImGuiCol_HeaderHovered] = ImVec4(0.90f, 0.94f, 1.0f, 1.0f);
  c[ImGuiCol_HeaderActive] = ImVec4(0.80f, 0.88f, 0.98f, 1.0f);
  c[ImGuiCol_Tab] = ImVec4(0.88f, 0.90f, 0.93f, 1.0f);
  c[ImGuiCol_TabHovered] = p.accent_hover;
  c[ImGuiCol_TabSelected] = p.accent;
  c[ImGuiCol_TabSelectedOverline] = p.accent_active;
  c[ImGuiCol_TableHeaderBg] = ImVec4(0.92f, 0.94f, 0.96f, 1.0f);
  c[ImGuiCol_TableRowBgAlt] = ImVec4(0.97f, 0.98f, 0.99f, 1.0f);
  c[ImGuiCol_NavCursor] = p.accent;

  s.WindowPadding = ImVec2(16, 14);
  s.FramePadding = touch ? ImVec2(12, 13) : ImVec2(10, 10);  // inputs and buttons: 44 CSS px on a tablet, ≈ 38 on a desktop
  s.ItemSpacing = ImVec2(10, 8);
  s.ItemInnerSpacing = ImVec2(8, 6);
  s.CellPadding = touch ? ImVec2(8, 12) : ImVec2(8, 9);  // table rows ≈ 44 / 36 CSS px
  s.ScrollbarSize = 16;
  s.GrabMinSize = 24;
  s.FrameRounding = 6;
  s.ChildRounding = 8;
  s.PopupRounding = 6;
  s.TabRounding = 6;
  s.ScrollbarRounding = 8;
  s.FrameBorderSize = 1;
  s.ChildBorderSize = 1;
  s.WindowBorderSize = 0;
  s.TouchExtraPadding = ImVec2(2, 2);
  s.ScaleAllSizes(dpr);
  s.FontSizeBase = kBaseFontSize;
  s.FontScaleDpi = dpr;
}

}  // namespace hearth::ui
