// The UI's current language and its lookups. zh-CN by default; English by a switch.
#pragma once
#include <string>
#include <vector>

#include "catalog.hpp"

namespace hearth::ui {

class I18n {
 public:
  explicit I18n(std::string language = "zh-CN") { set_language(std::move(language)); }
  void set_language(std::string language);
  const std::string& language() const { return language_; }
  bool english() const { return language_ == "en"; }

  // The text for `key` (the key itself when missing, so a gap shows). Valid until the language changes.
  const char* tr(const char* key) const;
  std::string trf(const char* key, const std::vector<std::string>& args) const { return catalog_->format(key, args); }
  std::string township(std::uint32_t code) const;
  const Catalog& catalog() const { return *catalog_; }  // its name in this language, or the code

 private:
  std::string language_;
  const Catalog* catalog_ = nullptr;
};

}  // namespace hearth::ui
