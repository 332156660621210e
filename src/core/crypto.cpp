#include "crypto.hpp"

#include <sodium.h>

#include <stdexcept>

#include "hash.hpp"

namespace hearth {

namespace {
void ensure_sodium() {
  static const int ready = sodium_init();
  if (ready < 0) throw std::runtime_error("libsodium failed to initialise");
}
}  // namespace

// ---- base64url ------------------------------------------------------------------------------
std::string base64url(std::span<const std::uint8_t> bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    for (int s = 18; s >= 0; s -= 6) out.push_back(kAlphabet[(v >> s) & 63]);
  }
  if (bytes.size() - i == 1) {
    const std::uint32_t v = bytes[i] << 16;
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
  } else if (bytes.size() - i == 2) {
    const std::uint32_t v = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
  }
  return out;
}

bool from_base64url(std::string_view text, Bytes& out) {
  out.clear();
  std::uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '-' || c == '+') v = 62;
    else if (c == '_' || c == '/') v = 63;
    else if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '=') continue;
    else return false;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::uint8_t>(acc >> bits));
      acc &= (1u << bits) - 1;
    }
  }
  return acc == 0;  // leftover bits must be zero padding
}

// ---- signatures -------------------------------------------------------------------------------
SigningKey SigningKey::from_seed(const Seed& seed) {
  ensure_sodium();
  SigningKey k;
  crypto_sign_seed_keypair(k.public_key.data(), k.secret_key.data(), seed.data());
  return k;
}
SigningKey::~SigningKey() { sodium_memzero(secret_key.data(), secret_key.size()); }

Signature SigningKey::sign(std::span<const std::uint8_t> message) const {
  Signature sig{};
  crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(), secret_key.data());
  return sig;
}

bool verify_signature(const SignPublicKey& key, std::span<const std::uint8_t> message, const Signature& sig) {
  ensure_sodium();
  return crypto_sign_verify_detached(sig.data(), message.data(), message.size(), key.data()) == 0;
}

// ---- sealed boxes -----------------------------------------------------------------------------
BoxKey BoxKey::from_seed(const Seed& seed) {
  ensure_sodium();
  BoxKey k;
  crypto_box_seed_keypair(k.public_key.data(), k.secret_key.data(), seed.data());
  return k;
}
BoxKey::~BoxKey() { sodium_memzero(secret_key.data(), secret_key.size()); }

Bytes seal_to(const BoxPublicKey& recipient, std::span<const std::uint8_t> plain, const Seed& ephemeral_seed) {
  const BoxKey eph = BoxKey::from_seed(ephemeral_seed);
  std::array<std::uint8_t, crypto_box_NONCEBYTES> nonce{};
  crypto_generichash_state st;
  crypto_generichash_init(&st, nullptr, 0, nonce.size());
  crypto_generichash_update(&st, eph.public_key.data(), eph.public_key.size());
  crypto_generichash_update(&st, recipient.data(), recipient.size());
  crypto_generichash_final(&st, nonce.data(), nonce.size());
  Bytes out(kSealOverhead + plain.size());
  std::copy(eph.public_key.begin(), eph.public_key.end(), out.begin());
  if (crypto_box_easy(out.data() + 32, plain.data(), plain.size(), nonce.data(), recipient.data(), eph.secret_key.data()) != 0)
    throw std::runtime_error("crypto_box_easy refused the recipient's public key");
  return out;
}

std::optional<Bytes> open_sealed(const BoxKey& key, std::span<const std::uint8_t> sealed) {
  if (sealed.size() < kSealOverhead) return std::nullopt;
  Bytes plain(sealed.size() - kSealOverhead);
  if (crypto_box_seal_open(plain.data(), sealed.data(), sealed.size(), key.public_key.data(), key.secret_key.data()) != 0)
    return std::nullopt;
  return plain;
}

// ---- passphrases ------------------------------------------------------------------------------
KdfCost KdfCost::interactive() { return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE}; }
KdfCost KdfCost::for_tests() { return {crypto_pwhash_argon2id_OPSLIMIT_MIN, 8192}; }
bool KdfCost::acceptable() const {
  return opslimit >= crypto_pwhash_argon2id_OPSLIMIT_MIN && opslimit <= 16 && memlimit >= 8192 && memlimit <= (256ull << 20);
}

bool derive_key(std::string_view passphrase, std::span<const std::uint8_t, 16> salt, const KdfCost& cost, SecretKey32& out) {
  ensure_sodium();
  static_assert(crypto_pwhash_SALTBYTES == 16);
  return crypto_pwhash(out.data(), out.size(), passphrase.data(), passphrase.size(), salt.data(), cost.opslimit,
                       static_cast<std::size_t>(cost.memlimit), crypto_pwhash_ALG_ARGON2ID13) == 0;
}

Bytes aead_encrypt(const SecretKey32& key, std::span<const std::uint8_t, 24> nonce, std::span<const std::uint8_t> plain,
                   std::span<const std::uint8_t> associated) {
  ensure_sodium();
  Bytes out(plain.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
  unsigned long long n = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(out.data(), &n, plain.data(), plain.size(), associated.data(), associated.size(), nullptr,
                                             nonce.data(), key.data());
  out.resize(n);
  return out;
}

std::optional<Bytes> aead_decrypt(const SecretKey32& key, std::span<const std::uint8_t, 24> nonce, std::span<const std::uint8_t> cipher,
                                  std::span<const std::uint8_t> associated) {
  ensure_sodium();
  if (cipher.size() < crypto_aead_xchacha20poly1305_ietf_ABYTES) return std::nullopt;
  Bytes out(cipher.size() - crypto_aead_xchacha20poly1305_ietf_ABYTES);
  unsigned long long n = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(out.data(), &n, nullptr, cipher.data(), cipher.size(), associated.data(),
                                                 associated.size(), nonce.data(), key.data()) != 0)
    return std::nullopt;
  out.resize(n);
  return out;
}

void wipe(std::span<std::uint8_t> secret) { sodium_memzero(secret.data(), secret.size()); }

}  // namespace hearth
