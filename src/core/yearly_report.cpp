// Index
//   1. Years
//   2. Standing and titles
//   3. Dashboard figures
//   4. The records behind a figure
//   5. Supervision summary
//   6. The yearly report: escaping, SVG charts, sections
#include "yearly_report.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <unordered_set>

#include "catalog.hpp"
#include "measures.hpp"
#include "programme.hpp"
#include "resident_id.hpp"
#include "state.hpp"
#include "township.hpp"

namespace hearth {

namespace {
std::string str(std::int64_t v) { return std::to_string(v); }
bool is_money(const std::string& kpi_key) { return kpi_key == "rule.kpi.revenue"; }
const char* standing_name(Standing s) {
  switch (s) {
    case Standing::Met: return "met";
    case Standing::Near: return "near";
    case Standing::Behind: return "behind";
    case Standing::NoTarget: break;
  }
  return "none";
}
const char* standing_key(Standing s) {
  switch (s) {
    case Standing::Met: return "report.standing.met";
    case Standing::Near: return "report.standing.near";
    case Standing::Behind: return "report.standing.behind";
    case Standing::NoTarget: break;
  }
  return "report.standing.none";
}
std::string township_name(std::uint32_t code, bool english) {
  const Township* t = kaizhou_townships().find(code);
  if (!t) return str(code);
  return english ? t->name_en : t->name_zh;
}
}  // namespace

// ---- 1. Years -----------------------------------------------------------------------------
std::vector<std::int32_t> programme_years(const ProgrammeConfig& c) {
  std::vector<std::int32_t> out;
  const std::int32_t first = (c.start.month == 1 && c.start.day == 1) ? c.start.year : c.start.year + 1;
  for (std::int32_t y = first; y <= c.end.year; ++y) out.push_back(y);
  if (out.empty()) out.push_back(c.end.year);
  return out;
}

std::int32_t default_report_year(const State& s, const ProgrammeConfig& c, const Date& today) {
  std::set<std::int32_t> with_data;
  for (const EmploymentSpell& sp : s.spells().rows()) with_data.insert(sp.hired.year);
  for (const Completion& k : s.completions().rows()) with_data.insert(k.date.year);
  for (const ServicePoint& p : s.service_points().rows()) with_data.insert(p.opened.year);
  for (const Complaint& k : s.complaints().rows()) with_data.insert(k.received.year);
  const auto years = programme_years(c);
  for (auto it = years.rbegin(); it != years.rend(); ++it) {
    if (*it > today.year) continue;
    bool revenue = false;
    for (const Enterprise& e : s.enterprises().rows())
      if (s.revenue(e.key, static_cast<std::uint16_t>(*it))) revenue = true;
    if (with_data.contains(*it) || revenue) return *it;
  }
  return years.front();
}

// ---- 2. Standing and titles ---------------------------------------------------------------
Standing standing(std::int64_t actual, std::int64_t target) {
  if (target <= 0) return Standing::NoTarget;
  if (actual >= target) return Standing::Met;
  if (actual * 100 >= target * kNearPercent) return Standing::Near;
  return Standing::Behind;
}

Standing standing(const Kpi& k) {
  if (is_money(k.key)) return k.target > 0 ? (k.met ? Standing::Met : Standing::Behind) : Standing::NoTarget;
  return standing(k.actual, k.target);
}

std::int64_t percent_of_target(std::int64_t actual, std::int64_t target) { return target > 0 ? actual * 100 / target : 0; }

std::string figure_text(const std::string& kpi_key, std::int64_t value) { return is_money(kpi_key) ? format_yuan(value) : str(value); }

std::string kpi_title(const Kpi& k, const Catalog& catalog, bool english) {
  std::vector<std::string> args = k.args;
  if (k.key == "rule.kpi.service_points_township" && !args.empty()) {
    char* end = nullptr;
    const auto code = static_cast<std::uint32_t>(std::strtoul(args[0].c_str(), &end, 10));
    args[0] = township_name(code, english);
    return catalog.format("report.kpi.service_points_township", args);
  }
  return catalog.format(k.key, args);
}

bool kpi_by_township(const std::string& key) {
  static const std::set<std::string> keys{"rule.kpi.new_employment",   "rule.kpi.training_year",        "rule.kpi.training_cumulative",
                                          "rule.kpi.service_points",   "rule.kpi.large_enterprises",    "rule.kpi.education_integrated",
                                          "rule.kpi.leading_groups",   "rule.kpi.vocational_majors",    "rule.kpi.revenue"};
  return keys.contains(key);
}

const Kpi* find_kpi(const std::vector<Kpi>& kpis, const std::string& key) {
  for (const Kpi& k : kpis)
    if (k.key == key) return &k;
  return nullptr;
}

// ---- 3. Dashboard figures -----------------------------------------------------------------
std::map<std::string, std::vector<TownshipFigure>> kpis_by_township(const State& s, std::int32_t year, const ProgrammeConfig& c,
                                                                    const MeasureRegistry& measures) {
  // One pass: the district's evidence split by the township of each record, which is what
  // programme_kpis(year, township) counts for each township (a test holds them equal), without
  // scanning the whole ledger forty times.
  const auto& townships = kaizhou_townships().all();
  const auto n = static_cast<std::int64_t>(townships.size());
  std::unordered_map<Key, std::int64_t> revenue_amount;  // revenue figure → amount
  std::unordered_map<Key, std::uint32_t> revenue_township;
  for (const Enterprise& e : s.enterprises().rows())
    if (const RevenueFigure* r = s.revenue(e.key, static_cast<std::uint16_t>(year)))
      revenue_amount[r->key] = r->amount_fen, revenue_township[r->key] = e.details.township;
  auto township_of = [&](const std::string& key, Key k) -> std::uint32_t {
    if (key == "rule.kpi.new_employment") {
      const EmploymentSpell* sp = s.spells().find(k);
      const Worker* w = sp ? s.workers().find(sp->worker) : nullptr;
      return w ? w->details.township : 0;
    }
    if (key == "rule.kpi.training_year" || key == "rule.kpi.training_cumulative") {
      const Completion* done = s.completions().find(k);
      const Worker* w = done ? s.workers().find(done->worker) : nullptr;
      return w ? w->details.township : 0;
    }
    if (key == "rule.kpi.service_points") {
      const ServicePoint* p = s.service_points().find(k);
      return p ? p->township : 0;
    }
    if (key == "rule.kpi.revenue") {
      const auto it = revenue_township.find(k);
      return it == revenue_township.end() ? 0 : it->second;
    }
    const Enterprise* e = s.enterprises().find(k);
    return e ? e->details.township : 0;
  };
  std::map<std::string, std::vector<TownshipFigure>> out;
  for (const Kpi& k : programme_kpis(s, year, 0, c, measures)) {
    if (!kpi_by_township(k.key) || out.contains(k.key)) continue;
    const std::int64_t target = is_money(k.key) ? 0 : k.target;
    // a target is shared out only when every township can carry at least one of it
    const std::int64_t share = n > 0 && target >= n ? (target + n - 1) / n : 0;
    std::unordered_map<std::uint32_t, std::size_t> row;
    auto& figures = out[k.key];
    for (const Township& t : townships) {
      row[t.code] = figures.size();
      figures.push_back({t.code, 0, share, false, {}});
    }
    for (const Key e : k.evidence) {
      const auto it = row.find(township_of(k.key, e));
      if (it == row.end()) continue;
      TownshipFigure& f = figures[it->second];
      f.actual += is_money(k.key) ? revenue_amount[e] : 1;
      f.evidence.push_back(e);
    }
    for (TownshipFigure& f : figures) f.behind = share > 0 && f.actual < share;
  }
  for (auto& [key, figures] : out)
    std::stable_sort(figures.begin(), figures.end(), [](const TownshipFigure& a, const TownshipFigure& b) {
      return a.actual != b.actual ? a.actual > b.actual : a.township < b.township;
    });
  return out;
}

DashboardFigures dashboard_figures(const State& s, std::int32_t year, std::uint32_t township, const ProgrammeConfig& c,
                                   const MeasureRegistry& measures) {
  DashboardFigures f;
  f.year = year;
  f.township = township;
  f.kpis = programme_kpis(s, year, township, c, measures);
  f.by_township = kpis_by_township(s, year, c, measures);
  for (const std::int32_t y : programme_years(c)) {
    const auto kpis = y == year ? f.kpis : programme_kpis(s, y, township, c, measures);
    for (const Kpi& k : kpis) {
      if (!kpi_by_township(k.key)) continue;
      KpiSeries& series = f.over_years[k.key];
      series.key = k.key;
      series.years.push_back(y);
      series.actual.push_back(k.actual);
      series.target.push_back(k.target);
    }
  }
  return f;
}

// ---- 4. The records behind a figure ------------------------------------------------------
RecordsBehind records_behind(const State& s, const std::string& kpi_key, const std::vector<Key>& evidence, std::int32_t year) {
  RecordsBehind out;
  std::unordered_set<Key> seen;
  auto add = [&](Key k) {
    if (k != kNoKey && seen.insert(k).second) out.keys.push_back(k);
  };
  if (kpi_key == "rule.kpi.new_employment") {
    out.area = RecordsArea::Workers;
    for (Key k : evidence)
      if (const EmploymentSpell* sp = s.spells().find(k)) add(sp->worker);
  } else if (kpi_key == "rule.kpi.training_year" || kpi_key == "rule.kpi.training_cumulative") {
    out.area = RecordsArea::Workers;
    for (Key k : evidence)
      if (const Completion* c = s.completions().find(k)) add(c->worker);
  } else if (kpi_key == "rule.kpi.service_points" || kpi_key == "rule.kpi.service_points_township") {
    out.area = RecordsArea::ServicePoints;
    for (Key k : evidence) add(k);
  } else if (kpi_key == "rule.kpi.revenue") {
    out.area = RecordsArea::Enterprises;
    const std::unordered_set<Key> figures(evidence.begin(), evidence.end());
    std::unordered_map<Key, Key> enterprise_of;  // revenue figure → enterprise
    for (const Enterprise& e : s.enterprises().rows())
      if (const RevenueFigure* r = s.revenue(e.key, static_cast<std::uint16_t>(year)); r && figures.contains(r->key)) enterprise_of[r->key] = e.key;
    for (Key k : evidence)
      if (const auto it = enterprise_of.find(k); it != enterprise_of.end()) add(it->second);
  } else if (kpi_key == "rule.kpi.measures") {
    // the measures done (the figure counts them), as the measures table keys its rows: by number
    out.area = RecordsArea::Measures;
    for (Key k : evidence)
      if (const ProgressReport* r = s.progress_reports().find(k); r && r->status == MeasureStatus::Done) add(static_cast<Key>(r->measure));
  } else {  // enterprise counts
    out.area = RecordsArea::Enterprises;
    for (Key k : evidence) add(k);
  }
  return out;
}

// ---- 5. Supervision summary ---------------------------------------------------------------
SupervisionSummary supervision_summary(const State& s, std::int32_t year, const ProgrammeConfig& c) {
  SupervisionSummary out;
  const Date end{year, 12, 31};
  for (const Complaint& k : s.complaints().rows()) {
    if (k.received.year == year) ++out.complaints_received;
    const ComplaintClosure* closed = s.closure_of(k.key);
    if (closed && closed->date.year == year) ++out.closed[closed->outcome];
    if (k.received <= end && (!closed || closed->date > end)) ++out.open_at_year_end;
  }
  for (const CreditEvent& e : s.credit_events().rows())
    if (e.date.year == year) ++out.credit_events[e.kind];
  for (const Enterprise& e : s.enterprises().rows()) {
    if (s.is_duplicate(e)) continue;
    const CreditRating r = rate_credit(s, e.key, end, c);
    ++out.enterprise_grades[r.grade];
    if (r.joint_punishment) out.joint_punishment.push_back(e.key);
  }
  for (const Worker& w : s.workers().rows()) {
    if (s.is_duplicate(w)) continue;
    const CreditRating r = rate_credit(s, w.key, end, c);
    ++out.worker_grades[r.grade];
    if (r.joint_punishment) out.joint_punishment.push_back(w.key);
  }
  return out;
}

// ---- 6. The yearly report -----------------------------------------------------------------
std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(ch);
    }
  }
  return out;
}

