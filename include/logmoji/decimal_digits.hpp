#pragma once
// Fixed-width decimal digits without a format string: the time column writes them on every
// line, an envelope's times on every record.

#include <array>
#include <cstdint>
#include <cstring>

namespace logmoji {

// "00" to "99": two digits per division.
inline constexpr std::array<char, 200> digit_pairs = [] {
  std::array<char, 200> pairs{};
  for (std::size_t i = 0; i < 100; ++i) {
    pairs[2 * i] = static_cast<char>('0' + i / 10);
    pairs[2 * i + 1] = static_cast<char>('0' + i % 10);
  }
  return pairs;
}();

/// Writes `value` as exactly `width` digits ending at `end`.
inline void put_digits(char* end, std::uint32_t value, int width) {
  for (; width >= 2; width -= 2, value /= 100) {
    end -= 2;
    std::memcpy(end, &digit_pairs[value % 100 * 2], 2);
  }
  if (width) *--end = static_cast<char>('0' + value % 10);
}

}  // namespace logmoji
