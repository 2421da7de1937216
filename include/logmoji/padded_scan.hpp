#pragma once
// Scans that read whole words or vectors past the end of the text they search: only for text
// followed by a buffer's padding (a framer's block_padding, simdjson's SIMDJSON_PADDING, 64
// bytes each). What lies past the end is never taken for a hit (nor for part of the text): the
// framer's newline after a backslash and the prefilter's next backslash are one vector loop, and
// short keys and level texts are read as words by one rule.

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__AVX2__)
#include <immintrin.h>
#endif

#include "logmoji/unaligned.hpp"

namespace logmoji {

/// The first byte `c` in [p, end), or `end`, `step` bytes (32 or 64) a step; reads up to
/// step - 1 bytes past `end`. For searches that mostly end in their first step or few (a
/// string's next backslash: 32; a line's newline a few vectors on: 64), where memchr's set-up
/// costs more than the whole loop; memchr stays the better one for long runs.
template <std::size_t step = 32>
const char* first_byte(const char* p, const char* end, char c) {
  static_assert(step == 32 || step == 64);
#if defined(__AVX2__)
  const __m256i want = _mm256_set1_epi8(c);
  auto hits_at = [want](const char* at) {
    __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(at));
    return std::uint64_t{static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, want)))};
  };
  for (; p < end; p += step) {
    std::uint64_t hits = hits_at(p);
    if constexpr (step == 64) hits |= hits_at(p + 32) << 32;
    if (hits != 0) {
      const char* hit = p + std::countr_zero(hits);
      return hit < end ? hit : end;
    }
  }
  return end;
#else
  const void* hit = p < end ? std::memchr(p, c, static_cast<std::size_t>(end - p)) : nullptr;
  return hit ? static_cast<const char*>(hit) : end;
#endif
}

/// The longest text padded_words holds.
inline constexpr std::size_t padded_words_most = 16;

/// A text of at most padded_words_most bytes as two words: its bytes 0-7 and 8-15, zeros past
/// its end. With the size, exact: equal words and sizes are equal texts.
struct padded_words {
  std::uint64_t head = 0;
  std::uint64_t tail = 0;
};

/// The padded_words of the `n` (at most padded_words_most) bytes at `p`; reads 16 bytes from
/// `p`. Two loads and two masks from a table: no copy and no branch on the size, for a lookup
/// asked per key.
inline padded_words words_of_padded(const char* p, std::size_t n) {
  static constexpr auto masks = [] {
    std::array<std::array<std::uint64_t, 2>, padded_words_most + 1> m{};
    for (std::size_t size = 0; size <= padded_words_most; ++size)
      for (std::size_t b = 0; b < size; ++b) m[size][b / 8] |= std::uint64_t{0xFF} << (8 * (b % 8));
    return m;
  }();
  return {load8(p) & masks[n][0], load8(p + 8) & masks[n][1]};
}

}  // namespace logmoji
