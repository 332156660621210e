// Index of this file
// - WebApp: the browser app's objects (store, clock, session, views)
// - run_frame: one frame (canvas size, ImGui frame, automation hook, GL draw — skipped when
//   nothing on screen would change)
// - tick / hearth_wake: frames on demand, so an idle tablet does not burn its battery
// - main / hearth_start: set-up, then the frame loop once the page has handed over the fonts
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <emscripten/heap.h>
#include <malloc.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <cstdio>
#include <memory>
#include <string>

#include "app_ui.hpp"
#include "automation.hpp"
#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "session.hpp"
#include "theme.hpp"
#include "web_app.hpp"
#include "web_idb_store.hpp"

// web/app_bridge.js
extern "C" {
void hearth_js_fit_canvas(void);
double hearth_js_device_pixel_ratio(void);
int hearth_js_coarse_pointer(void);
void hearth_js_publish_items(const char* json);
void hearth_js_frame_done(int frame, int drawn);
void hearth_js_main_ready(void);
int hearth_js_language(char* out, int size);
void hearth_js_set_language(const char* language);
void hearth_js_fatal(const char* kind, const char* detail);
void hearth_js_publish_store(const char* json);
int hearth_js_always_draw(void);
void hearth_js_apply_update(void);
void hearth_js_install_app(void);
}

