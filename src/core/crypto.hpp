// The cryptography Hearth uses, in one place, over libsodium: Ed25519 signatures, X25519
// sealed boxes, Argon2id for passphrases and XChaCha20-Poly1305 for the key at rest.
// Randomness is always passed in (seeds, salts, nonces), so the core stays deterministic
// under test and the platform chooses the source (platform/effects.hpp Random).
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "bytes.hpp"

namespace hearth {

using Seed = std::array<std::uint8_t, 32>;
using SignPublicKey = std::array<std::uint8_t, 32>;
using BoxPublicKey = std::array<std::uint8_t, 32>;
using Signature = std::array<std::uint8_t, 64>;

// An Ed25519 key pair made from a 32-byte seed (crypto_sign_seed_keypair).
struct SigningKey {
  SignPublicKey public_key{};
  std::array<std::uint8_t, 64> secret_key{};  // libsodium's layout: seed ‖ public key
  static SigningKey from_seed(const Seed& seed);
  Signature sign(std::span<const std::uint8_t> message) const;
  ~SigningKey();  // wipes the secret
  SigningKey() = default;
  SigningKey(const SigningKey&) = default;
  SigningKey& operator=(const SigningKey&) = default;
};
bool verify_signature(const SignPublicKey& key, std::span<const std::uint8_t> message, const Signature& sig);

// An X25519 key pair for sealed boxes (crypto_box_seed_keypair).
struct BoxKey {
  BoxPublicKey public_key{};
  std::array<std::uint8_t, 32> secret_key{};
  static BoxKey from_seed(const Seed& seed);
  ~BoxKey();
  BoxKey() = default;
  BoxKey(const BoxKey&) = default;
  BoxKey& operator=(const BoxKey&) = default;
};

// crypto_box_seal, with the ephemeral key made from `ephemeral_seed` instead of libsodium's
// own randomness (the construction is the same: nonce = BLAKE2b-192(epk ‖ pk)), so that
// crypto_box_seal_open and any other sealed-box implementation open it.
Bytes seal_to(const BoxPublicKey& recipient, std::span<const std::uint8_t> plain, const Seed& ephemeral_seed);
std::optional<Bytes> open_sealed(const BoxKey& key, std::span<const std::uint8_t> sealed);
inline constexpr std::size_t kSealOverhead = 48;  // ephemeral public key 32 + MAC 16

// Argon2id cost, stored with what it protects so a later version may raise it.
struct KdfCost {
  std::uint64_t opslimit = 0;
  std::uint64_t memlimit = 0;  // bytes
  static KdfCost interactive();  // libsodium's INTERACTIVE limits: 2 passes, 64 MiB
  static KdfCost for_tests();    // the minimum Argon2id accepts: fast, for tests only
  bool acceptable() const;       // within what this build will spend (refuses absurd stored costs)
};
using SecretKey32 = std::array<std::uint8_t, 32>;
// Derives a 32-byte key from the passphrase; false only if the platform ran out of memory.
bool derive_key(std::string_view passphrase, std::span<const std::uint8_t, 16> salt, const KdfCost& cost, SecretKey32& out);

// XChaCha20-Poly1305 (IETF) with associated data.
Bytes aead_encrypt(const SecretKey32& key, std::span<const std::uint8_t, 24> nonce, std::span<const std::uint8_t> plain,
                   std::span<const std::uint8_t> associated);
std::optional<Bytes> aead_decrypt(const SecretKey32& key, std::span<const std::uint8_t, 24> nonce, std::span<const std::uint8_t> cipher,
                                  std::span<const std::uint8_t> associated);

void wipe(std::span<std::uint8_t> secret);

}  // namespace hearth
