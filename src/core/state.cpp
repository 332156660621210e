#include "state.hpp"

#include "text.hpp"

namespace hearth {

void State::apply(const Event& e) {
  ++revision_;
  std::visit([&](const auto& body) { on(e, body); }, e.body);
}

void State::on(const Event& e, const WorkerRegistered& w) {
  // Two devices may register the same person offline; the first event in clock order wins
  // the ID number and later ones are kept out of the register (they stay in the ledger).
  if (by_resident_id_.contains(w.resident_id)) return;
  const auto index = static_cast<std::uint32_t>(workers_.size());
  workers_.push_back({RecordId{e.device, e.seq}, w.name, w.resident_id, w.mobile, w.township, e.stamp});
  worker_search_keys_.push_back(ascii_lower(w.name + '\x1F' + w.resident_id + '\x1F' + w.mobile));
  by_resident_id_.emplace(w.resident_id, index);
}

const Worker* State::worker_by_resident_id(std::string_view digits) const {
  const auto it = by_resident_id_.find(std::string(digits));
  return it == by_resident_id_.end() ? nullptr : &workers_[it->second];
}

std::vector<std::uint32_t> State::search_workers(std::string_view query) const {
  const std::string q = ascii_lower(trim(fold_fullwidth(query)));
  std::vector<std::uint32_t> hits;
  for (std::size_t i = workers_.size(); i-- > 0;)
    if (q.empty() || contains_folded(worker_search_keys_[i], q)) hits.push_back(static_cast<std::uint32_t>(i));
  return hits;
}

}  // namespace hearth