namespace hearth::web {

namespace {
struct WebApp {
  GLFWwindow* window = nullptr;
  float dpr = 0.0f;
  bool touch = false;
  int frame = 0;
  WebIdbStore store;
  SystemClock clock;
  SodiumRandom random;
  WebWriterLease lease;
  WebStorageGauge gauge;
  WebFileExchange files;
  Session session{Session::Effects{store, clock, random, &lease, &gauge, &files}};
  ui::I18n i18n;
  ui::AppUi ui{session, i18n};
};
std::unique_ptr<WebApp> g_app;
}  // namespace

GLFWwindow* window() { return g_app->window; }
float device_pixel_ratio() { return g_app->dpr; }

// The store's state for the tests and benchmarks (window.hearth.store, docs/testing.md):
// republished when it changes. lastSeq only grows once a write is durable, so it is the
// acknowledged length of the ledger.
void publish_store(const Session& s) {
  static std::string last;
  const char* roles[] = {"unknown", "writer", "follower"};
  const char* phases[] = {"closed", "opening", "ready", "failed"};
  char buf[768];
  const auto& f = s.open_figures();
  const auto& snap = s.last_snapshot();
  const auto& st = s.storage();
  const bool ready = s.phase() == Session::Phase::Ready;
  std::snprintf(buf, sizeof buf,
                "{\"phase\":\"%s\",\"role\":\"%s\",\"lastSeq\":%llu,\"damage\":%zu,\"readOnly\":%s,"
                "\"open\":{\"dbMs\":%.2f,\"leaseMs\":%.2f,\"readMs\":%.2f,\"restoreMs\":%.2f,\"foldMs\":%.2f,\"totalMs\":%.2f,\"snapshotBytes\":%llu,\"eventsAfter\":%llu,\"eventBytes\":%llu,\"opens\":%llu},"
                "\"lastWriteMs\":%.2f,\"snapshot\":{\"seq\":%llu,\"bytes\":%llu,\"encodeMs\":%.2f,\"storeMs\":%.2f,\"newest\":%llu},"
                "\"storage\":{\"known\":%s,\"usage\":%.0f,\"quota\":%.0f,\"persisted\":%s,\"low\":%s}}",
                phases[static_cast<int>(s.phase())], roles[static_cast<int>(s.role())],
                static_cast<unsigned long long>(ready ? s.workspace().ledger().last_seq() : 0),
                s.load_report().damage.size(), s.read_only() ? "true" : "false", f.db_ms, f.lease_ms, f.read_ms, f.restore_ms, f.fold_ms, f.total_ms,
                static_cast<unsigned long long>(f.snapshot_bytes), static_cast<unsigned long long>(f.events_after),
                static_cast<unsigned long long>(f.event_bytes), static_cast<unsigned long long>(f.opens), s.last_write_ms(), static_cast<unsigned long long>(snap.seq),
                static_cast<unsigned long long>(snap.bytes), snap.encode_ms, snap.store_ms, static_cast<unsigned long long>(s.newest_snapshot()),
                st.known ? "true" : "false", st.usage, st.quota, st.persisted ? "true" : "false", s.storage_low() ? "true" : "false");
  std::string json = buf;
  if (ready) {  // issue 5: the device's identity and the exchange, for the tests
    const auto& id = s.identity();
    const char* role_names[] = {"", "district", "township", "trainer"};
    std::size_t counts[4] = {0, 0, 0, 0};
    std::uint64_t new_events = 0;
    if (const auto& r = s.last_import()) {
      for (const auto& x : r->results) ++counts[static_cast<int>(x.outcome)];
      new_events = r->new_events;
    }
    static std::uint64_t conflicts_at = ~0ull;  // conflicts() walks every edit: once per change of state
    static std::size_t conflicts = 0;
    if (conflicts_at != s.state().revision()) conflicts = s.state().conflicts().size(), conflicts_at = s.state().revision();
    char ex[640];
    std::snprintf(ex, sizeof ex,
                  ",\"exchange\":{\"hasKey\":%s,\"unlocked\":%s,\"role\":\"%s\",\"enrolled\":%s,\"exported\":%llu,\"confirmed\":%llu,"
                  "\"unexported\":%llu,\"received\":%llu,\"feeds\":%zu,\"held\":%zu,\"gaps\":%zu,\"requests\":%zu,\"enrolledDevices\":%zu,"
                  "\"conflicts\":%zu,\"lastImport\":{\"merged\":%zu,\"already\":%zu,\"held\":%zu,\"refused\":%zu,\"newEvents\":%llu}}}",
                  id.has_key ? "true" : "false", id.unlocked ? "true" : "false", id.has_key ? role_names[static_cast<int>(id.role)] : "",
                  id.certificate ? "true" : "false", static_cast<unsigned long long>(id.exported),
                  static_cast<unsigned long long>(id.confirmed ? id.confirmed->through : 0), static_cast<unsigned long long>(s.unexported()),
                  static_cast<unsigned long long>(s.workspace().inbox().received_events()), s.workspace().inbox().feeds().size(),
                  s.workspace().inbox().held().size(), s.workspace().inbox().gaps().size(), s.pending_requests().size(), s.state().enrolled().size(),
                  conflicts, counts[0], counts[1], counts[2], counts[3], static_cast<unsigned long long>(new_events));
    json.pop_back();  // the closing brace: the exchange object goes inside
    json += ex;
  }
  if (last != json) {
    last = json;
    hearth_js_publish_store(json.c_str());
  }
}

namespace {
// What a frame would put on screen, as a 64-bit fingerprint: the canvas size and every vertex,
// index and draw command. A frame that matches the last one drawn changes no pixel, and the
// browser keeps showing a canvas nobody draws on, so its GL work (nearly all of a frame's cost
// on a tablet's GPU, and on software WebGL) is skipped.
std::uint64_t mix(std::uint64_t h, std::uint64_t w) {
  h = (h ^ w) * 0x9E3779B97F4A7C15ull;
  return h ^ (h >> 29);
}
std::uint64_t mix_bytes(std::uint64_t h, const void* data, std::size_t n) {
  const auto* p = static_cast<const unsigned char*>(data);
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    h = mix(h, w);
  }
  std::uint64_t tail = n;  // the length, so buffers differing only in length differ
  for (; i < n; ++i) tail = (tail << 8) | p[i];
  return mix(h, tail);
}
std::uint64_t frame_fingerprint(const ImDrawData& dd, int width, int height) {
  std::uint64_t h = mix(0x51ED27ull, (static_cast<std::uint64_t>(width) << 32) | static_cast<std::uint32_t>(height));
  for (const ImDrawList* list : dd.CmdLists) {
    h = mix_bytes(h, list->VtxBuffer.Data, static_cast<std::size_t>(list->VtxBuffer.Size) * sizeof(ImDrawVert));
    h = mix_bytes(h, list->IdxBuffer.Data, static_cast<std::size_t>(list->IdxBuffer.Size) * sizeof(ImDrawIdx));
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      h = mix_bytes(h, &cmd.ClipRect, sizeof cmd.ClipRect);
      h = mix(h, static_cast<std::uint64_t>(cmd.GetTexID()));
      h = mix(h, (static_cast<std::uint64_t>(cmd.VtxOffset) << 32) | cmd.IdxOffset);
      h = mix(h, (static_cast<std::uint64_t>(cmd.ElemCount) << 32) | (cmd.UserCallback ? 1u : 0u));
    }
  }
  return h;
}
// Font glyphs added this frame must reach the GPU: such a frame is always drawn.
bool textures_pending(const ImDrawData& dd) {
  if (dd.Textures)
    for (const ImTextureData* tex : *dd.Textures)
      if (tex->Status != ImTextureStatus_OK) return true;
  return false;
}
std::uint64_t g_drawn_fingerprint = 0;
int g_frames_drawn = 0;
}  // namespace

