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

}  // namespace hearth
