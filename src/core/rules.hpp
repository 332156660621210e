// The programme's rules. Each lives here once, reads the State and the ProgrammeConfig, and
// explains its result: which criteria held, on which records, so views and reports can
// show why (a flag alone is never enough — DOMAIN.md).
//
// Index
//   1. Verdict: criteria with evidence
//   2. 员工制 test (measure 7)
//   3. Health (measure 24) and licence eligibility (measure 23)
//   4. Credit (measures 28, 29, 14) — the rule is written down in docs/credit-rule.md
//   5. Subsidies (measures 4, 8, 16) — computed and explained, never paid
//   6. Targets and KPIs (一, 三.5, 五)
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "programme.hpp"
#include "records.hpp"

namespace hearth {

class State;
class MeasureRegistry;

// ---- 1. Verdict ---------------------------------------------------------------------------
// One condition of a rule. `key` is the catalog key naming the condition; `args` fill its
// explanation (an arg that is itself a catalog key, "term.…" or "rule.…", is shown translated).
struct Criterion {
  std::string key;
  bool held = false;
  std::vector<std::string> args;
  std::vector<Key> evidence;  // the records that show it held, or that break it
};

struct Verdict {
  std::vector<Criterion> criteria;
  bool held() const;
  const Criterion* first_failed() const;
  const Criterion* find(std::string_view key) const;
};

// ---- 2. 员工制 --------------------------------------------------------------------------------
// The five criteria of measure 7 for `enterprise` on date `on`:
//   rule.employee_based.direct_contracts   signs service contracts with consumers itself
//   rule.employee_based.contracts_insured  labour contract or service agreement, insurance paid, for every current employee
//   rule.employee_based.dispatches         every contract is served by its own employee
//   rule.employee_based.minimum_wage       pays every employee directly at least the minimum wage
//   rule.employee_based.trains             every current employee trained within the window
Verdict employee_based(const State& s, Key enterprise, const Date& on, const ProgrammeConfig& c);

// ---- 3. Health and licences ---------------------------------------------------------------
// The worker's fit check that covers `needed` and is valid on `on`, the latest-expiring one; or nullptr.
const HealthCheck* valid_health_check(const State& s, Key worker, const Date& on, HealthCategory needed);
// The worker's most recent check (by valid_until), fit or not; or nullptr.
const HealthCheck* latest_health_check(const State& s, Key worker);

struct HealthAlert {
  Key worker = kNoKey;
  const HealthCheck* check = nullptr;  // nullptr: never checked
  Date valid_until;
};
// Registered workers whose latest check expired before `on` (never-checked workers included
// when `include_unchecked`), and those whose check expires within the configured days.
std::vector<HealthAlert> expired_health_checks(const State& s, const Date& on, bool include_unchecked = false);
std::vector<HealthAlert> expiring_health_checks(const State& s, const Date& on, const ProgrammeConfig& c);

// 持证上门 eligibility on `on`:
//   rule.licence.identity        identity verified
//   rule.licence.pre_job         a passed pre-job training
//   rule.licence.health          a fit health check of the category the occupation needs, valid on the date
//   rule.licence.credit          not on the joint-punishment list
Verdict licence_eligibility(const State& s, Key worker, const Date& on, const ProgrammeConfig& c);
// The card number for a worker: the one already issued, else derived from the worker's
// record id so two offline devices give the same person the same number.
std::string licence_number_for(const State& s, Key worker);
// 培训合格证书编号 for a pass in a session: "PX" + the session's year + 8 Crockford base-32
// characters of the hash of the session's and the worker's record ids, so two tablets
// offline give the same pass the same number (a person completes a session once).
std::string training_certificate_for(const State& s, Key session, Key worker);

// ---- 4. Credit ----------------------------------------------------------------------------
struct CreditLine {
  std::string key;  // rule.credit.* naming why
  Key record = kNoKey;
  std::int32_t points = 0;
};
struct CreditRating {
  std::int32_t score = 0;
  char grade = 'D';
  bool joint_punishment = false;  // 联合惩戒 list
  std::vector<CreditLine> lines;  // every deduction and addition, with its record
  std::int32_t bonus_capped = 0;  // additions dropped by the cap
  Date last_inspection;           // latest assessment, or the rating date if none
  Date next_inspection;
  bool xinyidai = false;          // enterprises only
  Verdict why;                    // the grade explained: score thresholds, list, loans
};
CreditRating rate_credit(const State& s, Key subject, const Date& on, const ProgrammeConfig& c);

// ---- 5. Subsidies -------------------------------------------------------------------------
struct SubsidyItem {
  Key subject = kNoKey;  // worker (training) or enterprise
  Key record = kNoKey;   // the completion or the employment spell
  std::int64_t amount_fen = 0;  // 0 when not eligible
  std::int32_t months = 0;      // social insurance: insured months in the year
  Verdict why;
};
// Training subsidy for every completion dated in `year` (flexible workers included); the
// ineligible ones are listed too, with the criterion that failed.
std::vector<SubsidyItem> training_subsidies(const State& s, std::int32_t year, const ProgrammeConfig& c);
// The same for one completion (the trainer's roll marks the eligible ones as they are recorded).
SubsidyItem training_subsidy(const State& s, const Completion& k, const ProgrammeConfig& c);
// Social-insurance subsidy for hires of 就业困难人员 / 应届高校毕业生 on a labour contract with
// urban employee insurance, per spell overlapping `year`.
std::vector<SubsidyItem> social_insurance_subsidies(const State& s, std::int32_t year, const ProgrammeConfig& c);
// 稳岗返还: employee-based at the end of `year` and a layoff rate within the limit.
Verdict job_retention_refund(const State& s, Key enterprise, std::int32_t year, const ProgrammeConfig& c);

// ---- 6. Targets and KPIs ------------------------------------------------------------------
struct Kpi {
  std::string key;  // rule.kpi.*
  std::int64_t actual = 0;
  std::int64_t target = 0;  // 0 for figures without a target (revenue total)
  bool met = false;
  std::vector<std::string> args;
  std::vector<Key> evidence;
};
// The programme's KPIs for `year`, for the whole district (township 0) or one township.
std::vector<Kpi> programme_kpis(const State& s, std::int32_t year, std::uint32_t township, const ProgrammeConfig& c,
                                const MeasureRegistry& measures);
// Workers newly employed in `year`: spells starting then whose worker was not employed the day before.
std::vector<Key> new_employment(const State& s, std::int32_t year, std::uint32_t township);
// Person-times: first passed completions of (worker, course) dated in [from, to].
std::vector<Key> person_times(const State& s, const Date& from, const Date& to, std::uint32_t township);

}  // namespace hearth
