#include "native_file_store.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <iterator>
#include <fstream>

#include "bytes.hpp"
#include "hash.hpp"

namespace hearth {

namespace {
StoreError errno_error(const std::string& what) {
  const int e = errno;
  return {e == ENOSPC || e == EDQUOT ? "quota" : "failed", what + ": " + std::strerror(e)};
}

std::optional<DeviceId> parse_device(const std::string& hex) {
  if (hex.size() != 32) return std::nullopt;
  DeviceId d{};
  for (std::size_t i = 0; i < 16; ++i) {
    auto nib = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      return -1;
    };
    const int hi = nib(hex[2 * i]), lo = nib(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    d[i] = static_cast<std::uint8_t>(hi * 16 + lo);
  }
  return d;
}

// A new or renamed file is durable only once its folder's entry is: fsync the folder too.
bool fsync_dir(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

constexpr std::uint32_t kMaxEventBytes = 16u << 20;  // no real event comes near; a larger length is damage

bool write_all(int fd, const std::uint8_t* p, std::size_t n) {
  while (n > 0) {
    const ssize_t w = ::write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    p += w;
    n -= static_cast<std::size_t>(w);
  }
  return true;
}
}  // namespace

NativeFileStore::~NativeFileStore() {
  if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the flock
}

void NativeFileStore::open(const DeviceId& device_if_new, OpenDone done) {
  namespace fs = std::filesystem;
  StoreInfo out;
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) return done(StoreError{"unavailable", dir_.string() + ": " + ec.message()}, {});
  if (lock_fd_ < 0) {
    lock_fd_ = ::open((dir_ / "lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (lock_fd_ < 0) return done(errno_error((dir_ / "lock").string()), {});
    if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
      ::close(lock_fd_);
      lock_fd_ = -1;
      return done(StoreError{"conflict", dir_.string() + " is open in another process"}, {});
    }
  }

  const fs::path device_file = dir_ / "device";
  if (fs::exists(device_file)) {
    std::ifstream in(device_file);
    std::string hex;
    in >> hex;
    const auto d = parse_device(hex);
    if (!d) return done(StoreError{"failed", device_file.string() + " is damaged"}, {});
    out.device = *d;
  } else {
    const std::string hex = to_hex(device_if_new) + "\n";
    if (auto err = write_file("device", std::vector<std::uint8_t>(hex.begin(), hex.end()))) return done(err, {});
    out.device = device_if_new;
    out.created = true;
  }

  // Read whole frames. What follows the last whole frame is a write cut short by a crash (it
  // was never acknowledged) — or damage. Either way it is not thrown away: it is set aside in
  // events.tail-<offset>.bin before the log is cut back, so the next append starts clean.
  const fs::path log = dir_ / "events.log";
  const std::uint64_t size = fs::exists(log) ? fs::file_size(log) : 0;
  std::uint64_t good_bytes = 0, count = 0;
  bool torn = false;
  {
    std::ifstream in(log, std::ios::binary);
    std::uint8_t len_le[4];
    while (good_bytes < size) {
      if (size - good_bytes < 4 || !in.read(reinterpret_cast<char*>(len_le), 4)) {
        torn = true;  // not even a whole length: the last write was cut short
        break;
      }
      const std::uint32_t len = len_le[0] | (len_le[1] << 8) | (len_le[2] << 16) | (std::uint32_t(len_le[3]) << 24);
      if (len == 0 || len > kMaxEventBytes)  // not a torn write: damage, and events may follow it
        return done(StoreError{"failed", log.string() + " is damaged at byte " + std::to_string(good_bytes) + " (a frame length of " +
                                             std::to_string(len) + "); nothing was changed"},
                    {});
      if (size - good_bytes - 4 < len) {
        torn = true;  // a whole length, but the frame runs past the end: cut short
        break;
      }
      in.seekg(len, std::ios::cur);
      good_bytes += 4 + len;
      ++count;
    }
  }
  if (torn) {
    // What follows the last whole frame was never acknowledged, but it is not thrown away: it
    // is set aside (written and fsync'ed) before the log is cut back, so the next append starts clean.
    std::ifstream src(log, std::ios::binary);
    src.seekg(static_cast<std::streamoff>(good_bytes));
    const std::vector<std::uint8_t> tail((std::istreambuf_iterator<char>(src)), std::istreambuf_iterator<char>());
    std::string name = "events.tail-" + std::to_string(good_bytes) + ".bin";
    for (int n = 2; fs::exists(dir_ / name); ++n) name = "events.tail-" + std::to_string(good_bytes) + "-" + std::to_string(n) + ".bin";
    if (auto err = write_file(name, tail)) return done(err, {});
    fs::resize_file(log, good_bytes, ec);
    if (ec || !fsync_dir(dir_)) return done(StoreError{"failed", log.string() + ": cannot cut back an unfinished write: " + ec.message()}, {});
    out.set_aside = (dir_ / name).string();
  }
  out.last_event = count;
  out.first_event = count ? 1 : 0;
  out.snapshots = snapshot_seqs();
  last_seq_ = count;
  open_ = true;
  {
    // Received events: whole frames count; a torn tail was never acknowledged and is cut.
    const fs::path rlog = dir_ / "received.log";
    const std::uint64_t rsize = fs::exists(rlog) ? fs::file_size(rlog) : 0;
    std::uint64_t at = 0, n = 0;
    std::ifstream in(rlog, std::ios::binary);
    std::uint8_t len_le[4];
    while (at + 4 <= rsize && in.read(reinterpret_cast<char*>(len_le), 4)) {
      const std::uint32_t len = len_le[0] | (len_le[1] << 8) | (len_le[2] << 16) | (std::uint32_t(len_le[3]) << 24);
      if (len == 0 || len > kMaxEventBytes) return done(StoreError{"failed", rlog.string() + " is damaged at byte " + std::to_string(at)}, {});
      if (rsize - at - 4 < len) break;
      in.seekg(len, std::ios::cur);
      at += 4 + len;
      ++n;
    }
    if (at != rsize) {
      fs::resize_file(rlog, at, ec);
      if (ec) return done(StoreError{"failed", rlog.string() + ": cannot cut back an unfinished write"}, {});
    }
    received_ = n;
    out.received = n;
  }
  for (const auto& f : fs::directory_iterator(dir_, ec)) {
    const std::string n = f.path().filename().string();
    if (n.starts_with("meta-") && n.ends_with(".bin")) {
      std::ifstream m(f.path(), std::ios::binary);
      out.meta[n.substr(5, n.size() - 9)] = std::vector<std::uint8_t>(std::istreambuf_iterator<char>(m), {});
    }
  }
  if (std::ifstream ex(dir_ / "exported"); ex) ex >> exported_;
  out.exported = exported_;
  done(std::nullopt, std::move(out));
}

std::vector<std::uint64_t> NativeFileStore::snapshot_seqs() const {
  std::vector<std::uint64_t> seqs;
  std::error_code ec;
  for (const auto& f : std::filesystem::directory_iterator(dir_, ec)) {
    const std::string n = f.path().filename().string();
    if (n.starts_with("snapshot-") && n.ends_with(".bin")) {
      const std::string digits = n.substr(9, n.size() - 13);
      if (!digits.empty() && digits.find_first_not_of("0123456789") == std::string::npos) seqs.push_back(std::stoull(digits));
    }
  }
  std::sort(seqs.begin(), seqs.end(), std::greater<>());
  return seqs;
}

std::optional<StoreError> NativeFileStore::read_log(std::vector<StoredEvent>& out, std::uint64_t after) {
  std::ifstream in(dir_ / "events.log", std::ios::binary);
  std::uint64_t seq = 0;
  std::uint8_t len_le[4];
  while (seq < last_seq_ && in.read(reinterpret_cast<char*>(len_le), 4)) {
    const std::uint32_t len = len_le[0] | (len_le[1] << 8) | (len_le[2] << 16) | (std::uint32_t(len_le[3]) << 24);
    ++seq;
    if (seq <= after) {
      in.seekg(len, std::ios::cur);
      continue;
    }
    StoredEvent e{seq, std::vector<std::uint8_t>(len)};
    if (!in.read(reinterpret_cast<char*>(e.bytes.data()), len)) return StoreError{"failed", "events.log ends inside event " + std::to_string(seq)};
    out.push_back(std::move(e));
  }
  return std::nullopt;
}

void NativeFileStore::read(std::uint64_t snapshot, std::uint64_t after, std::uint64_t received_after, ReadDone done) {
  if (!open_) return done(StoreError{"unavailable", "store is not open"}, {});
  StoredRange range;
  if (snapshot) {
    // an unreadable file reads as empty: the session then reports it and falls back to the older one
    std::ifstream in(dir_ / ("snapshot-" + std::to_string(snapshot) + ".bin"), std::ios::binary);
    if (in) range.snapshot.assign(std::istreambuf_iterator<char>(in), {});
  }
  if (auto err = read_log(range.events, after)) return done(err, {});
  if (auto err = read_received(range.received, received_after)) return done(err, {});
  range.held = read_held();
  done(std::nullopt, std::move(range));
}

std::optional<StoreError> NativeFileStore::read_received(std::vector<ReceivedEvent>& out, std::uint64_t after) {
  std::ifstream in(dir_ / "received.log", std::ios::binary);
  std::uint64_t n = 0;
  std::uint8_t len_le[4];
  while (n < received_ && in.read(reinterpret_cast<char*>(len_le), 4)) {
    const std::uint32_t len = len_le[0] | (len_le[1] << 8) | (len_le[2] << 16) | (std::uint32_t(len_le[3]) << 24);
    ++n;
    if (n <= after) {
      in.seekg(len, std::ios::cur);
      continue;
    }
    ReceivedEvent e{n, std::vector<std::uint8_t>(len)};
    if (!in.read(reinterpret_cast<char*>(e.bytes.data()), len)) return StoreError{"failed", "received.log ends inside event " + std::to_string(n)};
    out.push_back(std::move(e));
  }
  return std::nullopt;
}

namespace {
std::string held_name(const HeldBundle& h) {
  return to_hex(h.device) + "-" + std::to_string(h.first) + "-" + std::to_string(h.last) + ".bin";
}
}  // namespace

std::vector<HeldBundle> NativeFileStore::read_held() const {
  std::vector<HeldBundle> out;
  std::error_code ec;
  for (const auto& f : std::filesystem::directory_iterator(dir_ / "held", ec)) {
    std::ifstream in(f.path(), std::ios::binary);
    const Bytes bytes(std::istreambuf_iterator<char>(in), {});
    if (auto h = decode_held(bytes)) out.push_back(std::move(*h));
  }
  std::sort(out.begin(), out.end(), [](const HeldBundle& a, const HeldBundle& b) {
    return a.device != b.device ? a.device < b.device : a.first < b.first;
  });
  return out;
}

void NativeFileStore::receive(std::vector<ReceivedEvent> events, std::vector<HeldBundle> hold, std::vector<HeldBundle> release, Done done) {
  if (!open_) return done(StoreError{"unavailable", "store is not open"});
  for (std::size_t i = 0; i < events.size(); ++i)
    if (events[i].arrival != received_ + 1 + i) return done(StoreError{"conflict", "arrival " + std::to_string(events[i].arrival) + " out of order"});
  if (!events.empty()) {
    std::vector<PendingEvent> frames;
    frames.reserve(events.size());
    for (auto& e : events) frames.push_back({e.arrival, std::move(e.bytes)});
    const std::vector<std::uint8_t> bytes = frame_events(frames);
    const std::string log = (dir_ / "received.log").string();
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) return done(errno_error(log));
    const off_t before = ::lseek(fd, 0, SEEK_END);
    if (!write_all(fd, bytes.data(), bytes.size()) || ::fsync(fd) != 0 || !fsync_dir(dir_)) {
      auto err = errno_error(log);
      if (before < 0 || ::ftruncate(fd, before) != 0) open_ = false;
      ::close(fd);
      return done(err);
    }
    ::close(fd);
    received_ += events.size();
  }
  std::error_code ec;
  std::filesystem::create_directories(dir_ / "held", ec);
  for (const auto& h : hold) {
    const Bytes bytes = encode_held(h);
    if (auto err = write_file("held/" + held_name(h), bytes)) return done(err);
  }
  for (const auto& h : release) std::filesystem::remove(dir_ / "held" / held_name(h), ec);
  fsync_dir(dir_ / "held");
  done(std::nullopt);
}

void NativeFileStore::put_meta(std::string name, std::vector<std::uint8_t> value, Done done) {
  if (!open_) return done(StoreError{"unavailable", "store is not open"});
  done(write_file("meta-" + name + ".bin", value));
}

void NativeFileStore::mark_exported(std::uint64_t seq, Done done) {
  if (!open_) return done(StoreError{"unavailable", "store is not open"});
  if (seq <= exported_) return done(std::nullopt);
  const std::string text = std::to_string(seq) + "\n";
  if (auto err = write_file("exported", std::vector<std::uint8_t>(text.begin(), text.end()))) return done(err);
  exported_ = seq;
  done(std::nullopt);
}

void NativeFileStore::append(std::vector<PendingEvent> events, StoredHead, StoredHead, Done done) {  // the log position is the check here
  if (!open_) return done(StoreError{"unavailable", "store is not open"});
  for (std::size_t i = 0; i < events.size(); ++i)
    if (events[i].seq != last_seq_ + 1 + i)
      return done(StoreError{"conflict", "event " + std::to_string(events[i].seq) + " does not follow " + std::to_string(last_seq_ + i)});
  const std::vector<std::uint8_t> frames = frame_events(events);
  const std::string log = (dir_ / "events.log").string();
  const bool created = !std::filesystem::exists(log);
  const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return done(errno_error(log));
  const off_t before = ::lseek(fd, 0, SEEK_END);
  if (!write_all(fd, frames.data(), frames.size()) || ::fsync(fd) != 0) {
    auto err = errno_error(log);
    if (before < 0 || ::ftruncate(fd, before) != 0 || ::fsync(fd) != 0) open_ = false;  // all or none, or stop writing
    ::close(fd);
    return done(err);
  }
  if (created && !fsync_dir(dir_)) {  // not durable after all: take the frames back, so a retry starts clean
    auto err = errno_error(dir_.string());
    if (::ftruncate(fd, before) != 0 || ::fsync(fd) != 0) open_ = false;
    ::close(fd);
    return done(err);
  }
  ::close(fd);
  last_seq_ += events.size();
  done(std::nullopt);
}

// Written whole to a temporary file, fsync'ed, renamed over the old one: never half a file.
std::optional<StoreError> NativeFileStore::write_file(const std::string& name, const std::vector<std::uint8_t>& bytes) {
  const std::string path = (dir_ / name).string(), tmp = path + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0 || !write_all(fd, bytes.data(), bytes.size()) || ::fsync(fd) != 0) {
    auto err = errno_error(tmp);
    if (fd >= 0) ::close(fd);
    ::unlink(tmp.c_str());
    return err;
  }
  ::close(fd);
  if (std::rename(tmp.c_str(), path.c_str()) != 0 || !fsync_dir(dir_)) return errno_error(path);
  return std::nullopt;
}

