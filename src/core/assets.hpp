// Data files from assets/, embedded at build time (cmake/EmbedAssets.cmake) so the core
// needs no file I/O and works the same natively and in the browser.
#pragma once
#include <string_view>

namespace hearth::assets {
std::string_view townships_tsv();
std::string_view programme_tsv();
std::string_view measures_tsv();
std::string_view units_tsv();
std::string_view catalog_tsv(std::string_view language);  // "zh-CN" or "en"; empty if unknown
}  // namespace hearth::assets
