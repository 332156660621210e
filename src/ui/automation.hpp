// The automation hook: each frame, the labels and screen rectangles (CSS pixels) of every
// visible interactive item — buttons, inputs, tabs, rows, combo entries — plus the texts a
// person reads to know what happened (field errors, save status), published to JavaScript as
// window.hearth.items. End-to-end tests and people who automate find "添加" there and click
// or type at its rectangle, as a person would. See docs/testing.md.
//
// Items are collected through Dear ImGui's test-engine hooks (IMGUI_ENABLE_TEST_ENGINE), so
// every widget is covered without the views doing anything; views only add what ImGui cannot
// know (an input's visible label, a row's text, a status message).
#pragma once
#include <functional>
#include <string>
#include <string_view>

namespace hearth::ui::automation {

void install();                        // after ImGui::CreateContext
void begin_frame(float device_pixel_ratio);
// Publishes the frame's items through `publish` if they changed since the last frame.
void end_frame(const std::function<void(const std::string& json)>& publish);

// Describe the last submitted item: its kind ("input", "row", "tab"…), a label when its
// ImGui label is hidden ("##name"), and the value it shows.
void annotate_last(std::string_view kind, std::string_view label = {}, std::string_view value = {});
// A text the user reads, at the last item's rectangle; role: "error", "status", "notice"…
void text_last(std::string_view role, std::string_view text, std::string_view field = {});

}  // namespace hearth::ui::automation
