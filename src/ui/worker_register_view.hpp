// 从业人员登记: the worker register — the form that adds a worker and the searchable list.
// Reads the session's state, emits RegisterWorker commands; keeps only what a person typed.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "i18n.hpp"
#include "session.hpp"
#include "view.hpp"

namespace hearth::ui {

class WorkerRegisterView {
 public:
  void draw(Session& session, const I18n& i18n, float dpr);
  void show(const NavigationRequest&) {}

 private:
  void draw_form(Session& session, const I18n& i18n);
  void draw_list(const Session& session, const I18n& i18n);
  void submit(Session& session);
  void forget_problem(const char* field);

  // what the person is typing (kept on screen until saved, and after a failed save)
  std::string name_, resident_id_, mobile_;
  std::uint32_t township_ = 0;
  Problems problems_;           // from the last refused command
  std::uint64_t ticket_ = 0;    // the submission being saved
  std::string saved_message_;   // "已保存：张三" after the last success
  bool focus_name_ = true;

  std::string query_;
  std::string hits_query_;
  std::uint64_t hits_revision_ = ~std::uint64_t{0};
  std::vector<std::uint32_t> hits_;
};

}  // namespace hearth::ui
