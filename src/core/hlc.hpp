// Hybrid logical clock stamps (Kulkarni et al. 2014): wall-clock milliseconds plus a counter,
// so events order causally across devices even when tablet clocks disagree.
#pragma once
#include <compare>
#include <cstdint>

namespace hearth {

struct Hlc {
  std::int64_t wall_ms = 0;
  std::uint32_t counter = 0;

  auto operator<=>(const Hlc&) const = default;
  template <class Archive>
  void serialize(Archive& ar) { ar(wall_ms, counter); }
};

// The stamp of a local event after `last`, at physical time `now_ms`.
Hlc hlc_next(const Hlc& last, std::int64_t now_ms);
// The local clock after receiving `remote` at physical time `now_ms`.
Hlc hlc_receive(const Hlc& last, const Hlc& remote, std::int64_t now_ms);

}  // namespace hearth
