// Small UTF-8 helpers for validating and searching what people type.
#pragma once
#include <cstddef>
#include <string>
#include <functional>
#include <string_view>
#include <vector>

namespace hearth {

std::string_view trim(std::string_view s);  // ASCII spaces/tabs/newlines and U+3000 (ideographic space)
std::size_t utf8_length(std::string_view s);  // code points; invalid bytes count one each
bool utf8_valid(std::string_view s);
// Full-width ASCII forms (U+FF01–U+FF5E, typed by Chinese input methods) → ASCII; U+3000 → space.
std::string fold_fullwidth(std::string_view s);
std::string ascii_lower(std::string_view s);
void ascii_lower_in_place(std::string& s);
// Case-insensitive (ASCII) substring test; Chinese matches byte for byte.
bool contains_folded(std::string_view haystack_lower, std::string_view needle_lower);

// The fields of `line` between separators ("a\tb\t" → a, b, "").
std::vector<std::string_view> split(std::string_view line, char sep);

// Calls fn(line_number, line) for each line of a data file (assets/*.tsv), without its line
// break and without a trailing '\r'; blank lines and '#' comment lines are skipped.
void for_each_data_line(std::string_view text, const std::function<void(std::size_t, std::string_view)>& fn);

}  // namespace hearth
