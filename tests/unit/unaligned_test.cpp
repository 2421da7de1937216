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

// digits_end steps four digits at a time: every run length around the step, each byte that
// ends it (digits follow it, so reading on would be seen), against a byte loop.
TEST_CASE("digits_end stops where a byte loop stops", "[unaligned]") {
  for (std::size_t n = 0; n <= 20; ++n)
    for (char stop : {'\0', '.', 'e', ',', '}', '/', ':', ' ', '\x80'}) {
      std::string text;
      for (std::size_t k = 0; k < n; ++k) text += static_cast<char>('0' + (k * 3) % 10);
      text += stop;
      text += "1234";
      const char* d = text.data();
      while (is_digit(*d)) ++d;
      CAPTURE(n, static_cast<int>(stop));
      CHECK(digits_end(text.data()) == d);
      CHECK(digits_end(reinterpret_cast<const unsigned char*>(text.data())) ==
            reinterpret_cast<const unsigned char*>(d));
    }
}