std::string yearly_report_file_name(const Catalog& catalog, std::int32_t year) {
  return catalog.format("report.file_name", {str(year)});
}

namespace {

const char* kColourMet = "#2e7d32";
const char* kColourNear = "#f9a825";
const char* kColourBehind = "#c62828";
const char* kColourNone = "#607d8b";
const char* colour(Standing s) {
  switch (s) {
    case Standing::Met: return kColourMet;
    case Standing::Near: return kColourNear;
    case Standing::Behind: return kColourBehind;
    case Standing::NoTarget: break;
  }
  return kColourNone;
}

// The report's own CSS: system fonts only (the reader's machine has a Chinese one), A4 pages,
// rows and figures never split across a page.
const char* kStyle = R"CSS(
*{box-sizing:border-box}
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;color:#1d2733;margin:0 auto;max-width:190mm;padding:12mm 0;font-size:10.5pt;line-height:1.5}
h1{font-size:18pt;text-align:center;margin:0 0 2mm}
.subtitle{text-align:center;color:#51606f;margin:0 0 6mm}
h2{font-size:13pt;border-bottom:2px solid #1d5b8f;padding-bottom:1mm;margin:8mm 0 3mm;break-after:avoid}
h3{font-size:11pt;margin:5mm 0 2mm;break-after:avoid}
table{border-collapse:collapse;width:100%;margin:2mm 0 4mm}
th,td{border:1px solid #b8c2cc;padding:1.2mm 2mm;vertical-align:top}
th{background:#eef3f8;text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
td.n{white-space:nowrap}
tr,figure,.summary{break-inside:avoid;page-break-inside:avoid}
thead{display:table-header-group}
figure{margin:2mm 0 5mm}
figcaption{color:#51606f;font-size:9pt}
svg{width:100%;height:auto;display:block}
.met{color:#2e7d32;font-weight:bold}.near{color:#a66d00;font-weight:bold}.behind{color:#c62828;font-weight:bold}.none{color:#607d8b}
tr.behind-row td{background:#fdecea}
td.behind-cell{background:#fdecea;color:#c62828}
td.met,td.near,td.behind,td.none{white-space:nowrap}
.note{color:#51606f;font-size:9pt}
.summary{display:flex;flex-wrap:wrap;gap:3mm;margin:2mm 0 4mm}
.summary div{border:1px solid #b8c2cc;border-radius:2mm;padding:2mm 3mm;min-width:40mm}
.summary b{display:block;font-size:14pt}
@page{size:A4;margin:15mm 12mm}
@media print{body{padding:0;max-width:none}a{color:inherit;text-decoration:none}}
)CSS";

std::string svg_text(double x, double y, const std::string& text, const char* anchor = "start", const char* extra = "") {
  char head[160];
  std::snprintf(head, sizeof head, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" %s>", x, y, anchor, extra);
  return head + html_escape(text) + "</text>";
}
std::string svg_rect(double x, double y, double w, double h, const char* fill) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>", x, y, std::max(0.0, w), h, fill);
  return buf;
}

// Each KPI with a target as a bar of its percentage (the 100 % line marked), coloured by
// standing; its title above the bar, so long titles are never cut.
std::string svg_progress(const std::vector<std::pair<std::string, const Kpi*>>& rows, const Catalog& tr) {
  const double bar_w = 560, row_h = 34, width = 720;
  const double height = row_h * static_cast<double>(rows.size()) + 22;
  std::string out = "<svg viewBox=\"0 0 " + str(static_cast<std::int64_t>(width)) + " " + str(static_cast<std::int64_t>(height)) +
                    "\" role=\"img\" font-size=\"11\">";
  double y = 2;
  for (const auto& [title, k] : rows) {
    const Standing st = standing(*k);
    const double pct = static_cast<double>(std::min<std::int64_t>(100, percent_of_target(k->actual, k->target)));
    out += svg_text(0, y + 11, title);
    out += svg_rect(0, y + 15, bar_w, 12, "#e8edf2");
    out += svg_rect(0, y + 15, bar_w * pct / 100.0, 12, colour(st));
    out += svg_text(bar_w + 8, y + 25, figure_text(k->key, k->actual) + " / " + figure_text(k->key, k->target) + " (" +
                                          str(percent_of_target(k->actual, k->target)) + "%)");
    y += row_h;
  }
  out += "<line x1=\"" + str(static_cast<std::int64_t>(bar_w)) + "\" y1=\"0\" x2=\"" + str(static_cast<std::int64_t>(bar_w)) + "\" y2=\"" +
         str(static_cast<std::int64_t>(y)) + "\" stroke=\"#1d2733\" stroke-dasharray=\"3,2\"/>";
  out += svg_text(bar_w, y + 14, tr.format("report.chart.full_target"), "middle", "fill=\"#51606f\"");
  return out + "</svg>";
}

// One KPI's figures by township, vertical bars largest first; those behind their share in red.
std::string svg_townships(const std::vector<TownshipFigure>& figures, const std::string& kpi_key, bool english) {
  const double left = english ? 80 : 50, top = 16, plot_h = 150, bar = 16, gap = 4;  // room for the first rotated name
  const double width = left + (bar + gap) * static_cast<double>(figures.size()) + 10;
  const double label_h = english ? 110 : 80;
  const double height = top + plot_h + label_h;
  std::int64_t max = 1;
  std::int64_t share = 0;
  for (const auto& f : figures) max = std::max({max, f.actual, f.share}), share = f.share;
  std::string out = "<svg viewBox=\"0 0 " + str(static_cast<std::int64_t>(width)) + " " +
                    str(static_cast<std::int64_t>(height)) + "\" role=\"img\" font-size=\"10\">";
  out += "<line x1=\"" + str(static_cast<std::int64_t>(left)) + "\" y1=\"" + str(static_cast<std::int64_t>(top + plot_h)) + "\" x2=\"" +
         str(static_cast<std::int64_t>(width)) + "\" y2=\"" + str(static_cast<std::int64_t>(top + plot_h)) + "\" stroke=\"#1d2733\"/>";
  out += svg_text(left - 4, top + 4, figure_text(kpi_key, max), "end");
  out += svg_text(left - 4, top + plot_h, "0", "end");
  double x = left + gap;
  for (const auto& f : figures) {
    const double h = plot_h * static_cast<double>(f.actual) / static_cast<double>(max);
    out += svg_rect(x, top + plot_h - h, bar, h, f.behind ? kColourBehind : (f.share > 0 ? kColourMet : "#1d5b8f"));
    if (!is_money(kpi_key)) out += svg_text(x + bar / 2, top + plot_h - h - 2, str(f.actual), "middle");
    char rot[120];
    std::snprintf(rot, sizeof rot, "transform=\"rotate(-60 %.1f %.1f)\"", x + bar / 2, top + plot_h + 10);
    out += svg_text(x + bar / 2, top + plot_h + 10, township_name(f.township, english), "end", rot);
    x += bar + gap;
  }
  if (share > 0) {
    const double y = top + plot_h - plot_h * static_cast<double>(share) / static_cast<double>(max);
    char buf[200];
    std::snprintf(buf, sizeof buf, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#c62828\" stroke-dasharray=\"4,3\"/>", left, y, width, y);
    out += buf;
  }
  return out + "</svg>";
}

// Series over the years: actual as a solid line with its points, target dashed.
std::string svg_lines(const std::vector<const KpiSeries*>& series, const Catalog& tr, const std::vector<std::string>& titles) {
  static const char* palette[] = {"#1d5b8f", "#2e7d32", "#8e44ad", "#c0392b"};
  const double left = 50, top = 14, plot_w = 420, plot_h = 160, width = 720;
  const double height = top + plot_h + 30;
  std::int64_t max = 1;
  std::size_t years = 0;
  for (const auto* s : series) {
    years = std::max(years, s->years.size());
    for (auto v : s->actual) max = std::max(max, v);
    for (auto v : s->target) max = std::max(max, v);
  }
  std::string out = "<svg viewBox=\"0 0 " + str(static_cast<std::int64_t>(width)) + " " +
                    str(static_cast<std::int64_t>(height)) + "\" role=\"img\" font-size=\"11\">";
  out += svg_rect(left, top, plot_w, plot_h, "#f7f9fb");
  out += svg_text(left - 4, top + 4, str(max), "end");
  out += svg_text(left - 4, top + plot_h, "0", "end");
  auto px = [&](std::size_t i) { return left + (years <= 1 ? plot_w / 2 : plot_w * static_cast<double>(i) / static_cast<double>(years - 1)); };
  auto py = [&](std::int64_t v) { return top + plot_h - plot_h * static_cast<double>(v) / static_cast<double>(max); };
  if (!series.empty())
    for (std::size_t i = 0; i < series[0]->years.size(); ++i) out += svg_text(px(i), top + plot_h + 16, str(series[0]->years[i]), "middle");
  for (std::size_t n = 0; n < series.size(); ++n) {
    const KpiSeries& s = *series[n];
    const char* c = palette[n % 4];
    std::string actual, target;
    for (std::size_t i = 0; i < s.years.size(); ++i) {
      char pt[64];
      std::snprintf(pt, sizeof pt, "%.1f,%.1f ", px(i), py(s.actual[i]));
      actual += pt;
      std::snprintf(pt, sizeof pt, "%.1f,%.1f ", px(i), py(s.target[i]));
      target += pt;
    }
    out += std::string("<polyline fill=\"none\" stroke=\"") + c + "\" stroke-width=\"2\" points=\"" + actual + "\"/>";
    out += std::string("<polyline fill=\"none\" stroke=\"") + c + "\" stroke-dasharray=\"5,3\" points=\"" + target + "\"/>";
    for (std::size_t i = 0; i < s.years.size(); ++i) {
      char dot[140];
      std::snprintf(dot, sizeof dot, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>", px(i), py(s.actual[i]), c);
      out += dot;
      out += svg_text(px(i) + 4, py(s.actual[i]) - 5, str(s.actual[i]));
    }
    const double ly = top + 12 + 34 * static_cast<double>(n);
    out += svg_rect(left + plot_w + 16, ly - 8, 12, 3, c);
    out += svg_text(left + plot_w + 32, ly - 3, n < titles.size() ? titles[n] : s.key);
    out += svg_text(left + plot_w + 32, ly + 12, tr.format("report.chart.dashed_target"), "start", "fill=\"#51606f\" font-size=\"9\"");
  }
  return out + "</svg>";
}

struct Html {
  std::string out;
  const Catalog& tr;
  void raw(std::string_view s) { out += s; }
  void text(std::string_view s) { out += html_escape(s); }
  void t(const char* key, const std::vector<std::string>& args = {}) { out += html_escape(tr.format(key, args)); }
  void cell(std::string_view s, bool number = false, const std::string& attributes = {}) {
    out += std::string(number ? "<td class=\"n\"" : "<td") + (attributes.empty() ? "" : " " + attributes) + ">";
    text(s);
    out += "</td>";
  }
  void head(const char* key, bool number = false) {
    out += number ? "<th class=\"n\">" : "<th>";
    t(key);
    out += "</th>";
  }
};

}  // namespace

std::string yearly_report_html(const State& s, std::int32_t year, const ProgrammeConfig& c, const MeasureRegistry& measures,
                               const Catalog& tr, bool english, const Date& generated) {
  const DashboardFigures f = dashboard_figures(s, year, 0, c, measures);
  Html h{{}, tr};
  h.raw(std::string("<!DOCTYPE html>\n<html lang=\"") + (english ? "en" : "zh-CN") + "\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
  h.t("report.html.title", {str(year)});
  h.raw("</title>\n<style>");
  h.raw(kStyle);
  h.raw("</style>\n</head>\n<body>\n<h1>");
  h.t("report.html.title", {str(year)});
  h.raw("</h1>\n<p class=\"subtitle\">");
  h.t("report.html.subtitle", {c.name, generated.iso()});
  h.raw("</p>\n");

  // 一、目标完成情况
  h.raw("<h2>");
  h.t("report.html.section.targets");
  h.raw("</h2>\n<table id=\"targets\"><thead><tr>");
  h.head("report.col.kpi");
  h.head("report.col.target", true);
  h.head("report.col.actual", true);
  h.head("report.col.percent", true);
  h.head("report.col.standing");
  h.raw("</tr></thead><tbody>\n");
  std::vector<std::pair<std::string, const Kpi*>> chart_rows;
  for (const Kpi& k : f.kpis) {
    const Standing st = standing(k);
    const std::string title = kpi_title(k, tr, english);
    h.raw(std::string("<tr data-kpi=\"") + html_escape(k.key) + "\" data-actual=\"" + str(k.actual) + "\" data-target=\"" + str(k.target) +
          "\"" + (st == Standing::Behind ? " class=\"behind-row\"" : "") + ">");
    h.cell(title);
    h.cell(k.key == "rule.kpi.revenue" ? tr.format("report.previous_year", {format_yuan(k.target)}) : (k.target > 0 ? figure_text(k.key, k.target) : "—"), true);
    h.cell(figure_text(k.key, k.actual), true);
    h.cell(k.target > 0 && !is_money(k.key) ? str(percent_of_target(k.actual, k.target)) + "%" : "—", true);
    h.raw(std::string("<td class=\"") + standing_name(st) + "\">");
    h.t(standing_key(st));
    h.raw("</td></tr>\n");
    if (k.target > 0 && !is_money(k.key)) chart_rows.emplace_back(title, &k);
  }
  h.raw("</tbody></table>\n<figure>");
  h.raw(svg_progress(chart_rows, tr));
  h.raw("<figcaption>");
  h.t("report.html.caption.targets", {str(kNearPercent)});
  h.raw("</figcaption></figure>\n");

  // 二、分镇乡街道
  h.raw("<h2>");
  h.t("report.html.section.townships");
  h.raw("</h2>\n");
  static const char* kTownshipColumns[] = {"rule.kpi.new_employment", "rule.kpi.training_year", "rule.kpi.training_cumulative",
                                           "rule.kpi.service_points", "rule.kpi.revenue"};
  for (const char* key : {"rule.kpi.new_employment", "rule.kpi.training_year"}) {
    const auto it = f.by_township.find(key);
    if (it == f.by_township.end()) continue;
    const Kpi* k = find_kpi(f.kpis, key);
    h.raw("<figure>");
    h.raw(svg_townships(it->second, key, english));
    h.raw("<figcaption>");
    h.text(k ? kpi_title(*k, tr, english) : key);
    if (!it->second.empty() && it->second.front().share > 0) {
      h.text(" · ");
      h.t("report.html.caption.share", {str(it->second.front().share)});
    }
    h.raw("</figcaption></figure>\n");
  }
  h.raw("<table id=\"townships\"><thead><tr>");
  h.head("report.col.township");
  for (const char* key : kTownshipColumns) {
    h.raw("<th class=\"n\">");
    h.t((std::string("report.col.") + (std::string(key).substr(9))).c_str());
    h.raw("</th>");
  }
  h.raw("</tr></thead><tbody>\n");
  for (const Township& t : kaizhou_townships().all()) {
    std::string cells;
    for (const char* key : kTownshipColumns) {
      const auto it = f.by_township.find(key);
      std::int64_t v = 0;
      bool behind = false;
      if (it != f.by_township.end())
        for (const auto& tf : it->second)
          if (tf.township == t.code) v = tf.actual, behind = tf.behind;
      cells += std::string("<td class=\"n") + (behind ? " behind-cell" : "") + "\" data-kpi=\"" + key + "\">" + figure_text(key, v) + "</td>";
    }
    h.raw("<tr data-township=\"" + str(t.code) + "\">");
    h.cell(english ? t.name_en : t.name_zh);
    h.raw(cells);
    h.raw("</tr>\n");
  }
  h.raw("</tbody></table>\n<p class=\"note\">");
  h.t("report.html.note.townships");
  h.raw("</p>\n");

  // 三、历年走势
  h.raw("<h2>");
  h.t("report.html.section.years");
  h.raw("</h2>\n");
  {
    // the years up to the report's: a report for 2021 is read before 2022 is over
    std::map<std::string, KpiSeries> upto;
    for (const auto& [key, series] : f.over_years) {
      KpiSeries& cut = upto[key];
      cut.key = key;
      for (std::size_t i = 0; i < series.years.size(); ++i)
        if (series.years[i] <= year)
          cut.years.push_back(series.years[i]), cut.actual.push_back(series.actual[i]), cut.target.push_back(series.target[i]);
    }
    std::vector<const KpiSeries*> lines;
    std::vector<std::string> titles;
    for (const char* key : {"rule.kpi.new_employment", "rule.kpi.training_year"})
      if (const auto it = upto.find(key); it != upto.end()) {
        lines.push_back(&it->second);
        titles.push_back(tr.format((std::string("report.col.") + std::string(key).substr(9)).c_str()));
      }
    h.raw("<figure>");
    h.raw(svg_lines(lines, tr, titles));
    h.raw("</figure>\n<table id=\"years\"><thead><tr>");
    h.head("report.col.kpi");
    for (const std::int32_t y : programme_years(c))
      if (y <= year) h.raw("<th class=\"n\">" + str(y) + "</th>");
    h.raw("</tr></thead><tbody>\n");
    for (const char* key : {"rule.kpi.new_employment", "rule.kpi.training_year", "rule.kpi.training_cumulative", "rule.kpi.revenue"}) {
      const auto it = upto.find(key);
      if (it == upto.end()) continue;
      h.raw("<tr>");
      h.cell(tr.format((std::string("report.col.") + std::string(key).substr(9)).c_str()));
      for (std::size_t i = 0; i < it->second.years.size(); ++i) {
        std::string v = figure_text(key, it->second.actual[i]);
        if (it->second.target[i] > 0 && !is_money(key)) v += " / " + figure_text(key, it->second.target[i]);
        h.cell(v, true, "data-year=\"" + str(it->second.years[i]) + "\"");
      }
      h.raw("</tr>\n");
    }
    h.raw("</tbody></table>\n<p class=\"note\">");
    h.t("report.html.note.years");
    h.raw("</p>\n");
  }

  // 四、重点举措
  h.raw("<h2>");
  h.t("report.html.section.measures");
  h.raw("</h2>\n");
  {
    const auto progress = measure_progress(s, measures);
    std::array<std::int64_t, 4> by_status{};
    for (const auto& mp : progress) ++by_status[static_cast<std::size_t>(mp.status)];
    h.raw("<div class=\"summary\" id=\"measures-summary\">");
    for (const Term& term : terms_measure_status()) {
      h.raw("<div>");
      h.text(tr.format(term.key));
      h.raw("<b>" + str(by_status[term.value]) + "</b></div>");
    }
    h.raw("</div>\n<table id=\"measures\"><thead><tr>");
    h.head("report.col.measure_number", true);
    h.head("report.col.measure");
    h.head("report.col.lead_unit");
    h.head("report.col.status");
    h.head("report.col.latest_report");
    h.raw("</tr></thead><tbody>\n");
    for (const auto& mp : progress) {
      const Measure& m = *mp.measure;
      const ResponsibleUnit* lead = measures.unit(m.lead);
      h.raw("<tr data-measure=\"" + str(m.number) + "\">");
      h.cell(str(m.number), true);
      h.cell(english ? m.title_en : m.title_zh);
      h.cell(lead ? (english ? lead->name_en : lead->name_zh) : m.lead);
      h.raw(std::string("<td class=\"") + (mp.status == MeasureStatus::Done ? "met" : mp.status == MeasureStatus::Behind ? "behind" : "none") + "\">");
      h.text(tr.format(term_key(terms_measure_status(), static_cast<std::uint8_t>(mp.status))));
      h.raw("</td><td>");
      if (mp.report) {
        const ResponsibleUnit* by = measures.unit(mp.report->unit);
        h.text(mp.report->date.iso() + " " + (by ? (english ? by->name_en : by->name_zh) : mp.report->unit));
        if (!mp.report->note.empty()) {
          h.raw("<br><span class=\"note\">");
          h.text(mp.report->note);
          h.raw("</span>");
        }
      } else {
        h.raw("—");
      }
      h.raw("</td></tr>\n");
    }
    h.raw("</tbody></table>\n");
  }

  // 五、投诉与信用监管
  h.raw("<h2>");
  h.t("report.html.section.supervision");
  h.raw("</h2>\n");
  {
    const SupervisionSummary sup = supervision_summary(s, year, c);
    h.raw("<div class=\"summary\" id=\"supervision-summary\"><div>");
    h.t("report.html.complaints_received", {str(year)});
    h.raw("<b data-figure=\"complaints_received\">" + str(sup.complaints_received) + "</b></div><div>");
    std::int64_t closed = 0;
    for (const auto& [o, n] : sup.closed) closed += n;
    h.t("report.html.complaints_closed", {str(year)});
    h.raw("<b data-figure=\"complaints_closed\">" + str(closed) + "</b></div><div>");
    h.t("report.html.complaints_open", {str(year)});
    h.raw("<b data-figure=\"complaints_open\">" + str(sup.open_at_year_end) + "</b></div><div>");
    h.t("report.html.joint_punishment");
    h.raw("<b data-figure=\"joint_punishment\">" + str(static_cast<std::int64_t>(sup.joint_punishment.size())) + "</b></div></div>\n");

    h.raw("<h3>");
    h.t("report.html.outcomes");
    h.raw("</h3>\n<table id=\"outcomes\"><thead><tr>");
    h.head("report.col.outcome");
    h.head("report.col.count", true);
    h.raw("</tr></thead><tbody>\n");
    for (const Term& term : terms_complaint_outcome()) {
      const auto it = sup.closed.find(static_cast<ComplaintOutcome>(term.value));
      h.raw("<tr>");
      h.cell(tr.format(term.key));
      h.cell(str(it == sup.closed.end() ? 0 : it->second), true);
      h.raw("</tr>\n");
    }
    h.raw("</tbody></table>\n<h3>");
    h.t("report.html.grades", {Date{year, 12, 31}.iso()});
    h.raw("</h3>\n<table id=\"grades\"><thead><tr>");
    h.head("report.col.grade");
    h.head("report.col.enterprises", true);
    h.head("report.col.workers", true);
    h.raw("</tr></thead><tbody>\n");
    for (const CreditGrade& g : c.credit_grades) {
      const auto e = sup.enterprise_grades.find(g.grade);
      const auto w = sup.worker_grades.find(g.grade);
      h.raw("<tr>");
      h.cell(tr.format("report.grade", {std::string(1, g.grade), str(g.min_score)}));
      h.cell(str(e == sup.enterprise_grades.end() ? 0 : e->second), true);
      h.cell(str(w == sup.worker_grades.end() ? 0 : w->second), true);
      h.raw("</tr>\n");
    }
    h.raw("</tbody></table>\n<h3>");
    h.t("report.html.credit_events", {str(year)});
    h.raw("</h3>\n<table id=\"credit-events\"><thead><tr>");
    h.head("report.col.credit_kind");
    h.head("report.col.count", true);
    h.raw("</tr></thead><tbody>\n");
    for (const Term& term : terms_credit_kind()) {
      const auto it = sup.credit_events.find(static_cast<CreditKind>(term.value));
      h.raw("<tr>");
      h.cell(tr.format(term.key));
      h.cell(str(it == sup.credit_events.end() ? 0 : it->second), true);
      h.raw("</tr>\n");
    }
    h.raw("</tbody></table>\n<h3>");
    h.t("report.html.joint_list");
    h.raw("</h3>\n");
    if (sup.joint_punishment.empty()) {
      h.raw("<p class=\"note\">");
      h.t("report.html.joint_list_empty");
      h.raw("</p>\n");
    } else {
      h.raw("<table id=\"joint-list\"><thead><tr>");
      h.head("report.col.name");
      h.head("report.col.identifier");
      h.head("report.col.township");
      h.raw("</tr></thead><tbody>\n");
      for (Key k : sup.joint_punishment) {
        h.raw("<tr>");
        if (const Worker* w = s.workers().find(k)) {
          h.cell(w->name());
          h.cell(ResidentId::mask(w->resident_id));  // a report travels: ID numbers masked
          h.cell(township_name(w->details.township, english));
        } else if (const Enterprise* e = s.enterprises().find(k)) {
          h.cell(e->name());
          h.cell(e->credit_code);
          h.cell(township_name(e->details.township, english));
        }
        h.raw("</tr>\n");
      }
      h.raw("</tbody></table>\n");
    }
  }
  h.raw("<p class=\"note\">");
  h.t("report.html.footer", {generated.iso()});
  h.raw("</p>\n</body>\n</html>\n");
  return std::move(h.out);
}

}  // namespace hearth
