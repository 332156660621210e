// The ledger in a folder, for the command-line tool and the tests:
//   device            16-byte device id, as hex
//   events.log        frames of [u32 little-endian length][event bytes], appended and fsync'ed
//   snapshot-N.bin    snapshots of the folded state covering events ≤ N (the newest two)
// A frame cut short by a crash was never acknowledged and is set aside on open. The folder is
// locked (flock) while open, so two processes never fork the ledger.
// Unlike the browser store it records no head (the log's append and a head file could not be
// one atomic write) and never compacts the log: the folder lives on an office PC, not a tablet.
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
  void read(std::uint64_t snapshot, std::uint64_t after, std::uint64_t received_after, ReadDone done) override;
  void append(std::vector<PendingEvent> events, StoredHead after, StoredHead head, Done done) override;
  void put_head(StoredHead, Done done) override { done(std::nullopt); }
  void put_snapshot(std::uint64_t seq, std::vector<std::uint8_t> bytes, Retention retention, Done done) override;
  // received.log (frames like events.log; the arrival number is the frame's position),
  // held/<device>-<first>-<last>.bin, meta-<name>.bin, exported. Appends are fsync'ed; a
  // merge is not one transaction here: a crash between the log and the held files leaves a
  // held bundle that the next import recognises as already merged and releases.
  void receive(std::vector<ReceivedEvent> events, std::vector<HeldBundle> hold, std::vector<HeldBundle> release, Done done) override;
  void put_meta(std::string name, std::vector<std::uint8_t> value, Done done) override;
  void mark_exported(std::uint64_t seq, Done done) override;
  void dump(DumpDone done) override;
  void replace(StoreDump contents, Done done) override;

 private:
  std::optional<StoreError> read_log(std::vector<StoredEvent>& out, std::uint64_t after);
  std::optional<StoreError> read_received(std::vector<ReceivedEvent>& out, std::uint64_t after);
  std::vector<HeldBundle> read_held() const;
  std::optional<StoreError> write_file(const std::string& name, const std::vector<std::uint8_t>& bytes);
  std::vector<std::uint64_t> snapshot_seqs() const;

  std::filesystem::path dir_;
  int lock_fd_ = -1;
  std::uint64_t last_seq_ = 0;
  std::uint64_t received_ = 0;
  std::uint64_t exported_ = 0;
  bool open_ = false;
};

}  // namespace hearth
