// The effects the app needs from the world, as tiny interfaces (lager style): the core never
// calls them; the session and the entry points do, and tests substitute their own.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "event.hpp"

namespace hearth {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::int64_t now_ms() = 0;  // Unix time in milliseconds
};

class Random {
 public:
  virtual ~Random() = default;
  virtual void fill(std::span<std::uint8_t> out) = 0;  // cryptographically secure
};

struct StoreError {
  std::string kind;    // catalog suffix: "quota", "conflict", "unavailable", "failed"
  std::string detail;  // the platform's own words, for the message and the log
  std::string message_key() const { return "err.store." + kind; }
};

struct StoredLedger {
  DeviceId device{};
  std::vector<std::vector<std::uint8_t>> events;     // this device's events, seq 1, 2, 3…
  std::string set_aside;                             // unreadable tail bytes moved to this file, if any
};

struct PendingEvent {
  std::uint64_t seq = 0;
  std::vector<std::uint8_t> bytes;
};

// A batch of events as one buffer: per event [u32 little-endian length][bytes]. The native
// store's file and the web store's hand-over to JS both use it.
std::vector<std::uint8_t> frame_events(const std::vector<PendingEvent>& events);

// Where the ledger lives. Every call completes through its callback — at once natively, later
// in the browser — and an append's callback reports success only once the data is durable.
class EventStore {
 public:
  virtual ~EventStore() = default;
  using OpenDone = std::function<void(std::optional<StoreError>, StoredLedger)>;
  using AppendDone = std::function<void(std::optional<StoreError>)>;
  // Opens (creating it with `device_if_new` when empty) and reads everything stored.
  virtual void open(const DeviceId& device_if_new, OpenDone done) = 0;
  // Appends events atomically: all or none. Refuses a seq that is already stored.
  virtual void append(std::vector<PendingEvent> events, AppendDone done) = 0;
};

class SystemClock final : public Clock {
 public:
  std::int64_t now_ms() override;
};

class SodiumRandom final : public Random {
 public:
  SodiumRandom();  // on wasm, installs a bulk crypto.getRandomValues source first
  void fill(std::span<std::uint8_t> out) override;
};

}  // namespace hearth
