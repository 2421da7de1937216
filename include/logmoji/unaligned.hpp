#pragma once
// Words read from any byte address (memcpy: one load on x86, no alignment or aliasing trouble),
// for the scans that look at text eight or four bytes at a time.

#include <cstdint>
#include <cstring>

namespace logmoji {

inline std::uint64_t load8(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

// The byte b in each of a word's eight bytes.
constexpr std::uint64_t every_byte(std::uint8_t b) { return 0x0101010101010101ULL * b; }

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }

inline std::uint32_t load4(const char* p) {
  std::uint32_t w;
  std::memcpy(&w, p, 4);
  return w;
}

}  // namespace logmoji
