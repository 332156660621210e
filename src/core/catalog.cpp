#include "catalog.hpp"

#include <stdexcept>

#include "assets.hpp"
#include "text.hpp"

namespace hearth {

Catalog Catalog::parse(std::string_view tsv, std::string_view file) {
  Catalog c;
  for_each_data_line(tsv, [&](std::size_t line_no, std::string_view line) {
    const auto tab = line.find('\t');
    if (tab == std::string_view::npos || tab == 0)
      throw std::runtime_error(std::string(file) + " line " + std::to_string(line_no) + ": expected key<TAB>text");
    std::string text;
    for (std::size_t i = tab + 1; i < line.size(); ++i) {
      if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == 'n') {
        text.push_back('\n');
        ++i;
      } else {
        text.push_back(line[i]);
      }
    }
    if (!c.entries_.emplace(std::string(line.substr(0, tab)), std::move(text)).second)
      throw std::runtime_error(std::string(file) + " line " + std::to_string(line_no) + ": duplicate key");
  });
  return c;
}

void Catalog::merge(const Catalog& other, std::string_view file) {
  for (const auto& [key, text] : other.entries_)
    if (!entries_.emplace(key, text).second) throw std::runtime_error(std::string(file) + ": key " + key + " is already defined");
}

namespace {
Catalog load(std::string_view language) {
  Catalog all;
  for (const auto& f : assets::catalog_files(language)) all.merge(Catalog::parse(f.text, f.name), f.name);
  return all;
}
}  // namespace

const Catalog& Catalog::builtin(std::string_view language) {
  static const Catalog zh = load("zh-CN");
  static const Catalog en = load("en");
  return language == "en" ? en : zh;
}

std::string_view Catalog::text(std::string_view key) const {
  const auto it = entries_.find(std::string(key));
  return it == entries_.end() ? key : std::string_view(it->second);
}

std::string Catalog::format(std::string_view key, const std::vector<std::string>& args) const {
  const std::string_view t = text(key);
  std::string out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '{' && i + 2 < t.size() && t[i + 1] >= '0' && t[i + 1] <= '9' && t[i + 2] == '}') {
      const auto n = static_cast<std::size_t>(t[i + 1] - '0');
      if (n < args.size()) {
        // An argument that is itself a catalog key ("term.…", "rule.…") is shown translated.
        const std::string& a = args[n];
        const bool is_key = (a.starts_with("term.") || a.starts_with("rule.")) && has(a);
        out += is_key ? format(a, {}) : a;  // its own placeholders are dropped
      }
      i += 2;
    } else {
      out.push_back(t[i]);
    }
  }
  return out;
}

}  // namespace hearth