void NativeFileStore::put_snapshot(std::uint64_t seq, std::vector<std::uint8_t> bytes, Retention retention, Done done) {
  if (!open_) return done(StoreError{"unavailable", "store is not open"});
  if (auto err = write_file("snapshot-" + std::to_string(seq) + ".bin", bytes)) return done(err);
  for (const std::uint64_t old : retention.drop_snapshots) std::filesystem::remove(dir_ / ("snapshot-" + std::to_string(old) + ".bin"));
  done(std::nullopt);  // the log is never compacted here (see the header)
}

void NativeFileStore::dump(DumpDone done) {
  if (!open_) return done(StoreError{"unavailable", "store is not open"}, {});
  StoreDump d;
  std::ifstream in(dir_ / "device");
  std::string hex;
  in >> hex;
  d.device = parse_device(hex).value_or(DeviceId{});
  for (const std::uint64_t seq : snapshot_seqs()) {
    std::ifstream s(dir_ / ("snapshot-" + std::to_string(seq) + ".bin"), std::ios::binary);
    d.snapshots.push_back({seq, std::vector<std::uint8_t>(std::istreambuf_iterator<char>(s), {})});
  }
  if (auto err = read_log(d.events, 0)) return done(err, {});
  if (auto err = read_received(d.received, 0)) return done(err, {});
  d.held = read_held();
  d.exported = exported_;
  done(std::nullopt, std::move(d));
}

