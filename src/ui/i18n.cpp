#include "i18n.hpp"

#include "township.hpp"

namespace hearth::ui {

void I18n::set_language(std::string language) {
  language_ = language == "en" ? "en" : "zh-CN";
  catalog_ = &Catalog::builtin(language_);
}

const char* I18n::tr(const char* key) const {
  const auto it = catalog_->entries().find(key);
  return it == catalog_->entries().end() ? key : it->second.c_str();
}

std::string I18n::township(std::uint32_t code) const {
  const Township* t = kaizhou_townships().find(code);
  if (!t) return std::to_string(code);
  return english() ? t->name_en : t->name_zh;
}

}  // namespace hearth::ui
