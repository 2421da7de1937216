// Escapes C0, C1, DEL, ESC, bidi controls and invalid UTF-8 in Python repr notation.
#include "logmoji/text_escape.hpp"
#include "logmoji/unaligned.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#if defined(__SSSE3__)
#include <immintrin.h>
#endif

namespace logmoji {
namespace {

struct cp_range {
  std::uint32_t first;
  std::uint32_t last;
};

// Code points a terminal must never receive raw from data, beyond C0 and DEL: C1 controls,
// bidi embeddings, overrides, isolates and marks, and the Unicode line separators.
constexpr std::array<cp_range, 7> terminal_unsafe{{
    {0x80, 0x9F},
    {0x061C, 0x061C},
    {0x200E, 0x200F},
    {0x2028, 0x2029},
    {0x202A, 0x202E},
    {0x2066, 0x2069},
    {0xFFF9, 0xFFFB},
}};

// Python's str.isprintable() is false for Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs other than the
// space. These ranges are the Cc, Cf, Zs, Zl, Zp and Co code points of Unicode 15 and the
// noncharacters; other unassigned code points (Cn) are printed, a deliberate approximation.
constexpr std::array<cp_range, 40> non_printable{{
    {0x0000, 0x001F},   {0x007F, 0x00A0},   {0x00AD, 0x00AD},   {0x0600, 0x0605},     {0x061C, 0x061C},
    {0x06DD, 0x06DD},   {0x070F, 0x070F},   {0x0890, 0x0891},   {0x08E2, 0x08E2},     {0x1680, 0x1680},
    {0x180E, 0x180E},   {0x2000, 0x200F},   {0x2028, 0x202F},   {0x205F, 0x2064},     {0x2066, 0x206F},
    {0x3000, 0x3000},   {0xD800, 0xF8FF},   {0xFDD0, 0xFDEF},   {0xFEFF, 0xFEFF},     {0xFFF9, 0xFFFB},
    {0xFFFE, 0xFFFF},   {0x110BD, 0x110BD}, {0x110CD, 0x110CD}, {0x13430, 0x1343F},   {0x1BCA0, 0x1BCA3},
    {0x1D173, 0x1D17A}, {0x1FFFE, 0x1FFFF}, {0x2FFFE, 0x2FFFF}, {0x3FFFE, 0x3FFFF},   {0xE0001, 0xE0001},
    {0xE0020, 0xE007F}, {0xEFFFE, 0xEFFFF}, {0xF0000, 0xFFFFF}, {0x100000, 0x10FFFF}, {0x4FFFE, 0x4FFFF},
    {0x5FFFE, 0x5FFFF}, {0x6FFFE, 0x6FFFF}, {0x7FFFE, 0x7FFFF}, {0x8FFFE, 0x8FFFF},   {0x9FFFE, 0x9FFFF},
}};

template <std::size_t N>
bool in_ranges(const std::array<cp_range, N>& table, std::uint32_t cp) {
  return std::any_of(table.begin(), table.end(), [cp](const cp_range& r) { return cp >= r.first && cp <= r.last; });
}

constexpr char hex_digits[] = "0123456789abcdef";

void append_hex(std::string& out, std::uint32_t value, int digits) {
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out.push_back(hex_digits[(value >> shift) & 0xF]);
}

// Python's escape for a code point: \xhh below 0x100, \uhhhh below 0x10000, else \Uhhhhhhhh.
void append_cp_escape(std::string& out, std::uint32_t cp) {
  switch (cp) {
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    default: break;
  }
  if (cp < 0x100) {
    out += "\\x";
    append_hex(out, cp, 2);
  } else if (cp < 0x10000) {
    out += "\\u";
    append_hex(out, cp, 4);
  } else {
    out += "\\U";
    append_hex(out, cp, 8);
  }
}

bool keeps(keep_controls keep, std::uint32_t cp) {
  if (cp == '\t') return keep != keep_controls::none;
  if (cp == '\n') return keep == keep_controls::tab_newline;
  return false;
}

bool is_unsafe(std::uint32_t cp, keep_controls keep) {
  if (cp < 0x20) return !keeps(keep, cp);
  return is_terminal_unsafe(cp);
}

// Blocks without a single non-printable code point: most text past ASCII (Latin, Greek,
// Cyrillic, CJK, Hangul, symbols, emoji) is settled here, without walking the table.
constexpr std::array<cp_range, 5> all_printable{{
    {0x00A1, 0x00AC},
    {0x00AE, 0x05FF},
    {0x2070, 0x2FFF},
    {0x3001, 0xD7FF},
    {0x1F000, 0x1FFFD},
}};

inline bool is_printable(std::uint32_t cp) { return in_ranges(all_printable, cp) || !in_ranges(non_printable, cp); }

constexpr std::uint64_t ones = 0x0101010101010101;
constexpr std::uint64_t highs = 0x8080808080808080;

// The high bit of each byte of `w` equal to `c`; exact for the lowest such byte (higher bytes
// may be flagged falsely by a borrow, and only the lowest is ever used).
constexpr std::uint64_t bytes_equal(std::uint64_t w, unsigned char c) {
  std::uint64_t v = w ^ (ones * c);
  return (v - ones) & ~v & highs;
}

// Index of the first byte that is not plain printable ASCII or that is one of `also`, or
// s.size(). Eight bytes at a time: values are mostly plain ASCII.
template <typename... Also>
std::size_t plain_prefix(std::string_view s, Also... also) {
  std::size_t i = 0;
  if constexpr (std::endian::native == std::endian::little) {
    for (; i + 8 <= s.size(); i += 8) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      std::uint64_t control = (w - ones * 0x20) & ~w & highs;  // < 0x20
      std::uint64_t high = (w | (w + ones)) & highs;           // >= 0x7F
      std::uint64_t flagged =
          control | high | (std::uint64_t{0} | ... | bytes_equal(w, static_cast<unsigned char>(also)));
      if (flagged) return i + static_cast<std::size_t>(std::countr_zero(flagged) >> 3);
    }
  }
  for (; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c >= 0x7F || (... || (s[i] == also))) break;
  }
  return i;
}

