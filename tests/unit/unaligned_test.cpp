#include <catch2/catch.hpp>

#include <cstring>
#include <string>

#include "logmoji/unaligned.hpp"

using namespace logmoji;

// same_bytes compares up to 32 bytes by overlapping words: every length around the word and
// half-vector sizes, a difference at every position, each byte's every bit, against memcmp.
TEST_CASE("same_bytes answers as memcmp at every length and position", "[unaligned]") {
  for (std::size_t n = 0; n <= 40; ++n) {
    std::string a(n, 'x');
    for (std::size_t k = 0; k < n; ++k) a[k] = static_cast<char>('a' + (k * 7) % 26);
    std::string b = a;
    CHECK(same_bytes(a.data(), b.data(), n));
    for (std::size_t k = 0; k < n; ++k)
      for (int bit = 0; bit < 8; ++bit) {
        b[k] = static_cast<char>(a[k] ^ (1 << bit));
        CAPTURE(n, k, bit);
        CHECK(same_bytes(a.data(), b.data(), n) == (std::memcmp(a.data(), b.data(), n) == 0));
        CHECK_FALSE(same_bytes(a.data(), b.data(), n));
        b[k] = a[k];
      }
  }
}

// digits_end reads eight bytes a step and tells the first non-digit by a carry trick: every
// run length across two steps, ended by every byte value that is not a digit (the bytes just
// outside '0'..'9' and those with the top bit set are the ones the trick could mistake), with
// non-digits and digits after the end that must not move it, against a byte loop.
TEST_CASE("digits_end finds the end of a digit run as a byte loop does", "[unaligned]") {
  for (std::size_t run = 0; run <= 20; ++run)
    for (int stop = 0; stop < 256; ++stop) {
      if (is_digit(static_cast<char>(stop))) continue;
      std::string text;
      for (std::size_t k = 0; k < run; ++k) text += static_cast<char>('0' + (k * 3 + run) % 10);
      text += static_cast<char>(stop);
      text +=
          "\xff"
          "9/:0";
      text.append(16, '7');  // the padding a caller guarantees, digits to tempt an overrun
      const char* end = digits_end(text.data());
      CAPTURE(run, stop);
      CHECK(end == text.data() + run);
    }
}
