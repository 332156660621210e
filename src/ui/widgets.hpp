// Form widgets shared by the views: labelled fields with their error in place, buttons,
// status lines. Each reports itself to the automation hook with its visible label.
#pragma once
#include <cstdint>
#include <string>

#include <span>

#include "domain.hpp"
#include "i18n.hpp"
#include "imgui.h"
#include "problem.hpp"
#include "records.hpp"

namespace hearth {
class State;
}

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

// One value of a vocabulary (domain.hpp terms), shown translated. Returns true when changed.
bool choice_field(const char* id, const char* label, std::uint8_t& value, std::span<const Term> terms, const Problem* problem,
                  const I18n& i18n);
template <class Enum>
bool choice_field(const char* id, const char* label, Enum& value, std::span<const Term> terms, const Problem* problem, const I18n& i18n) {
  auto v = static_cast<std::uint8_t>(value);
  const bool changed = choice_field(id, label, v, terms, problem, i18n);
  value = static_cast<Enum>(v);
  return changed;
}
// A set of a vocabulary's values (bit set, domain.hpp bit()), as checkboxes that wrap.
bool flags_field(const char* id, const char* label, std::uint16_t& set, std::span<const Term> terms, const Problem* problem,
                 const I18n& i18n);
// A yes/no choice, finger-sized.
bool check_field(const char* id, const char* label, bool& value);
// A date as typed (YYYY-MM-DD); the hint shows the format.
bool date_field(const char* id, const char* label, std::string& value, const Problem* problem, const I18n& i18n);
// Choose a registered worker or enterprise by typing part of a name (or ID number, mobile,
// credit code). `chosen` is the record's key in `state`; returns true when it changed.
bool worker_picker(const char* id, const char* label, const State& state, Key& chosen, const Problem* problem, const I18n& i18n);
bool enterprise_picker(const char* id, const char* label, const State& state, Key& chosen, const Problem* problem, const I18n& i18n);
// The field's error line alone (for custom inputs), published for automation.
void field_problem(const Problem* problem, const I18n& i18n, const char* field);

// Typing not saved yet: some field was changed since the last save (or since a form was
// cleared). A restart into a new version asks first while this holds (docs/offline.md).
// Conservative: a search typed counts too.
void note_unsaved_input();
void input_saved();
bool unsaved_input();

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
