// The effects the app needs from the world, as tiny interfaces (lager style): the core never
// calls them; the session and the entry points do, and tests substitute their own.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "store_contents.hpp"
#include "merge.hpp"
#include "event.hpp"
#include "ledger.hpp"

namespace hearth {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::int64_t now_ms() = 0;  // Unix time in milliseconds
};

class Random {
 public:
  virtual ~Random() = default;
  virtual void fill(std::span<std::uint8_t> out) = 0;  // cryptographically secure
};

struct StoreError {
  std::string kind;    // catalog suffix: "quota", "conflict", "unavailable", "failed", "newer"
  std::string detail;  // the platform's own words, for the message and the log
  std::string message_key() const { return "err.store." + kind; }
};

// What opening the store learns before reading the ledger itself.
struct StoreInfo {
  DeviceId device{};
  bool created = false;                  // a new, empty store was made with `device_if_new`
  std::uint32_t upgraded_from = 0;       // the older schema version found and upgraded; 0 = none
  std::optional<StoredHead> head;        // recorded with every append (absent in a first-version store)
  std::uint64_t exported = 0;            // this device's events ≤ exported are in a bundle (issue 5)
  std::vector<std::uint64_t> snapshots;  // the seq each stored snapshot covers, newest first
  std::uint64_t first_event = 0;         // lowest stored seq (above 1 after compaction); 0 when none
  std::uint64_t last_event = 0;          // highest stored seq; 0 when none
  std::string set_aside;                 // native: an unreadable tail moved to this file, if any
  // Issue 5. Small named values kept beside the ledger, never in a backup (kMeta* below).
  std::map<std::string, std::vector<std::uint8_t>> meta;
  std::uint64_t received = 0;            // events of other devices stored (the district's merge), in arrival order
};

// Names of the small values a store keeps for the device (put_meta). The key file is
// encrypted; the rest is public. None of them goes into a backup: a backup restored on
// another device must not carry this device's identity.
inline constexpr const char* kMetaKeyFile = "key";             // enrolment.hpp KeyFile bytes
inline constexpr const char* kMetaCertificate = "certificate"; // this device's enrolment certificate
inline constexpr const char* kMetaConfirmed = "confirmed";     // the newest receipt from the district
inline constexpr const char* kMetaUnit = "unit";               // the unit chosen at set-up (session_demo.cpp)
inline constexpr const char* kMetaDemo = "demo";               // the ledger holds the demo district: never exported
// `exported` (StoreInfo::exported) is kept by the store itself, as a u64 (mark_exported).



// What `read` gives back: a snapshot (when one was asked for) and the events after a seq.
struct StoredRange {
  std::vector<std::uint8_t> snapshot;
  std::vector<StoredEvent> events;  // seq order
  std::vector<ReceivedEvent> received;  // arrival > received_after, in arrival order
  std::vector<HeldBundle> held;         // every held bundle
};

using PendingEvent = StoredEvent;

// A batch of events as one buffer: per event [u32 little-endian length][bytes]. The native
// store's file and the web store's hand-over to JS both use it.
std::vector<std::uint8_t> frame_events(const std::vector<PendingEvent>& events);

// Where the ledger lives. Every call completes through its callback — at once natively, later
// in the browser — and a write's callback reports success only once the data is durable.
class EventStore {
 public:
  virtual ~EventStore() = default;
  using OpenDone = std::function<void(std::optional<StoreError>, StoreInfo)>;
  using ReadDone = std::function<void(std::optional<StoreError>, StoredRange)>;
  using Done = std::function<void(std::optional<StoreError>)>;
  using DumpDone = std::function<void(std::optional<StoreError>, StoreDump)>;

