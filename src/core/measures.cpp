#include "measures.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "assets.hpp"
#include "state.hpp"
#include "text.hpp"

namespace hearth {

namespace {
std::runtime_error bad(const char* file, std::size_t line, const std::string& what) {
  return std::runtime_error(std::string(file) + " line " + std::to_string(line) + ": " + what);
}
}  // namespace

bool Measure::involves(std::string_view unit) const {
  return lead == unit || std::find(co_units.begin(), co_units.end(), unit) != co_units.end();
}

bool Measure::open_to(std::string_view unit) const { return involves(unit) || (and_others && unit == "townships"); }

MeasureRegistry MeasureRegistry::parse(std::string_view measures_tsv, std::string_view units_tsv) {
  MeasureRegistry r;
  for_each_data_line(units_tsv, [&](std::size_t n, std::string_view line) {
    auto cells = split(line, '\t');
    if (cells.size() != 3) throw bad("units.tsv", n, "expected code, name_zh, name_en");
    if (r.unit(cells[0])) throw bad("units.tsv", n, "duplicate unit " + std::string(cells[0]));
    r.units_.push_back({std::string(cells[0]), std::string(cells[1]), std::string(cells[2])});
  });
  for_each_data_line(measures_tsv, [&](std::size_t n, std::string_view line) {
    auto cells = split(line, '\t');
    if (cells.size() != 7) throw bad("measures.tsv", n, "expected 7 columns");
    Measure m;
    unsigned number = 0, group = 0;
    std::from_chars(cells[0].data(), cells[0].data() + cells[0].size(), number);
    std::from_chars(cells[1].data(), cells[1].data() + cells[1].size(), group);
    if (number != r.measures_.size() + 1) throw bad("measures.tsv", n, "measures must be numbered 1, 2, 3… in order");
    m.number = static_cast<std::uint8_t>(number);
    m.group = static_cast<std::uint8_t>(group);
    m.title_zh = cells[2];
    m.title_en = cells[3];
    m.lead = cells[4];
    if (cells[5] != "-")
      for (auto u : split(cells[5], ',')) m.co_units.emplace_back(u);
    m.and_others = cells[6] == "1";
    if (!r.unit(m.lead)) throw bad("measures.tsv", n, "unknown unit " + m.lead);
    for (const auto& u : m.co_units)
      if (!r.unit(u)) throw bad("measures.tsv", n, "unknown unit " + u);
    r.measures_.push_back(std::move(m));
  });
  return r;
}

const MeasureRegistry& MeasureRegistry::builtin() {
  static const MeasureRegistry registry = parse(assets::measures_tsv(), assets::units_tsv());
  return registry;
}

const Measure* MeasureRegistry::measure(std::uint8_t number) const {
  return number >= 1 && number <= measures_.size() ? &measures_[number - 1u] : nullptr;
}

const ResponsibleUnit* MeasureRegistry::unit(std::string_view code) const {
  for (const auto& u : units_)
    if (u.code == code) return &u;
  return nullptr;
}

std::vector<MeasureProgress> measure_progress(const State& state, const MeasureRegistry& registry) {
  std::vector<MeasureProgress> out;
  for (const auto& m : registry.measures()) out.push_back({&m, MeasureStatus::NotStarted, nullptr, 0});
  for (const auto& p : state.progress_reports().rows()) {
    if (p.measure < 1 || p.measure > out.size()) continue;
    MeasureProgress& mp = out[p.measure - 1u];
    ++mp.reports;
    const bool later = !mp.report || mp.report->date < p.date ||
                       (mp.report->date == p.date && state.created_before(mp.report->stamp, mp.report->key, p.stamp, p.key));
    if (later) {
      mp.report = &p;
      mp.status = p.status;
    }
  }
  return out;
}

}  // namespace hearth
