// Snapshots: a workspace's folded state saved whole, so opening a device is "restore the
// snapshot, then fold only the events stored after it" instead of folding every event.
// A snapshot is a cache of the fold — the events stay the truth: a snapshot that cannot be
// used (damaged, from another version) is set aside and the events are folded instead.
//
// Layout (format 1). Integers are little-endian, fixed width; the same state gives the same
// bytes natively and in wasm (tests/fixtures/snapshot-v1.bin).
//   offset  size
//        0     8  magic "HEARTHSN"
//        8     4  u32 format (1)
//       12    16  device
//       28     8  u64 local_seq: the device's last own event folded in
//       36    32  head: that event's hash
//       68     8  u64 received: the store's opaque counter, returned unchanged
//       76     8  u64 payload length P
//       84     P  payload: cereal portable binary of the ledger position and the state's
//                 primary data (rows, resolved values, edits); the indexes are rebuilt
//   84 + P    32  checksum: BLAKE2b-256 of bytes [0, 84 + P)
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "workspace.hpp"

namespace hearth {

// 2 (issue 5): edits carry what their editor had seen; the district's enrolled devices and
// what it holds of each. 3: revoked 持证上门 cards (LicenceRevoked). Formats 1 and 2 still read
// (what they lack starts empty).
inline constexpr std::uint32_t kSnapshotFormat = 3;

// The fixed header: enough to list snapshots and choose one without decoding the state.
struct SnapshotInfo {
  std::uint32_t format = 0;
  DeviceId device{};
  std::uint64_t local_seq = 0;
  Hash256 head{};
  std::uint64_t received = 0;
  std::uint64_t bytes = 0;  // the whole snapshot, header and checksum included
};

// Why a snapshot cannot be used.
struct SnapshotProblem {
  std::string message;            // catalog key: err.snapshot.*
  std::vector<std::string> args;  // values for {0}, {1}… in the catalog text
  std::string detail;             // technical detail for the log
};

// The workspace's folded state as a snapshot. `received` is an opaque counter kept by the
// store (how many events of other devices are folded in) and returned unchanged by restore.
std::vector<std::uint8_t> encode_snapshot(const Workspace& ws, std::uint64_t received = 0);

// Reads and checks only the fixed header (magic, format, length): cheap, the state is not
// decoded and the checksum is not verified.
std::variant<SnapshotInfo, SnapshotProblem> peek_snapshot(std::span<const std::uint8_t> bytes);

// The workspace a snapshot saved, and its header. Checks magic, format, length and checksum
// before decoding; never throws or aborts, whatever the bytes.
struct RestoredSnapshot {
  Workspace workspace;
  SnapshotInfo info;
};
std::variant<RestoredSnapshot, SnapshotProblem> restore_snapshot(std::span<const std::uint8_t> bytes,
                                                                 const ProgrammeConfig& config = ProgrammeConfig::builtin());

}  // namespace hearth