std::size_t plain_ascii_prefix(std::string_view s) { return plain_prefix(s); }

// decode_utf8, inlined into the scans.
inline std::int32_t decode_at(std::string_view s, std::size_t& i) {
  auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC2 ? 2 : 0;
  if (len == 0 || b0 > 0xF4 || i + static_cast<std::size_t>(len) > s.size()) {
    ++i;
    return -1;
  }
  std::uint32_t cp = b0 & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return -1;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are invalid.
  static constexpr std::uint32_t min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < min_for_len[len] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
    ++i;
    return -1;
  }
  i += static_cast<std::size_t>(len);
  return static_cast<std::int32_t>(cp);
}

// The text_bit classes of one byte: the definition the tables below are checked against.
constexpr text_bits byte_class(unsigned char c) {
  using namespace text_bit;
  if (c < 0x20) return control;
  if (c >= 0x80) return non_ascii;
  switch (c) {
    case '=': return equals;
    case '\'': return single_quote;
    case '"': return double_quote;
    case '\\': return backslash;
    case ' ': return space;
    case 0x7F: return del;
    default: return 0;
  }
}

// A byte's classes are low_nibble[c & 15] & high_nibble[c >> 4]: two table lookups per byte,
// sixteen bytes per pshufb. Each class sits in one high-nibble row whose other members no
// low-nibble entry of that class admits (checked below for all 256 bytes).
namespace tb = text_bit;
constexpr std::array<std::uint8_t, 16> low_nibble{
    tb::control | tb::non_ascii | tb::space,
    tb::control | tb::non_ascii,
    tb::control | tb::non_ascii | tb::double_quote,
    tb::control | tb::non_ascii,
    tb::control | tb::non_ascii,
    tb::control | tb::non_ascii,
    tb::control | tb::non_ascii,
    tb::control | tb::non_ascii | tb::single_quote,
    tb::control | tb::non_ascii,
    tb::control | tb::non_ascii,
    tb::control | tb::non_ascii,
    tb::control | tb::non_ascii,
    tb::control | tb::non_ascii | tb::backslash,
    tb::control | tb::non_ascii | tb::equals,
    tb::control | tb::non_ascii,
    tb::control | tb::non_ascii | tb::del,
};
constexpr std::array<std::uint8_t, 16> high_nibble{
    tb::control,
    tb::control,
    tb::space | tb::double_quote | tb::single_quote,
    tb::equals,
    0,
    tb::backslash,
    0,
    tb::del,
    tb::non_ascii,
    tb::non_ascii,
    tb::non_ascii,
    tb::non_ascii,
    tb::non_ascii,
    tb::non_ascii,
    tb::non_ascii,
    tb::non_ascii,
};

