// The device's store in the browser's IndexedDB (web/idb_store.js). Calls return at once; their
// callbacks run when the browser's transaction has completed (or failed).
#pragma once
#include <string>

#include "effects.hpp"

namespace hearth {

class WebIdbStore final : public EventStore {
 public:
  explicit WebIdbStore(std::string database = "hearth") : database_(std::move(database)) {}
  void open(const DeviceId& device_if_new, OpenDone done) override;
  void read(std::uint64_t snapshot, std::uint64_t after, std::uint64_t received_after, ReadDone done) override;
  void append(std::vector<PendingEvent> events, StoredHead after, StoredHead head, Done done) override;
  void put_head(StoredHead head, Done done) override;
  void put_snapshot(std::uint64_t seq, std::vector<std::uint8_t> bytes, Retention retention, Done done) override;
  void receive(std::vector<ReceivedEvent> events, std::vector<HeldBundle> hold, std::vector<HeldBundle> release, Done done) override;
  void put_meta(std::string name, std::vector<std::uint8_t> value, Done done) override;
  void mark_exported(std::uint64_t seq, Done done) override;
  void dump(DumpDone done) override;
  void replace(StoreDump contents, Done done) override;

 private:
  std::string database_;
};

// One writer per device among the browser's windows: the Web Locks API where there is one,
// else a lease renewed in localStorage; followers hear of new events on a BroadcastChannel.
class WebWriterLease final : public WriterLease {
 public:
  explicit WebWriterLease(std::string database = "hearth") : database_(std::move(database)) {}
  void claim(std::function<void(Role)> changed) override;
  void announce(std::uint64_t last_seq) override;
  void on_growth(std::function<void(std::uint64_t)> grew) override;

 private:
  std::string database_;
};

// navigator.storage.estimate() and persisted().
class WebStorageGauge final : public StorageGauge {
 public:
  void measure(std::function<void(StorageEstimate)> done) override;
};

// Downloads (a link with `download`), the file picker (<input type=file>), and files dropped
// onto the page (queued by web/device_bridge.js until take_dropped collects them).
class WebFileExchange final : public FileExchange {
 public:
  void save(const std::string& name, std::vector<std::uint8_t> bytes, std::function<void(std::optional<StoreError>)> done) override;
  void open(std::function<void(std::optional<StoreError>, std::vector<std::uint8_t>, std::string)> done) override;
  void open_many(std::function<void(std::optional<StoreError>, std::vector<ImportInput>)> done) override;
  // The oldest batch of files dropped onto the page since the last call, if any.
  static std::optional<std::vector<ImportInput>> take_dropped();
};

}  // namespace hearth
