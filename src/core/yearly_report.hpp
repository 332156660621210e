// The figures of the targets dashboard (目标看板) and the yearly report to the joint meeting
// (联席会议): the programme's KPIs (rules.hpp programme_kpis) per year and per township, how far
// each is from its target, the records behind each figure, the supervision summary, and the
// report itself as one self-contained, printable HTML page. The dashboard draws these figures
// and the report prints them, so screen, report and command line always agree.
//
// Index
//   1. Programme years and the year shown by default
//   2. Standing: met, near, behind (red / amber / green)
//   3. Dashboard figures: district or township, by township, over the years
//   4. The records behind a figure
//   5. Supervision summary: complaints and credit in the year
//   6. The yearly report (HTML)
#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "date.hpp"
#include "records.hpp"
#include "rules.hpp"

namespace hearth {

class State;
class Catalog;
class MeasureRegistry;
struct ProgrammeConfig;

// ---- 1. Years -----------------------------------------------------------------------------
// The calendar years the programme reports on: from its first full year to its end year
// (2020–2022 for a programme running 2019-11 to 2022-12; the launch months of 2019 count in
// the cumulative figures only).
std::vector<std::int32_t> programme_years(const ProgrammeConfig& c);
// The latest programme year, not after `today`, in which anything was recorded (a hire, a
// completion, a service point, a revenue figure, a complaint); the first programme year if
// nothing was. Not today's year: the programme ended in 2022.
std::int32_t default_report_year(const State& s, const ProgrammeConfig& c, const Date& today);

// ---- 2. Standing --------------------------------------------------------------------------
enum class Standing : std::uint8_t {
  NoTarget,  // a figure without a target (a township's share of a district target, revenue)
  Met,       // green
  Near,      // amber: at least kNearPercent of the target
  Behind,    // red
};
inline constexpr std::int64_t kNearPercent = 80;
Standing standing(std::int64_t actual, std::int64_t target);
// Revenue has its previous year as "target": growth is met.
Standing standing(const Kpi& k);
// Whole percent of the target reached (0 without a target), rounded down.
std::int64_t percent_of_target(std::int64_t actual, std::int64_t target);
// A KPI's figure as screen, report and command line print it: money in yuan ("1234.50"), counts as they are.
std::string figure_text(const std::string& kpi_key, std::int64_t value);

// A KPI's title in a language: its catalog text with the township named instead of its code.
std::string kpi_title(const Kpi& k, const Catalog& catalog, bool english);
// Whether a KPI counts records a township has a share of (so it is drawn by township and over
// the years): new employment, training, communities, enterprises — not the measures.
bool kpi_by_township(const std::string& key);

// ---- 3. Dashboard figures -----------------------------------------------------------------
// One township's figure for one KPI. `share` is its even share of the district target
// (target ÷ townships, rounded up) when the target is large enough to share (at least one per
// township), else 0 and no township is "behind".
struct TownshipFigure {
  std::uint32_t township = 0;
  std::int64_t actual = 0;
  std::int64_t share = 0;
  bool behind = false;
  std::vector<Key> evidence;
};
// One KPI over the programme years (actual and target per year).
struct KpiSeries {
  std::string key;
  std::vector<std::int32_t> years;
  std::vector<std::int64_t> actual, target;
};

struct DashboardFigures {
  std::int32_t year = 0;
  std::uint32_t township = 0;  // 0 = the whole district
  std::vector<Kpi> kpis;        // programme_kpis(year, township)
  // KPI key → the 40 townships' figures for the year, largest first (only kpi_by_township keys).
  std::map<std::string, std::vector<TownshipFigure>> by_township;
  // KPI key → its series over the programme years for `township`.
  std::map<std::string, KpiSeries> over_years;
};
DashboardFigures dashboard_figures(const State& s, std::int32_t year, std::uint32_t township, const ProgrammeConfig& c,
                                   const MeasureRegistry& measures);
// The figures of every township for one year's KPIs, largest first (ties by township code).
std::map<std::string, std::vector<TownshipFigure>> kpis_by_township(const State& s, std::int32_t year, const ProgrammeConfig& c,
                                                                    const MeasureRegistry& measures);
// The first KPI with `key` (the township ones repeat), or nullptr.
const Kpi* find_kpi(const std::vector<Kpi>& kpis, const std::string& key);

// ---- 4. The records behind a figure ------------------------------------------------------
// A KPI's evidence turned into the rows of the register that lists them: workers for
// employment and training (a hire or a completion is shown as its worker), enterprises for
// enterprise counts and revenue, service points for communities, and the measures done (keyed
// by measure number, as the measures table keys its rows).
enum class RecordsArea : std::uint8_t { Workers, Enterprises, ServicePoints, Measures };
struct RecordsBehind {
  RecordsArea area = RecordsArea::Workers;
  std::vector<Key> keys;  // distinct, in evidence order
};
RecordsBehind records_behind(const State& s, const std::string& kpi_key, const std::vector<Key>& evidence, std::int32_t year);

// ---- 5. Supervision summary ---------------------------------------------------------------
struct SupervisionSummary {
  std::int64_t complaints_received = 0;            // received in the year
  std::map<ComplaintOutcome, std::int64_t> closed;  // closed in the year, by outcome
  std::int64_t open_at_year_end = 0;               // received by the year's end, not closed by then
  std::map<CreditKind, std::int64_t> credit_events;  // recorded in the year, by kind
  std::map<char, std::int64_t> enterprise_grades;   // credit grade at the year's end → enterprises
  std::map<char, std::int64_t> worker_grades;       // … → workers
  std::vector<Key> joint_punishment;               // workers and enterprises on the list at the year's end
};
SupervisionSummary supervision_summary(const State& s, std::int32_t year, const ProgrammeConfig& c);

// ---- 6. The yearly report -----------------------------------------------------------------
// The report to the joint meeting for `year`, in the catalog's language: targets against
// actual (district, by township, over the years) as tables and inline SVG charts, the 29
// measures' progress, complaints and credit, the joint-punishment list. One HTML file with its
// CSS inline, no fonts, scripts or images from anywhere, A4 print styles; every text from the
// ledger escaped. `generated` is printed as the date of the report.
std::string yearly_report_html(const State& s, std::int32_t year, const ProgrammeConfig& c, const MeasureRegistry& measures,
                               const Catalog& catalog, bool english, const Date& generated);
// "开州区家政服务业年度报告-2021.html" (the catalog's file name with the year).
std::string yearly_report_file_name(const Catalog& catalog, std::int32_t year);
// Text made safe inside HTML text and attribute values.
std::string html_escape(std::string_view text);

}  // namespace hearth
