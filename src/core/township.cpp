#include "township.hpp"

#include <stdexcept>

#include "assets.hpp"
#include "text.hpp"

namespace hearth {

TownshipRegistry TownshipRegistry::parse(std::string_view tsv) {
  TownshipRegistry r;
  for_each_data_line(tsv, [&](std::size_t line_no, std::string_view line) {
    const auto f = split(line, '\t');
    auto bad = [&](const char* why) {
      return std::runtime_error("townships line " + std::to_string(line_no) + ": " + why);
    };
    if (f.size() != 4) throw bad("expected 4 tab-separated fields");
    if (f[0].size() != 9 || !f[0].starts_with("500154")) throw bad("code must be 500154 + 3 digits");
    std::uint32_t code = 0;
    for (char c : f[0]) {
      if (c < '0' || c > '9') throw bad("code must be digits");
      code = code * 10 + static_cast<std::uint32_t>(c - '0');
    }
    TownshipKind kind;
    if (f[3] == "street") kind = TownshipKind::Street;
    else if (f[3] == "town") kind = TownshipKind::Town;
    else if (f[3] == "township") kind = TownshipKind::Township;
    else throw bad("kind must be street, town or township");
    if (r.find(code)) throw bad("duplicate code");
    r.units_.push_back({code, std::string(f[1]), std::string(f[2]), kind});
  });
  return r;
}

const Township* TownshipRegistry::find(std::uint32_t code) const {
  for (const auto& t : units_)
    if (t.code == code) return &t;
  return nullptr;
}

const TownshipRegistry& kaizhou_townships() {
  static const TownshipRegistry registry = TownshipRegistry::parse(assets::townships_tsv());
  return registry;
}

}  // namespace hearth
