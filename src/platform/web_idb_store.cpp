#include "web_idb_store.hpp"

#include <emscripten.h>

#include <cstdlib>
#include <cstring>
#include <functional>

extern "C" {
void hearth_idb_open(const char* name, const std::uint8_t* device_if_new, int req);
void hearth_idb_append(const std::uint8_t* frames, std::size_t len, double first_seq, int count, int req);
}

namespace hearth {

namespace {
// A completion from JS: (error or none, bytes). Requests are keyed by a number because
// C++ closures cannot cross into JS.
using Completion = std::function<void(std::optional<StoreError>, std::vector<std::uint8_t>)>;
std::map<int, Completion>& pending() {
  static std::map<int, Completion> p;
  return p;
}
int remember(Completion c) {
  static int next = 1;
  pending().emplace(next, std::move(c));
  return next++;
}
constexpr const char* kKinds[] = {"", "quota", "conflict", "unavailable", "failed"};

std::uint32_t read_u32(const std::uint8_t* p) { return p[0] | (p[1] << 8) | (p[2] << 16) | (std::uint32_t(p[3]) << 24); }
}  // namespace

void WebIdbStore::open(const DeviceId& device_if_new, OpenDone done) {
  const int req = remember([done = std::move(done)](std::optional<StoreError> err, std::vector<std::uint8_t> bytes) {
    if (err) return done(std::move(err), {});
    StoredLedger out;
    if (bytes.size() < 21) return done(StoreError{"failed", "short reply from IndexedDB"}, {});
    std::memcpy(out.device.data(), bytes.data(), 16);
    const std::uint32_t count = read_u32(&bytes[17]);
    std::size_t o = 21;
    out.events.reserve(count);
    for (std::uint32_t i = 0; i < count; ++i) {
      if (o + 4 > bytes.size()) break;
      const std::uint32_t len = read_u32(&bytes[o]);
      o += 4;
      if (o + len > bytes.size()) break;
      out.events.emplace_back(bytes.begin() + static_cast<std::ptrdiff_t>(o), bytes.begin() + static_cast<std::ptrdiff_t>(o + len));
      o += len;
    }
    done(std::nullopt, std::move(out));
  });
  hearth_idb_open(database_.c_str(), device_if_new.data(), req);
}

void WebIdbStore::append(std::vector<PendingEvent> events, AppendDone done) {
  if (events.empty()) return done(std::nullopt);
  const std::vector<std::uint8_t> frames = frame_events(events);
  const int req = remember([done = std::move(done)](std::optional<StoreError> err, std::vector<std::uint8_t>) { done(std::move(err)); });
  hearth_idb_append(frames.data(), frames.size(), static_cast<double>(events.front().seq), static_cast<int>(events.size()), req);
}

}  // namespace hearth

extern "C" EMSCRIPTEN_KEEPALIVE void hearth_idb_done(int req, int kind, char* detail, std::uint8_t* data, int len) {
  using namespace hearth;
  std::optional<StoreError> err;
  if (kind != 0) err = StoreError{kKinds[kind >= 1 && kind <= 4 ? kind : 4], detail ? detail : ""};
  std::free(detail);
  std::vector<std::uint8_t> bytes;
  if (data) {
    bytes.assign(data, data + len);
    std::free(data);
  }
  const auto it = pending().find(req);
  if (it == pending().end()) return;
  auto cb = std::move(it->second);
  pending().erase(it);
  cb(std::move(err), std::move(bytes));
}
