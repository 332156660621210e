#include "store_contents.hpp"

#include <algorithm>
#include "cereal_bounded.hpp"
#include <cereal/types/array.hpp>
#include <cereal/types/optional.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>
#include <cstring>
#include <sstream>

#include "hash.hpp"

namespace hearth {

// cereal finds these by argument-dependent lookup: they live in the types' own namespace.
template <class Archive>
void serialize(Archive& ar, StoredHead& h) { ar(h.seq, h.hash); }
template <class Archive>
void serialize(Archive& ar, StoredSnapshot& s) { ar(s.seq, s.bytes); }
template <class Archive>
void serialize(Archive& ar, StoredEvent& e) { ar(e.seq, e.bytes); }
template <class Archive>
void serialize(Archive& ar, ReceivedEvent& e) { ar(e.arrival, e.bytes); }
template <class Archive>
void serialize(Archive& ar, HeldBundle& h) { ar(h.device, h.first, h.last, h.last_hash, h.signed_bytes, h.received_ms, h.name); }
namespace {
constexpr char kMagic[8] = {'H', 'E', 'A', 'R', 'T', 'H', 'B', 'K'};

template <class Archive>
void serialize_dump(Archive& ar, StoreDump& d, std::int64_t& created, std::uint32_t version) {
  ar(created, d.device, d.head, d.exported, d.snapshots, d.events);
  if (version >= 2) ar(d.received, d.held);
}

void put_u32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>(v >> (8 * i)));
}
}  // namespace

std::vector<std::uint8_t> encode_backup(const StoreDump& dump, std::int64_t created_ms) {
  std::ostringstream os(std::ios::binary);
  os.write(kMagic, sizeof kMagic);
  {
    std::string v;
    put_u32(v, kBackupFormat);
    os.write(v.data(), static_cast<std::streamsize>(v.size()));
    cereal::PortableBinaryOutputArchive ar(os);
    serialize_dump(ar, const_cast<StoreDump&>(dump), created_ms, kBackupFormat);  // cereal's symmetric serialize; nothing is written to dump
  }
  std::string s = std::move(os).str();
  std::vector<std::uint8_t> out(s.begin(), s.end());
  const Hash256 sum = blake2b_256(out);
  out.insert(out.end(), sum.begin(), sum.end());
  return out;
}

std::variant<DecodedBackup, BackupProblem> decode_backup(std::span<const std::uint8_t> bytes) {
  if (bytes.size() < sizeof kMagic + 4 + 32 || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
    return BackupProblem{"err.backup.not_a_backup", "no HEARTHBK header"};
  const std::uint8_t* v = bytes.data() + sizeof kMagic;
  const std::uint32_t version = v[0] | (v[1] << 8) | (v[2] << 16) | (std::uint32_t(v[3]) << 24);
  if (version < 1 || version > kBackupFormat) return BackupProblem{"err.backup.unsupported_version", std::to_string(version)};
  const auto body = bytes.first(bytes.size() - 32);
  const Hash256 sum = blake2b_256(body);
  if (!std::equal(sum.begin(), sum.end(), bytes.end() - 32)) return BackupProblem{"err.backup.checksum", "BLAKE2b-256 differs"};
  DecodedBackup out;
  try {
    std::istringstream is(std::string(body.begin() + sizeof kMagic + 4, body.end()), std::ios::binary);
    const BoundedRead bounded(is.rdbuf());  // a backup is a file a person brings: no size beyond its bytes
    cereal::PortableBinaryInputArchive ar(is);
    serialize_dump(ar, out.dump, out.created_ms, version);
    if (is.peek() != std::char_traits<char>::eof()) return BackupProblem{"err.backup.undecodable", "trailing bytes"};
  } catch (const std::exception& e) {
    return BackupProblem{"err.backup.undecodable", e.what()};
  }
  return out;
}

Retention plan_retention(std::vector<std::uint64_t> stored, std::uint64_t new_snapshot, std::uint64_t exported, std::size_t keep) {
  stored.push_back(new_snapshot);
  std::sort(stored.begin(), stored.end(), std::greater<>());
  stored.erase(std::unique(stored.begin(), stored.end()), stored.end());
  Retention r;
  if (keep == 0) keep = 1;
  if (stored.size() > keep) r.drop_snapshots.assign(stored.begin() + static_cast<std::ptrdiff_t>(keep), stored.end());
  const std::uint64_t oldest_kept = stored[std::min(keep, stored.size()) - 1];
  // with a single snapshot kept there is nothing to fall back on: keep every event
  if (std::min(keep, stored.size()) >= 2) r.drop_events_through = std::min(exported, oldest_kept);
  return r;
}

}  // namespace hearth
