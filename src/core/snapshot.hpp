// PLACEHOLDER until the snapshot branch is merged (helper-5). Same API.
#pragma once
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "workspace.hpp"

namespace hearth {
struct SnapshotInfo { std::uint32_t format = 0; DeviceId device{}; std::uint64_t local_seq = 0; Hash256 head{}; std::uint64_t received = 0; std::uint64_t bytes = 0; };
struct SnapshotProblem { std::string message; std::string detail; };
std::vector<std::uint8_t> encode_snapshot(const Workspace& ws, std::uint64_t received = 0);
std::variant<SnapshotInfo, SnapshotProblem> peek_snapshot(std::span<const std::uint8_t> bytes);
std::variant<Workspace, SnapshotProblem> restore_snapshot(std::span<const std::uint8_t> bytes, const ProgrammeConfig& config = ProgrammeConfig::builtin());
}
