// Input the browser gives us that emscripten 3.1.6's GLFW gets wrong or not at all:
// - wheel: the 1.92 GLFW backend ignores GLFW scroll under emscripten
// - touch: GLFW clicks at the stale mouse position; taps vs. drags are told apart here
// - text: a canvas gets no IME; a hidden <textarea> (shell) takes the text and hands it over
// - fonts: the page fetches them; the full CJK font is merged in when it arrives
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include <cfloat>
#include <cmath>

#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_internal.h"
#include "web_app.hpp"

extern "C" void hearth_js_ime(int want_text, float x, float y, float line_height, float dpr);

namespace hearth::web {

namespace {
EM_BOOL on_wheel(int, const EmscriptenWheelEvent* ev, void*) {
  const float scale = ev->deltaMode == DOM_DELTA_PIXEL ? 1.0f / 100.0f : ev->deltaMode == DOM_DELTA_LINE ? 1.0f / 3.0f : 80.0f;
  ImGui::GetIO().AddMouseWheelEvent(static_cast<float>(-ev->deltaX) * scale, static_cast<float>(-ev->deltaY) * scale);
  return EM_TRUE;
}

// ImGui reports IME data only when it changes; the browser can take focus away in between
// (a click on the canvas), so the page is told every frame (sync_text_input).
ImGuiPlatformImeData g_ime{};
void on_ime(ImGuiContext*, ImGuiViewport*, ImGuiPlatformImeData* data) { g_ime = *data; }

struct Touch {
  float start_x = 0, start_y = 0, last_y = 0;
  bool pending_tap = false, scrolling = false;
} g_touch;
}  // namespace

void sync_text_input() {
  hearth_js_ime(g_ime.WantTextInput || g_ime.WantVisible, g_ime.InputPos.x, g_ime.InputPos.y, g_ime.InputLineHeight, device_pixel_ratio());
}

void install_input_callbacks() {
  emscripten_set_wheel_callback("#canvas", nullptr, false, on_wheel);
  ImGui::GetPlatformIO().Platform_SetImeDataFn = on_ime;
}

}  // namespace hearth::web

extern "C" {

// phase 0 = start, 1 = move, 2 = end/cancel; x, y in canvas (device) pixels.
// A finger that moves more than 8 CSS px scrolls (as wheel events); one lifted in place clicks.
EMSCRIPTEN_KEEPALIVE void hearth_touch(int phase, float x, float y) {
  using hearth::web::g_touch;
  ImGuiIO& io = ImGui::GetIO();
  const float dpr = hearth::web::device_pixel_ratio();
  io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
  if (phase == 0) {
    // no mouseenter ever happens with touch: without this the backend re-sends the stale mouse position
    ImGui_ImplGlfw_CursorEnterCallback(hearth::web::window(), 1);
    io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
    g_touch = {x, y, y, true, false};
    io.AddMousePosEvent(x, y);
    return;
  }
  if (phase == 1) {
    if (g_touch.pending_tap && (std::fabs(y - g_touch.start_y) > 8.0f * dpr || std::fabs(x - g_touch.start_x) > 8.0f * dpr)) {
      g_touch.pending_tap = false;
      g_touch.scrolling = true;
    }
    if (g_touch.scrolling) {
      io.AddMouseWheelEvent(0.0f, (y - g_touch.last_y) / (5.0f * ImGui::GetFontSize()));  // ImGui scrolls 5 lines per unit
      g_touch.last_y = y;
    }
    return;
  }
  if (g_touch.pending_tap) {
    io.AddMousePosEvent(g_touch.start_x, g_touch.start_y);
    io.AddMouseButtonEvent(0, true);
    io.AddMouseButtonEvent(0, false);
  }
  io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);  // nothing stays hovered after the finger lifts
  g_touch.pending_tap = g_touch.scrolling = false;
}

// Text committed in the hidden textarea (typing, an IME's composition, an on-screen keyboard, paste).
EMSCRIPTEN_KEEPALIVE void hearth_text_input(const char* utf8) { ImGui::GetIO().AddInputCharactersUTF8(utf8); }

// Runs a frame now, inside the page's touch handler: mobile browsers open the on-screen
// keyboard only when focus() happens within the user's gesture.
EMSCRIPTEN_KEEPALIVE void hearth_run_frame() { hearth::web::run_frame(); }

// A font fetched by the page (malloc'ed there; the atlas takes ownership). merge = 0: the base
// (Latin) font; merge = 1: merged into it (CJK common subset first, the full CJK font later).
EMSCRIPTEN_KEEPALIVE int hearth_add_font(void* data, int size, int merge) {
  ImGuiIO& io = ImGui::GetIO();
  ImFontConfig cfg;
  cfg.FontDataOwnedByAtlas = true;
  cfg.MergeMode = merge != 0 && !io.Fonts->Fonts.empty();
  // Droid Sans Fallback's hanzi look small beside DejaVu's Latin at the same pixel height:
  // sizes here are relative (base = 100), so CJK sources are drawn 10% larger.
  cfg.SizePixels = cfg.MergeMode ? 110.0f : 100.0f;
  ImFont* font = io.Fonts->AddFontFromMemoryTTF(data, size, 0.0f, &cfg);
  if (!font) return 0;
  if (!cfg.MergeMode) io.FontDefault = font;
  hearth::web::wake();
  // glyphs looked up before (and found missing) must be looked up again in the new source
  ImFontAtlasFontDiscardBakes(io.Fonts, font, 0);
  return 1;
}

}  // extern "C"

// For tests and diagnostics: can the current fonts draw this code point?
extern "C" EMSCRIPTEN_KEEPALIVE int hearth_font_has_glyph(unsigned codepoint) {
  ImFont* font = ImGui::GetIO().FontDefault ? ImGui::GetIO().FontDefault : ImGui::GetFont();
  return font && font->IsGlyphInFont(static_cast<ImWchar>(codepoint)) ? 1 : 0;
}