void run_frame() {
  WebApp& app = *g_app;
  hearth_js_fit_canvas();  // backing store = CSS size × devicePixelRatio: sharp text
  const float dpr = static_cast<float>(hearth_js_device_pixel_ratio());
  const bool touch = hearth_js_coarse_pointer() != 0;
  if (dpr != app.dpr || touch != app.touch) {
    app.dpr = dpr;
    app.touch = touch;
    ui::apply_theme(dpr, touch);
  }
  int width = 0, height = 0;
  emscripten_get_canvas_element_size("#canvas", &width, &height);
  glfwPollEvents();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));  // device pixels
  io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
  while (auto dropped = WebFileExchange::take_dropped()) app.ui.dropped(std::move(*dropped));
  ImGui::NewFrame();
  ui::automation::begin_frame(dpr);
  app.ui.draw(dpr, app.touch);
  ImGui::Render();
  ui::automation::end_frame([](const std::string& json) { hearth_js_publish_items(json.c_str()); });
  ImDrawData& dd = *ImGui::GetDrawData();
  const std::uint64_t fingerprint = frame_fingerprint(dd, width, height);
  if (fingerprint != g_drawn_fingerprint || textures_pending(dd) || g_frames_drawn == 0 || hearth_js_always_draw()) {
    glViewport(0, 0, width, height);
    const ImVec4 bg = ui::palette().background;
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(&dd);
    g_drawn_fingerprint = fingerprint;
    ++g_frames_drawn;
  }
  sync_text_input();
  publish_store(app.session);
  hearth_js_frame_done(++app.frame, g_frames_drawn);
}

// Frames on demand: after input or a font the app draws at the display's rate for half a
// second so ImGui can settle; after an answer from storage (or another window) a few frames
// show it — no more, because frames and IndexedDB's answers share one thread, and a busy
// stream of frames would slow the opening it draws. Otherwise 4 frames a second, enough for
// a caret to blink and nothing to look frozen.
namespace {
constexpr int kFramesAfterWake = 30;
constexpr int kFramesAfterOutcome = 3;
constexpr double kIdleFrameIntervalMs = 250.0;
constexpr double kOpeningFrameIntervalMs = 1000.0;
int g_frames_wanted = kFramesAfterOutcome;
double g_last_frame_ms = 0.0;

void tick() {
  const double now = emscripten_get_now();
  // while the store opens, the loading line needs no redrawing: leave the thread to IndexedDB
  const bool opening = g_app->session.phase() == Session::Phase::Opening;
  if (g_frames_wanted <= 0 && now - g_last_frame_ms < (opening ? kOpeningFrameIntervalMs : kIdleFrameIntervalMs)) return;
  if (g_frames_wanted > 0) --g_frames_wanted;
  g_last_frame_ms = now;
  run_frame();
}
}  // namespace

void wake() { g_frames_wanted = kFramesAfterWake; }
void show_outcome() { g_frames_wanted = std::max(g_frames_wanted, kFramesAfterOutcome); }

}  // namespace hearth::web

