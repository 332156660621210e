#include "hash.hpp"

#include <sodium.h>

#include <stdexcept>

namespace hearth {

namespace {
void ensure_sodium() {
  static const int ready = sodium_init();  // 0 = initialised now, 1 = already; -1 = unusable
  if (ready < 0) throw std::runtime_error("libsodium failed to initialise");
}
}  // namespace

Hash256 blake2b_256(std::span<const std::uint8_t> bytes) {
  ensure_sodium();
  Hash256 h{};
  crypto_generichash(h.data(), h.size(), bytes.data(), bytes.size(), nullptr, 0);
  return h;
}

std::string to_hex(std::span<const std::uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (auto b : bytes) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0xF]);
  }
  return out;
}

}  // namespace hearth
