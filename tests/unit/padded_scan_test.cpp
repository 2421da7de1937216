#include <catch2/catch.hpp>

#include <cstring>
#include <string>

#include "logmoji/padded_scan.hpp"

using namespace logmoji;

// first_byte looks at 32 or 64 bytes a step and must answer as memchr: a hit at every position
// around the steps' edges, none at all, the byte right at `end` and further on (the padding it
// reads must never count), and a start at or past the end.
template <std::size_t step>
void check_first_byte() {
  for (std::size_t n = 0; n <= 140; ++n)
    for (std::size_t hit = 0; hit < n + 64; ++hit) {
      std::string text(n + 64, 'a');  // the text, then the padding a caller guarantees
      text[hit] = '\\';               // from `hit` = n on, at `end` or past it, in the padding
      const char* end = text.data() + n;
      const void* expected = std::memchr(text.data(), '\\', n);
      CAPTURE(step, n, hit);
      CHECK(first_byte<step>(text.data(), end, '\\') == (expected ? static_cast<const char*>(expected) : end));
    }
  std::string text(80, '\\');
  CHECK(first_byte<step>(text.data() + 5, text.data() + 5, '\\') == text.data() + 5);
  CHECK(first_byte<step>(text.data() + 6, text.data() + 5, '\\') == text.data() + 5);
}

TEST_CASE("first_byte answers as memchr at every length and position", "[padded_scan]") {
  check_first_byte<32>();
  check_first_byte<64>();
}
