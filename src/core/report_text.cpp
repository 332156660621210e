#include "report_text.hpp"

namespace hearth {

std::string describe_damage(const Damage& d, const Catalog& c) {
  const std::string problem(c.text(d.message));
  if (d.last_seq > d.seq) return c.format("app.damage.range", {std::to_string(d.seq), std::to_string(d.last_seq), problem});
  // an unverified record is shown; every other damaged one is left out
  const bool shown = d.message == "err.ledger.unverified";
  if (d.affects.empty()) return c.format(shown ? "app.damage.record_shown" : "app.damage.record", {std::to_string(d.seq), problem});
  std::string what(c.text(d.affects));
  if (!d.label.empty()) what = c.format("app.damage.what_named", {what, d.label});
  return c.format(shown ? "app.damage.record_of_shown" : "app.damage.record_of", {std::to_string(d.seq), what, problem});
}

}  // namespace hearth
