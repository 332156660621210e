// The ledger in the browser's IndexedDB (web/idb_store.js). Calls return at once; their
// callbacks run when the browser's transaction has completed (or failed).
#pragma once
#include <map>
#include <string>

#include "effects.hpp"

namespace hearth {

class WebIdbStore final : public EventStore {
 public:
  explicit WebIdbStore(std::string database = "hearth") : database_(std::move(database)) {}
  void open(const DeviceId& device_if_new, OpenDone done) override;
  void append(std::vector<PendingEvent> events, AppendDone done) override;

 private:
  std::string database_;
};

}  // namespace hearth
