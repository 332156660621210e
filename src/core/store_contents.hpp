// What one device stores, as a value: the contents of its store (for a backup file and for
// restoring one), and the retention rule that says what the store may drop.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "event.hpp"
#include "ledger.hpp"
#include "merge.hpp"

namespace hearth {

struct StoredSnapshot {
  std::uint64_t seq = 0;  // the last event it covers
  std::vector<std::uint8_t> bytes;
};

// One event of another device, as the district's store keeps it: its arrival number (1, 2, 3…
// across all devices; a snapshot says up to which it covers) and its exact bytes.
struct ReceivedEvent {
  std::uint64_t arrival = 0;
  std::vector<std::uint8_t> bytes;
  bool operator==(const ReceivedEvent&) const = default;
};

// Everything a device's store holds (but its key and certificate: StoreInfo::meta).
struct StoreDump {
  DeviceId device{};
  std::optional<StoredHead> head;
  std::uint64_t exported = 0;
  std::vector<StoredSnapshot> snapshots;  // newest first
  std::vector<StoredEvent> events;        // seq order
  std::vector<ReceivedEvent> received;    // format 2: the district's merged events, arrival order
  std::vector<HeldBundle> held;           // format 2: bundles waiting for a gap
};

// A backup file (备份文件): "HEARTHBK", u32 version, the dump (cereal portable binary), and a
// BLAKE2b-256 checksum of everything before it. Created when it was written (Unix ms).
inline constexpr std::uint32_t kBackupFormat = 2;  // 2 adds received events and held bundles; 1 still reads
std::vector<std::uint8_t> encode_backup(const StoreDump& dump, std::int64_t created_ms);

struct BackupProblem {
  std::string message;  // catalog key err.backup.*
  std::string detail;
};
struct DecodedBackup {
  StoreDump dump;
  std::int64_t created_ms = 0;
};
std::variant<DecodedBackup, BackupProblem> decode_backup(std::span<const std::uint8_t> bytes);

// Retention (保留规则): the store keeps the `keep` newest snapshots, and drops an event only
// when it has been exported in a bundle AND the oldest snapshot kept covers it — so a damaged
// newest snapshot can always be rebuilt from the one before it plus the events after that.
struct Retention {
  std::vector<std::uint64_t> drop_snapshots;
  std::uint64_t drop_events_through = 0;  // 0 = drop none
  bool operator==(const Retention&) const = default;
};
inline constexpr std::size_t kSnapshotsKept = 2;
Retention plan_retention(std::vector<std::uint64_t> stored_snapshots, std::uint64_t new_snapshot, std::uint64_t exported,
                         std::size_t keep = kSnapshotsKept);

}  // namespace hearth
