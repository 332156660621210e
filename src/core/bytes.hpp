// Fixed-layout byte formats (keys, certificates, bundles, receipts): little-endian integers,
// strings as u16 length + UTF-8. Written by hand rather than with cereal so that
// docs/bundle-format.md can describe every byte and another implementation can read them.
#pragma once
#include <array>
#include <cstdint>
#include <cstring>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace hearth {

using Bytes = std::vector<std::uint8_t>;

class ByteWriter {
 public:
  explicit ByteWriter(Bytes& out) : out_(out) {}
  template <class T>
  void le(T v) {
    static_assert(std::is_integral_v<T>);
    for (std::size_t i = 0; i < sizeof(T); ++i) out_.push_back(static_cast<std::uint8_t>(static_cast<std::uint64_t>(v) >> (8 * i)));
  }
  void raw(std::span<const std::uint8_t> b) { out_.insert(out_.end(), b.begin(), b.end()); }
  void raw(std::string_view s) { out_.insert(out_.end(), s.begin(), s.end()); }
  void str(std::string_view s) {
    if (s.size() > 0xFFFF) throw std::length_error("string longer than 65535 bytes");
    le(static_cast<std::uint16_t>(s.size()));
    raw(s);
  }
  void blob(std::span<const std::uint8_t> b) {  // u32 length + bytes
    le(static_cast<std::uint32_t>(b.size()));
    raw(b);
  }
  std::size_t size() const { return out_.size(); }

 private:
  Bytes& out_;
};

// Reads what ByteWriter wrote; every read past the end throws Truncated, so a parser never
// reads outside its input whatever the bytes say.
class ByteReader {
 public:
  struct Truncated : std::runtime_error {
    using std::runtime_error::runtime_error;
  };
  explicit ByteReader(std::span<const std::uint8_t> in) : in_(in) {}
  template <class T>
  T le() {
    need(sizeof(T));
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i) v |= static_cast<std::uint64_t>(in_[at_ + i]) << (8 * i);
    at_ += sizeof(T);
    return static_cast<T>(v);
  }
  std::span<const std::uint8_t> raw(std::size_t n) {
    need(n);
    auto s = in_.subspan(at_, n);
    at_ += n;
    return s;
  }
  template <std::size_t N>
  std::array<std::uint8_t, N> fixed() {
    std::array<std::uint8_t, N> a{};
    const auto s = raw(N);
    std::memcpy(a.data(), s.data(), N);
    return a;
  }
  std::string str() {
    const auto n = le<std::uint16_t>();
    const auto s = raw(n);
    return std::string(s.begin(), s.end());
  }
  std::span<const std::uint8_t> blob() { return raw(le<std::uint32_t>()); }
  std::size_t at() const { return at_; }
  std::size_t remaining() const { return in_.size() - at_; }

 private:
  void need(std::size_t n) const {
    if (n > in_.size() - at_) throw Truncated("needs " + std::to_string(n) + " bytes at offset " + std::to_string(at_) + ", " +
                                              std::to_string(in_.size() - at_) + " left");
  }
  std::span<const std::uint8_t> in_;
  std::size_t at_ = 0;
};

// Base64url without padding (RFC 4648 §5): how keys, requests and certificates travel as text.
std::string base64url(std::span<const std::uint8_t> bytes);
// Ignores whitespace (a code pasted across lines); nullopt on any other character.
bool from_base64url(std::string_view text, Bytes& out);

}  // namespace hearth
