// Data files from assets/, embedded at build time (cmake/EmbedAssets.cmake) so the core
// needs no file I/O and works the same natively and in the browser.
#pragma once
#include <string_view>
#include <vector>

namespace hearth::assets {
std::string_view townships_tsv();
std::string_view programme_tsv();
std::string_view measures_tsv();
std::string_view units_tsv();
struct NamedText {
  std::string_view name, text;
};
// A language's catalogs: assets/i18n/<language>.tsv, then each area's assets/i18n/<language>/*.tsv
// in name order ("zh-CN" or "en"; empty if unknown).
std::vector<NamedText> catalog_files(std::string_view language);
}  // namespace hearth::assets
