// The outcome of reading one user input: a value, or the problem with it.
#pragma once
#include <optional>
#include <utility>

#include "problem.hpp"

namespace hearth {

template <class T>
struct Parsed {
  std::optional<T> value;
  Problem problem;  // meaningful only when !value

  static Parsed ok(T v) { return Parsed{std::move(v), {}}; }
  static Parsed fail(Problem p) { return Parsed{std::nullopt, std::move(p)}; }
  explicit operator bool() const { return value.has_value(); }
};

}  // namespace hearth
