#include "mobile_number.hpp"

#include "text.hpp"

namespace hearth {

Parsed<MobileNumber> MobileNumber::parse(std::string_view text) {
  using P = Parsed<MobileNumber>;
  const std::string field = "mobile";
  const std::string folded = fold_fullwidth(text);
  std::string_view t = trim(folded);
  if (t.empty()) return P::fail({field, "err.mobile.empty", {}});
  if (t.starts_with("+86")) t.remove_prefix(3);
  else if (t.starts_with("0086")) t.remove_prefix(4);
  std::string d;
  for (char c : t) {
    if (c == ' ' || c == '-') continue;
    if (c < '0' || c > '9') return P::fail({field, "err.mobile.characters", {}});
    d.push_back(c);
  }
  if (d.size() != 11) return P::fail({field, "err.mobile.length", {std::to_string(d.size())}});
  if (d[0] != '1' || d[1] < '3') return P::fail({field, "err.mobile.prefix", {}});
  return P::ok(MobileNumber(std::move(d)));
}

}  // namespace hearth
