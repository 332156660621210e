// Index
//   1. Colours
//   2. Progress bar
//   3. Bars
//   4. Lines
#include "charts.hpp"

#include <algorithm>
#include <cmath>

#include "automation.hpp"
#include "theme.hpp"

namespace hearth::ui {

namespace {
ImU32 rgb(int r, int g, int b, int a = 255) { return IM_COL32(r, g, b, a); }
const ImU32 kTrack = rgb(226, 232, 238);
const ImU32 kNeutral = rgb(29, 91, 143);
const ImU32 kShare = rgb(198, 40, 40);

// A dashed line (the draw list has none).
void dashed(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float dash, float thickness) {
  const float dx = b.x - a.x, dy = b.y - a.y;
  const float len = std::sqrt(dx * dx + dy * dy);
  if (len <= 0.0f) return;
  for (float t = 0; t < len; t += dash * 2) {
    const float e = std::min(len, t + dash);
    dl->AddLine(ImVec2(a.x + dx * t / len, a.y + dy * t / len), ImVec2(a.x + dx * e / len, a.y + dy * e / len), col, thickness);
  }
}
}  // namespace

// ---- 1. Colours ---------------------------------------------------------------------------
ImU32 standing_colour(Standing s) {
  switch (s) {
    case Standing::Met: return rgb(46, 125, 50);
    case Standing::Near: return rgb(235, 160, 0);
    case Standing::Behind: return rgb(198, 40, 40);
    case Standing::NoTarget: break;
  }
  return kNeutral;
}

// ---- 2. Progress bar ----------------------------------------------------------------------
bool progress_figure(const char* id, float fraction, Standing s, const std::string& figure, const std::string& label,
                     const std::string& value, float width, float dpr) {
  const float h = ImGui::GetFrameHeight();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const bool clicked = ImGui::InvisibleButton(id, ImVec2(width, h));
  automation::annotate_last("figure", label, value);
  const bool hovered = ImGui::IsItemHovered();
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float text_w = ImGui::CalcTextSize(figure.c_str()).x;
  // bars of one length, so their fill compares at a glance; a long figure (revenue) shortens its own
  const float bar_w = std::max(40.0f * dpr, std::min(width * 0.6f, width - text_w - 10.0f * dpr));
  const float pad = h * 0.22f;
  const ImVec2 a(p.x, p.y + pad), b(p.x + bar_w, p.y + h - pad);
  const float rounding = 3.0f * dpr;
  dl->AddRectFilled(a, b, kTrack, rounding);
  const float f = std::clamp(fraction, 0.0f, 1.0f);
  if (f > 0) dl->AddRectFilled(a, ImVec2(a.x + std::max(2.0f * dpr, bar_w * f), b.y), standing_colour(s), rounding);
  if (hovered) dl->AddRect(a, b, ImGui::GetColorU32(palette().accent), rounding, 0, 1.5f * dpr);
  const ImU32 text = s == Standing::Behind ? standing_colour(s) : ImGui::GetColorU32(palette().text);
  dl->AddText(ImVec2(p.x + bar_w + 8.0f * dpr, p.y + (h - ImGui::GetTextLineHeight()) / 2), text, figure.c_str());
  return clicked;
}

// ---- 3. Bars ------------------------------------------------------------------------------
int bar_rows(const char* id, const std::vector<Bar>& bars, double share, float dpr, bool touch) {
  ImGui::PushID(id);
  const float row_h = touch ? ImGui::GetFrameHeight() : ImGui::GetTextLineHeight() + 8.0f * dpr;
  float label_w = 0, value_w = 0;
  double max = share;
  for (const Bar& b : bars) {
    label_w = std::max(label_w, ImGui::CalcTextSize(b.label.c_str()).x);
    value_w = std::max(value_w, ImGui::CalcTextSize(b.value.c_str()).x);
    max = std::max(max, b.amount);
  }
  if (max <= 0) max = 1;
  const float width = ImGui::GetContentRegionAvail().x;
  const float gap = 10.0f * dpr;
  const float plot_x = label_w + gap;
  const float plot_w = std::max(60.0f * dpr, width - plot_x - value_w - gap * 2);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 text = ImGui::GetColorU32(palette().text);
  int clicked = -1;
  const ImVec2 top = ImGui::GetCursorScreenPos();
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::InvisibleButton("bar", ImVec2(width, row_h))) clicked = static_cast<int>(i);
    automation::annotate_last("bar", b.label, b.value);
    const bool hovered = ImGui::IsItemHovered();
    ImGui::PopID();
    if (!ImGui::IsItemVisible()) continue;
    if (hovered) {
      ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      dl->AddRectFilled(p, ImVec2(p.x + width, p.y + row_h), ImGui::GetColorU32(ImGuiCol_HeaderHovered, 0.35f));
    }
    if (b.chosen) dl->AddRect(p, ImVec2(p.x + width, p.y + row_h), ImGui::GetColorU32(palette().accent), 2.0f * dpr, 0, 1.5f * dpr);
    const float ty = p.y + (row_h - ImGui::GetTextLineHeight()) / 2;
    const ImU32 label_col = b.behind ? standing_colour(Standing::Behind) : text;
    dl->AddText(ImVec2(p.x + label_w - ImGui::CalcTextSize(b.label.c_str()).x, ty), label_col, b.label.c_str());
    const float w = static_cast<float>(plot_w * b.amount / max);
    const float pad = row_h * 0.2f;
    const ImU32 fill = b.behind ? standing_colour(Standing::Behind) : (share > 0 ? standing_colour(Standing::Met) : kNeutral);
    if (w > 0) dl->AddRectFilled(ImVec2(p.x + plot_x, p.y + pad), ImVec2(p.x + plot_x + std::max(1.5f * dpr, w), p.y + row_h - pad), fill, 2.0f * dpr);
    dl->AddText(ImVec2(p.x + plot_x + w + gap / 2, ty), label_col, b.value.c_str());
  }
  if (share > 0 && !bars.empty()) {  // each township's even share of the target
    const float x = top.x + plot_x + static_cast<float>(plot_w * share / max);
    dashed(dl, ImVec2(x, top.y), ImVec2(x, ImGui::GetCursorScreenPos().y), kShare, 4.0f * dpr, 1.5f * dpr);
  }
  ImGui::PopID();
  return clicked;
}

