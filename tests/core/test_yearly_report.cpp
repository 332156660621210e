// The dashboard's figures and the yearly report: years, standing, townships that add up to the
// district, the records behind a figure, and an HTML report that carries the core's figures,
// escapes what people typed and reaches for nothing outside itself.
#include <catch2/catch.hpp>

#include <regex>

#include "catalog.hpp"
#include "measures.hpp"
#include "scenario.hpp"
#include "synthetic.hpp"
#include "township.hpp"
#include "yearly_report.hpp"

using namespace hearth;
using namespace hearth::test;

namespace {
const ProgrammeConfig& cfg() { return ProgrammeConfig::builtin(); }
const MeasureRegistry& reg() { return MeasureRegistry::builtin(); }

// A district from the generator, small enough for a test.
const Workspace& demo_district() {
  static Workspace ws = [] {
    Workspace w(DeviceId{0x52});
    generate_district(w, 20201222, DistrictScale::divided_by(500));
    return w;
  }();
  return ws;
}
}  // namespace

TEST_CASE("programme years are the full years — the default year is the latest with data, not today's", "[report]") {
  CHECK(programme_years(cfg()) == std::vector<std::int32_t>{2020, 2021, 2022});
  Scenario s;
  CHECK(default_report_year(s.state(), cfg(), kToday) == 2020);  // nothing recorded: the first year
  const RecordId e = s.enterprise(), w = s.worker();
  s.hire(w, e, "2021-03-01");
  CHECK(default_report_year(s.state(), cfg(), kToday) == 2021);
  CHECK(default_report_year(s.state(), cfg(), Date{2020, 6, 1}) == 2020);  // not a year still to come
  CHECK(default_report_year(demo_district().state(), cfg(), kToday) == 2022);
}

TEST_CASE("standing: met, near (80%), behind — revenue against the previous year", "[report]") {
  CHECK(standing(500, 500) == Standing::Met);
  CHECK(standing(400, 500) == Standing::Near);
  CHECK(standing(399, 500) == Standing::Behind);
  CHECK(standing(3, 0) == Standing::NoTarget);
  CHECK(percent_of_target(250, 500) == 50);
  Kpi revenue{"rule.kpi.revenue", 120, 100, true, {}, {}};
  CHECK(standing(revenue) == Standing::Met);
  revenue.met = false;
  CHECK(standing(revenue) == Standing::Behind);
}

TEST_CASE("a township's KPI title names the township, in each language", "[report]") {
  const Kpi k{"rule.kpi.service_points_township", 1, 2, false, {"500154001", "2020-06-30"}, {}};
  CHECK(kpi_title(k, Catalog::builtin("zh-CN"), false).find("汉丰街道") != std::string::npos);
  CHECK(kpi_title(k, Catalog::builtin("en"), true).find("Hanfeng") != std::string::npos);
}

TEST_CASE("by township: 40 figures that add up to the district's, largest first, those below their share behind", "[report]") {
  const State& st = demo_district().state();
  for (const std::int32_t year : programme_years(cfg())) {
    const DashboardFigures f = dashboard_figures(st, year, 0, cfg(), reg());
    for (const char* key : {"rule.kpi.new_employment", "rule.kpi.training_year", "rule.kpi.training_cumulative", "rule.kpi.service_points",
                            "rule.kpi.large_enterprises", "rule.kpi.revenue"}) {
      INFO(year << " " << key);
      const auto& figures = f.by_township.at(key);
      REQUIRE(figures.size() == kaizhou_townships().all().size());
      std::int64_t sum = 0;
      for (std::size_t i = 0; i < figures.size(); ++i) {
        sum += figures[i].actual;
        if (i > 0) CHECK(figures[i - 1].actual >= figures[i].actual);
        CHECK(figures[i].behind == (figures[i].share > 0 && figures[i].actual < figures[i].share));
      }
      CHECK(sum == find_kpi(f.kpis, key)->actual);
    }
    // each township's figure is what programme_kpis counts for that township alone, records and all
    for (const std::uint32_t code : {500154001u, 500154003u, 500154120u, 500154206u}) {
      const auto own = programme_kpis(st, year, code, cfg(), reg());
      for (const auto& [key, figures] : f.by_township) {
        INFO(year << " " << code << " " << key);
        const auto it = std::find_if(figures.begin(), figures.end(), [&](const TownshipFigure& t) { return t.township == code; });
        REQUIRE(it != figures.end());
        CHECK(it->actual == find_kpi(own, key)->actual);
        if (key != "rule.kpi.revenue") CHECK(it->evidence == find_kpi(own, key)->evidence);
      }
    }
    // new employment: 500 a year shared by 40 townships → 13 each
    CHECK(f.by_township.at("rule.kpi.new_employment").front().share == 13);
    CHECK(f.by_township.at("rule.kpi.large_enterprises").front().share == 0);  // 2 cannot be shared by 40
    // over the years: the series holds the year's own figure
    const KpiSeries& series = f.over_years.at("rule.kpi.new_employment");
    CHECK(series.years == programme_years(cfg()));
    const auto at = std::find(series.years.begin(), series.years.end(), year) - series.years.begin();
    CHECK(series.actual[static_cast<std::size_t>(at)] == find_kpi(f.kpis, "rule.kpi.new_employment")->actual);
  }
  // one township's dashboard: its own figures, no targets
  const std::uint32_t hanfeng = 500154001;
  const DashboardFigures one = dashboard_figures(st, 2021, hanfeng, cfg(), reg());
  const DashboardFigures all = dashboard_figures(st, 2021, 0, cfg(), reg());
  const auto& bars = all.by_township.at("rule.kpi.new_employment");
  const auto bar = std::find_if(bars.begin(), bars.end(), [&](const TownshipFigure& t) { return t.township == hanfeng; });
  CHECK(find_kpi(one.kpis, "rule.kpi.new_employment")->actual == bar->actual);
  CHECK(find_kpi(one.kpis, "rule.kpi.new_employment")->target == 0);
}

