// 重点举措 as tables: the 29 measures with their units and status, one measure's progress
// reports, and which measures a device may report progress on (and as which unit).
//
// Index
//   1. Who reports on what (reporting_scope)
//   2. The measures table
//   3. One measure's progress reports
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog.hpp"
#include "enrolment.hpp"
#include "measures.hpp"
#include "text_table.hpp"

namespace hearth {

class State;

// ---- 1. Who reports on what ----------------------------------------------------------------
// 有关镇乡街道: the unit a township or street official reports as (units.tsv).
inline constexpr std::string_view kTownshipsUnit = "townships";

// What a device may report: the district office reports for any unit a measure names, on every
// measure; a township official reports as 有关镇乡街道, only on the measures that name it; a
// training provider reports on none. `fixed_unit` empty means "any unit the measure names".
struct ReportingScope {
  std::vector<std::uint8_t> measures;
  std::string fixed_unit;
  bool may_report(std::uint8_t measure) const;
};
ReportingScope reporting_scope(DeviceRole role, const MeasureRegistry& registry);
// The units a report on `measure` may name within `scope`: the fixed unit, or the measure's
// lead then co-units in the document's order. Empty when the scope does not cover the measure.
std::vector<std::string> reporting_units(const ReportingScope& scope, const Measure& measure);

// ---- 2. The measures table -----------------------------------------------------------------
// One row per measure, keyed by its number (1–29). Columns: number, group (filter), title,
// lead unit (filter), co-units (with 等), status (filter), latest report date, its note, report
// count. `english` picks the titles' and units' language; `catalog` the rest.
enum MeasureColumn : int {
  kMeasureNumber, kMeasureGroup, kMeasureTitle, kMeasureLead, kMeasureCoUnits, kMeasureStatus,
  kMeasureLatestDate, kMeasureLatestNote, kMeasureReports, kMeasureColumns
};
TextTable measures_table(const State& state, const MeasureRegistry& registry, const Catalog& catalog, bool english);
// The same rows with the columns a narrow screen has room for (number, title, lead unit, status,
// latest report date, report count); the chosen measure's panel shows the rest, the export all.
TextTable measures_screen_table(const TextTable& full);
// "区人力社保局、区财政局等" / "District Human Resources…, District Finance Bureau and others"
std::string unit_list_text(const Measure& m, const MeasureRegistry& registry, const Catalog& catalog, bool english);
std::string unit_name(const MeasureRegistry& registry, std::string_view code, bool english);
std::string measure_title(const Measure& m, bool english);
// How many measures stand at each status (indexed by MeasureStatus), for the line above the table.
std::vector<std::uint32_t> measure_status_counts(const State& state, const MeasureRegistry& registry);

// ---- 3. One measure's progress reports -----------------------------------------------------
// Newest first (date, then clock). Columns: date, unit, status, note, who. `who` names the
// device that wrote a report (the view knows enrolment labels and "this device").
TextTable measure_reports_table(const State& state, const MeasureRegistry& registry, std::uint8_t measure, const Catalog& catalog,
                                bool english, const std::function<std::string(Key)>& who);

}  // namespace hearth
