// 补贴 as tables: each subsidy's eligibility list for a year, one line per completion (training,
// measure 4), per employment spell (social insurance, measure 16) or per enterprise (稳岗返还,
// measure 8), each with its evidence — who, which record, the amount, and the criteria: all
// held (✓), or the first that failed (✗) in words. Computed by the rules (rules.hpp); these
// only put them into words, so screen and CSV show what the rule decided. Never paid here.
//
// Index
//   1. SubsidyList and its totals
//   2. The three lists
//   3. Small texts (yuan, the criteria line)
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "catalog.hpp"
#include "programme.hpp"
#include "rules.hpp"
#include "text_table.hpp"

namespace hearth {

class State;

// ---- 1. SubsidyList ------------------------------------------------------------------------
enum class SubsidyKind : std::uint8_t { Training, SocialInsurance, JobRetention };

// The table as shown and exported, plus per row what the totals add up. Row keys are the
// person or enterprise the line is about (a click opens them): the worker for training, the
// enterprise for social insurance and 稳岗返还.
struct SubsidyList {
  SubsidyKind kind = SubsidyKind::Training;
  TextTable table;   // every column: the export
  TextTable screen;  // the same rows with the columns a screen has room for (a record number left out)
  std::vector<std::int64_t> amount_fen;  // per row; 0 when not eligible
  std::vector<bool> eligible;            // per row
  int verdict_column = -1;               // the 符合/不符合 column (filter)
  int amount_column = -1;                // -1 when the subsidy has no amount here (稳岗返还)
};

struct SubsidyTotals {
  std::uint32_t lines = 0;
  std::uint32_t eligible = 0;
  std::int64_t amount_fen = 0;
};
// Totals over the given rows of `list` (the rows the person sees, in any order).
SubsidyTotals subsidy_totals(const SubsidyList& list, const std::vector<std::uint32_t>& rows);
// Totals over every row.
SubsidyTotals subsidy_totals(const SubsidyList& list);

// ---- 2. The three lists --------------------------------------------------------------------
// `full_ids`: ID numbers in full (the district office's export, may_see_resident_ids); masked
// otherwise, and always on screen. Texts from `catalog`; township names in English if `english`.
//
// Training (培训补贴): every completion dated in `year`. Columns: worker, ID number, township
// (filter), course, course type (filter), completion date, certificate, verdict (filter),
// criteria, amount (yuan). The screen leaves out the certificate.
SubsidyList training_subsidy_list(const State& s, std::int32_t year, const ProgrammeConfig& c, const Catalog& catalog, bool english,
                                  bool full_ids);
// Social insurance (社保补贴): every spell of a worker in the target groups overlapping `year`.
// Columns: enterprise, worker, ID number, target group, hired, left, insured months, verdict
// (filter), criteria, amount (yuan). The screen leaves out the date left.
SubsidyList social_insurance_subsidy_list(const State& s, std::int32_t year, const ProgrammeConfig& c, const Catalog& catalog,
                                          bool english, bool full_ids);
// 稳岗返还: every enterprise in the register (duplicates left out). Columns: enterprise, credit
// code, township (filter), staff at the start of the year, laid off in the year, verdict
// (filter), criteria. The refund is the unemployment insurance the enterprise paid, which the
// register does not hold: the list says who qualifies, not how much.
SubsidyList job_retention_list(const State& s, std::int32_t year, const ProgrammeConfig& c, const Catalog& catalog, bool english);

SubsidyList subsidy_list(SubsidyKind kind, const State& s, std::int32_t year, const ProgrammeConfig& c, const Catalog& catalog,
                         bool english, bool full_ids);

// The same rows with only `columns` (in that order).
TextTable select_columns(const TextTable& t, const std::vector<int>& columns);

// ---- 3. Small texts ------------------------------------------------------------------------
// 1234.5 yuan from fen: "1234.50" (no grouping, so spreadsheets read it as a number).
std::string yuan_text(std::int64_t fen);
// "✓ 5/5 项条件均满足" or "✗ 课程属于培训补贴范围（另有 1 项未满足）".
std::string criteria_text(const Verdict& v, const Catalog& catalog);

}  // namespace hearth
