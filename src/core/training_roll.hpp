// 培训课堂: what a trainer's tablet shows — the sessions around today, one session's roll
// (who is enrolled, who is present today, each result, its certificate and whether it
// earns the training subsidy), and the search that finds a late arrival.
//
// Index
//   1. Sessions around a date
//   2. A session's roll
//   3. Finding a trainee
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "date.hpp"
#include "programme.hpp"
#include "records.hpp"

namespace hearth {

class State;

// ---- 1. Sessions around a date ------------------------------------------------------------
// Sessions dated from `days_before` days before `on` to `days_after` days after, today's
// first, then the nearest; at most `limit`. A trainer's device (provider non-empty) sees
// its own provider's courses first.
std::vector<Key> sessions_near(const State& s, const Date& on, std::int32_t days_before, std::int32_t days_after, std::size_t limit,
                               std::string_view provider = {});

// ---- 2. A session's roll ------------------------------------------------------------------
struct RollRow {
  Key worker = kNoKey;
  std::string name, masked_id;
  bool present_today = false;         // attendance recorded for `today`, present
  bool absent_today = false;          // … recorded absent
  std::uint32_t days_present = 0;     // dates with a present record
  const Completion* result = nullptr;  // the session's result for this person, if any
  std::string score;                  // "92.5"
  bool subsidy = false;               // the result earns the training subsidy
  std::int64_t subsidy_fen = 0;
};
struct SessionRoll {
  Key session = kNoKey;
  const TrainingSession* row = nullptr;
  const Course* course = nullptr;
  std::vector<RollRow> rows;  // enrolment order
  std::uint32_t present_today = 0, completed = 0, passed = 0, subsidised = 0;
};
SessionRoll session_roll(const State& s, Key session, const Date& today, const ProgrammeConfig& c);

// ---- 3. Finding a trainee -----------------------------------------------------------------
// Registered workers by part of the name or of the ID number ("1234": the last digits a
// trainee reads out), those already enrolled in `session` left out; at most `limit`.
std::vector<Key> find_trainees(const State& s, std::string_view query, Key session, std::size_t limit);

}  // namespace hearth