TEST_CASE("the records behind a figure are the rows of the register that lists them", "[report]") {
  Scenario s;
  const RecordId a = s.enterprise(), b = s.enterprise("91500154MA5U7X3D0");
  const RecordId w1 = s.worker(), w2 = s.worker("50015419910101123");
  s.hire(w1, a, "2021-05-01");
  s.hire(w2, b, "2021-06-01");
  const RecordId course = s.course();
  const RecordId session = s.session(course, "2021-04-01");
  s.complete(session, w1, "2021-04-02");
  const auto point = s.ok(OpenServicePoint{"滨湖社区", 500154001u, a, bit(ServiceKind::Childcare), "2020-05-01", true});
  s.ok(ReportRevenue{b, "2021", "1000000.00"});
  const auto kpis = programme_kpis(s.state(), 2021, 0, cfg(), reg());

  const auto employment = records_behind(s.state(), "rule.kpi.new_employment", find_kpi(kpis, "rule.kpi.new_employment")->evidence, 2021);
  CHECK(employment.area == RecordsArea::Workers);
  CHECK(employment.keys == std::vector<Key>{s.key(w1), s.key(w2)});
  const auto training = records_behind(s.state(), "rule.kpi.training_year", find_kpi(kpis, "rule.kpi.training_year")->evidence, 2021);
  CHECK(training.keys == std::vector<Key>{s.key(w1)});
  const auto points = records_behind(s.state(), "rule.kpi.service_points", find_kpi(kpis, "rule.kpi.service_points")->evidence, 2021);
  CHECK(points.area == RecordsArea::ServicePoints);
  CHECK(points.keys == std::vector<Key>{s.key(point)});
  const auto revenue = records_behind(s.state(), "rule.kpi.revenue", find_kpi(kpis, "rule.kpi.revenue")->evidence, 2021);
  CHECK(revenue.area == RecordsArea::Enterprises);
  CHECK(revenue.keys == std::vector<Key>{s.key(b)});

  s.ok(ReportProgress{7, "hrss", "2021-06-01", MeasureStatus::Done, "完成"});
  s.ok(ReportProgress{8, "hrss", "2021-06-01", MeasureStatus::InProgress, "推进中"});
  const auto after = programme_kpis(s.state(), 2021, 0, cfg(), reg());
  const auto measures = records_behind(s.state(), "rule.kpi.measures", find_kpi(after, "rule.kpi.measures")->evidence, 2021);
  CHECK(measures.area == RecordsArea::Measures);
  CHECK(measures.keys == std::vector<Key>{7});  // the done one, by its number
}

TEST_CASE("supervision summary: complaints in the year, grades at its end, the joint-punishment list", "[report]") {
  Scenario s;
  const RecordId e = s.enterprise(), w = s.worker();
  const RecordId k = s.ok(FileComplaint{ComplaintChannel::Hotline12315, "2021-03-01", "王五", "13700001111", e, w, 500154001, "迟到早退"});
  s.ok(CloseComplaint{k, "2021-04-01", ComplaintOutcome::Upheld, "属实"});
  s.ok(FileComplaint{ComplaintChannel::Hotline12315, "2021-12-01", "赵六", "13700002222", e, {}, 500154001, "未签合同"});
  s.ok(RecordCreditEvent{w, CreditKind::Violation, "2021-05-01", 3, "严重失信"});
  const SupervisionSummary sum = supervision_summary(s.state(), 2021, cfg());
  CHECK(sum.complaints_received == 2);
  CHECK(sum.closed.at(ComplaintOutcome::Upheld) == 1);
  CHECK(sum.open_at_year_end == 1);
  CHECK(sum.credit_events.at(CreditKind::Violation) == 1);
  CHECK(sum.joint_punishment == std::vector<Key>{s.key(w)});
  CHECK(sum.worker_grades.at('D') == 1);
}