constexpr bool nibble_tables_exact() {
  for (unsigned c = 0; c < 256; ++c)
    if ((low_nibble[c & 15] & high_nibble[c >> 4]) != byte_class(static_cast<unsigned char>(c))) return false;
  return true;
}
static_assert(nibble_tables_exact());

constexpr text_bits ascii_classes = 0xFF;

#if defined(__SSSE3__)
__m128i classes16(__m128i v) {
  const __m128i low_table = _mm_loadu_si128(reinterpret_cast<const __m128i*>(low_nibble.data()));
  const __m128i high_table = _mm_loadu_si128(reinterpret_cast<const __m128i*>(high_nibble.data()));
  const __m128i nibble = _mm_set1_epi8(0x0F);
  __m128i low = _mm_shuffle_epi8(low_table, _mm_and_si128(v, nibble));
  __m128i high = _mm_shuffle_epi8(high_table, _mm_and_si128(_mm_srli_epi16(v, 4), nibble));
  return _mm_and_si128(low, high);
}

// Sixteen lanes holding only bytes of p[0, n), every one of them at least once (0 < n < 16):
// overlapping loads, as classes are the same whatever the order or repetition.
__m128i load_short(const char* p, std::size_t n) {
  if (n >= 8) return _mm_set_epi64x(static_cast<long long>(load8(p + n - 8)), static_cast<long long>(load8(p)));
  if (n >= 4) {
    auto a = static_cast<int>(load4(p));
    auto b = static_cast<int>(load4(p + n - 4));
    return _mm_set_epi32(a, b, a, b);
  }
  auto byte = [p](std::size_t k) { return std::uint32_t{static_cast<unsigned char>(p[k])}; };
  return _mm_set1_epi32(static_cast<int>(byte(0) | byte(n / 2) << 8 | byte(n - 1) << 16 | byte(0) << 24));
}

text_bits ascii_scan(std::string_view s) {
  const char* p = s.data();
  std::size_t n = s.size();
  if (n == 0) return 0;
  __m128i found;
  if (n < 16) {
    found = classes16(load_short(p, n));
  } else {
    found = _mm_setzero_si128();
    std::size_t i = 0;
    for (; i + 16 <= n; i += 16)
      found = _mm_or_si128(found, classes16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i))));
    if (i < n) found = _mm_or_si128(found, classes16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + n - 16))));
  }
  found = _mm_or_si128(found, _mm_srli_si128(found, 8));
  found = _mm_or_si128(found, _mm_srli_si128(found, 4));
  found = _mm_or_si128(found, _mm_srli_si128(found, 2));
  found = _mm_or_si128(found, _mm_srli_si128(found, 1));
  return static_cast<text_bits>(_mm_cvtsi128_si32(found)) & ascii_classes;
}
#else
text_bits ascii_scan(std::string_view s) {
  text_bits found = 0;
  for (char c : s) found |= byte_class(static_cast<unsigned char>(c));
  return found;
}
#endif

constexpr text_bits unprintable_and_unsafe = text_bit::unprintable | text_bit::unsafe;

