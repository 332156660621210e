// The programme's configuration: targets with their defaults from the seed document, and the
// weights and thresholds of every rule (assets/programme.tsv). Rules read it; none of these
// numbers lives in code, so a later programme period is a new file, not new code (the file is
// embedded at build time, so it takes a rebuild and redeploy of the static files).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "date.hpp"
#include "domain.hpp"

namespace hearth {

struct Phase {
  std::string key;  // launch / rollout / review → catalog "rule.phase.<key>"
  Date from, to;
};

struct CreditGrade {
  char grade = 'D';
  std::int32_t min_score = 0;
  std::int32_t inspection_months = 1;
};

struct AssessmentIndicator {
  std::uint16_t number = 0;
  std::string key;  // catalog key
  std::uint16_t max_points = 0;
};

struct ProgrammeConfig {
  std::string name;
  Date start, end;
  std::vector<Phase> phases;

  // Targets.
  std::int32_t new_employment_per_year = 0;
  std::int32_t training_per_year = 0;
  std::int32_t training_cumulative = 0;
  Date training_cumulative_by;
  std::int32_t service_points = 0;
  Date service_points_by;
  std::map<std::uint32_t, std::int32_t> service_points_by_township;
  std::int32_t large_enterprises = 0;
  std::int32_t education_integrated = 0;
  Date education_integrated_by;
  std::int32_t leading_groups = 0;
  std::int32_t vocational_majors = 0;
  std::map<std::int32_t, std::int64_t> internet_leader_revenue_fen;  // year → revenue above

  // 员工制.
  std::int64_t minimum_wage_fen = 0;
  std::int32_t contract_window_days = 0;
  std::int32_t training_window_days = 0;

  // Training.
  std::int32_t pass_score = 0;

  // Health.
  std::int32_t health_expiring_days = 0;
  std::int32_t health_max_validity_months = 0;

  // Credit.
  std::int32_t credit_start = 0;
  std::int32_t credit_window_months = 0;
  std::int32_t credit_complaint_upheld = 0;
  std::int32_t credit_complaint_partly_upheld = 0;
  std::map<std::uint8_t, std::int32_t> credit_violation;     // level → points
  std::int32_t credit_evaluation_low_stars = 0;
  std::int32_t credit_evaluation_low = 0;
  std::int32_t credit_evaluation_high = 0;
  std::int32_t credit_evaluation_cap = 0;
  std::int32_t credit_background_verified = 0;
  std::map<std::uint8_t, std::int32_t> credit_commendation;  // level → points
  std::int32_t credit_bonus_cap = 0;
  std::int32_t credit_assessment_failed = 0;
  std::vector<CreditGrade> credit_grades;  // best first
  std::string credit_xinyidai_grades;      // e.g. "A"

  // Subsidies.
  std::map<CourseType, std::int64_t> training_subsidy_fen;
  std::int64_t social_insurance_monthly_fen = 0;
  std::int32_t layoff_permille = 0;
  std::int32_t small_staff = 0;
  std::int32_t small_layoff_permille = 0;

  // Assessment and contracts.
  std::vector<AssessmentIndicator> indicators;
  std::int32_t assessment_pass_percent = 0;
  std::vector<std::string> model_texts;

  // Parses the TSV; throws std::runtime_error naming the line or the missing key.
  static ProgrammeConfig parse(std::string_view tsv);
  // The shipped defaults (assets/programme.tsv).
  static const ProgrammeConfig& builtin();

  const CreditGrade& grade_for(std::int32_t score) const;
  const AssessmentIndicator* indicator(std::uint16_t number) const;
};

// Money as people write it: "1234.5", "1,234.50", "¥1234" → fen; nullopt if not money.
std::optional<std::int64_t> parse_yuan(std::string_view text);
std::string format_yuan(std::int64_t fen);  // "1234.50"

}  // namespace hearth
