// Test helpers: valid identifiers built with the real check-character rule, a fixed clock.
#pragma once
#include <string>

#include "date.hpp"
#include "effects.hpp"
#include "parsed.hpp"
#include "resident_id.hpp"

namespace hearth::test {

// The catalog key of the problem a parse reported, or "ok".
template <class T>
std::string problem_key(const Parsed<T>& r) {
  return r ? std::string("ok") : r.problem.message;
}

// "50015419900101123" (17 digits) → the full number with its correct check character.
inline std::string with_check(const std::string& first17) { return first17 + ResidentId::check_character(first17); }

// 2026-11-29 12:00 China time.
inline constexpr std::int64_t kNowMs = 1795924800000;
inline const Date kToday{2026, 11, 29};

class FixedClock final : public Clock {
 public:
  std::int64_t now = kNowMs;
  std::int64_t now_ms() override { return now; }
};

class CountingRandom final : public Random {
 public:
  std::uint8_t next = 1;
  void fill(std::span<std::uint8_t> out) override {
    for (auto& b : out) b = next++;
  }
};

}  // namespace hearth::test
