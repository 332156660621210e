// Worker (家政服务人员): the register's record, the command that adds one, and its rules.
#pragma once
#include <cstdint>
#include <string>

#include "date.hpp"
#include "event.hpp"
#include "problem.hpp"

namespace hearth {

class State;

struct Worker {
  RecordId id;
  std::string name;
  std::string resident_id;
  std::string mobile;
  std::uint32_t township = 0;
  Hlc registered;
};

// What the register form submits: the text as typed, validated by the core.
struct RegisterWorker {
  std::string name;
  std::string resident_id;
  std::string mobile;
  std::uint32_t township = 0;  // a code from the township registry, 0 = not chosen
};

inline constexpr std::int32_t kMinimumWorkingAge = 16;  // Labour Law art. 15
inline constexpr std::size_t kMaxNameLength = 30;        // code points

// Validates against the register as it stands on `today`. On success `out` holds the
// normalised event body; otherwise the problems name each field that needs fixing.
Problems validate(const RegisterWorker& cmd, const State& state, const Date& today, WorkerRegistered& out);

}  // namespace hearth
