#pragma once
// Python's str.strip() for the texts foundation reads (levels, environment values, module
// lists): ASCII whitespace, the C locale's isspace, without a locale lookup per byte.

#include <string_view>

namespace logmoji {

constexpr bool is_ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

constexpr std::string_view strip(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace logmoji