void NativeFileStore::replace(StoreDump contents, Done done) {
  if (!open_) return done(StoreError{"unavailable", "store is not open"});
  // the log first (it is the truth), then the device, then the snapshots
  std::uint64_t expected = 1;
  for (const auto& e : contents.events)
    if (e.seq != expected++) return done(StoreError{"failed", "this folder cannot hold a compacted ledger (event " + std::to_string(e.seq) + ")"});
  if (auto err = write_file("events.log", frame_events(contents.events))) return done(err);
  const std::string hex = to_hex(contents.device) + "\n";
  if (auto err = write_file("device", std::vector<std::uint8_t>(hex.begin(), hex.end()))) return done(err);
  for (const std::uint64_t old : snapshot_seqs()) std::filesystem::remove(dir_ / ("snapshot-" + std::to_string(old) + ".bin"));
  for (const auto& s : contents.snapshots)
    if (auto err = write_file("snapshot-" + std::to_string(s.seq) + ".bin", s.bytes)) return done(err);
  last_seq_ = contents.events.size();
  std::vector<PendingEvent> frames;
  for (auto& e : contents.received) frames.push_back({e.arrival, std::move(e.bytes)});
  if (auto err = write_file("received.log", frame_events(frames))) return done(err);
  received_ = frames.size();
  std::error_code ec;
  std::filesystem::remove_all(dir_ / "held", ec);
  std::vector<HeldBundle> none;
  receive({}, std::move(contents.held), none, [&](std::optional<StoreError> e) {
    if (e) return done(e);
    exported_ = 0;
    mark_exported(contents.exported, done);
  });
}

}  // namespace hearth
