// State: the fold of every known event, with the indexes the views need. A value: views
// read it, only `apply` changes it.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "event.hpp"
#include "worker.hpp"

namespace hearth {

class State {
 public:
  void apply(const Event& e);

  // Changes whenever apply() does: views cache derived lists against it.
  std::uint64_t revision() const { return revision_; }
  const std::vector<Worker>& workers() const { return workers_; }
  const Worker* worker_by_resident_id(std::string_view digits) const;
  // Workers whose name, resident ID or mobile number contains `query` (ASCII case folded;
  // "x" finds "X"), newest first; an empty query lists everyone. Returns indexes into workers().
  std::vector<std::uint32_t> search_workers(std::string_view query) const;

 private:
  void on(const Event& e, const WorkerRegistered& w);

  std::vector<Worker> workers_;
  std::vector<std::string> worker_search_keys_;  // lowercased "name\x1Fid\x1Fmobile", parallel to workers_
  std::unordered_map<std::string, std::uint32_t> by_resident_id_;
  std::uint64_t revision_ = 0;
};

}  // namespace hearth