// Decodes the code point at s[i], moving i past it, and adds what it makes the text: invalid
// UTF-8 counts as both unprintable and unsafe.
inline void add_code_point(std::string_view s, std::size_t& i, text_bits& found) {
  std::int32_t cp = decode_at(s, i);
  if (cp < 0)
    found = unprintable_and_unsafe;
  else if (!is_printable(static_cast<std::uint32_t>(cp)))
    found |= text_bit::unprintable | (is_terminal_unsafe(static_cast<std::uint32_t>(cp)) ? text_bit::unsafe : 0);
}

// The unprintable and unsafe bits, from decoding what lies past ASCII. Every code point
// is_terminal_unsafe flags is also non-printable (checked by the unit tests), so a printable
// one needs no second test. One code point at a time: the reference for non_ascii_scan.
text_bits reference_non_ascii_scan(std::string_view s) {
  text_bits found = 0;
  for (std::size_t i = 0; i < s.size() && found != unprintable_and_unsafe;) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    add_code_point(s, i, found);
  }
  return found;
}

inline bool is_continuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// The length of a valid sequence at s[i] whose code point lies in an all_printable block that
// logs are full of (accented Latin, Greek, Cyrillic, symbols, CJK, Hangul, emoji), else 0: those
// are settled without the general decoder. Lead bytes from 0xC2 and 0xE2 rule out overlong forms.
inline std::size_t common_printable(std::string_view s, std::size_t i) {
  auto at = [s](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b0 = at(i);
  std::size_t left = s.size() - i;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    if (left < 2 || !is_continuation(at(i + 1))) return 0;
    std::uint32_t cp = (b0 & 0x1FU) << 6 | (at(i + 1) & 0x3FU);
    return cp >= 0xA1 && cp <= 0x5FF && cp != 0xAD ? 2 : 0;
  }
  if (b0 >= 0xE2 && b0 <= 0xED) {
    if (left < 3 || !is_continuation(at(i + 1)) || !is_continuation(at(i + 2))) return 0;
    std::uint32_t cp = (b0 & 0x0FU) << 12 | (at(i + 1) & 0x3FU) << 6 | (at(i + 2) & 0x3FU);
    return (cp >= 0x2070 && cp <= 0x2FFF) || (cp >= 0x3001 && cp <= 0xD7FF) ? 3 : 0;
  }
  if (b0 == 0xF0 && left >= 4 && at(i + 1) == 0x9F && is_continuation(at(i + 2)) && is_continuation(at(i + 3)))
    return at(i + 2) == 0xBF && at(i + 3) >= 0xBE ? 0 : 4;  // U+1F000 to U+1FFFD
  return 0;
}

// reference_non_ascii_scan's answer, skipping ASCII eight bytes at a time and the common
// printable sequences without decoding them.
[[gnu::noinline]] text_bits non_ascii_scan(std::string_view s) {
  text_bits found = 0;
  std::size_t i = 0;
  while (i < s.size() && found != unprintable_and_unsafe) {
    if constexpr (std::endian::native == std::endian::little) {
      for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, s.data() + i, 8);
        std::uint64_t high = w & highs;
        if (high) {
          i += static_cast<std::size_t>(std::countr_zero(high) >> 3);
          break;
        }
      }
    }
    while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
    if (i >= s.size()) break;
    if (std::size_t n = common_printable(s, i)) {
      i += n;
      continue;
    }
    add_code_point(s, i, found);
  }
  return found;
}

}  // namespace

text_bits scan_text(std::string_view s) {
  text_bits bits = ascii_scan(s);
  if (bits & text_bit::non_ascii) bits |= non_ascii_scan(s);
  return bits;
}

bool is_repr_printable(std::uint32_t cp) { return is_printable(cp); }

namespace slow {
text_bits scan_text(std::string_view s) {
  text_bits bits = 0;
  for (char c : s) bits |= byte_class(static_cast<unsigned char>(c));
  if (bits & text_bit::non_ascii) bits |= reference_non_ascii_scan(s);
  return bits;
}

bool is_repr_printable(std::uint32_t cp) { return !in_ranges(non_printable, cp); }
}  // namespace slow

std::int32_t decode_utf8(std::string_view s, std::size_t& i) { return decode_at(s, i); }

