// Every user-facing text exists in both languages, with the same placeholders, and every
// catalog key the code uses is defined.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "assets.hpp"
#include "catalog.hpp"
#include "domain.hpp"
#include "programme.hpp"

using namespace hearth;

namespace {
std::set<std::string> placeholders(std::string_view text) {
  std::set<std::string> out;
  for (std::size_t i = 0; i + 2 < text.size(); ++i)
    if (text[i] == '{' && text[i + 2] == '}') out.insert(std::string(text.substr(i, 3)));
  return out;
}
}  // namespace

TEST_CASE("zh-CN and en catalogs have the same keys and placeholders", "[catalog]") {
  const Catalog& zh = Catalog::builtin("zh-CN");
  const Catalog& en = Catalog::builtin("en");
  CHECK(zh.entries().size() > 50);
  for (const auto& [key, text] : zh.entries()) {
    INFO(key);
    REQUIRE(en.has(key));
    CHECK(placeholders(text) == placeholders(en.text(key)));
  }
  for (const auto& [key, text] : en.entries()) {
    INFO(key);
    CHECK(zh.has(key));
  }
  CHECK(Catalog::builtin("fr").text("app.title") == zh.text("app.title"));  // unknown language → default
}

TEST_CASE("catalog lookup and formatting", "[catalog]") {
  const Catalog c = Catalog::parse("# comment\na.b\t共 {0} 人，{1}\nmulti\tone\\ntwo\n");
  CHECK(c.format("a.b", {"3", "好"}) == "共 3 人，好");
  CHECK(c.text("multi") == "one\ntwo");
  CHECK(c.text("missing.key") == "missing.key");  // visible, so the gap is noticed
  CHECK_THROWS_WITH(Catalog::parse("k\tv\nk\tw\n"), Catch::Contains("line 2"));
  CHECK_THROWS_WITH(Catalog::parse("no tab here\n"), Catch::Contains("line 1"));
}

TEST_CASE("every catalog key named in the sources exists", "[catalog]") {
  namespace fs = std::filesystem;
  const fs::path root = HEARTH_SOURCE_DIR;
  const Catalog& zh = Catalog::builtin("zh-CN");
  // Any "area.name…" string literal in C++ and JS sources whose first part is a part the
  // catalog uses ("err", "app", "workers", "enterprises"…), so a new area is covered at once.
  std::set<std::string> areas;
  for (const auto& [key, text] : zh.entries()) areas.insert(key.substr(0, key.find('.')));
  const std::regex key_literal(R"re(["'`]([a-z]+\.[a-z0-9_.]+)["'`])re");
  std::size_t seen = 0;
  for (const char* dir : {"src", "web", "shell"}) {
    if (!fs::exists(root / dir)) continue;
    for (const auto& f : fs::recursive_directory_iterator(root / dir)) {
      const auto ext = f.path().extension();
      if (ext != ".cpp" && ext != ".hpp" && ext != ".js" && ext != ".html") continue;
      std::ifstream in(f.path());
      std::stringstream ss;
      ss << in.rdbuf();
      const std::string text = ss.str();
      for (std::sregex_iterator it(text.begin(), text.end(), key_literal), end; it != end; ++it) {
        const std::string key = (*it)[1];
        if (!areas.contains(key.substr(0, key.find('.')))) continue;
        if (key.back() == '.' || key.back() == '_') continue;  // a prefix, completed at run time ("err.store." + kind)
        if (key.ends_with(".hpp") || key.ends_with(".cpp")) continue;  // #include "township.hpp"
        if (key.ends_with(".tsv")) continue;                            // a data file's name ("measures.tsv line 3")
        INFO(f.path().string() << ": " << key);
        CHECK(zh.has(key));
        ++seen;
      }
    }
  }
  CHECK(seen > 20);
}

TEST_CASE("every vocabulary term and configured indicator has its text", "[catalog]") {
  const Catalog& zh = Catalog::builtin("zh-CN");
  for (auto terms : {terms_employment_form(), terms_social_insurance(), terms_occupation(), terms_skill_level(), terms_employment_end(),
                     terms_special_group(), terms_award(), terms_service_kind(), terms_enterprise_flag(), terms_course_type(),
                     terms_training_programme(), terms_health_category(), terms_health_item(), terms_rest_arrangement(),
                     terms_complaint_channel(), terms_mediator(), terms_complaint_outcome(), terms_credit_kind(), terms_identity_method(),
                     terms_measure_status()})
    for (const Term& t : terms) {
      INFO(t.key);
      CHECK(zh.has(std::string(t.key)));
    }
  for (const auto& ind : ProgrammeConfig::builtin().indicators) {
    INFO(ind.key);
    CHECK(zh.has(ind.key));
  }
  for (const auto& p : ProgrammeConfig::builtin().phases) CHECK(zh.has("rule.phase." + p.key));
}
