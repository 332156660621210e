// 监管 (measures 23, 24, 28, 29): what the supervision screens show, computed here so the
// screens stay dumb and the figures are tested natively — the complaints register, a
// complaint's mediation in order, the credit consequence of closing a complaint before it is
// confirmed (a what-if fold), the credit register with each grade explained, the
// joint-punishment list (联合惩戒), the inspection calendar, and expiring health checks and
// service licences.
//
// Index
//   1. Wording: the catalog and the language tables are written in
//   2. Complaints and mediation (measures 28, 29)
//   3. Closing a complaint: its credit consequence before it is confirmed
//   4. Credit: register, explanation of a line, joint-punishment list
//   5. Assessments and the inspection calendar
//   6. Expiring health checks and licences (measures 23, 24)
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog.hpp"
#include "programme.hpp"
#include "rules.hpp"
#include "text_table.hpp"

namespace hearth {
class State;
}

namespace hearth::supervision {

// ---- 1. Wording ---------------------------------------------------------------------------
struct Wording {
  const Catalog& catalog;
  bool english = false;
  std::string tr(std::string_view key) const { return std::string(catalog.text(key)); }
  std::string township(std::uint32_t code) const;
};

// ---- 2. Complaints and mediation ----------------------------------------------------------
// Who a complaint is about, as a person reads it: "enterprise · worker" (either may be absent).
std::string complaint_subject(const State& s, const Complaint& k);
// The complaints register, newest received first; the key of each row is the complaint.
// Columns: number (1 the newest), received, channel, subject, township (filter), status
// (filter), outcome (filter), closed on, complainant.
TextTable complaints_table(const State& s, const Wording& w);
// A complaint's mediation steps in the order they happened (date, then record id).
std::vector<const MediationStep*> mediation_in_order(const State& s, Key complaint);

// ---- 3. Closing a complaint ---------------------------------------------------------------
// The credit consequence of closing `complaint` with `outcome` on `closed_on`, for each of its
// subjects (enterprise, worker), rated on `rated_on`: the rating before and after, and the
// rule line the closure adds (none when the outcome deducts nothing or the date is outside
// the credit window). Computed by folding the hypothetical closure into a copy of the state,
// so it is exactly what rate_credit will say once the closure is saved.
struct CreditEffect {
  Key subject = kNoKey;
  bool worker = false;
  CreditRating before, after;
  std::optional<CreditLine> line;  // the line this closure adds
  std::string no_effect;           // when no line: why (catalog key), else ""
  bool grade_changes() const { return before.grade != after.grade; }
};
std::vector<CreditEffect> closure_preview(const State& s, Key complaint, ComplaintOutcome outcome, const Date& closed_on,
                                          const Date& rated_on, const ProgrammeConfig& c);

// ---- 4. Credit ----------------------------------------------------------------------------
// Every registered enterprise, and every worker with a complaint or credit event, rated on `on`.
struct CreditRow {
  Key subject = kNoKey;
  bool worker = false;
  CreditRating rating;
};
std::vector<CreditRow> credit_rows(const State& s, const Date& on, const ProgrammeConfig& c);
// The subject's name (worker or enterprise), "" if unknown.
std::string subject_name(const State& s, Key subject);
// Columns: name, kind (filter), township (filter), score, grade (filter), joint punishment
// (filter), next inspection, 信易贷.
TextTable credit_table(const State& s, const std::vector<CreditRow>& rows, const Wording& w);
// 联合惩戒: subjects on the list, with the serious-dishonesty records that put them there.
// Columns: name, kind, township, since (date of the record), what happened, grade.
TextTable joint_punishment_table(const State& s, const std::vector<CreditRow>& rows, const Wording& w);
// The record behind a credit line as a person reads it: "投诉 2021-03-01：未按约定时间上门…",
// "违法违规 2022-01-02：违规收取押金", "考核评价 2021-05-01：52/100".
std::string describe_record(const State& s, Key record, const Wording& w, const ProgrammeConfig& c);
// "+2", "-5", "0".
std::string signed_points(std::int32_t points);

// ---- 5. Assessments and the inspection calendar -------------------------------------------
// An assessment's points against the indicators' maximum, and whether it passes.
struct AssessmentTotal {
  std::int32_t points = 0, max = 0;
  bool passed = true;
};
AssessmentTotal assessment_total(const Assessment& a, const ProgrammeConfig& c);
// One row per enterprise: next inspection by grade, overdue first, then soonest due.
// Columns: next inspection, enterprise, township (filter), grade (filter), latest assessment,
// last inspection, due (filter: overdue / within 30 days / later), days.
TextTable inspection_calendar(const State& s, const std::vector<CreditRow>& rows, const Date& on, const ProgrammeConfig& c,
                              const Wording& w);

// ---- 6. Expiring health checks and licences -----------------------------------------------
// Workers whose health check has expired or expires within the configured days, and whose
// 上门服务证 has expired or expires within the same days; soonest first, expired first.
// The key of each row is the worker. Columns: valid until, worker, ID number (masked unless
// `full_ids`), mobile, township (filter), what (filter), days left.
TextTable expiry_table(const State& s, const Date& on, const ProgrammeConfig& c, const Wording& w, bool full_ids = false);

}  // namespace hearth::supervision
