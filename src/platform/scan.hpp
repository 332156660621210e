// Reading a QR code with the device's camera (docs/scanning.md). In the browser the C functions
// are web/scan_bridge.js (linked with --js-library) over window.hearth.scanner (web/scanner.js):
// the page shows the camera in an overlay above the canvas, with the app's words, and the app
// polls the state every frame. Natively there is no camera: a scan ends at once in the error
// "no_camera", so code that scans runs (and is tested) the same on both sides.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#ifdef __EMSCRIPTEN__
extern "C" {
// Opens the camera and the overlay: its title, the hint under the video, the Cancel button.
void hearth_scan_start(const char* title, const char* hint, const char* cancel);
// Cancels a scan in progress (state 4); after a scan ended, forgets its text or error (state 0).
void hearth_scan_stop(void);
// 0 idle, 1 starting (camera prompt, detector loading), 2 scanning, 3 done, 4 cancelled, -1 error.
int hearth_scan_state(void);
// The decoded text once (state 3 → 0): its UTF-8 length, 0 when there is none; when it does not
// fit in cap bytes with its NUL, nothing is taken and -(bytes needed, NUL included) is returned.
int hearth_scan_take(char* buf, int cap);
// The error's kind in state -1: "no_camera", "denied", "insecure", "no_detector", "other".
int hearth_scan_error(char* buf, int cap);
// The browser's own words about the error, for a detail line or the log.
int hearth_scan_error_detail(char* buf, int cap);
}
#else
namespace hearth::scan_native {
inline int& state() {
  static int s = 0;
  return s;
}
inline int copy(const char* s, char* buf, int cap) {
  if (cap <= 0) return 0;
  int n = 0;
  while (s[n] != '\0' && n + 1 < cap) {
    buf[n] = s[n];
    ++n;
  }
  buf[n] = '\0';
  return n;
}
}  // namespace hearth::scan_native
extern "C" {
inline void hearth_scan_start(const char*, const char*, const char*) { hearth::scan_native::state() = -1; }
inline void hearth_scan_stop(void) { hearth::scan_native::state() = 0; }
inline int hearth_scan_state(void) { return hearth::scan_native::state(); }
inline int hearth_scan_take(char* buf, int cap) {
  if (cap > 0) buf[0] = '\0';
  return 0;
}
inline int hearth_scan_error(char* buf, int cap) {
  return hearth::scan_native::copy(hearth::scan_native::state() == -1 ? "no_camera" : "", buf, cap);
}
inline int hearth_scan_error_detail(char* buf, int cap) {
  return hearth::scan_native::copy(hearth::scan_native::state() == -1 ? "no camera in the native build" : "", buf, cap);
}
}
#endif

namespace hearth::scan {

enum class State : int { Error = -1, Idle = 0, Starting = 1, Scanning = 2, Done = 3, Cancelled = 4 };

inline void start(const std::string& title, const std::string& hint, const std::string& cancel) {
  hearth_scan_start(title.c_str(), hint.c_str(), cancel.c_str());
}
inline void stop() { hearth_scan_stop(); }
inline State state() { return static_cast<State>(hearth_scan_state()); }

// The decoded text, once; nullopt when there is none.
inline std::optional<std::string> take() {
  std::vector<char> buf(512);
  int n = hearth_scan_take(buf.data(), static_cast<int>(buf.size()));
  if (n < 0) {
    buf.resize(static_cast<std::size_t>(-n));
    n = hearth_scan_take(buf.data(), static_cast<int>(buf.size()));
  }
  if (n <= 0) return std::nullopt;
  return std::string(buf.data(), static_cast<std::size_t>(n));
}

// The error's kind ("" when there is none) and the browser's words about it.
inline std::string error_kind() {
  char buf[32];
  const int n = hearth_scan_error(buf, sizeof buf);
  return std::string(buf, static_cast<std::size_t>(n > 0 ? n : 0));
}
inline std::string error_detail() {
  std::vector<char> buf(512);
  const int n = hearth_scan_error_detail(buf.data(), static_cast<int>(buf.size()));
  return std::string(buf.data(), static_cast<std::size_t>(n > 0 ? n : 0));
}

}  // namespace hearth::scan
