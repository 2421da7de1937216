#pragma once
// Scans that read whole words or vectors past the end of the text they search: only for text
// followed by a buffer's padding (a framer's block_padding, simdjson's SIMDJSON_PADDING, 64
// bytes each). What lies past the end is never taken for a hit: the framer's newline after a
// backslash and the prefilter's next backslash are one vector loop.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__AVX2__)
#include <immintrin.h>
#endif

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

}  // namespace logmoji
