#include "snapshot.hpp"
namespace hearth {
std::vector<std::uint8_t> encode_snapshot(const Workspace&, std::uint64_t) { return {}; }
std::variant<SnapshotInfo, SnapshotProblem> peek_snapshot(std::span<const std::uint8_t>) { return SnapshotProblem{"err.snapshot.undecodable", "placeholder"}; }
std::variant<Workspace, SnapshotProblem> restore_snapshot(std::span<const std::uint8_t>, const ProgrammeConfig&) { return SnapshotProblem{"err.snapshot.undecodable", "placeholder"}; }
}
