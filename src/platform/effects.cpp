#include <sodium.h>

#include <chrono>
#include <stdexcept>

#include "effects.hpp"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
// libsodium's wasm randombytes makes one JS call per byte; fill in 64 KiB chunks instead.
EM_JS(void, hearth_js_random_fill, (void* buf, std::size_t n), {
  var c = globalThis.crypto && globalThis.crypto.getRandomValues ? globalThis.crypto : require('crypto').webcrypto;
  for (var off = 0; off < n; off += 65536) c.getRandomValues(HEAPU8.subarray(buf + off, buf + off + Math.min(65536, n - off)));
});
namespace {
const char* bulk_name() { return "js-getRandomValues-bulk"; }
std::uint32_t bulk_random() {
  std::uint32_t r;
  hearth_js_random_fill(&r, sizeof r);
  return r;
}
void bulk_buf(void* const buf, const std::size_t n) { hearth_js_random_fill(buf, n); }
randombytes_implementation bulk_rng = {bulk_name, bulk_random, nullptr, nullptr, bulk_buf, nullptr};
}  // namespace
#endif

namespace hearth {

std::int64_t SystemClock::now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

SodiumRandom::SodiumRandom() {
#ifdef __EMSCRIPTEN__
  randombytes_set_implementation(&bulk_rng);  // must precede sodium_init()
#endif
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

void SodiumRandom::fill(std::span<std::uint8_t> out) { randombytes_buf(out.data(), out.size()); }

std::vector<std::uint8_t> frame_events(const std::vector<PendingEvent>& events) {
  std::vector<std::uint8_t> frames;
  for (const auto& e : events) {
    const auto n = static_cast<std::uint32_t>(e.bytes.size());
    const std::uint8_t len_le[4] = {std::uint8_t(n), std::uint8_t(n >> 8), std::uint8_t(n >> 16), std::uint8_t(n >> 24)};
    frames.insert(frames.end(), len_le, len_le + 4);
    frames.insert(frames.end(), e.bytes.begin(), e.bytes.end());
  }
  return frames;
}

}  // namespace hearth
