#include "hlc.hpp"

#include <algorithm>

namespace hearth {

Hlc hlc_next(const Hlc& last, std::int64_t now_ms) {
  if (now_ms > last.wall_ms) return {now_ms, 0};
  return {last.wall_ms, last.counter + 1};
}

Hlc hlc_receive(const Hlc& last, const Hlc& remote, std::int64_t now_ms) {
  const std::int64_t wall = std::max({now_ms, last.wall_ms, remote.wall_ms});
  if (wall == last.wall_ms && wall == remote.wall_ms) return {wall, std::max(last.counter, remote.counter) + 1};
  if (wall == last.wall_ms) return {wall, last.counter + 1};
  if (wall == remote.wall_ms) return {wall, remote.counter + 1};
  return {wall, 0};
}

}  // namespace hearth
