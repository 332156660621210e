// 本机数据: the data on this device — storage used and allowed, the ledger's length and
// snapshots, the offline copy of the app itself, and backup and restore (with a clear warning before anything is replaced).
// Reads the session; asks it to act; keeps nothing of its own but the confirmation step.
#pragma once
#include <functional>

#include "i18n.hpp"
#include "offline_status.hpp"
#include "session.hpp"

namespace hearth::ui {

class DataView {
 public:
  void draw(Session& session, const I18n& i18n, float dpr, const OfflineStatus& offline, const std::function<void()>& install);
  // The tab was just opened: measure again, so the figures are fresh.
  void shown(Session& session) { session.measure_storage(); }

 private:
  void draw_storage(Session& session, const I18n& i18n);
  void draw_ledger(const Session& session, const I18n& i18n);
  void draw_backup(Session& session, const I18n& i18n, float dpr);
  void draw_offline(const I18n& i18n, float dpr, const OfflineStatus& offline, const std::function<void()>& install);
};

}  // namespace hearth::ui
