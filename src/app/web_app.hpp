// The browser front: what web_main.cpp (frame loop, start-up) and web_input.cpp (touch, text,
// wheel, IME, fonts) share. The JS side is web/app_bridge.js and shell/loader.js.
#pragma once

struct GLFWwindow;

namespace hearth::web {

GLFWwindow* window();
float device_pixel_ratio();
void run_frame();               // one whole frame; also run synchronously from input handlers
void wake();                    // something happened: draw at full rate for a moment
void install_input_callbacks(); // wheel + IME hooks, after the ImGui backends are initialised
void sync_text_input();         // once per frame: focus (or not) the page's hidden text field

}  // namespace hearth::web
