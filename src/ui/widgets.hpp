// Form widgets shared by the views: labelled fields with their error in place, buttons,
// status lines. Each reports itself to the automation hook with its visible label.
#pragma once
#include <cstdint>
#include <string>

#include "i18n.hpp"
#include "imgui.h"
#include "problem.hpp"

namespace hearth::ui {

// Label above, input across, hint in grey, the problem (if any) in red below.
// Returns true when the text was edited this frame; `submitted` is set when Enter was pressed.
bool text_field(const char* id, const char* label, std::string& value, const char* hint, const Problem* problem,
                const I18n& i18n, bool* submitted = nullptr, bool focus = false);
// The same for a passphrase: the characters are never shown (nor published for automation).
bool password_field(const char* id, const char* label, std::string& value, const char* hint, const Problem* problem,
                    const I18n& i18n, bool* submitted = nullptr);
// A read-only block of text that can be selected and copied (a request or certificate code).
void copyable_text(const char* id, const char* label, const std::string& text, float height);

// The township chooser: the 40 units of the shipped registry, streets first.
bool township_field(const char* id, const char* label, std::uint32_t& code, const Problem* problem, const I18n& i18n);

bool primary_button(const char* label, bool enabled = true, float width = 0.0f);
bool secondary_button(const char* label, bool enabled = true, float width = 0.0f);

// A wrapped line in a role colour ("error", "status", "success", "notice"), published for automation.
void message(const char* role, const std::string& text);
void muted_text(const char* text);
// A section's title, a little larger, with space above.
void section_heading(const char* text);
// "812 KB", "1.4 MB", "2.1 GB" (decimal units, as the browser and the OS report them).
std::string format_bytes(double bytes);

}  // namespace hearth::ui
