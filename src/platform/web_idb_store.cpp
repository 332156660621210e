#include "web_idb_store.hpp"

#include <emscripten.h>

#include "bundle.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>

// web/idb_store.js
extern "C" {
void hearth_idb_open(const char* name, const std::uint8_t* device_if_new, int req);
void hearth_idb_read(double snapshot, double after, double received_after, int req);
void hearth_idb_receive(const std::uint8_t* bytes, std::size_t len, int req);
void hearth_idb_put_meta(const char* name, const std::uint8_t* bytes, std::size_t len, int req);
void hearth_idb_mark_exported(double seq, int req);
void hearth_idb_append(const std::uint8_t* frames, std::size_t len, double first_seq, int count, const std::uint8_t* after40,
                       const std::uint8_t* head40, int req);
void hearth_idb_put_head(const std::uint8_t* head40, int req);
void hearth_idb_put_snapshot(const std::uint8_t* bytes, std::size_t len, double seq, const std::uint8_t* drops, int drop_count,
                             double drop_events_through, int req);
void hearth_idb_dump(int req);
void hearth_idb_replace(const std::uint8_t* bytes, std::size_t len, int req);
// web/device_bridge.js
void hearth_lease_claim(const char* name);
void hearth_lease_announce(double last_seq);
void hearth_gauge_measure(int req);
void hearth_files_save(const char* name, const std::uint8_t* bytes, std::size_t len);
void hearth_files_open(int req);
void hearth_files_open_many(int req);
std::uint8_t* hearth_files_take_dropped(int* len);
}