// ---- 4. Lines -----------------------------------------------------------------------------
int line_chart(const char* id, const std::vector<LinePoint>& points, float height, float dpr, bool touch) {
  ImGui::PushID(id);
  const float width = ImGui::GetContentRegionAvail().x;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float line_h = ImGui::GetTextLineHeight();
  double max = 1;
  bool targets = false;
  for (const auto& p : points) max = std::max({max, p.actual, p.target}), targets = targets || p.target > 0;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", max);
  // the axis as wide as its largest figure needs
  float widest = 0;  // the last point's figure is centred on it: room for half of it on the right
  for (const auto& p : points) widest = std::max(widest, ImGui::CalcTextSize(p.value.c_str()).x);
  const float left = 16.0f * dpr + ImGui::CalcTextSize(buf).x, right = std::max(40.0f * dpr, widest / 2 + 8.0f * dpr);
  const float top = line_h * 1.8f, bottom = line_h * 1.8f;
  const float plot_w = std::max(60.0f * dpr, width - left - right), plot_h = std::max(40.0f * dpr, height - top - bottom);
  ImGui::Dummy(ImVec2(width, height));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 text = ImGui::GetColorU32(palette().text), muted = ImGui::GetColorU32(palette().muted);
  const ImVec2 a(origin.x + left, origin.y + top), b(a.x + plot_w, a.y + plot_h);
  dl->AddRectFilled(a, b, rgb(247, 249, 251));
  dl->AddLine(ImVec2(a.x, b.y), b, muted, 1.0f * dpr);
  dl->AddText(ImVec2(a.x - ImGui::CalcTextSize(buf).x - 6 * dpr, a.y - line_h / 2), muted, buf);
  dl->AddText(ImVec2(a.x - ImGui::CalcTextSize("0").x - 6 * dpr, b.y - line_h / 2), muted, "0");
  auto px = [&](std::size_t i) {
    return points.size() <= 1 ? a.x + plot_w / 2 : a.x + plot_w * static_cast<float>(i) / static_cast<float>(points.size() - 1);
  };
  auto py = [&](double v) { return b.y - static_cast<float>(plot_h * v / max); };
  for (std::size_t i = 1; i < points.size(); ++i) {
    if (targets) dashed(dl, ImVec2(px(i - 1), py(points[i - 1].target)), ImVec2(px(i), py(points[i].target)), standing_colour(Standing::Behind), 5 * dpr, 1.5f * dpr);
    dl->AddLine(ImVec2(px(i - 1), py(points[i - 1].actual)), ImVec2(px(i), py(points[i].actual)), kNeutral, 2.5f * dpr);
  }
  int clicked = -1;
  const float hit = touch ? 44.0f * dpr : 28.0f * dpr;  // a finger-sized target around each point
  const ImVec2 after = ImGui::GetCursorScreenPos();
  for (std::size_t i = 0; i < points.size(); ++i) {
    const LinePoint& p = points[i];
    const ImVec2 c(px(i), py(p.actual));
    ImGui::SetCursorScreenPos(ImVec2(c.x - hit / 2, c.y - hit / 2));
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::InvisibleButton("point", ImVec2(hit, hit))) clicked = static_cast<int>(i);
    automation::annotate_last("point", p.label, p.value);
    const bool hovered = ImGui::IsItemHovered();
    ImGui::PopID();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    dl->AddCircleFilled(c, (p.chosen || hovered ? 6.0f : 4.5f) * dpr, p.chosen ? ImGui::GetColorU32(palette().accent_active) : kNeutral);
    const ImVec2 vs = ImGui::CalcTextSize(p.value.c_str());
    dl->AddText(ImVec2(c.x - vs.x / 2, c.y - line_h - 6 * dpr), text, p.value.c_str());
    const ImVec2 ls = ImGui::CalcTextSize(p.label.c_str());
    dl->AddText(ImVec2(c.x - ls.x / 2, b.y + 4 * dpr), p.chosen ? text : muted, p.label.c_str());
  }
  ImGui::SetCursorScreenPos(after);
  ImGui::Dummy(ImVec2(0, 0));
  ImGui::PopID();
  return clicked;
}

}  // namespace hearth::ui
