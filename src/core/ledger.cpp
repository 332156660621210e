#include "ledger.hpp"

namespace hearth {

SealedEvent Ledger::next(EventBody body, std::int64_t now_ms) const {
  Event e;
  e.device = device_;
  e.seq = last_seq_ + 1;
  e.stamp = hlc_next(clock_, now_ms);
  e.prev = head_;
  e.body = std::move(body);
  return seal(std::move(e));
}

std::optional<ChainBreak> Ledger::append(const SealedEvent& s) {
  const Event& e = s.event;
  if (e.device != device_) return ChainBreak{e.seq, "err.ledger.foreign_device", device_hex(e.device)};
  if (e.seq != last_seq_ + 1)
    return ChainBreak{e.seq, "err.ledger.gap", "expected seq " + std::to_string(last_seq_ + 1) + ", got " + std::to_string(e.seq)};
  if (e.prev != head_) return ChainBreak{e.seq, "err.ledger.hash_mismatch", "prev " + to_hex(e.prev) + " != head " + to_hex(head_)};
  last_seq_ = e.seq;
  head_ = s.hash;
  clock_ = std::max(clock_, e.stamp);
  return std::nullopt;
}

void Ledger::force(const SealedEvent& s) {
  last_seq_ = s.event.seq;
  head_ = s.hash;
  clock_ = std::max(clock_, s.event.stamp);
}

}  // namespace hearth
