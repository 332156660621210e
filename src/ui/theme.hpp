// Look and sizes: a light, calm office theme with touch-sized controls, scaled to the
// screen's device pixel ratio (the UI runs in device pixels so text stays sharp).
#pragma once
#include "imgui.h"

namespace hearth::ui {

struct Palette {
  ImVec4 accent{0.08f, 0.40f, 0.75f, 1.0f};       // buttons, tabs, focus
  ImVec4 accent_hover{0.10f, 0.46f, 0.84f, 1.0f};
  ImVec4 accent_active{0.05f, 0.32f, 0.62f, 1.0f};
  ImVec4 text{0.12f, 0.16f, 0.20f, 1.0f};
  ImVec4 muted{0.42f, 0.46f, 0.52f, 1.0f};        // hints, secondary text
  ImVec4 error{0.75f, 0.13f, 0.13f, 1.0f};
  ImVec4 success{0.12f, 0.50f, 0.20f, 1.0f};
  ImVec4 notice{0.58f, 0.35f, 0.0f, 1.0f};        // worth reading, not an error: another window, a repair
  ImVec4 panel{1.0f, 1.0f, 1.0f, 1.0f};
  ImVec4 background{0.95f, 0.96f, 0.97f, 1.0f};
};
const Palette& palette();

inline constexpr float kBaseFontSize = 18.0f;  // CSS pixels

// `touch`: a tablet — every control and table row at least 44 CSS px high (the desktop's are
// about 38), since a fingertip is less precise than a pointer.
void apply_theme(float device_pixel_ratio, bool touch = false);

}  // namespace hearth::ui
