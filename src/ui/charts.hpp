// Charts drawn with ImGui's draw list for the targets dashboard: a progress bar of actual
// against target, bars by township, lines over the years. Each bar and point is an item a
// person can click (and a test can find: it publishes its label and figure to automation).
// Colours say the standing at a glance: green met, amber near, red behind.
//
// Index
//   1. Colours of a standing
//   2. Progress bar
//   3. Bars (one row per township)
//   4. Lines over the years
#pragma once
#include <string>
#include <vector>

#include "imgui.h"
#include "yearly_report.hpp"

namespace hearth::ui {

// ---- 1. Colours ---------------------------------------------------------------------------
ImU32 standing_colour(Standing s);

// ---- 2. Progress bar ----------------------------------------------------------------------
// A bar `width` wide filled to `fraction` (0–1) in the standing's colour, the figure written
// beside it. Published as kind "figure" with `label` and `value`. Returns true when clicked.
bool progress_figure(const char* id, float fraction, Standing s, const std::string& figure, const std::string& label,
                     const std::string& value, float width, float dpr);

// ---- 3. Bars ------------------------------------------------------------------------------
struct Bar {
  std::string label;  // the township
  std::string value;  // as printed
  double amount = 0;
  bool behind = false;   // drawn red
  bool chosen = false;   // the township in view, outlined
};
// One row per bar, largest first as given; `share` (> 0) marks each row's expected share with a
// dashed line. Published as kind "bar" (label, value). Returns the index clicked, or -1.
int bar_rows(const char* id, const std::vector<Bar>& bars, double share, float dpr, bool touch);

// ---- 4. Lines -----------------------------------------------------------------------------
struct LinePoint {
  std::string label;  // the year
  double actual = 0, target = 0;
  std::string value;  // as printed
  bool chosen = false;
};
// Actual as a solid line with finger-sized points, target dashed (when any is > 0). Published
// as kind "point" (label = year, value). Returns the index clicked, or -1.
int line_chart(const char* id, const std::vector<LinePoint>& points, float height, float dpr, bool touch);

}  // namespace hearth::ui
