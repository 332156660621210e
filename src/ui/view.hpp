// What every view is given each frame, and how one view sends the person to another
// ("the records behind this figure", "this worker's profile"). Views stay immediate and
// dumb: they read `session`, emit commands, and ask `navigate` to move.
#pragma once
#include <cstdint>
#include <string>

#include "date.hpp"
#include "i18n.hpp"
#include "records.hpp"
#include "session.hpp"

namespace hearth::ui {

// The areas of the application, in the order the navigation lists them.
enum class Area : std::uint8_t {
  Dashboard,      // 目标看板
  Workers,        // 从业人员
  Training,       // 培训课堂
  Cards,          // 上门服务证
  Enterprises,    // 家政企业
  ServicePoints,  // 社区服务网点
  Contracts,      // 服务合同
  Supervision,    // 投诉与信用监管
  Subsidies,      // 补贴
  Measures,       // 重点举措
  Report,         // 年度报告
  Exchange,       // 数据交换
  Data,           // 本机数据
  Count
};

// A request to show something: an area, and optionally one record in it (its profile or
// detail), or a list filtered to the records behind a figure.
struct NavigationRequest {
  Area area = Area::Dashboard;
  Key record = kNoKey;
  std::string list_title;          // "2021 年新增就业 · 汉丰街道"
  std::vector<Key> list;           // the records behind a figure (shown as a list in that area)
};

struct ViewContext {
  Session& session;
  const I18n& i18n;
  float dpr = 1.0f;
  bool touch = false;  // a touch screen: targets at least 44 CSS px
  Date today;          // the session clock's date
  // Moves to another area (taking effect next frame).
  std::function<void(NavigationRequest)> navigate;
  // Saves a file for the person (a download in the browser).
  void save_file(const std::string& name, const std::string& bytes) const {
    session.save_file(name, std::vector<std::uint8_t>(bytes.begin(), bytes.end()));
  }
  // The device's role when it has a key; the district office otherwise (a device not yet set up
  // sees everything, as the demo does).
  DeviceRole role() const { return session.identity().has_key ? session.identity().role : DeviceRole::District; }
  bool ready() const { return session.phase() == Session::Phase::Ready; }
  bool editable() const { return ready() && !session.read_only() && !session.saving() && !session.restoring(); }
};

}  // namespace hearth::ui
