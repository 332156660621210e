// A reason the core refuses an input, as a catalog key plus arguments, so every front
// (browser, command-line tool, tests) can show it in the user's language.
#pragma once
#include <string>
#include <vector>

namespace hearth {

struct Problem {
  std::string field;               // which input it concerns ("resident_id"), empty for the whole command
  std::string message;             // translation catalog key ("err.resident_id.check_digit")
  std::vector<std::string> args;   // values for {0}, {1}… in the catalog text
  bool operator==(const Problem&) const = default;
};

using Problems = std::vector<Problem>;

// The first problem about `field`, or nullptr.
inline const Problem* problem_for(const Problems& ps, std::string_view field) {
  for (const auto& p : ps)
    if (p.field == field) return &p;
  return nullptr;
}

}  // namespace hearth
