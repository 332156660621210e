// cereal's portable binary archive for bytes that may be damaged or hostile (events in a
// bundle, a file a person brings): while a BoundedRead is alive on this thread, a container
// size larger than the bytes left in its stream is refused before anything is allocated.
// Without it, a 20-byte event claiming a 24 GB string makes cereal allocate (and zero) that
// much first; and in wasm, where size_t has 32 bits, cereal cuts such a size to 32 bits and
// reads the rest differently from a native build. Every element of every container Hearth
// stores takes at least one byte, so nothing valid is refused.
//
// Include this instead of <cereal/archives/portable_binary.hpp>: every file that uses the
// archive must see the same overload below (one definition rule).
#pragma once
#include <cereal/archives/portable_binary.hpp>
#include <cstdint>
#include <streambuf>
#include <string>

namespace hearth {

class BoundedRead {
 public:
  explicit BoundedRead(std::streambuf* source) : previous_(current()) { current() = source; }
  ~BoundedRead() { current() = previous_; }
  BoundedRead(const BoundedRead&) = delete;
  BoundedRead& operator=(const BoundedRead&) = delete;
  static std::streambuf*& current() {
    static thread_local std::streambuf* source = nullptr;
    return source;
  }

 private:
  std::streambuf* previous_;
};

}  // namespace hearth

namespace cereal {
// Chosen over cereal's own template for SizeTag (a non-template is a better match).
inline void CEREAL_SERIALIZE_FUNCTION_NAME(PortableBinaryInputArchive& ar, SizeTag<size_type&>& t) {
  ar(t.size);
  if (std::streambuf* s = hearth::BoundedRead::current()) {
    const std::streamsize avail = s->in_avail();  // -1: nothing left
    const std::uint64_t left = avail < 0 ? 0 : static_cast<std::uint64_t>(avail);
    if (t.size > left) throw Exception("a size of " + std::to_string(t.size) + " with " + std::to_string(left) + " bytes left");
  }
}
}  // namespace cereal
