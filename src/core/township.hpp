// Kaizhou's township-level units (镇乡街道): statistical division codes 500154xxx,
// shipped as data (assets/townships.tsv), never hard-coded.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hearth {

enum class TownshipKind : std::uint8_t { Street = 0, Town = 1, Township = 2 };  // 街道 / 镇 / 乡

struct Township {
  std::uint32_t code = 0;  // e.g. 500154001
  std::string name_zh;     // 汉丰街道
  std::string name_en;     // Hanfeng Street
  TownshipKind kind = TownshipKind::Street;
};

class TownshipRegistry {
 public:
  // Parses the TSV (code, Chinese name, English name, kind); throws std::runtime_error naming the bad line.
  static TownshipRegistry parse(std::string_view tsv);
  const std::vector<Township>& all() const { return units_; }
  const Township* find(std::uint32_t code) const;

 private:
  std::vector<Township> units_;
};

// The registry built from the shipped data.
const TownshipRegistry& kaizhou_townships();

}  // namespace hearth
