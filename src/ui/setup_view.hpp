// 首次使用: the first run — choose the role (district office, township or street, training
// provider) and the unit, set the passphrase, and optionally load the demo district so a
// newcomer sees a living system at once. Shown until the device has a key or the person
// chooses "later".
#pragma once
#include "view.hpp"

namespace hearth::ui {

class SetupView {
 public:
  bool wanted(const Session& session) const;
  void draw(ViewContext& cx);

 private:
  bool later_ = false;
};

}  // namespace hearth::ui
