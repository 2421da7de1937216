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

// words_of_padded must give equal words exactly to equal texts of one size: every size to 16,
// a different byte at every position inside the text, and bytes past it (the padding) that
// differ but must not count.
TEST_CASE("words_of_padded keeps a text's bytes and drops the padding's", "[padded_scan]") {
  for (std::size_t n = 0; n <= 16; ++n) {
    std::string a(32, 'p');
    std::string b(32, 'q');
    for (std::size_t k = 0; k < n; ++k) a[k] = b[k] = static_cast<char>('a' + k);
    padded_words wa = words_of_padded(a.data(), n);
    padded_words wb = words_of_padded(b.data(), n);
    CAPTURE(n);
    CHECK((wa.head == wb.head && wa.tail == wb.tail));
    char copy[16] = {};
    std::memcpy(copy, a.data(), n);
    CHECK(std::memcmp(copy, &wa.head, 8) == 0);
    CHECK(std::memcmp(copy + 8, &wa.tail, 8) == 0);
    for (std::size_t k = 0; k < n; ++k) {
      b[k] = 'Z';
      padded_words changed = words_of_padded(b.data(), n);
      CHECK_FALSE((changed.head == wa.head && changed.tail == wa.tail));
      b[k] = a[k];
    }
  }
}