namespace hearth {

namespace {
// A completion from JS: (error or none, bytes). Requests are keyed by a number because
// C++ closures cannot cross into JS.
// The bytes are valid only during the call (they live in a buffer freed right after).
using Completion = std::function<void(std::optional<StoreError>, std::span<const std::uint8_t>)>;
std::map<int, Completion>& pending() {
  static std::map<int, Completion> p;
  return p;
}
int remember(Completion c) {
  static int next = 1;
  pending().emplace(next, std::move(c));
  return next++;
}
constexpr const char* kKinds[] = {"", "quota", "conflict", "unavailable", "failed", "newer"};

// Little-endian fields of the replies and requests (web/idb_store.js writes the same layout).
struct Reader {
  std::span<const std::uint8_t> b;
  std::size_t o = 0;
  bool ok = true;
  bool need(std::size_t n) {
    if (!ok || n > b.size() - o) ok = false;  // never o + n: it could wrap in 32-bit wasm
    return ok;
  }
  std::uint32_t u32() {
    if (!need(4)) return 0;
    const std::uint32_t v = b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (std::uint32_t(b[o + 3]) << 24);
    o += 4;
    return v;
  }
  std::uint64_t u64() {
    const std::uint64_t lo = u32();
    return lo | (std::uint64_t(u32()) << 32);
  }
  std::uint8_t u8() { return need(1) ? b[o++] : 0; }
  template <std::size_t N>
  std::array<std::uint8_t, N> fixed() {
    std::array<std::uint8_t, N> a{};
    if (need(N)) std::memcpy(a.data(), &b[o], N), o += N;
    return a;
  }
  std::vector<std::uint8_t> bytes(std::size_t n) {
    if (!need(n)) return {};
    std::vector<std::uint8_t> v(b.begin() + static_cast<std::ptrdiff_t>(o), b.begin() + static_cast<std::ptrdiff_t>(o + n));
    o += n;
    return v;
  }
  std::vector<std::uint8_t> blob() { return bytes(u32()); }
  // [u32 n]{[u64 seq][u32 length][bytes]}: events, or snapshots by the seq they cover
  template <class T>
  std::vector<T> seq_blobs() {
    std::vector<T> out;
    const std::uint32_t n = u32();
    out.reserve(std::min<std::size_t>(n, b.size() / 12));
    for (std::uint32_t i = 0; i < n && ok; ++i) {
      T item;
      item.seq = u64();
      item.bytes = blob();
      out.push_back(std::move(item));
    }
    return out;
  }
};
struct Writer {
  std::vector<std::uint8_t> b;
  void u8(std::uint8_t v) { b.push_back(v); }
  void u32(std::uint32_t v) {
    for (int i = 0; i < 4; ++i) b.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  }
  void u64(std::uint64_t v) {
    u32(static_cast<std::uint32_t>(v));
    u32(static_cast<std::uint32_t>(v >> 32));
  }
  void bytes(std::span<const std::uint8_t> v) { b.insert(b.end(), v.begin(), v.end()); }
  void blob(std::span<const std::uint8_t> v) {
    u32(static_cast<std::uint32_t>(v.size()));
    bytes(v);
  }
};

std::array<std::uint8_t, 40> head_bytes(const StoredHead& h) {
  Writer w;
  w.u64(h.seq);
  w.bytes(h.hash);
  std::array<std::uint8_t, 40> a{};
  std::memcpy(a.data(), w.b.data(), 40);
  return a;
}
std::optional<StoredHead> read_head(Reader& r) {
  const bool has = r.u8() != 0;
  StoredHead h;
  h.seq = r.u64();
  h.hash = r.fixed<32>();
  if (!has) return std::nullopt;
  return h;
}
StoreError short_reply() { return StoreError{"failed", "short reply from IndexedDB"}; }

// Received events then held bundles (read and dump replies, after the events).
void read_received(Reader& r, std::vector<ReceivedEvent>& received, std::vector<HeldBundle>& held) {
  const std::uint32_t n = r.u32();
  for (std::uint32_t i = 0; i < n && r.ok; ++i) {
    ReceivedEvent e;
    e.arrival = r.u64();
    e.bytes = r.blob();
    received.push_back(std::move(e));
  }
  const std::uint32_t m = r.u32();
  for (std::uint32_t i = 0; i < m && r.ok; ++i) {
    const auto value = r.blob();
    if (auto h = decode_held(value))  // the same bytes as the native store (merge.hpp)
      held.push_back(std::move(*h));
  }
  std::sort(held.begin(), held.end(), [](const HeldBundle& a, const HeldBundle& b) { return a.device != b.device ? a.device < b.device : a.first < b.first; });
}
// The request web/idb_store.js HearthIdb.readReceive reads.
void write_receive(Writer& w, const std::vector<ReceivedEvent>& events, const std::vector<HeldBundle>& hold, const std::vector<HeldBundle>& release) {
  w.u32(static_cast<std::uint32_t>(events.size()));
  for (const auto& e : events) {
    w.u64(e.arrival);
    w.blob(e.bytes);
  }
  w.u32(static_cast<std::uint32_t>(hold.size()));
  for (const auto& h : hold) {
    w.bytes(h.device);
    w.u64(h.first);
    w.u64(h.last);
    w.blob(encode_held(h));
  }
  w.u32(static_cast<std::uint32_t>(release.size()));
  for (const auto& h : release) {
    w.bytes(h.device);
    w.u64(h.first);
    w.u64(h.last);
  }
}
}  // namespace

void WebIdbStore::open(const DeviceId& device_if_new, OpenDone done) {
  const int req = remember([done = std::move(done)](std::optional<StoreError> err, std::span<const std::uint8_t> bytes) {
    if (err) return done(std::move(err), {});
    Reader r{bytes};
    StoreInfo info;
    info.device = r.fixed<16>();
    info.created = r.u8() != 0;
    info.upgraded_from = r.u32();
    info.head = read_head(r);
    info.exported = r.u64();
    info.first_event = r.u64();
    info.last_event = r.u64();
    for (std::uint32_t n = r.u32(), i = 0; i < n && r.ok; ++i) info.snapshots.push_back(r.u64());
    info.received = r.u64();
    for (std::uint32_t n = r.u32(), i = 0; i < n && r.ok; ++i) {
      const auto name = r.blob();
      auto value = r.blob();
      info.meta[std::string(name.begin(), name.end())] = std::move(value);
    }
    if (!r.ok) return done(short_reply(), {});
    done(std::nullopt, std::move(info));
  });
  hearth_idb_open(database_.c_str(), device_if_new.data(), req);
}

void WebIdbStore::read(std::uint64_t snapshot, std::uint64_t after, std::uint64_t received_after, ReadDone done) {
  const int req = remember([done = std::move(done)](std::optional<StoreError> err, std::span<const std::uint8_t> bytes) {
    if (err) return done(std::move(err), {});
    Reader r{bytes};
    StoredRange range;
    range.snapshot = r.blob();
    range.events = r.seq_blobs<StoredEvent>();
    read_received(r, range.received, range.held);
    if (!r.ok) return done(short_reply(), {});
    done(std::nullopt, std::move(range));
  });
  hearth_idb_read(static_cast<double>(snapshot), static_cast<double>(after), static_cast<double>(received_after), req);
}

namespace {
int remember_done(EventStore::Done done) {
  return remember([done = std::move(done)](std::optional<StoreError> err, std::span<const std::uint8_t>) { done(std::move(err)); });
}
}  // namespace

void WebIdbStore::append(std::vector<PendingEvent> events, StoredHead after, StoredHead head, Done done) {
  if (events.empty()) return done(std::nullopt);
  const std::vector<std::uint8_t> frames = frame_events(events);
  const auto a = head_bytes(after), h = head_bytes(head);
  hearth_idb_append(frames.data(), frames.size(), static_cast<double>(events.front().seq), static_cast<int>(events.size()), a.data(), h.data(),
                    remember_done(std::move(done)));
}

void WebIdbStore::put_head(StoredHead head, Done done) {
  const auto h = head_bytes(head);
  hearth_idb_put_head(h.data(), remember_done(std::move(done)));
}

void WebIdbStore::put_snapshot(std::uint64_t seq, std::vector<std::uint8_t> bytes, Retention retention, Done done) {
  Writer drops;
  for (const std::uint64_t s : retention.drop_snapshots) drops.u64(s);
  hearth_idb_put_snapshot(bytes.data(), bytes.size(), static_cast<double>(seq), drops.b.data(), static_cast<int>(retention.drop_snapshots.size()),
                          static_cast<double>(retention.drop_events_through), remember_done(std::move(done)));
}

void WebIdbStore::receive(std::vector<ReceivedEvent> events, std::vector<HeldBundle> hold, std::vector<HeldBundle> release, Done done) {
  if (events.empty() && hold.empty() && release.empty()) return done(std::nullopt);
  Writer w;
  write_receive(w, events, hold, release);
  hearth_idb_receive(w.b.data(), w.b.size(), remember_done(std::move(done)));
}

void WebIdbStore::put_meta(std::string name, std::vector<std::uint8_t> value, Done done) {
  hearth_idb_put_meta(name.c_str(), value.data(), value.size(), remember_done(std::move(done)));
}

void WebIdbStore::mark_exported(std::uint64_t seq, Done done) {
  hearth_idb_mark_exported(static_cast<double>(seq), remember_done(std::move(done)));
}

void WebIdbStore::dump(DumpDone done) {
  const int req = remember([done = std::move(done)](std::optional<StoreError> err, std::span<const std::uint8_t> bytes) {
    if (err) return done(std::move(err), {});
    Reader r{bytes};
    StoreDump d;
    d.device = r.fixed<16>();
    d.head = read_head(r);
    d.exported = r.u64();
    d.snapshots = r.seq_blobs<StoredSnapshot>();
    d.events = r.seq_blobs<StoredEvent>();
    read_received(r, d.received, d.held);
    if (!r.ok) return done(short_reply(), {});
    done(std::nullopt, std::move(d));
  });
  hearth_idb_dump(req);
}

void WebIdbStore::replace(StoreDump d, Done done) {
  Writer w;
  w.bytes(d.device);
  w.u8(d.head ? 1 : 0);
  const auto h = head_bytes(d.head.value_or(StoredHead{}));
  w.bytes(h);
  w.u64(d.exported);
  w.u32(static_cast<std::uint32_t>(d.snapshots.size()));
  for (const auto& s : d.snapshots) {
    w.u64(s.seq);
    w.blob(s.bytes);
  }
  w.u32(static_cast<std::uint32_t>(d.events.size()));
  for (const auto& e : d.events) {
    w.u64(e.seq);
    w.blob(e.bytes);
  }
  write_receive(w, d.received, d.held, {});
  hearth_idb_replace(w.b.data(), w.b.size(), remember_done(std::move(done)));
}

// ---- the lease, the gauge and files -----------------------------------------------------------

namespace {
std::function<void(WriterLease::Role)> g_role_changed;
std::function<void(std::uint64_t)> g_grew;
std::map<int, std::function<void(StorageEstimate)>> g_gauges;
}  // namespace

void WebWriterLease::claim(std::function<void(Role)> changed) {
  g_role_changed = std::move(changed);
  hearth_lease_claim(database_.c_str());
}
void WebWriterLease::announce(std::uint64_t last_seq) {
  hearth_lease_announce(last_seq == ~std::uint64_t{0} ? -1.0 : static_cast<double>(last_seq));
}
void WebWriterLease::on_growth(std::function<void(std::uint64_t)> grew) { g_grew = std::move(grew); }

void WebStorageGauge::measure(std::function<void(StorageEstimate)> done) {
  static int next = 1;
  g_gauges.emplace(next, std::move(done));
  hearth_gauge_measure(next++);
}

void WebFileExchange::save(const std::string& name, std::vector<std::uint8_t> bytes, std::function<void(std::optional<StoreError>)> done) {
  hearth_files_save(name.c_str(), bytes.data(), bytes.size());  // the browser copies it into a Blob at once
  done(std::nullopt);
}
void WebFileExchange::open(std::function<void(std::optional<StoreError>, std::vector<std::uint8_t>, std::string)> done) {
  const int req = remember([done = std::move(done)](std::optional<StoreError> err, std::span<const std::uint8_t> bytes) {
    // the reply is [u32 name length][name][file bytes]
    if (err) return done(std::move(err), {}, {});
    Reader r{bytes};
    const auto name = r.blob();
    if (!r.ok) return done(short_reply(), {}, {});
    done(std::nullopt, std::vector<std::uint8_t>(bytes.begin() + static_cast<std::ptrdiff_t>(r.o), bytes.end()), std::string(name.begin(), name.end()));
  });
  hearth_files_open(req);
}

namespace {
// [u32 count] then per file [u32 n][name][u32 n][bytes] (web/device_bridge.js HearthDrops.pack)
std::optional<std::vector<ImportInput>> parse_files(std::span<const std::uint8_t> bytes) {
  Reader r{bytes};
  std::vector<ImportInput> out;
  const std::uint32_t n = r.u32();
  for (std::uint32_t i = 0; i < n && r.ok; ++i) {
    const auto name = r.blob();
    ImportInput in;
    in.name.assign(name.begin(), name.end());
    in.bytes = r.blob();
    out.push_back(std::move(in));
  }
  if (!r.ok) return std::nullopt;
  return out;
}
}  // namespace

void WebFileExchange::open_many(std::function<void(std::optional<StoreError>, std::vector<ImportInput>)> done) {
  const int req = remember([done = std::move(done)](std::optional<StoreError> err, std::span<const std::uint8_t> bytes) {
    if (err) return done(std::move(err), {});
    auto files = parse_files(bytes);
    if (!files) return done(short_reply(), {});
    done(std::nullopt, std::move(*files));
  });
  hearth_files_open_many(req);
}

std::optional<std::vector<ImportInput>> WebFileExchange::take_dropped() {
  int len = 0;
  std::uint8_t* p = hearth_files_take_dropped(&len);
  if (!p) return std::nullopt;
  auto files = parse_files(std::span<const std::uint8_t>(p, static_cast<std::size_t>(len)));
  std::free(p);
  return files;
}

}  // namespace hearth

extern "C" EMSCRIPTEN_KEEPALIVE void hearth_idb_done(int req, int kind, char* detail, std::uint8_t* data, int len) {
  using namespace hearth;
  std::optional<StoreError> err;
  if (kind != 0) err = StoreError{kKinds[kind >= 1 && kind <= 5 ? kind : 4], detail ? detail : ""};
  std::free(detail);
  const auto it = pending().find(req);
  if (it == pending().end()) return std::free(data);
  auto cb = std::move(it->second);
  pending().erase(it);
  cb(std::move(err), std::span<const std::uint8_t>(data, data ? static_cast<std::size_t>(len) : 0));
  std::free(data);
}

extern "C" EMSCRIPTEN_KEEPALIVE void hearth_lease_role(int role) {
  using R = hearth::WriterLease::Role;
  if (hearth::g_role_changed) hearth::g_role_changed(role == 1 ? R::Writer : role == 2 ? R::Follower : R::Unknown);
}
extern "C" EMSCRIPTEN_KEEPALIVE void hearth_lease_grew(double last_seq) {
  if (hearth::g_grew) hearth::g_grew(last_seq < 0 ? ~std::uint64_t{0} : static_cast<std::uint64_t>(last_seq));
}
extern "C" EMSCRIPTEN_KEEPALIVE void hearth_gauge_done(int req, int known, double usage, double quota, int persisted) {
  const auto it = hearth::g_gauges.find(req);
  if (it == hearth::g_gauges.end()) return;
  auto cb = std::move(it->second);
  hearth::g_gauges.erase(it);
  cb(hearth::StorageEstimate{known != 0, usage, quota, persisted != 0});
}
