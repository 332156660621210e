#include "setup_view.hpp"

#include "widgets.hpp"

namespace hearth::ui {

bool SetupView::wanted(const Session&) const { return false; }
void SetupView::draw(ViewContext&) {}

}  // namespace hearth::ui
