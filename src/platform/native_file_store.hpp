// The ledger in a folder, for the command-line tool and the tests:
//   device      16-byte device id, as hex
//   events.log  frames of [u32 little-endian length][event bytes], appended and fsync'ed
// A frame cut short by a crash was never acknowledged and is dropped on open. The folder is
// locked (flock) while open, so two processes never fork the ledger.
#pragma once
#include <filesystem>

#include "effects.hpp"

namespace hearth {

class NativeFileStore final : public EventStore {
 public:
  explicit NativeFileStore(std::filesystem::path dir) : dir_(std::move(dir)) {}
  ~NativeFileStore() override;
  NativeFileStore(const NativeFileStore&) = delete;
  NativeFileStore& operator=(const NativeFileStore&) = delete;

  void open(const DeviceId& device_if_new, OpenDone done) override;
  void append(std::vector<PendingEvent> events, AppendDone done) override;

 private:
  std::filesystem::path dir_;
  int lock_fd_ = -1;
  std::uint64_t last_seq_ = 0;
  bool open_ = false;
};

}  // namespace hearth
