// The whole screen: header (title, device, language switch), the local data's status, and
// one tab per domain area. Views are immediate and dumb: they read the session's state and
// emit commands; nothing here touches storage directly.
#pragma once
#include <functional>
#include <string>

#include "i18n.hpp"
#include "session.hpp"
#include "data_view.hpp"
#include "exchange_view.hpp"
#include "worker_register_view.hpp"

namespace hearth::ui {

class AppUi {
 public:
  AppUi(Session& session, I18n& i18n) : session_(session), i18n_(i18n) {}
  // Called when the person switches language (the web front remembers the choice).
  std::function<void(const std::string& language)> on_language_changed;

  void draw(float dpr);
  // Files dropped on the page go to the exchange view (bundles, requests).
  void dropped(std::vector<ImportInput> files) { exchange_.dropped(session_, std::move(files)); }

 private:
  void draw_header(float dpr);
  void draw_status();

  Session& session_;
  I18n& i18n_;
  WorkerRegisterView workers_;
  DataView data_;
  ExchangeView exchange_;
  bool data_was_open_ = false;
};

}  // namespace hearth::ui