extern "C" EMSCRIPTEN_KEEPALIVE void hearth_wake() { hearth::web::wake(); }
extern "C" EMSCRIPTEN_KEEPALIVE void hearth_show_outcome() { hearth::web::show_outcome(); }

// For bench/store_open.mjs: a snapshot now (the app writes one every 2000 events by itself),
// a reopen, and the wasm heap's size.
extern "C" EMSCRIPTEN_KEEPALIVE void hearth_debug_write_snapshot() { hearth::web::g_app->session.write_snapshot(); }
// Opens the store again while the app is idle: the open measured without the start-up's own work
// (fonts, first frames) on the same thread.
extern "C" EMSCRIPTEN_KEEPALIVE void hearth_debug_reopen() { hearth::web::g_app->session.open(); }
extern "C" EMSCRIPTEN_KEEPALIVE double hearth_debug_heap_bytes() { return static_cast<double>(emscripten_get_heap_size()); }
// What of it malloc has handed out (the state, ImGui, buffers in flight): the memory bench.
extern "C" EMSCRIPTEN_KEEPALIVE double hearth_debug_heap_in_use() { return static_cast<double>(mallinfo().uordblks); }

int main() {
  using namespace hearth;
  if (!glfwInit()) {
    hearth_js_fatal("webgl", "glfwInit failed");
    return 1;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  hearth_js_fit_canvas();
  int width = 0, height = 0;
  emscripten_get_canvas_element_size("#canvas", &width, &height);
  web::g_app = std::make_unique<web::WebApp>();
  web::WebApp& app = *web::g_app;
  app.window = glfwCreateWindow(width, height, "Hearth", nullptr, nullptr);
  if (!app.window) {
    hearth_js_fatal("webgl", "WebGL 2 context could not be created");
    return 1;
  }
  glfwMakeContextCurrent(app.window);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // nothing of the UI's layout is persisted
  ui::automation::install();
  app.dpr = static_cast<float>(hearth_js_device_pixel_ratio());
  app.touch = hearth_js_coarse_pointer() != 0;
  ui::apply_theme(app.dpr, app.touch);
  ImGui_ImplGlfw_InitForOpenGL(app.window, true);
  ImGui_ImplOpenGL3_Init("#version 300 es");
  web::install_input_callbacks();

  char language[16] = {};
  hearth_js_language(language, sizeof language);
  app.i18n.set_language(language);
  app.ui.on_language_changed = [](const std::string& lang) { hearth_js_set_language(lang.c_str()); };
  app.ui.on_restart_for_update = [] { hearth_js_apply_update(); };
  app.ui.on_install = [] { hearth_js_install_app(); };

  app.session.open([&app] {
    // Without local storage nothing typed could be saved: say so plainly instead of a form.
    if (app.session.phase() == Session::Phase::OpenFailed && app.session.open_error()->kind == "unavailable")
      hearth_js_fatal("storage", app.session.open_error()->detail.c_str());
  });
  hearth_js_main_ready();  // the page now hands over the fonts and calls hearth_start()
  return 0;
}

// The page's news of the offline copy and of a newer version (shell/loader.js, docs/offline.md).
extern "C" EMSCRIPTEN_KEEPALIVE void hearth_offline_status(int state, const char* detail, const char* update_error, double files, double bytes,
                                                           double done, double total, int installable) {
  hearth::ui::OfflineStatus s;
  s.state = state >= 0 && state <= static_cast<int>(hearth::ui::OfflineStatus::State::Failed) ? static_cast<hearth::ui::OfflineStatus::State>(state)
                                                                                             : hearth::ui::OfflineStatus::State::Unknown;
  s.detail = detail;
  s.update_error = update_error;
  s.files = files;
  s.bytes = bytes;
  s.done = done;
  s.total = total;
  s.installable = installable != 0;
  hearth::web::g_app->ui.set_offline(std::move(s));
}

extern "C" EMSCRIPTEN_KEEPALIVE void hearth_start() { emscripten_set_main_loop(hearth::web::tick, 0, false); }
