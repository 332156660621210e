// Index of this file
// 1. totals
// 2. the three lists (training, social insurance, 稳岗返还)
// 3. small texts
#include "subsidy_tables.hpp"

#include <cstdio>

#include "resident_id.hpp"
#include "state.hpp"
#include "township.hpp"

namespace hearth {

namespace {
std::string col(const Catalog& catalog, const char* key) { return std::string(catalog.text(key)); }

std::string township_name(std::uint32_t code, bool english) {
  const Township* t = kaizhou_townships().find(code);
  if (!t) return code ? std::to_string(code) : "—";
  return english ? t->name_en : t->name_zh;
}

std::string term_text(const Catalog& catalog, std::span<const Term> terms, std::uint8_t value) {
  const std::string_view key = term_key(terms, value);
  return key.empty() ? std::to_string(value) : std::string(catalog.text(key));
}

std::string id_text(const std::string& resident_id, bool full) { return full ? resident_id : ResidentId::mask(resident_id); }

std::string verdict_text(const Verdict& v, const Catalog& catalog) {
  return col(catalog, v.held() ? "subsidies.verdict.eligible" : "subsidies.verdict.ineligible");
}

void add_line(SubsidyList& list, Key key, std::vector<std::string> cells, const SubsidyItem& item) {
  list.table.add_row(key, std::move(cells));
  list.amount_fen.push_back(item.amount_fen);
  list.eligible.push_back(item.why.held());
}
}  // namespace

// ---- 1. Totals -----------------------------------------------------------------------------
SubsidyTotals subsidy_totals(const SubsidyList& list, const std::vector<std::uint32_t>& rows) {
  SubsidyTotals t;
  for (std::uint32_t r : rows) {
    if (r >= list.amount_fen.size()) continue;
    ++t.lines;
    if (list.eligible[r]) ++t.eligible;
    t.amount_fen += list.amount_fen[r];
  }
  return t;
}

SubsidyTotals subsidy_totals(const SubsidyList& list) {
  std::vector<std::uint32_t> all(list.amount_fen.size());
  for (std::uint32_t i = 0; i < all.size(); ++i) all[i] = i;
  return subsidy_totals(list, all);
}

// ---- 2. The three lists --------------------------------------------------------------------
SubsidyList training_subsidy_list(const State& s, std::int32_t year, const ProgrammeConfig& c, const Catalog& catalog, bool english,
                                  bool full_ids) {
  SubsidyList list;
  list.kind = SubsidyKind::Training;
  TextTable& t = list.table;
  t.add_column(col(catalog, "subsidies.col.worker"), false, false, 0.7f);
  t.add_column(col(catalog, "subsidies.col.resident_id"), false, false, 2.0f);
  t.add_column(col(catalog, "subsidies.col.township"), false, true, 0.85f);
  t.add_column(col(catalog, "subsidies.col.course"), false, false, 1.3f);
  t.add_column(col(catalog, "subsidies.col.course_type"), false, true, 0.85f);
  t.add_column(col(catalog, "subsidies.col.completed"), false, false, 1.18f);
  t.add_column(col(catalog, "subsidies.col.certificate"), false, false, 1.1f);
  list.verdict_column = static_cast<int>(t.columns.size());
  t.add_column(col(catalog, "subsidies.col.verdict"), false, true, 0.65f);
  t.add_column(col(catalog, "subsidies.col.criteria"), false, false, 1.9f);
  list.amount_column = static_cast<int>(t.columns.size());
  t.add_column(col(catalog, "subsidies.col.amount"), true, false, 0.9f);
  for (const SubsidyItem& item : training_subsidies(s, year, c)) {
    const Completion* k = s.completions().find(item.record);
    const Worker* w = s.workers().find(item.subject);
    const Course* course = k ? s.courses().find(k->course) : nullptr;
    add_line(list, item.subject,
             {w ? w->name() : "—", w ? id_text(w->resident_id, full_ids) : "—", w ? township_name(w->details.township, english) : "—",
              course ? course->name : "—", course ? term_text(catalog, terms_course_type(), static_cast<std::uint8_t>(course->type)) : "—",
              k ? k->date.iso() : "—", k && !k->certificate.empty() ? k->certificate : "—", verdict_text(item.why, catalog),
              criteria_text(item.why, catalog), yuan_text(item.amount_fen)},
             item);
  }
  list.screen = select_columns(t, {0, 1, 2, 3, 4, 5, 7, 8, 9});  // the certificate is in the export
  return list;
}

SubsidyList social_insurance_subsidy_list(const State& s, std::int32_t year, const ProgrammeConfig& c, const Catalog& catalog,
                                          bool english, bool full_ids) {
  (void)english;
  SubsidyList list;
  list.kind = SubsidyKind::SocialInsurance;
  TextTable& t = list.table;
  t.add_column(col(catalog, "subsidies.col.enterprise"), false, false, 1.6f);
  t.add_column(col(catalog, "subsidies.col.worker"), false, false, 0.7f);
  t.add_column(col(catalog, "subsidies.col.resident_id"), false, false, 2.0f);
  t.add_column(col(catalog, "subsidies.col.target_group"), false, true, 1.1f);
  t.add_column(col(catalog, "subsidies.col.hired"), false, false, 1.18f);
  t.add_column(col(catalog, "subsidies.col.left"), false, false, 1.18f);
  t.add_column(col(catalog, "subsidies.col.months"), true, false, 0.7f);
  list.verdict_column = static_cast<int>(t.columns.size());
  t.add_column(col(catalog, "subsidies.col.verdict"), false, true, 0.65f);
  t.add_column(col(catalog, "subsidies.col.criteria"), false, false, 1.9f);
  list.amount_column = static_cast<int>(t.columns.size());
  t.add_column(col(catalog, "subsidies.col.amount"), true, false, 0.9f);
  for (const SubsidyItem& item : social_insurance_subsidies(s, year, c)) {
    const EmploymentSpell* sp = s.spells().find(item.record);
    const Enterprise* e = s.enterprises().find(item.subject);
    const Worker* w = sp ? s.workers().find(sp->worker) : nullptr;
    const SpellEnd* end = sp ? s.spell_end(sp->key) : nullptr;
    std::string group;
    if (w) {
      for (SpecialGroup g : {SpecialGroup::HardToEmploy, SpecialGroup::NewGraduate})
        if (has(w->details.special_groups, g)) {
          if (!group.empty()) group += catalog.text("subsidies.list_separator");
          group += term_text(catalog, terms_special_group(), static_cast<std::uint8_t>(g));
        }
    }
    add_line(list, item.subject,
             {e ? e->name() : "—", w ? w->name() : "—", w ? id_text(w->resident_id, full_ids) : "—", group.empty() ? "—" : group,
              sp ? sp->hired.iso() : "—", end ? end->left.iso() : "—", std::to_string(item.months), verdict_text(item.why, catalog),
              criteria_text(item.why, catalog), yuan_text(item.amount_fen)},
             item);
  }
  list.screen = select_columns(t, {0, 1, 2, 3, 4, 6, 7, 8, 9});  // the date left is in the export
  return list;
}

SubsidyList job_retention_list(const State& s, std::int32_t year, const ProgrammeConfig& c, const Catalog& catalog, bool english) {
  SubsidyList list;
  list.kind = SubsidyKind::JobRetention;
  TextTable& t = list.table;
  t.add_column(col(catalog, "subsidies.col.enterprise"), false, false, 2.2f);
  t.add_column(col(catalog, "subsidies.col.credit_code"), false, false, 2.0f);
  t.add_column(col(catalog, "subsidies.col.township"), false, true, 1.0f);
  t.add_column(col(catalog, "subsidies.col.staff"), true, false, 0.8f);
  t.add_column(col(catalog, "subsidies.col.laid_off"), true, false, 0.8f);
  list.verdict_column = static_cast<int>(t.columns.size());
  t.add_column(col(catalog, "subsidies.col.verdict"), false, true, 0.65f);
  t.add_column(col(catalog, "subsidies.col.criteria"), false, false, 1.9f);
  for (const Enterprise& e : s.enterprises().rows()) {
    if (s.is_duplicate(e)) continue;
    SubsidyItem item{e.key, e.key, 0, 0, job_retention_refund(s, e.key, year, c)};
    std::string staff = "—", laid_off = "—";
    if (const Criterion* rate = item.why.find("rule.subsidy.layoff_rate"); rate && rate->args.size() >= 2) {
      laid_off = rate->args[0];
      staff = rate->args[1];
    }
    add_line(list, e.key,
             {e.name(), e.credit_code, township_name(e.details.township, english), staff, laid_off, verdict_text(item.why, catalog),
              criteria_text(item.why, catalog)},
             item);
  }
  list.screen = t;
  return list;
}

SubsidyList subsidy_list(SubsidyKind kind, const State& s, std::int32_t year, const ProgrammeConfig& c, const Catalog& catalog,
                         bool english, bool full_ids) {
  switch (kind) {
    case SubsidyKind::Training: return training_subsidy_list(s, year, c, catalog, english, full_ids);
    case SubsidyKind::SocialInsurance: return social_insurance_subsidy_list(s, year, c, catalog, english, full_ids);
    case SubsidyKind::JobRetention: break;
  }
  return job_retention_list(s, year, c, catalog, english);
}

TextTable select_columns(const TextTable& t, const std::vector<int>& columns) {
  TextTable out;
  for (int c : columns) out.columns.push_back(t.columns[static_cast<std::size_t>(c)]);
  out.rows.reserve(t.size());
  for (std::size_t r = 0; r < t.size(); ++r) {
    std::vector<std::string> cells;
    cells.reserve(columns.size());
    for (int c : columns) cells.push_back(t.rows[r][static_cast<std::size_t>(c)]);
    out.add_row(t.keys[r], std::move(cells));
  }
  return out;
}

// ---- 3. Small texts ------------------------------------------------------------------------
std::string yuan_text(std::int64_t fen) {
  const bool negative = fen < 0;
  const std::uint64_t a = negative ? static_cast<std::uint64_t>(-(fen + 1)) + 1 : static_cast<std::uint64_t>(fen);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s%llu.%02llu", negative ? "-" : "", static_cast<unsigned long long>(a / 100),
                static_cast<unsigned long long>(a % 100));
  return buf;
}

std::string criteria_text(const Verdict& v, const Catalog& catalog) {
  const Criterion* failed = v.first_failed();
  if (!failed) return catalog.format("subsidies.criteria.all_held", {std::to_string(v.criteria.size())});
  std::size_t failures = 0;
  for (const auto& c : v.criteria) failures += c.held ? 0 : 1;
  const std::string what = catalog.format(failed->key, failed->args);
  if (failures == 1) return catalog.format("subsidies.criteria.failed", {what});
  return catalog.format("subsidies.criteria.failed_more", {what, std::to_string(failures - 1)});
}

}  // namespace hearth
