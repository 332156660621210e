#include "programme.hpp"

#include <charconv>
#include <optional>
#include <stdexcept>

#include "assets.hpp"
#include "text.hpp"

namespace hearth {

namespace {
struct Entry {
  std::size_t line;
  std::vector<std::string_view> values;
};

class Reader {
 public:
  explicit Reader(std::string_view tsv) {
    for_each_data_line(tsv, [&](std::size_t n, std::string_view line) {
      auto cells = split(line, '\t');
      const std::string key(cells.front());
      cells.erase(cells.begin());
      entries_[key].push_back({n, std::move(cells)});
    });
  }
  const std::vector<Entry>& all(const std::string& key) const {
    const auto it = entries_.find(key);
    if (it == entries_.end()) throw std::runtime_error("programme configuration: missing key " + key);
    return it->second;
  }
  const Entry& one(const std::string& key, std::size_t arity = 1) const {
    const auto& list = all(key);
    if (list.size() != 1) throw fail(list[1].line, key + " given more than once");
    check(list[0], key, arity);
    return list[0];
  }
  static void check(const Entry& e, const std::string& key, std::size_t arity) {
    if (e.values.size() != arity) throw fail(e.line, key + " needs " + std::to_string(arity) + " value(s)");
  }
  static std::runtime_error fail(std::size_t line, const std::string& what) {
    return std::runtime_error("programme configuration line " + std::to_string(line) + ": " + what);
  }
  static std::int64_t integer(const Entry& e, std::size_t i) {
    std::int64_t v = 0;
    const auto s = e.values[i];
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size()) throw fail(e.line, "not a whole number: " + std::string(s));
    return v;
  }
  static Date date(const Entry& e, std::size_t i) {
    const auto d = Date::parse_iso(e.values[i]);
    if (!d) throw fail(e.line, "not a date (YYYY-MM-DD): " + std::string(e.values[i]));
    return *d;
  }
  static std::int64_t money(const Entry& e, std::size_t i) {
    const auto v = parse_yuan(e.values[i]);
    if (!v) throw fail(e.line, "not an amount in yuan: " + std::string(e.values[i]));
    return *v;
  }
  std::int32_t int_of(const std::string& key) const { return static_cast<std::int32_t>(integer(one(key), 0)); }
  Date date_of(const std::string& key) const { return date(one(key), 0); }

 private:
  std::map<std::string, std::vector<Entry>> entries_;
};

std::optional<CourseType> course_type_named(std::string_view s) {
  if (s == "pre_job") return CourseType::PreJob;
  if (s == "refresher") return CourseType::Refresher;
  if (s == "skill_upgrade") return CourseType::SkillUpgrade;
  if (s == "manager") return CourseType::Manager;
  return std::nullopt;
}
}  // namespace

std::optional<std::int64_t> parse_yuan(std::string_view text) {
  std::string s = fold_fullwidth(trim(text));
  if (s.starts_with("¥")) s.erase(0, std::string_view("¥").size());
  else if (s.starts_with("￥")) s.erase(0, std::string_view("￥").size());
  std::string digits;
  for (char c : s)
    if (c != ',' && c != ' ') digits += c;
  if (digits.empty() || digits.size() > 15) return std::nullopt;
  std::int64_t yuan = 0, fen = 0;
  const auto dot = digits.find('.');
  const std::string whole = digits.substr(0, dot);
  const std::string frac = dot == std::string::npos ? "" : digits.substr(dot + 1);
  if (whole.empty() || frac.size() > 2 || (dot != std::string::npos && frac.empty())) return std::nullopt;
  for (char c : whole) {
    if (c < '0' || c > '9') return std::nullopt;
    yuan = yuan * 10 + (c - '0');
  }
  for (std::size_t i = 0; i < 2; ++i) {
    const char c = i < frac.size() ? frac[i] : '0';
    if (c < '0' || c > '9') return std::nullopt;
    fen = fen * 10 + (c - '0');
  }
  return yuan * 100 + fen;
}

std::string format_yuan(std::int64_t fen) {
  const bool negative = fen < 0;
  const std::uint64_t v = negative ? static_cast<std::uint64_t>(-fen) : static_cast<std::uint64_t>(fen);
  std::string cents = std::to_string(v % 100);
  if (cents.size() < 2) cents.insert(0, "0");
  return (negative ? "-" : "") + std::to_string(v / 100) + "." + cents;
}

