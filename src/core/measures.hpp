// The 29 key measures (重点举措) of the seed document with their responsible units (责任单位),
// shipped as data (assets/measures.tsv, assets/units.tsv), and each measure's status as the
// latest progress report says.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain.hpp"
#include "records.hpp"

namespace hearth {

class State;

struct ResponsibleUnit {
  std::string code;  // e.g. "commerce"
  std::string name_zh, name_en;
};

struct Measure {
  std::uint8_t number = 0;  // 1–29
  std::uint8_t group = 0;   // sub-section of 三, 1–7
  std::string title_zh, title_en;
  std::string lead;                   // unit code
  std::vector<std::string> co_units;  // unit codes, in the document's order
  bool and_others = false;            // the list ends with 等
  bool involves(std::string_view unit) const;
  // Whether `unit` may report progress on this measure: a unit it names; or the towns and
  // streets (有关镇乡街道) when its list ends in 等. The document names them on no measure's
  // list, yet makes them members of the joint meeting (四(一)) that deliver policies and funds
  // with the finance bureau (四(三)), and 等 leaves a list open; measure 10 gives 镇街 a task
  // in its text. Reporting is not responsibility: the report says which unit wrote it.
  bool open_to(std::string_view unit) const;
};

class MeasureRegistry {
 public:
  // Parses both files; throws std::runtime_error naming the file and line.
  static MeasureRegistry parse(std::string_view measures_tsv, std::string_view units_tsv);
  static const MeasureRegistry& builtin();

  const std::vector<Measure>& measures() const { return measures_; }
  const std::vector<ResponsibleUnit>& units() const { return units_; }
  const Measure* measure(std::uint8_t number) const;
  const ResponsibleUnit* unit(std::string_view code) const;

 private:
  std::vector<Measure> measures_;
  std::vector<ResponsibleUnit> units_;
};

// A measure's status: the latest report (by date, then clock) from any of its units; not
// started if none. `report` is that report, or nullptr.
struct MeasureProgress {
  const Measure* measure = nullptr;
  MeasureStatus status = MeasureStatus::NotStarted;
  const ProgressReport* report = nullptr;
  std::uint32_t reports = 0;
};
std::vector<MeasureProgress> measure_progress(const State& state, const MeasureRegistry& registry);

}  // namespace hearth
