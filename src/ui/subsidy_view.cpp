#include "subsidy_view.hpp"

#include "imgui.h"
#include "widgets.hpp"

namespace hearth::ui {

void SubsidyView::draw(ViewContext& cx) { muted_text(cx.i18n.tr("app.area.coming")); }

}  // namespace hearth::ui