TEST_CASE("the yearly report carries each KPI as the core computes it, escaped, self-contained, for A4", "[report]") {
  const State& st = demo_district().state();
  const Catalog& zh = Catalog::builtin("zh-CN");
  for (const std::int32_t year : {2021, 2022}) {
    const std::string html = yearly_report_html(st, year, cfg(), reg(), zh, false, kToday);
    INFO(year);
    for (const Kpi& k : programme_kpis(st, year, 0, cfg(), reg())) {
      INFO(k.key);
      const std::string row = "data-kpi=\"" + k.key + "\" data-actual=\"" + std::to_string(k.actual) + "\" data-target=\"" + std::to_string(k.target) + "\"";
      CHECK(html.find(row) != std::string::npos);
      CHECK(html.find(html_escape(kpi_title(k, zh, false))) != std::string::npos);
    }
    CHECK(html.find("开州区家政服务业提质扩容 " + std::to_string(year) + " 年度工作报告") != std::string::npos);
    CHECK(html.find("@page{size:A4") != std::string::npos);
    CHECK(html.find("break-inside:avoid") != std::string::npos);
    CHECK(html.find("<svg") != std::string::npos);
    CHECK(html.find("http://") == std::string::npos);
    CHECK(html.find("https://") == std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("<link") == std::string::npos);
    CHECK(html.find("<img") == std::string::npos);
    CHECK(html.find("@import") == std::string::npos);
    CHECK(html.find("url(") == std::string::npos);
    // the 29 measures, each with its row
    for (const Measure& m : reg().measures()) CHECK(html.find("data-measure=\"" + std::to_string(m.number) + "\"") != std::string::npos);
    // every township has its row
    for (const Township& t : kaizhou_townships().all()) CHECK(html.find("data-township=\"" + std::to_string(t.code) + "\"") != std::string::npos);
  }
  CHECK(yearly_report_file_name(zh, 2021) == "开州区家政服务业年度报告-2021.html");
  // over the years: up to the report's year, not after it
  const std::string y2020 = yearly_report_html(st, 2020, cfg(), reg(), zh, false, kToday);
  CHECK(y2020.find("data-year=\"2020\"") != std::string::npos);
  CHECK(y2020.find("data-year=\"2021\"") == std::string::npos);
  const std::string y2022 = yearly_report_html(st, 2022, cfg(), reg(), zh, false, kToday);
  for (const char* y : {"2020", "2021", "2022"}) CHECK(y2022.find(std::string("data-year=\"") + y + "\"") != std::string::npos);
  // English is complete too
  const std::string en = yearly_report_html(st, 2021, cfg(), reg(), Catalog::builtin("en"), true, kToday);
  CHECK(en.find("report.") == std::string::npos);  // no raw catalog keys
  CHECK(en.find("Hanfeng Street") != std::string::npos);
  const std::string zh_html = yearly_report_html(st, 2021, cfg(), reg(), zh, false, kToday);
  CHECK(zh_html.find(">report.") == std::string::npos);
  CHECK(zh_html.find(">rule.") == std::string::npos);
}

TEST_CASE("text people typed cannot inject markup into the report", "[report]") {
  Scenario s;
  // a person's name with markup is refused at the door…
  RegisterWorker evil{"<script>alert(1)</script>", with_check("50015419900101123"), "13812345678", 500154001};
  const auto refused = s.refused(evil);
  CHECK(std::find(refused.begin(), refused.end(), "err.name.characters") != refused.end());
  // …but enterprise names, notes and facts are free text: the report escapes them
  RegisterEnterprise e;
  e.credit_code = "91500154MA5U7X3C0" + std::string(1, CreditCode::check_character("91500154MA5U7X3C0"));
  e.name = "<script>alert(1)</script>家政";
  e.legal_representative = "李四";
  e.contact_mobile = "13900001111";
  e.address = "汉丰街道滨湖路1号";
  e.township = 500154001;
  e.services = bit(ServiceKind::Housekeeping);
  const auto decision = s.ws.decide(e, s.now);
  const bool accepted = decision.accepted();
  const RecordId ent = accepted ? s.ok(e) : s.enterprise();
  const RecordId w = s.worker();
  s.ok(RecordCreditEvent{w, CreditKind::Violation, "2021-05-01", 3, "\"><img src=x onerror=alert(2)>"});
  s.ok(RecordCreditEvent{ent, CreditKind::Violation, "2021-05-01", 3, "严重失信"});
  s.ok(ReportProgress{7, "hrss", "2021-06-01", MeasureStatus::InProgress, "<b>粗体</b> & \"引号\" <script>x</script>"});
  const std::string html = yearly_report_html(s.state(), 2021, cfg(), reg(), Catalog::builtin("zh-CN"), false, kToday);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<b>粗体") == std::string::npos);
  CHECK(html.find("&lt;b&gt;粗体&lt;/b&gt; &amp; &quot;引号&quot; &lt;script&gt;x&lt;/script&gt;") != std::string::npos);
  if (accepted) CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;家政") != std::string::npos);  // on the joint-punishment list, escaped
  CHECK(html.find("张三") != std::string::npos);                 // the worker on the list…
  CHECK(html.find("50015419900101123") == std::string::npos);   // …with the ID number masked: a report travels
  CHECK(html.find("500154********") != std::string::npos);
  CHECK(html_escape("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#39;");
}
