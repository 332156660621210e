// The registers as people read them (登记名册): workers, enterprises, community service
// points and service contracts as TextTables — the same rows on screen, in a CSV export and
// in a report — and the small tables of one worker's profile and one enterprise's detail.
// Headers and cells come translated from the catalog, so the views only draw.
//
// Index
//   1. Wording: the catalog's language, township names, vocabulary terms
//   2. The four registers
//   3. One enterprise: its employees, the 员工制 test explained, evidence named
//   4. One worker: employment, training, health checks, contracts, complaints, credit
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "catalog.hpp"
#include "date.hpp"
#include "domain.hpp"
#include "programme.hpp"
#include "rules.hpp"
#include "text_table.hpp"

namespace hearth {

class State;

// ---- 1. Wording ---------------------------------------------------------------------------
// Whether `c` is the English catalog (it says so itself: registers.language).
bool catalog_is_english(const Catalog& c);
// A township's name in the catalog's language, or its code if unknown; "—" for 0.
std::string township_text(const Catalog& c, std::uint32_t code);
// A vocabulary value, or a set of them joined ("家政、保洁"), translated; "—" for none.
std::string term_text(const Catalog& c, std::span<const Term> terms, std::uint8_t value);
std::string term_set_text(const Catalog& c, std::span<const Term> terms, std::uint16_t set);
// A mobile number for lists: 138****5678 (personal information of consumers and workers).
std::string mask_mobile(std::string_view mobile);

// ---- 2. The four registers ----------------------------------------------------------------
// A register on screen shows the columns people scan; its export carries every column (the
// same rows in the same order, so TableView::shown applies the screen's search and order).
enum class Columns : std::uint8_t { Screen, Export };
// Registered workers (duplicates left out), newest registration first. ID numbers masked
// unless `show_ids` (may_see_resident_ids). Township and occupation columns are filters. The
// export adds sex, birth date, skill level and the registration date.
TextTable workers_table(const State& s, const Date& today, const Catalog& c, bool show_ids, Columns cols = Columns::Screen);
// Registered enterprises with their current headcount and the 员工制 result on `today`:
// "符合" or "不符合 N 项" (filter column), and township (filter). The export adds the legal
// representative, contact mobile, address and kind of enterprise.
TextTable enterprises_table(const State& s, const Date& today, const Catalog& c, const ProgrammeConfig& config,
                            Columns cols = Columns::Screen);
// Community service points (社区服务网点), newest first; township and signage are filters.
TextTable service_points_table(const State& s, const Catalog& c);
// Communities with services stationed by the programme's deadline (rule.kpi.service_points:
// one community counted once however many points it has), district-wide and for each township
// with its own target; `points` are the records counted.
struct CommunityProgress {
  std::string label;  // translated, e.g. "家政、托幼、托老等服务入驻的小区数（截至 2022-12-31）"
  std::int64_t actual = 0, target = 0;
  bool met = false;
  std::vector<Key> points;
};
std::vector<CommunityProgress> service_point_progress(const State& s, const ProgrammeConfig& config, const Catalog& c);
// Service contracts (家政服务合同), newest signing first; township and status are filters. The
// export adds the consumer's mobile (masked unless `show_ids`), rest days and the model text.
TextTable contracts_table(const State& s, const Date& today, const Catalog& c, bool show_ids, Columns cols = Columns::Screen);

// The 员工制 column's text for one verdict: "符合" or "不符合 N 项".
std::string employee_based_text(const Verdict& v, const Catalog& c);

// ---- 3. One enterprise --------------------------------------------------------------------
// Its employment spells: worker, form, hired, wage, insurance, paid directly, left (or "在职").
// Current ones first. Each row's key is the spell.
TextTable enterprise_employees_table(const State& s, Key enterprise, const Date& today, const Catalog& c);
// One criterion of a rule, as a person reads it: its explanation with the arguments filled.
std::string criterion_text(const Criterion& k, const Catalog& c);
// A record named for a person reading evidence: a spell ("张三 · 劳动合同 · 2021-03-01 起 ·
// 月工资 1500.00 元 · 城镇职工社会保险"), a contract, a completion, a health check, an identity
// check, a complaint, a credit event; "" for a key the state does not know.
std::string describe_record(const State& s, Key record, const Catalog& c);
// Service points and contracts of one enterprise (for its detail).
TextTable enterprise_contracts_table(const State& s, Key enterprise, const Date& today, const Catalog& c, bool show_ids);

// ---- 4. One worker ------------------------------------------------------------------------
// Employment spells: enterprise, form, hired, wage, insurance, left/current.
TextTable worker_employment_table(const State& s, Key worker, const Date& today, const Catalog& c);
// Completions: course, type, date, score, passed, certificate.
TextTable worker_training_table(const State& s, Key worker, const Catalog& c);
// Health checks: date, institution, category, result, valid until, valid/expired on `today`.
TextTable worker_health_table(const State& s, Key worker, const Date& today, const Catalog& c);
// Contracts the worker serves: enterprise, consumer, township, period, fee.
TextTable worker_contracts_table(const State& s, Key worker, const Date& today, const Catalog& c, bool show_ids);
// Complaints about the worker: received, channel, enterprise, outcome (or "处理中").
TextTable worker_complaints_table(const State& s, Key worker, const Catalog& c);
// Credit lines: reason, record, points (signed).
TextTable credit_lines_table(const State& s, const CreditRating& r, const Catalog& c);

}  // namespace hearth
