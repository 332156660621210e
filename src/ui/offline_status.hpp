// What the page knows of the app's offline copy and of a newer version (shell/loader.js, the
// service worker web/sw.js; docs/offline.md). The UI only shows it and asks for a restart.
#pragma once
#include <cstdint>
#include <string>

namespace hearth::ui {

struct OfflineStatus {
  // the same numbers as STATES in shell/loader.js
  enum class State : std::uint8_t { Unknown, Unsupported, Insecure, Preparing, Ready, UpdateReady, Failed };
  State state = State::Unknown;
  std::string detail;        // Insecure: the page's origin; Failed: why
  std::string update_error;  // a newer version's download failed (tried again later)
  double files = 0, bytes = 0;  // Ready: what is kept for offline use
  double done = 0, total = 0;   // Preparing: bytes so far of total
  bool installable = false;     // the browser offers to install the app
};

}  // namespace hearth::ui
