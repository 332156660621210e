#include "native_file_store.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

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
  StoredLedger out;
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) return done(StoreError{"unavailable", dir_.string() + ": " + ec.message()}, {});
  lock_fd_ = ::open((dir_ / "lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock_fd_ < 0) return done(errno_error((dir_ / "lock").string()), {});
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0)
    return done(StoreError{"conflict", dir_.string() + " is open in another process"}, {});

  const fs::path device_file = dir_ / "device";
  if (fs::exists(device_file)) {
    std::ifstream in(device_file);
    std::string hex;
    in >> hex;
    const auto d = parse_device(hex);
    if (!d) return done(StoreError{"failed", device_file.string() + " is damaged"}, {});
    out.device = *d;
  } else {
    const std::string tmp = (dir_ / "device.tmp").string(), hex = to_hex(device_if_new) + "\n";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0 || !write_all(fd, reinterpret_cast<const std::uint8_t*>(hex.data()), hex.size()) || ::fsync(fd) != 0) {
      auto err = errno_error(tmp);
      if (fd >= 0) ::close(fd);
      return done(err, {});
    }
    ::close(fd);
    if (std::rename(tmp.c_str(), device_file.c_str()) != 0 || !fsync_dir(dir_)) return done(errno_error(device_file.string()), {});
    out.device = device_if_new;
  }

  // Read whole frames. What follows the last whole frame is a write cut short by a crash (it
  // was never acknowledged) — or damage. Either way it is not thrown away: it is set aside in
  // events.tail-<offset>.bin before the log is cut back, so the next append starts clean.
  const fs::path log = dir_ / "events.log";
  std::ifstream in(log, std::ios::binary);
  std::uint64_t good_bytes = 0;
  if (in) {
    for (;;) {
      std::uint8_t len_le[4];
      if (!in.read(reinterpret_cast<char*>(len_le), 4)) break;
      const std::uint32_t len = len_le[0] | (len_le[1] << 8) | (len_le[2] << 16) | (std::uint32_t(len_le[3]) << 24);
      if (len == 0 || len > kMaxEventBytes) break;
      std::vector<std::uint8_t> bytes(len);
      if (!in.read(reinterpret_cast<char*>(bytes.data()), len)) break;
      out.events.push_back(std::move(bytes));
      good_bytes += 4 + len;
    }
  }
  in.close();
  const std::uint64_t size = fs::exists(log) ? fs::file_size(log) : 0;
  if (size > good_bytes) {
    const fs::path aside = dir_ / ("events.tail-" + std::to_string(good_bytes) + ".bin");
    std::ifstream src(log, std::ios::binary);
    src.seekg(static_cast<std::streamoff>(good_bytes));
    std::ofstream(aside, std::ios::binary) << src.rdbuf();
    fs::resize_file(log, good_bytes, ec);
    if (ec || !fsync_dir(dir_)) return done(StoreError{"failed", log.string() + ": cannot cut back an unfinished write: " + ec.message()}, {});
    out.set_aside = aside.string();
  }
  last_seq_ = out.events.size();
  open_ = true;
  done(std::nullopt, std::move(out));
}

void NativeFileStore::append(std::vector<PendingEvent> events, AppendDone done) {
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
  ::close(fd);
  if (created && !fsync_dir(dir_)) return done(errno_error(dir_.string()));
  last_seq_ += events.size();
  done(std::nullopt);
}

}  // namespace hearth
