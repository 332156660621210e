// Translation catalogs (assets/i18n/*.tsv): key → text with {0}, {1}… placeholders.
// Pure lookup; which language is current is the front's business.
#pragma once
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace hearth {

class Catalog {
 public:
  // "key<TAB>text" lines; '#' starts a comment line; "\n" in text is a line break.
  // Throws std::runtime_error naming the bad line.
  static Catalog parse(std::string_view tsv, std::string_view file = "catalog");
  // Adds another file's entries; a key defined twice throws, naming both files' key.
  void merge(const Catalog& other, std::string_view file);
  static const Catalog& builtin(std::string_view language);  // "zh-CN" (default) or "en"

  // The text for `key`; the key itself (visible, so a gap gets noticed) when missing.
  std::string_view text(std::string_view key) const;
  // Fills {0}, {1}…; an argument that is a "term.…" or "rule.…" key is replaced by its text.
  std::string format(std::string_view key, const std::vector<std::string>& args = {}) const;
  bool has(std::string_view key) const { return entries_.contains(std::string(key)); }
  const std::unordered_map<std::string, std::string>& entries() const { return entries_; }

 private:
  std::unordered_map<std::string, std::string> entries_;
};

}  // namespace hearth