void append_escaped(std::string& out, std::string_view s, keep_controls keep) {
  append_escaped(out, s, keep, scan_text(s));
}

// Tabs and newlines are controls to the scan: a text that keeps them takes the slow path.
void append_escaped(std::string& out, std::string_view s, keep_controls keep, text_bits bits) {
  if (bits & (text_bit::control | text_bit::del | text_bit::unsafe))
    slow::append_escaped(out, s, keep);
  else
    out.append(s);
}

void slow::append_escaped(std::string& out, std::string_view s, keep_controls keep) {
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t plain = plain_ascii_prefix(s.substr(i));
    out.append(s.substr(i, plain));
    i += plain;
    if (i >= s.size()) break;
    std::size_t start = i;
    std::int32_t cp = decode_utf8(s, i);
    if (cp < 0) {
      out += "\\x";
      append_hex(out, static_cast<unsigned char>(s[start]), 2);
    } else if (is_unsafe(static_cast<std::uint32_t>(cp), keep)) {
      append_cp_escape(out, static_cast<std::uint32_t>(cp));
    } else {
      out.append(s.substr(start, i - start));
    }
  }
}

bool has_unsafe_character(std::string_view s, keep_controls keep) {
  std::size_t i = 0;
  while (i < s.size()) {
    i += plain_ascii_prefix(s.substr(i));
    if (i >= s.size()) return false;
    std::int32_t cp = decode_utf8(s, i);
    if (cp < 0 || is_unsafe(static_cast<std::uint32_t>(cp), keep)) return true;
  }
  return false;
}

void append_repr_string(std::string& out, std::string_view s) { append_repr_string(out, s, scan_text(s)); }

// Without a backslash or anything repr() escapes, the text is copied between quotes: ' unless
// it holds a ' (then ", when it holds no "; with both, the quote is escaped: the slow path).
void append_repr_string(std::string& out, std::string_view s, text_bits bits) {
  using namespace text_bit;
  bool plain = !(bits & (control | del | backslash | unprintable));
  if (!plain || (bits & single_quote && bits & double_quote)) {
    slow::append_repr_string(out, s);
    return;
  }
  char quote = bits & single_quote ? '"' : '\'';
  out.push_back(quote);
  out.append(s);
  out.push_back(quote);
}

void slow::append_repr_string(std::string& out, std::string_view s) {
  bool has_single = s.find('\'') != std::string_view::npos;
  bool has_double = has_single && s.find('"') != std::string_view::npos;
  char quote = has_single && !has_double ? '"' : '\'';
  out.push_back(quote);
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t plain = plain_prefix(s.substr(i), '\\', quote);
    out.append(s.substr(i, plain));
    i += plain;
    if (i >= s.size()) break;
    std::size_t start = i;
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '\\' || c == static_cast<unsigned char>(quote)) {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    std::int32_t cp = decode_utf8(s, i);
    if (cp < 0) {
      out += "\\x";
      append_hex(out, c, 2);
    } else if (!is_printable(static_cast<std::uint32_t>(cp))) {
      append_cp_escape(out, static_cast<std::uint32_t>(cp));
    } else {
      out.append(s.substr(start, i - start));
    }
  }
  out.push_back(quote);
}

// One pass: a space, '=', a quote or any control character means quoting (tab, CR and LF are
// structlog's triggers; the others are unsafe anyway); past ASCII, an unsafe code point does.
bool needs_quoting(std::string_view s) { return needs_quoting(scan_text(s)); }

bool slow::needs_quoting(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    i += plain_prefix(s.substr(i), ' ', '=', '"', '\'');
    if (i >= s.size()) return false;
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) return true;
    std::int32_t cp = decode_utf8(s, i);
    if (cp < 0 || is_unsafe(static_cast<std::uint32_t>(cp), keep_controls::none)) return true;
  }
  return false;
}

bool is_terminal_unsafe(std::uint32_t cp) {
  if (cp < 0x7F) return cp < 0x20;
  return cp == 0x7F || in_ranges(terminal_unsafe, cp);
}

std::size_t count_code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace logmoji
