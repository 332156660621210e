// Index of this file
// 1. reporting_scope, reporting_units
// 2. measures_table and the unit texts
// 3. measure_reports_table
#include "measure_tables.hpp"

#include <algorithm>

#include "state.hpp"

namespace hearth {

// ---- 1. Who reports on what ----------------------------------------------------------------
bool ReportingScope::may_report(std::uint8_t measure) const {
  return std::find(measures.begin(), measures.end(), measure) != measures.end();
}

ReportingScope reporting_scope(DeviceRole role, const MeasureRegistry& registry) {
  ReportingScope scope;
  switch (role) {
    case DeviceRole::District:
      for (const auto& m : registry.measures()) scope.measures.push_back(m.number);
      break;
    case DeviceRole::Township:
      // The measures open to the towns and streets (Measure::open_to); the core refuses any
      // other (validate.cpp: err.progress.not_responsible), so no other is offered.
      scope.fixed_unit = std::string(kTownshipsUnit);
      for (const auto& m : registry.measures())
        if (m.open_to(kTownshipsUnit)) scope.measures.push_back(m.number);
      break;
    default:  // a training provider is no responsible unit
      break;
  }
  return scope;
}

std::vector<std::string> reporting_units(const ReportingScope& scope, const Measure& measure) {
  if (!scope.may_report(measure.number)) return {};
  if (!scope.fixed_unit.empty()) return {scope.fixed_unit};
  std::vector<std::string> units{measure.lead};
  units.insert(units.end(), measure.co_units.begin(), measure.co_units.end());
  return units;
}

// ---- 2. The measures table -----------------------------------------------------------------
std::string unit_name(const MeasureRegistry& registry, std::string_view code, bool english) {
  const ResponsibleUnit* u = registry.unit(code);
  if (!u) return std::string(code);
  return english ? u->name_en : u->name_zh;
}

std::string measure_title(const Measure& m, bool english) { return english ? m.title_en : m.title_zh; }

std::string unit_list_text(const Measure& m, const MeasureRegistry& registry, const Catalog& catalog, bool english) {
  std::string out;
  for (const auto& code : m.co_units) {
    if (!out.empty()) out += english ? "; " : "、";
    out += unit_name(registry, code, english);
  }
  if (m.and_others) out = catalog.format(out.empty() ? "measures.units.others_only" : "measures.units.and_others", {out});
  if (out.empty()) out = "—";
  return out;
}

std::vector<std::uint32_t> measure_status_counts(const State& state, const MeasureRegistry& registry) {
  std::vector<std::uint32_t> counts(terms_measure_status().size(), 0);
  for (const MeasureProgress& p : measure_progress(state, registry)) {
    const auto i = static_cast<std::size_t>(p.status);
    if (i < counts.size()) ++counts[i];
  }
  return counts;
}

TextTable measures_table(const State& state, const MeasureRegistry& registry, const Catalog& catalog, bool english) {
  TextTable t;
  t.add_column(std::string(catalog.text("measures.col.number")), true, false, 0.6f);
  t.add_column(std::string(catalog.text("measures.col.group")), false, true, 1.3f);
  t.add_column(std::string(catalog.text("measures.col.title")), false, false, 3.0f);
  t.add_column(std::string(catalog.text("measures.col.lead")), false, true, 1.2f);
  t.add_column(std::string(catalog.text("measures.col.co_units")), false, false, 2.2f);
  t.add_column(std::string(catalog.text("measures.col.status")), false, true, 0.7f);
  t.add_column(std::string(catalog.text("measures.col.latest_date")), false, false, 1.1f);
  t.add_column(std::string(catalog.text("measures.col.latest_note")), false, false, 1.5f);
  t.add_column(std::string(catalog.text("measures.col.reports")), true, false, 0.85f);
  for (const MeasureProgress& p : measure_progress(state, registry)) {
    const Measure& m = *p.measure;
    t.add_row(static_cast<Key>(m.number),
              {std::to_string(m.number), catalog.format("measures.group." + std::to_string(m.group)), measure_title(m, english),
               unit_name(registry, m.lead, english), unit_list_text(m, registry, catalog, english),
               std::string(catalog.text(term_key(terms_measure_status(), static_cast<std::uint8_t>(p.status)))),
               p.report ? p.report->date.iso() : "—", p.report ? p.report->note : "", std::to_string(p.reports)});
  }
  return t;
}

TextTable measures_screen_table(const TextTable& full) {
  static constexpr int kShown[] = {kMeasureNumber, kMeasureTitle, kMeasureLead, kMeasureStatus, kMeasureLatestDate, kMeasureReports};
  TextTable t;
  for (int c : kShown) t.columns.push_back(full.columns[static_cast<std::size_t>(c)]);
  const float weights[] = {0.75f, 3.2f, 1.2f, 0.75f, 1.15f, 0.95f};
  for (std::size_t c = 0; c < t.columns.size(); ++c) t.columns[c].weight = weights[c];
  for (std::size_t r = 0; r < full.size(); ++r) {
    std::vector<std::string> cells;
    for (int c : kShown) cells.push_back(full.rows[r][static_cast<std::size_t>(c)]);
    t.add_row(full.keys[r], std::move(cells));
  }
  return t;
}

// ---- 3. One measure's progress reports -----------------------------------------------------
TextTable measure_reports_table(const State& state, const MeasureRegistry& registry, std::uint8_t measure, const Catalog& catalog,
                                bool english, const std::function<std::string(Key)>& who) {
  TextTable t;
  t.add_column(std::string(catalog.text("measures.report.col.date")));
  t.add_column(std::string(catalog.text("measures.report.col.unit")), false, true);
  t.add_column(std::string(catalog.text("measures.report.col.status")), false, true);
  t.add_column(std::string(catalog.text("measures.report.col.note")), false, false, 2.5f);
  t.add_column(std::string(catalog.text("measures.report.col.who")));
  std::vector<const ProgressReport*> reports;
  for (const auto& p : state.progress_reports().rows())
    if (p.measure == measure) reports.push_back(&p);
  // newest first, as measure_progress picks the latest: by date, then by clock
  std::sort(reports.begin(), reports.end(), [&](const ProgressReport* a, const ProgressReport* b) {
    if (a->date != b->date) return b->date < a->date;
    return state.created_before(b->stamp, b->key, a->stamp, a->key);
  });
  for (const ProgressReport* p : reports)
    t.add_row(p->key, {p->date.iso(), unit_name(registry, p->unit, english),
                       std::string(catalog.text(term_key(terms_measure_status(), static_cast<std::uint8_t>(p->status)))), p->note,
                       who ? who(p->key) : std::string()});
  return t;
}

}  // namespace hearth
