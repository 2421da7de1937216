#pragma once
// Words read from any byte address (memcpy: one load on x86, no alignment or aliasing trouble),
// for the scans that look at text eight or four bytes at a time.

#include <bit>
#include <cstddef>
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
// The first byte at or after `d` that is no digit, read up to it and never past it, as a byte
// loop would. Four digits a step, each tested at its own offset: one pointer increment per four
// digits, not one per digit (pino's 13-digit epoch times).
template <class Byte>
inline const Byte* digits_end(const Byte* d) {
  for (;; d += 4) {
    if (!is_digit(static_cast<char>(d[0]))) return d;
    if (!is_digit(static_cast<char>(d[1]))) return d + 1;
    if (!is_digit(static_cast<char>(d[2]))) return d + 2;
    if (!is_digit(static_cast<char>(d[3]))) return d + 3;
  }
}
constexpr bool is_ascii_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

inline std::uint32_t load4(const char* p) {
  std::uint32_t w;
  std::memcpy(&w, p, 4);
  return w;
}

// p[0, n) for n <= 8 as a native-endian number, the missing bytes zero: with n, exact. Two
// overlapping loads from 4 bytes on, never a read past the text.
inline std::uint64_t load_up_to_8(const char* p, std::size_t n) {
  if (n >= 8) return load8(p);
  if (n >= 4) {
    std::uint64_t low = load4(p);
    std::uint64_t high = load4(p + n - 4);
    return std::endian::native == std::endian::little ? low | high << (8 * (n - 4)) : low << 32 | high << (8 * (8 - n));
  }
  std::uint64_t v = 0;
  for (std::size_t k = 0; k < n; ++k) {
    std::uint64_t byte = static_cast<unsigned char>(p[k]);
    v |= std::endian::native == std::endian::little ? byte << (8 * k) : byte << (56 - 8 * k);
  }
  return v;
}

// Whether the `n` bytes at a and b are equal. Cached texts (a message, a logger's name) are
// mostly short: up to 32 bytes they are compared by overlapping words, without a call. Always
// inlined: GCC stopped inlining it into known_message as sink_console.cpp grew.
[[gnu::always_inline]] inline bool same_bytes(const char* a, const char* b, std::size_t n) {
  if (n > 32) return std::memcmp(a, b, n) == 0;
  if (n < 8) return load_up_to_8(a, n) == load_up_to_8(b, n);
  std::uint64_t differ = (load8(a) ^ load8(b)) | (load8(a + n - 8) ^ load8(b + n - 8));
  if (n > 16) differ |= (load8(a + 8) ^ load8(b + 8)) | (load8(a + n - 16) ^ load8(b + n - 16));
  return differ == 0;
}

}  // namespace logmoji