  // Opens (creating it with `device_if_new` when empty, upgrading an older schema).
  virtual void open(const DeviceId& device_if_new, OpenDone done) = 0;
  // The snapshot stored for `snapshot` (none when 0), every event with seq > `after`, every
  // received event with arrival > `received_after`, and the held bundles.
  virtual void read(std::uint64_t snapshot, std::uint64_t after, std::uint64_t received_after, ReadDone done) = 0;
  // Appends events and records `head` atomically: all or none. Refuses (as a conflict) a seq
  // already stored, and a batch that does not continue the stored head `after` (another
  // window wrote, or restored a backup, since this one read the ledger).
  virtual void append(std::vector<PendingEvent> events, StoredHead after, StoredHead head, Done done) = 0;
  // Records the head of a ledger stored before heads were (first-version stores).
  virtual void put_head(StoredHead head, Done done) = 0;
  // Stores a snapshot covering events ≤ seq and carries out `retention` in the same
  // transaction (older snapshots and exported events it no longer needs).
  virtual void put_snapshot(std::uint64_t seq, std::vector<std::uint8_t> bytes, Retention retention, Done done) = 0;
  // The district's merge, all or nothing: appends received events (arrival numbers continuing
  // StoreInfo::received), stores newly held bundles and deletes released ones (by device,
  // first, last).
  virtual void receive(std::vector<ReceivedEvent> events, std::vector<HeldBundle> hold, std::vector<HeldBundle> release, Done done) = 0;
  // Small named values (kMeta*): written durably, read back in StoreInfo::meta.
  virtual void put_meta(std::string name, std::vector<std::uint8_t> value, Done done) = 0;
  // This device's events up to `seq` are in a bundle (never lowers the mark).
  virtual void mark_exported(std::uint64_t seq, Done done) = 0;
  // Everything stored, for a backup; and replacing everything with a backup's contents.
  virtual void dump(DumpDone done) = 0;
  virtual void replace(StoreDump contents, Done done) = 0;
};

// One writer per device: two windows of the app must never fork the ledger. The writer holds
// the lease while it lives; the others follow (read-only, refreshing when the writer says the
// ledger grew) and one of them takes over when the writer goes away.
class WriterLease {
 public:
  enum class Role { Unknown, Writer, Follower };
  virtual ~WriterLease() = default;
  // `changed` runs with the role once known, and again whenever it changes.
  virtual void claim(std::function<void(Role)> changed) = 0;
  // The writer tells the followers its ledger now ends at `last_seq`; they hear it through `grew`.
  virtual void announce(std::uint64_t last_seq) = 0;
  virtual void on_growth(std::function<void(std::uint64_t last_seq)> grew) = 0;
};

// Space: how much the device's storage holds and may hold for this app.
struct StorageEstimate {
  bool known = false;      // the platform answered
  double usage = 0;        // bytes used by this app
  double quota = 0;        // bytes it may use
  bool persisted = false;  // the browser promised not to evict it under pressure
};
class StorageGauge {
 public:
  virtual ~StorageGauge() = default;
  virtual void measure(std::function<void(StorageEstimate)> done) = 0;
};

// Files the person picks: saving a backup, opening one to restore.
class FileExchange {
 public:
  virtual ~FileExchange() = default;
  virtual void save(const std::string& name, std::vector<std::uint8_t> bytes, std::function<void(std::optional<StoreError>)> done) = 0;
  // `done` gets the bytes and the file's name, or an error; nothing when the person cancels.
  virtual void open(std::function<void(std::optional<StoreError>, std::vector<std::uint8_t>, std::string)> done) = 0;
  // Several files at once (bundles to import); `done` gets them all, or nothing on cancel.
  virtual void open_many(std::function<void(std::optional<StoreError>, std::vector<ImportInput>)> done) = 0;
};

class SystemClock final : public Clock {
 public:
  std::int64_t now_ms() override;
};

class SodiumRandom final : public Random {
 public:
  SodiumRandom();  // on wasm, installs a bulk crypto.getRandomValues source first
  void fill(std::span<std::uint8_t> out) override;
};

}  // namespace hearth
