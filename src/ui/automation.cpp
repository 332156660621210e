#include "automation.hpp"

#include <cstdio>
#include <vector>

#include "imgui.h"
#include "imgui_internal.h"

namespace hearth::ui::automation {

namespace {
struct Item {
  ImGuiID id = 0;
  std::string kind, label, value, role, field;
  ImRect rect;
  bool disabled = false, focused = false, checked = false;
};

struct Frame {
  std::vector<Item> items;
  float dpr = 1.0f;
  std::string last_json;
};
Frame& frame() {
  static Frame f;
  return f;
}

std::string_view visible_label(const char* label) {
  if (!label) return {};
  std::string_view s(label);
  const auto hidden = s.find("##");
  return hidden == std::string_view::npos ? s : s.substr(0, hidden);
}

void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

Item* last_item() {
  const ImGuiID id = ImGui::GetItemID();
  auto& items = frame().items;
  for (auto it = items.rbegin(); it != items.rend(); ++it)
    if (it->id == id && id != 0) return &*it;
  return nullptr;
}

bool visible_rect(ImRect& r) {
  ImGuiContext& g = *GImGui;
  // a window's hidden frames (a popup measuring itself before it is placed) lay items out at a
  // provisional place: publishing them would send a test's click where nothing will be
  for (const ImGuiWindow* w = g.CurrentWindow; w; w = w->ParentWindow)
    if (w->Hidden) return false;
  r.ClipWithFull(g.CurrentWindow->ClipRect);
  return r.GetWidth() > 0.5f && r.GetHeight() > 0.5f;
}
}  // namespace

void install() { GImGui->TestEngineHookItems = true; }

void begin_frame(float dpr) {
  frame().items.clear();
  frame().dpr = dpr;
  GImGui->TestEngineHookItems = true;
}

void annotate_last(std::string_view kind, std::string_view label, std::string_view value) {
  Item* it = last_item();
  if (!it) return;
  if (!kind.empty()) it->kind = kind;
  if (!label.empty()) it->label = label;
  if (!value.empty()) it->value = value;
}

void text_last(std::string_view role, std::string_view text, std::string_view field) {
  ImRect r(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  if (!visible_rect(r)) return;
  Item item;
  item.kind = "text";
  item.role = role;
  item.label = text;
  item.field = field;
  item.rect = r;
  frame().items.push_back(std::move(item));
}

void end_frame(const std::function<void(const std::string&)>& publish) {
  Frame& f = frame();
  std::string json = "[";
  char num[160];
  bool first = true;
  for (const Item& it : f.items) {
    if (it.label.empty()) continue;  // nothing a person could name it by
    if (!first) json += ",";
    first = false;
    json += "{\"kind\":";
    append_json_string(json, it.kind);
    json += ",\"label\":";
    append_json_string(json, it.label);
    if (!it.value.empty()) json += ",\"value\":", append_json_string(json, it.value);
    if (!it.role.empty()) json += ",\"role\":", append_json_string(json, it.role);
    if (!it.field.empty()) json += ",\"field\":", append_json_string(json, it.field);
    std::snprintf(num, sizeof num, ",\"x\":%.1f,\"y\":%.1f,\"w\":%.1f,\"h\":%.1f,\"disabled\":%s,\"focused\":%s,\"checked\":%s}",
                  it.rect.Min.x / f.dpr, it.rect.Min.y / f.dpr, it.rect.GetWidth() / f.dpr, it.rect.GetHeight() / f.dpr,
                  it.disabled ? "true" : "false", it.focused ? "true" : "false", it.checked ? "true" : "false");
    json += num;
  }
  json += "]";
  if (json != f.last_json) {
    f.last_json = json;
    publish(f.last_json);
  }
}

}  // namespace hearth::ui::automation

// ---- Dear ImGui test-engine hooks (declared in imgui_internal.h) ---------------------------

// Every item with an id passes here (combos too, which report no label of their own); items
// that never get a label — from ImGui or from a view — are not published.
void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, ImGuiID id, const ImRect& bb, const ImGuiLastItemData*) {
  using namespace hearth::ui::automation;
  ImGuiContext& g = *ctx;
  if (ImGui::FindWindowByID(id)) return;  // windows and child panels report themselves too: not items
  ImRect r = bb;
  if (!visible_rect(r)) return;
  Item item;
  item.id = id;
  item.kind = "item";
  item.rect = r;
  item.disabled = (g.LastItemData.ItemFlags & ImGuiItemFlags_Disabled) != 0 || (g.CurrentItemFlags & ImGuiItemFlags_Disabled) != 0;
  frame().items.push_back(std::move(item));
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
  using namespace hearth::ui::automation;
  ImGuiContext& g = *ctx;
  Item* found = nullptr;
  for (auto it = frame().items.rbegin(); it != frame().items.rend() && !found; ++it)
    if (it->id == id) found = &*it;
  if (!found) {  // some widgets (tab items) add themselves before their final clipping is known
    if (ImGui::FindWindowByID(id)) return;
    ImRect r = g.LastItemData.Rect;
    if (!visible_rect(r)) return;
    frame().items.push_back(Item{});
    found = &frame().items.back();
    found->id = id;
    found->rect = r;
  }
  Item& item = *found;
  item.label = visible_label(label);
  item.kind = (flags & ImGuiItemStatusFlags_Inputable) ? "input"
              : (flags & ImGuiItemStatusFlags_Checkable) ? "checkbox"
              : (flags & ImGuiItemStatusFlags_Openable)  ? "combo"
                                                         : "button";
  if (const ImGuiTabBar* bar = g.CurrentTabBar)
    for (const ImGuiTabItem& tab : bar->Tabs)
      if (tab.ID == id) {
        // a tab that is not selected reports itself after the selected tab's contents: take its
        // place in the bar from the bar itself, not from the last item drawn
        item.kind = "tab";
        const float x = bar->BarRect.Min.x + tab.Offset - bar->ScrollingAnim;
        item.rect = ImRect(x, bar->BarRect.Min.y, x + tab.Width, bar->BarRect.Max.y);
      }
  item.focused = g.ActiveId == id;
  item.checked = (flags & ImGuiItemStatusFlags_Checked) != 0;
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }
