// Index: 1. row formats  2. writer and reader  3. the codec  4. header and checksum  5. API
#include "snapshot.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <ostream>
#include <streambuf>
#include <type_traits>

#include "cereal_bounded.hpp"
#include <cereal/types/array.hpp>
#include <cereal/types/common.hpp>

namespace hearth {

// ---- 1. row formats -----------------------------------------------------------------------
// Part of snapshot format 1: a change here (a field added, removed or reordered) is a new
// format. Every field is listed here, details included, so the snapshot format does not
// change behind its back when an event's format does. Fixed-width fields only: integers and
// enumerations (as their underlying type) little-endian, bool as one byte 0/1, Date as one
// packed int32 (pack_date), strings and lists as a u64 count and their elements, as cereal
// lays them out.
namespace {
template <class F> void fields(F& f, WorkerDetails& d) {
  f(d.name, d.mobile, d.township, d.occupation, d.skill, d.skill_certificate, d.special_groups, d.awards, d.union_member, d.own_insurance,
    d.community);
}
template <class F> void fields(F& f, EnterpriseDetails& d) {
  f(d.name, d.legal_representative, d.contact_mobile, d.address, d.township, d.services, d.flags);
}
template <class F> void fields(F& f, Worker& r) { f(r.key, r.resident_id, r.details, r.birth_date, r.female, r.registered); }
template <class F> void fields(F& f, Enterprise& r) { f(r.key, r.credit_code, r.details, r.registered); }
template <class F> void fields(F& f, EmploymentSpell& r) {
  f(r.key, r.worker, r.enterprise, r.form, r.hired, r.monthly_wage_fen, r.insurance, r.paid_directly, r.stamp);
}
template <class F> void fields(F& f, SpellEnd& r) { f(r.key, r.left, r.reason, r.stamp); }
template <class F> void fields(F& f, IdentityCheck& r) { f(r.key, r.worker, r.date, r.method); }
template <class F> void fields(F& f, Course& r) { f(r.key, r.name, r.type, r.programme, r.provider, r.hours, r.subsidy_eligible); }
template <class F> void fields(F& f, TrainingSession& r) { f(r.key, r.course, r.date, r.place, r.trainer, r.township); }
template <class F> void fields(F& f, Enrolment& r) { f(r.key, r.session, r.worker); }
template <class F> void fields(F& f, Attendance& r) { f(r.key, r.session, r.worker, r.date, r.present); }
template <class F> void fields(F& f, Completion& r) {
  f(r.key, r.session, r.course, r.worker, r.date, r.score_tenths, r.passed, r.certificate, r.stamp);
}
template <class F> void fields(F& f, HealthCheck& r) { f(r.key, r.worker, r.date, r.institution, r.category, r.items, r.fit, r.valid_until); }
template <class F> void fields(F& f, ServiceLicence& r) {
  f(r.key, r.worker, r.number, r.issued, r.expires, r.health_check, r.completion, r.identity, r.stamp);
}
template <class F> void fields(F& f, LicenceRevocation& r) {
  f(r.key, r.worker, r.licence, r.number, r.date, r.reason, r.stamp);
}
template <class F> void fields(F& f, ServiceContract& r) {
  f(r.key, r.enterprise, r.worker, r.consumer_name, r.consumer_mobile, r.township, r.model_text, r.signed_on, r.starts, r.ends,
    r.rest_days_per_month, r.rest, r.monthly_fee_fen);
}
template <class F> void fields(F& f, Complaint& r) {
  f(r.key, r.channel, r.received, r.complainant, r.complainant_mobile, r.enterprise, r.worker, r.township, r.facts);
}
template <class F> void fields(F& f, MediationStep& r) { f(r.key, r.complaint, r.date, r.mediator, r.note); }
template <class F> void fields(F& f, ComplaintClosure& r) { f(r.key, r.date, r.outcome, r.note, r.stamp); }
template <class F> void fields(F& f, CreditEvent& r) { f(r.key, r.subject, r.kind, r.date, r.level, r.note); }
template <class F> void fields(F& f, IndicatorScore& r) { f(r.indicator, r.points); }
template <class F> void fields(F& f, Assessment& r) { f(r.key, r.enterprise, r.date, r.assessor, r.scores); }
template <class F> void fields(F& f, ServicePoint& r) {
  f(r.key, r.community, r.township, r.operator_enterprise, r.services, r.opened, r.unified_signage);
}
template <class F> void fields(F& f, RevenueFigure& r) { f(r.key, r.amount_fen, r.stamp); }
template <class F> void fields(F& f, ProgressReport& r) { f(r.key, r.measure, r.unit, r.date, r.status, r.note, r.stamp); }
template <class F> void fields(F& f, FieldWrite& r) {
  f(r.field, r.value, r.stamp, r.by, r.created);
  if (f.format >= 2) f(r.seen);
  else r.seen = r.stamp;  // format 1 predates RecordEdited::seen: an edit saw everything before it
}
template <class F> void fields(F& f, EnrolledDevice& r) {
  f(r.device, r.certificate, r.role, r.township, r.provider, r.label, r.valid_until_ms, r.enrolled, r.revoked, r.accept_through, r.reason,
    r.revoked_stamp);
}
template <class F> void fields(F& f, DeviceFeed& r) { f(r.device, r.seq, r.head, r.prefixes, r.certificate, r.last_merge_ms); }
template <class F> void fields(F& f, Hlc& h) { f(h.wall_ms, h.counter); }

template <class F, class T>
concept HasFields = requires(F& f, T& t) { fields(f, t); };

struct Undecodable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// ---- 2. writer and reader ------------------------------------------------------------------
// cereal writes through a std::streambuf: this one appends to the snapshot's own buffer, so
// nothing is copied through a std::string on the way.
class AppendBuf final : public std::streambuf {
 public:
  explicit AppendBuf(std::vector<std::uint8_t>& out) : out_(out) {}

 protected:
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    out_.insert(out_.end(), reinterpret_cast<const std::uint8_t*>(s), reinterpret_cast<const std::uint8_t*>(s) + n);
    return n;
  }
  int_type overflow(int_type c) override {
    if (!traits_type::eq_int_type(c, traits_type::eof())) out_.push_back(static_cast<std::uint8_t>(c));
    return traits_type::not_eof(c);
  }

 private:
  std::vector<std::uint8_t>& out_;
};

// A date as one int32, year·512 + month·32 + day: unpacked with shifts, where days since 1970
// (as events store dates) cost a chain of divisions per date.
std::int32_t pack_date(const Date& d) {
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(d.year) << 9 | static_cast<std::uint32_t>(d.month) << 5 |
                                   static_cast<std::uint32_t>(d.day));
}
Date unpack_date(std::int32_t v) { return Date{v >> 9, (v >> 5) & 15, v & 31}; }

// Writes the payload with cereal's portable binary archive: rows field by field (fields()
// above), hash maps as a count and key–value pairs in key order, so the same state gives the
// same bytes.
class Writer {
 public:
  explicit Writer(std::vector<std::uint8_t>& out, std::uint32_t fmt = kSnapshotFormat) : format(fmt), buf_(out), stream_(&buf_), ar_(stream_) {}
  const std::uint32_t format;  // the layout written: the newest, except to size older ones

  template <class... T>
  void operator()(const T&... t) { (put(t), ...); }

 private:
  void put(bool b) { ar_(static_cast<std::uint8_t>(b ? 1 : 0)); }
  void put(const Date& d) { ar_(pack_date(d)); }
  void put(const std::string& s) {
    ar_(cereal::make_size_tag(static_cast<cereal::size_type>(s.size())));
    ar_(cereal::binary_data(s.data(), s.size()));
  }
  template <class T>
  void put(const std::vector<T>& v) {
    ar_(cereal::make_size_tag(static_cast<cereal::size_type>(v.size())));
    for (const T& x : v) put(x);
  }
  template <class K, class V>
  void put(const std::unordered_map<K, V>& m) {
    std::vector<const std::pair<const K, V>*> sorted;
    sorted.reserve(m.size());
    for (const auto& kv : m) sorted.push_back(&kv);
    std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->first < b->first; });
    ar_(cereal::make_size_tag(static_cast<cereal::size_type>(sorted.size())));
    for (const auto* kv : sorted) put(kv->first), put(kv->second);
  }
  template <class T>
  void put(const T& t) {
    if constexpr (HasFields<Writer, T>)
      fields(*this, const_cast<T&>(t));  // fields() takes a mutable ref to serve both ways; nothing is written to t
    else
      ar_(t);  // integers, enumerations, byte arrays
  }

  AppendBuf buf_;
  std::ostream stream_;
  cereal::PortableBinaryOutputArchive ar_;
};

// Reads what Writer wrote. The layout is cereal's portable binary, but read straight from the
// bytes: through cereal's std::istream every field costs a virtual call, and restoring is the
// figure that matters (bench/bench_core.cpp). Bounds are checked on every read.
class Reader {
 public:
  std::uint32_t format = kSnapshotFormat;  // the layout being read (older ones stay readable)
  explicit Reader(std::span<const std::uint8_t> in, std::uint32_t fmt = kSnapshotFormat) : format(fmt), at_(in.data()), end_(in.data() + in.size()) {
    std::uint8_t little_endian = 0;  // cereal's first byte: the byte order of what follows
    get(little_endian);
    if (little_endian != 1) throw Undecodable("not little-endian");
  }

  template <class... T>
  void operator()(T&... t) { (get(t), ...); }
  std::size_t remaining() const { return static_cast<std::size_t>(end_ - at_); }

 private:
  static_assert(std::endian::native == std::endian::little, "integers are read in place: a big-endian host needs byte swaps here");

  const std::uint8_t* take(std::size_t n) {
    if (n > remaining()) throw Undecodable("ends in the middle of a field");
    const std::uint8_t* p = at_;
    at_ += n;
    return p;
  }
  // A count of things that each take at least `min_bytes`: more than the bytes left is damage,
  // found before anything is allocated for them.
  std::size_t count(std::size_t min_bytes) {
    std::uint64_t n = 0;
    get(n);
    if (n > remaining() / min_bytes) throw Undecodable("a count of " + std::to_string(n) + " exceeds the bytes left");
    return static_cast<std::size_t>(n);
  }
  // The fewest bytes a T takes: that of a default one (empty strings and lists).
  template <class T>
  std::size_t min_size() const {
    static const auto sizes = [] {
      std::array<std::size_t, kSnapshotFormat + 1> n{};
      for (std::uint32_t f = 1; f <= kSnapshotFormat; ++f) {
        std::vector<std::uint8_t> bytes;
        {
          Writer w(bytes, f);
          w(T{});
        }
        n[f] = std::max<std::size_t>(bytes.size() - 1, 1);  // less cereal's one-byte endianness tag
      }
      return n;
    }();
    return sizes[format];
  }

  template <class T>
    requires std::is_arithmetic_v<T> || std::is_enum_v<T>
  void get(T& t) {
    std::memcpy(&t, take(sizeof(T)), sizeof(T));
  }
  void get(bool& b) {  // a byte, 0 or 1
    const std::uint8_t v = *take(1);
    if (v > 1) throw Undecodable("a flag of " + std::to_string(v));
    b = v != 0;
  }
  template <std::size_t N>
  void get(std::array<std::uint8_t, N>& a) {
    std::memcpy(a.data(), take(N), N);
  }
  void get(Date& d) {
    std::int32_t v = 0;
    get(v);
    d = unpack_date(v);
  }
  void get(std::string& s) {
    const std::size_t n = count(1);
    s.assign(reinterpret_cast<const char*>(take(n)), n);
  }
  template <class T>
  void get(std::vector<T>& v) {
    v.resize(count(min_size<T>()));
    for (T& x : v) get(x);
  }
  template <class K, class V>
  void get(std::unordered_map<K, V>& m) {
    const std::size_t n = count(min_size<K>() + min_size<V>());
    m.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      K k{};
      V v{};
      get(k);
      get(v);
      m.emplace(k, std::move(v));
    }
  }
  template <class T>
    requires HasFields<Reader, T>
  void get(T& t) {
    fields(*this, t);
  }

  const std::uint8_t* at_;
  const std::uint8_t* end_;
};

}  // namespace

// ---- 3. the codec ---------------------------------------------------------------------------
// The ledger position and the state's primary members; the indexes are rebuilt from the rows
// on reading (State::rebuild_indexes): faster than storing them, and a snapshot cannot hold
// an index that disagrees with its rows.
struct SnapshotCodec {
  template <class F>
  static void fields(F& f, Ledger& ledger, State& s) {
    f(ledger.device_, ledger.last_seq_, ledger.head_, ledger.clock_);
    f(s.revision_, s.devices_);
    f(s.workers_.rows_, s.enterprises_.rows_, s.spells_.rows_, s.identity_checks_.rows_, s.courses_.rows_, s.sessions_.rows_,
      s.enrolments_.rows_, s.attendance_.rows_, s.completions_.rows_, s.health_checks_.rows_, s.licences_.rows_, s.contracts_.rows_,
      s.complaints_.rows_, s.mediation_steps_.rows_, s.credit_events_.rows_, s.assessments_.rows_, s.service_points_.rows_,
      s.progress_reports_.rows_);
    f(s.spell_ends_, s.closures_, s.revenue_, s.writes_);
  }
  // Format 2 (issue 5): the devices the district enrolled and what it holds of each.
  template <class F>
  static void fields_v2(F& f, State& s, Inbox& inbox) {
    std::vector<DeviceFeed> feeds;
    for (const auto& [d, feed] : inbox.feeds_) feeds.push_back(feed);
    f(s.enrolled_, feeds);
    inbox.feeds_.clear();
    for (auto& feed : feeds) inbox.feeds_.emplace(feed.device, std::move(feed));
  }
  // Format 3: revoked cards.
  template <class F>
  static void fields_v3(F& f, State& s) {
    f(s.licence_revocations_.rows_);
  }
  static void write(Writer& w, const Ledger& ledger, const State& s, const Inbox& inbox) {
    fields(w, const_cast<Ledger&>(ledger), const_cast<State&>(s));  // the writer only reads
    Inbox copy;  // fields_v2 round-trips the map through a list
    copy.feeds_ = inbox.feeds_;
    fields_v2(w, const_cast<State&>(s), copy);
    fields_v3(w, const_cast<State&>(s));
  }
  static void read(Reader& r, Ledger& ledger, State& s, Inbox& inbox) {
    fields(r, ledger, s);
    if (r.format >= 2) fields_v2(r, s, inbox);
    if (r.format >= 3) fields_v3(r, s);
    s.rebuild_indexes();
  }
};

namespace {

// ---- 4. header and checksum ---------------------------------------------------------------
constexpr char kMagic[8] = {'H', 'E', 'A', 'R', 'T', 'H', 'S', 'N'};
constexpr std::size_t kFormatAt = 8, kDeviceAt = 12, kSeqAt = 28, kHeadAt = 36, kReceivedAt = 68, kPayloadLengthAt = 76;
constexpr std::size_t kHeaderSize = 84, kChecksumSize = 32;

template <class T>
void put_le(std::vector<std::uint8_t>& out, std::size_t at, T v) {
  for (std::size_t i = 0; i < sizeof(T); ++i) out[at + i] = static_cast<std::uint8_t>(static_cast<std::uint64_t>(v) >> (8 * i));
}
template <class T>
T get_le(std::span<const std::uint8_t> in, std::size_t at) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i) v |= static_cast<std::uint64_t>(in[at + i]) << (8 * i);
  return static_cast<T>(v);
}

SnapshotProblem problem(std::string key, std::string detail, std::vector<std::string> args = {}) {
  return SnapshotProblem{std::move(key), std::move(args), std::move(detail)};
}

}  // namespace

// ---- 5. API -------------------------------------------------------------------------------
std::vector<std::uint8_t> encode_snapshot(const Workspace& ws, std::uint64_t received) {
  const Ledger& ledger = ws.ledger();
  const State& s = ws.state();
  const std::size_t rows = s.workers().size() + s.enterprises().size() + s.spells().size() + s.identity_checks().size() +
                           s.courses().size() + s.sessions().size() + s.enrolments().size() + s.attendance().size() +
                           s.completions().size() + s.health_checks().size() + s.licences().size() + s.contracts().size() +
                           s.complaints().size() + s.mediation_steps().size() + s.credit_events().size() + s.assessments().size() +
                           s.service_points().size() + s.progress_reports().size() + s.licence_revocations().size();
  std::vector<std::uint8_t> out(kHeaderSize);
  out.reserve(kHeaderSize + 64 * rows + 4096 + kChecksumSize);  // a row takes 55 bytes on average in the synthetic district
  std::memcpy(out.data(), kMagic, sizeof kMagic);
  put_le(out, kFormatAt, kSnapshotFormat);
  std::copy(ledger.device().begin(), ledger.device().end(), out.begin() + kDeviceAt);
  put_le(out, kSeqAt, ledger.last_seq());
  std::copy(ledger.head().begin(), ledger.head().end(), out.begin() + kHeadAt);
  put_le(out, kReceivedAt, received);
  {
    Writer w(out);
    SnapshotCodec::write(w, ledger, s, ws.inbox());
  }
  put_le(out, kPayloadLengthAt, static_cast<std::uint64_t>(out.size() - kHeaderSize));
  const Hash256 sum = blake2b_256(out);
  out.insert(out.end(), sum.begin(), sum.end());
  return out;
}