ProgrammeConfig ProgrammeConfig::parse(std::string_view tsv) {
  const Reader r(tsv);
  ProgrammeConfig c;
  c.name = std::string(r.one("programme.name").values[0]);
  c.start = r.date_of("programme.start");
  c.end = r.date_of("programme.end");
  for (const auto& e : r.all("phase")) {
    Reader::check(e, "phase", 3);
    c.phases.push_back({std::string(e.values[0]), Reader::date(e, 1), Reader::date(e, 2)});
  }
  c.new_employment_per_year = r.int_of("target.new_employment.per_year");
  c.training_per_year = r.int_of("target.training.per_year");
  {
    const auto& e = r.one("target.training.cumulative", 2);
    c.training_cumulative = static_cast<std::int32_t>(Reader::integer(e, 0));
    c.training_cumulative_by = Reader::date(e, 1);
  }
  {
    const auto& e = r.one("target.service_points", 2);
    c.service_points = static_cast<std::int32_t>(Reader::integer(e, 0));
    c.service_points_by = Reader::date(e, 1);
  }
  for (const auto& e : r.all("target.service_points.township")) {
    Reader::check(e, "target.service_points.township", 2);
    c.service_points_by_township[static_cast<std::uint32_t>(Reader::integer(e, 0))] = static_cast<std::int32_t>(Reader::integer(e, 1));
  }
  c.large_enterprises = r.int_of("target.large_enterprises");
  {
    const auto& e = r.one("target.education_integrated", 2);
    c.education_integrated = static_cast<std::int32_t>(Reader::integer(e, 0));
    c.education_integrated_by = Reader::date(e, 1);
  }
  c.leading_groups = r.int_of("target.leading_groups");
  c.vocational_majors = r.int_of("target.vocational_majors");
  for (const auto& e : r.all("target.internet_leader")) {
    Reader::check(e, "target.internet_leader", 2);
    c.internet_leader_revenue_fen[static_cast<std::int32_t>(Reader::integer(e, 0))] = Reader::money(e, 1);
  }
  c.minimum_wage_fen = Reader::money(r.one("employee_based.minimum_wage"), 0);
  c.contract_window_days = r.int_of("employee_based.contract_window_days");
  c.training_window_days = r.int_of("employee_based.training_window_days");
  c.pass_score = r.int_of("training.pass_score");
  c.health_expiring_days = r.int_of("health.expiring_days");
  c.health_max_validity_months = r.int_of("health.max_validity_months");
  c.credit_start = r.int_of("credit.start");
  c.credit_window_months = r.int_of("credit.window_months");
  c.credit_complaint_upheld = r.int_of("credit.complaint.upheld");
  c.credit_complaint_partly_upheld = r.int_of("credit.complaint.partly_upheld");
  for (const auto& e : r.all("credit.violation")) {
    Reader::check(e, "credit.violation", 2);
    c.credit_violation[static_cast<std::uint8_t>(Reader::integer(e, 0))] = static_cast<std::int32_t>(Reader::integer(e, 1));
  }
  c.credit_evaluation_low_stars = r.int_of("credit.evaluation.low_stars");
  c.credit_evaluation_low = r.int_of("credit.evaluation.low");
  c.credit_evaluation_high = r.int_of("credit.evaluation.high");
  c.credit_evaluation_cap = r.int_of("credit.evaluation.cap");
  c.credit_background_verified = r.int_of("credit.background_verified");
  for (const auto& e : r.all("credit.commendation")) {
    Reader::check(e, "credit.commendation", 2);
    c.credit_commendation[static_cast<std::uint8_t>(Reader::integer(e, 0))] = static_cast<std::int32_t>(Reader::integer(e, 1));
  }
  c.credit_bonus_cap = r.int_of("credit.bonus_cap");
  c.credit_assessment_failed = r.int_of("credit.assessment_failed");
  for (const auto& e : r.all("credit.grade")) {
    Reader::check(e, "credit.grade", 3);
    if (e.values[0].size() != 1) throw Reader::fail(e.line, "a grade is one letter");
    c.credit_grades.push_back({e.values[0][0], static_cast<std::int32_t>(Reader::integer(e, 1)), static_cast<std::int32_t>(Reader::integer(e, 2))});
  }
  for (std::size_t i = 1; i < c.credit_grades.size(); ++i)
    if (c.credit_grades[i].min_score >= c.credit_grades[i - 1].min_score)
      throw std::runtime_error("programme configuration: credit.grade lines must go from best to worst");
  c.credit_xinyidai_grades = std::string(r.one("credit.xinyidai").values[0]);
  for (const auto& e : r.all("subsidy.training")) {
    Reader::check(e, "subsidy.training", 2);
    const auto type = course_type_named(e.values[0]);
    if (!type) throw Reader::fail(e.line, "unknown course type " + std::string(e.values[0]));
    c.training_subsidy_fen[*type] = Reader::money(e, 1);
  }
  c.social_insurance_monthly_fen = Reader::money(r.one("subsidy.social_insurance.monthly"), 0);
  c.layoff_permille = r.int_of("subsidy.job_retention.layoff_permille");
  c.small_staff = r.int_of("subsidy.job_retention.small_staff");
  c.small_layoff_permille = r.int_of("subsidy.job_retention.small_layoff_permille");
  for (const auto& e : r.all("assessment.indicator")) {
    Reader::check(e, "assessment.indicator", 3);
    c.indicators.push_back({static_cast<std::uint16_t>(Reader::integer(e, 0)), std::string(e.values[1]),
                            static_cast<std::uint16_t>(Reader::integer(e, 2))});
  }
  c.assessment_pass_percent = r.int_of("assessment.pass_percent");
  for (const auto& e : r.all("contract.model_text")) c.model_texts.emplace_back(e.values.at(0));
  if (c.credit_grades.empty() || c.credit_grades.back().min_score > 0)
    throw std::runtime_error("programme configuration: the last credit.grade must start at 0");
  return c;
}

const ProgrammeConfig& ProgrammeConfig::builtin() {
  static const ProgrammeConfig config = parse(assets::programme_tsv());
  return config;
}

const CreditGrade& ProgrammeConfig::grade_for(std::int32_t score) const {
  for (const auto& g : credit_grades)
    if (score >= g.min_score) return g;
  return credit_grades.back();
}

const AssessmentIndicator* ProgrammeConfig::indicator(std::uint16_t number) const {
  for (const auto& i : indicators)
    if (i.number == number) return &i;
  return nullptr;
}

}  // namespace hearth
