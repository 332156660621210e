// 修改记录: who changed what, when, old → new, for one worker or enterprise — and the small
// texts every view needs to say who (a device's label) and when (a local date and time).
#pragma once
#include <cstdint>
#include <string>

#include "view.hpp"

namespace hearth::ui {

// The device that wrote an event: its enrolment label, "本机" for this device, else its id.
std::string who_wrote(const ViewContext& cx, Key event);
// "2026-11-29 14:05" from Unix milliseconds (UTC+8, the district's time).
std::string local_time(std::int64_t unix_ms);
// A stored field value as a person reads it: a township's name, a vocabulary term, a set of
// terms, yes/no; text as it is.
std::string field_value_text(bool worker, std::uint16_t field, const std::string& value, const I18n& i18n);
// The history of `record` (a worker or an enterprise), newest first, as a table.
void history_panel(const ViewContext& cx, Key record, bool worker);

}  // namespace hearth::ui