std::variant<SnapshotInfo, SnapshotProblem> peek_snapshot(std::span<const std::uint8_t> bytes) {
  if (bytes.size() < sizeof kMagic || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
    return problem("err.snapshot.not_a_snapshot", "no HEARTHSN magic at the start (" + std::to_string(bytes.size()) + " bytes)");
  if (bytes.size() < kFormatAt + 4) return problem("err.snapshot.checksum", "truncated: " + std::to_string(bytes.size()) + " bytes");
  SnapshotInfo info;
  info.format = get_le<std::uint32_t>(bytes, kFormatAt);
  if (info.format < 1 || info.format > kSnapshotFormat)
    return problem("err.snapshot.unsupported_version", "format " + std::to_string(info.format) + ", this build reads " + std::to_string(kSnapshotFormat),
                   {std::to_string(info.format), std::to_string(kSnapshotFormat)});
  if (bytes.size() < kHeaderSize + kChecksumSize)
    return problem("err.snapshot.checksum", "truncated: " + std::to_string(bytes.size()) + " bytes, shorter than header and checksum");
  const auto payload = get_le<std::uint64_t>(bytes, kPayloadLengthAt);
  if (payload != bytes.size() - kHeaderSize - kChecksumSize)
    return problem("err.snapshot.checksum", "length: the header says a payload of " + std::to_string(payload) + " bytes, there are " +
                                                std::to_string(bytes.size() - kHeaderSize - kChecksumSize));
  std::copy_n(bytes.begin() + kDeviceAt, info.device.size(), info.device.begin());
  info.local_seq = get_le<std::uint64_t>(bytes, kSeqAt);
  std::copy_n(bytes.begin() + kHeadAt, info.head.size(), info.head.begin());
  info.received = get_le<std::uint64_t>(bytes, kReceivedAt);
  info.bytes = bytes.size();
  return info;
}

std::variant<RestoredSnapshot, SnapshotProblem> restore_snapshot(std::span<const std::uint8_t> bytes, const ProgrammeConfig& config) {
  auto peeked = peek_snapshot(bytes);
  if (auto* p = std::get_if<SnapshotProblem>(&peeked)) return std::move(*p);
  const SnapshotInfo info = std::get<SnapshotInfo>(peeked);
  const std::size_t checked = bytes.size() - kChecksumSize;
  Hash256 stored{};
  std::copy_n(bytes.begin() + static_cast<std::ptrdiff_t>(checked), stored.size(), stored.begin());
  if (blake2b_256(bytes.first(checked)) != stored) return problem("err.snapshot.checksum", "BLAKE2b-256 of the snapshot does not match its checksum");

  try {
    Ledger ledger(info.device);
    State state;
    Inbox inbox;
    Reader in(bytes.subspan(kHeaderSize, checked - kHeaderSize), info.format);
    SnapshotCodec::read(in, ledger, state, inbox);
    if (in.remaining() != 0) throw Undecodable(std::to_string(in.remaining()) + " bytes left after the state");
    if (ledger.device() != info.device || ledger.last_seq() != info.local_seq || ledger.head() != info.head)
      throw Undecodable("the ledger in the payload differs from the header");
    return RestoredSnapshot{Workspace(std::move(ledger), std::move(state), std::move(inbox), config), info};
  } catch (const std::exception& e) {  // cereal's read errors, Undecodable, bad_alloc of an absurd size
    return problem("err.snapshot.undecodable", e.what());
  }
}

}  // namespace hearth
