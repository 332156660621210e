// The whole screen: header (title, device, language switch), the local data's status, the
// navigation between areas (a column on a wide screen, rows of buttons on a narrow one) and
// the current area's view. Views are immediate and dumb: they read the session's state and
// emit commands; nothing here touches storage directly.
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "cards_view.hpp"
#include "contract_view.hpp"
#include "dashboard_view.hpp"
#include "data_view.hpp"
#include "enterprise_view.hpp"
#include "exchange_view.hpp"
#include "i18n.hpp"
#include "measures_view.hpp"
#include "offline_status.hpp"
#include "report_view.hpp"
#include "service_point_view.hpp"
#include "session.hpp"
#include "setup_view.hpp"
#include "subsidy_view.hpp"
#include "supervision_view.hpp"
#include "training_view.hpp"
#include "view.hpp"
#include "worker_register_view.hpp"

namespace hearth::ui {

class AppUi {
 public:
  AppUi(Session& session, I18n& i18n) : session_(session), i18n_(i18n) {}
  // Called when the person switches language (the web front remembers the choice).
  std::function<void(const std::string& language)> on_language_changed;
  // The person chose to restart into a new version (the page activates it and reloads), or to
  // install the app (the browser's own dialog).
  std::function<void()> on_restart_for_update;
  std::function<void()> on_install;
  void set_offline(OfflineStatus status) { offline_ = std::move(status); }

  void draw(float dpr, bool touch = false);
  // Files dropped on the page go to the exchange view (bundles, requests), which is shown.
  void dropped(std::vector<ImportInput> files) {
    exchange_.dropped(session_, std::move(files));
    area_ = Area::Exchange;
  }
  Area area() const { return area_; }

 private:
  void draw_header(float dpr);
  void draw_status();
  void draw_update_offer(float dpr);
  void draw_navigation(const ViewContext& cx, bool column);
  void draw_area(ViewContext& cx);
  void go(NavigationRequest request);

  Session& session_;
  I18n& i18n_;
  Area area_ = Area::Workers;
  bool area_chosen_ = false;  // a trainer's tablet opens on the classroom, until the person moves
  OfflineStatus offline_;
  bool confirm_restart_ = false;  // unsaved typing: the restart asks first
  std::optional<NavigationRequest> pending_;
  SetupView setup_;
  DashboardView dashboard_;
  WorkerRegisterView workers_;
  TrainingView training_;
  CardsView cards_;
  EnterpriseView enterprises_;
  ServicePointView service_points_;
  ContractView contracts_;
  SupervisionView supervision_;
  SubsidyView subsidies_;
  MeasuresView measures_;
  ReportView report_;
  ExchangeView exchange_;
  DataView data_;
};

// The catalog key of an area's name in the navigation.
const char* area_label_key(Area a);

}  // namespace hearth::ui
