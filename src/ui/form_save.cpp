#include "form_save.hpp"

#include "widgets.hpp"

namespace hearth::ui {

void form_status(const FormSave& form, const Session& session, const I18n& i18n) {
  if (form.pending() && session.saving()) message("status", i18n.tr("form.saving"));
  for (const auto& p : form.problems())
    if (p.field.empty()) message("error", i18n.trf(p.message.c_str(), p.args));
  if (!form.saved().empty()) message("success", form.saved());
}

}  // namespace hearth::ui
