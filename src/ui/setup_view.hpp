// 首次使用: the first run — choose the role (district office, township or street, training
// provider) and the unit, set the passphrase, or load the demo district so a newcomer sees a
// living system at once. Shown while the device is fresh (no key, no data) until the person
// finishes it or chooses "later" (then the key can be made in 数据交换 at any time).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "enrolment.hpp"
#include "view.hpp"

namespace hearth::ui {

class SetupView {
 public:
  bool wanted(const Session& session) const;
  void draw(ViewContext& cx);

 private:
  void finish(ViewContext& cx);
  void draw_looking(ViewContext& cx);
  const TrustProblem* problem(const char* key) const;

  bool later_ = false;
  int role_ = 1;  // 0 district office, 1 township, 2 training provider
  std::uint32_t township_ = 0;
  std::string district_label_, provider_, label_, passphrase_, repeated_;
  std::vector<TrustProblem> problems_;
  bool working_ = false, demo_working_ = false;
  int demo_wait_frames_ = 0;
  std::string demo_error_;
};

}  // namespace hearth::ui
