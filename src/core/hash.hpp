// BLAKE2b-256 (libsodium crypto_generichash): the hash of the event chain.
#pragma once
#include <array>
#include <cstdint>
#include <span>
#include <string>

namespace hearth {

using Hash256 = std::array<std::uint8_t, 32>;

Hash256 blake2b_256(std::span<const std::uint8_t> bytes);
std::string to_hex(std::span<const std::uint8_t> bytes);

}  // namespace hearth
