// Escapes C0, C1, DEL, ESC, bidi controls and invalid UTF-8 in Python repr notation.
#include "logmoji/text_escape.hpp"
#include "logmoji/unaligned.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#if defined(__SSSE3__)
#include <immintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace logmoji {
namespace {

struct cp_range {
  std::uint32_t first;
  std::uint32_t last;
};

// Code points a terminal must never receive raw from data, beyond C0 and DEL: C1 controls, and
// what a terminal would obey or hide: bidi controls (U+202E turns the line),
// line separators, interlinear annotation, and the invisible format characters that make one
// text look like another (`adm\u200bin` shown as `admin`, but no query for admin matches it):
// soft hyphen, Mongolian vowel separator, zero width space, word joiner and invisible operators,
// deprecated format controls, a BOM inside a line, format controls of the Egyptian and musical
// blocks, tag characters; and noncharacters (is_terminal_unsafe). Kept: ZWNJ and ZWJ (Persian, Indic, emoji
// sequences) and variation selectors, which text needs; spaces of other widths, which show.
// Every one is non-printable to Python too (is_printable), which the fast paths rely on.
constexpr std::array<cp_range, 16> terminal_unsafe{{
    {0x80, 0x9F},
    {0xAD, 0xAD},
    {0x061C, 0x061C},
    {0x180E, 0x180E},
    {0x200B, 0x200B},
    {0x200E, 0x200F},
    {0x2028, 0x2029},
    {0x202A, 0x202E},
    {0x2060, 0x2064},
    {0x2066, 0x206F},
    {0xFEFF, 0xFEFF},
    {0xFFF9, 0xFFFB},
    {0x13430, 0x1343F},
    {0x1D173, 0x1D17A},
    {0xE0001, 0xE0001},
    {0xE0020, 0xE007F},
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

// Python's escape for a code point: \xhh below 0x100, \uhhhh below 0x10000, else \Uhhhhhhhh
// (cp_escape_size says which).
void append_cp_escape(std::string& out, std::uint32_t cp) {
  switch (cp) {
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    default: break;
  }
  const std::size_t size = cp_escape_size(cp);
  out += size == 4 ? "\\x" : size == 6 ? "\\u" : "\\U";
  append_hex(out, cp, static_cast<int>(size - 2));
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
  } else if (n <= 32) {
    // A quarter of the values: two overlapping loads, without a loop whose exit mispredicts.
    found = _mm_or_si128(classes16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))),
                         classes16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + n - 16))));
  } else {
    found = _mm_setzero_si128();
    std::size_t i = 0;
    for (; i + 16 <= n; i += 16)
      found = _mm_or_si128(found, classes16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i))));
    if (i < n) found = _mm_or_si128(found, classes16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + n - 16))));
  }
#if defined(__SSE4_1__)
  if (_mm_testz_si128(found, found)) return 0;  // most values: plain ASCII, no space or quote
#endif
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

// Bit k set when p[k] is past ASCII, for n <= 64: sixteen bytes per movemask where SSE2 is (the
// x86-64 baseline), else eight per multiply that gathers the high bits of a word into one byte.
inline std::uint64_t word_high_bits(std::uint64_t w) {
  if constexpr (std::endian::native == std::endian::little) return ((w & highs) >> 7) * 0x0102040810204080ULL >> 56;
  std::uint64_t m = 0;
  for (int k = 0; k < 8; ++k) m |= ((w >> (8 * k + 7)) & 1U) << (7 - k);  // byte k sits at bits 56 - 8k
  return m;
}

inline std::uint64_t high_bytes(const char* p, std::size_t n) {
  if (n >= 16) {
    std::uint64_t m = 0;
    std::size_t k = 0;
#if defined(__SSE2__)
    auto chunk = [p](std::size_t at) {
      return std::uint64_t{
          static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at))))};
    };
    for (; k + 16 < n; k += 16) m |= chunk(k) << k;
    return m | chunk(n - 16) << (n - 16);  // the last sixteen, overlapping
#else
    for (; k + 8 < n; k += 8) m |= word_high_bits(load8(p + k)) << k;
    return m | word_high_bits(load8(p + n - 8)) << (n - 8);
#endif
  }
  // Two overlapping loads cover the text: a byte read twice sets the same bit.
  if (n >= 8) return word_high_bits(load8(p)) | word_high_bits(load8(p + n - 8)) << (n - 8);
  if (n >= 4) return word_high_bits(load4(p)) | word_high_bits(load4(p + n - 4)) << (n - 4);
  std::uint64_t m = 0;
  for (std::size_t k = 0; k < n; ++k) m |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[k]) >> 7) << k;
  return m;
}

// For each lead byte from 0xC0: the size of a sequence whose code point is printable and valid
// UTF-8 when its second byte lies in [second_low, second_high] and its third (if any) is a
// continuation up to third_high; 0: the general decoder decides. Each rule keeps to one
// all_printable block: C3–D7 is U+00C0–U+05FF, E2 82–BF is U+2080–U+2FFF, E3 81–BF is
// U+3040–U+3FFF, E4–EC is U+4000–U+CFFF, ED 80–9F is U+D000–U+D7FF, F0 9F 80–BE is
// U+1F000–U+1FFBF (each checked to lie inside all_printable below).
struct lead_rule {
  std::uint8_t size = 0;
  std::uint8_t second_low = 0x80;
  std::uint8_t second_high = 0xBF;
  std::uint8_t third_high = 0xBF;
};
constexpr std::array<lead_rule, 64> make_lead_rules() {
  std::array<lead_rule, 64> rules{};
  for (unsigned b = 0xC3; b <= 0xD7; ++b) rules[b - 0xC0] = {2, 0x80, 0xBF, 0xBF};
  rules[0xE2 - 0xC0] = {3, 0x82, 0xBF, 0xBF};
  rules[0xE3 - 0xC0] = {3, 0x81, 0xBF, 0xBF};
  for (unsigned b = 0xE4; b <= 0xEC; ++b) rules[b - 0xC0] = {3, 0x80, 0xBF, 0xBF};
  rules[0xED - 0xC0] = {3, 0x80, 0x9F, 0xBF};
  rules[0xF0 - 0xC0] = {4, 0x9F, 0x9F, 0xBE};
  return rules;
}
constexpr std::array<lead_rule, 64> lead_rules = make_lead_rules();

// The code points a rule admits form one range, from its lowest bytes to its highest.
constexpr std::uint32_t rule_code_point(unsigned lead, const lead_rule& r, bool highest) {
  std::uint32_t second = (highest ? r.second_high : r.second_low) & 0x3FU;
  std::uint32_t third = (highest ? r.third_high : 0x80U) & 0x3FU;
  std::uint32_t fourth = highest ? 0x3FU : 0U;
  if (r.size == 2) return (lead & 0x1FU) << 6 | second;
  if (r.size == 3) return (lead & 0x0FU) << 12 | second << 6 | third;
  return (lead & 0x07U) << 18 | second << 12 | third << 6 | fourth;
}
constexpr bool lead_rules_printable() {
  for (unsigned lead = 0xC0; lead <= 0xFF; ++lead) {
    const lead_rule& r = lead_rules[lead - 0xC0];
    if (r.size == 0) continue;
    std::uint32_t low = rule_code_point(lead, r, false);
    std::uint32_t high = rule_code_point(lead, r, true);
    bool inside = std::any_of(all_printable.begin(), all_printable.end(),
                              [=](const cp_range& b) { return low >= b.first && high <= b.last; });
    if (!inside || low < (r.size == 2 ? 0x80U : r.size == 3 ? 0x800U : 0x10000U)) return false;
  }
  return true;
}
static_assert(lead_rules_printable());

// The size of the sequence at p (`left` bytes remain) when a lead_rule settles it as printable,
// else 0.
inline std::size_t printable_by_rule(const unsigned char* p, std::size_t left) {
  unsigned b0 = p[0];
  if (b0 < 0xC0) return 0;
  const lead_rule& r = lead_rules[b0 - 0xC0];
  if (r.size == 0 || r.size > left) return 0;
  if (static_cast<unsigned>(p[1] - r.second_low) > static_cast<unsigned>(r.second_high - r.second_low)) return 0;
  if (r.size >= 3 && static_cast<unsigned>(p[2] - 0x80) > static_cast<unsigned>(r.third_high - 0x80)) return 0;
  if (r.size == 4 && !is_continuation(p[3])) return 0;
  return r.size;
}

// reference_non_ascii_scan's answer: the bytes past ASCII found 64 at a time by high_bytes,
// most sequences settled by a lead_rule, the rest by common_printable and the decoder.
[[gnu::noinline]] text_bits non_ascii_scan_by_sequence(std::string_view s) {
  text_bits found = 0;
  const auto* bytes = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    std::size_t next = i + std::min<std::size_t>(n - i, 64);
    std::uint64_t m = high_bytes(s.data() + i, next - i);
    while (m) {
      std::size_t at = i + static_cast<std::size_t>(std::countr_zero(m));
      std::size_t end = at + printable_by_rule(bytes + at, n - at);
      if (end == at) {
        if (std::size_t k = common_printable(s, at)) {
          end = at + k;
        } else {
          end = at;
          add_code_point(s, end, found);
          if (found == unprintable_and_unsafe) return found;
        }
      }
      if (end >= next) {  // the sequence reaches into the next window, or ends this one
        next = end;
        break;
      }
      m &= ~std::uint64_t{0} << (end - i);
    }
    i = next;
  }
  return found;
}

#if defined(__SSE2__)
// Where a text's bytes past ASCII stand, one bit per byte of up to 64: continuations; leads
// (every byte from C0), those of three bytes or more (from E0) and of four (from F0); and the
// `simple` leads, whose every continuation makes a printable code point (C3–D7 are U+00C0–U+05FF,
// E4–EC are U+4000–U+CFFF: the lead_rules that admit any second byte).
struct sequence_masks {
  std::uint64_t cont = 0;
  std::uint64_t lead = 0;
  std::uint64_t lead3 = 0;
  std::uint64_t lead4 = 0;
  std::uint64_t simple = 0;
  // Adds the masks of a vector whose lanes hold the bytes from `at` on.
  void put(const sequence_masks& c, std::size_t at) {
    cont |= c.cont << at;
    lead |= c.lead << at;
    lead3 |= c.lead3 << at;
    lead4 |= c.lead4 << at;
    simple |= c.simple << at;
  }
};

// The lanes of one vector, by signed byte compares: 0x80 to 0xFF are -128 to -1 in order, below
// all of ASCII; a compare ANDed with the byte keeps its sign, the mark of a byte past ASCII.
template <class Lanes>
sequence_masks classify(typename Lanes::vector v) {
  auto above = [v](unsigned char b) { return Lanes::greater(v, Lanes::splat(b)); };
  auto below = [v](unsigned char b) { return Lanes::greater(Lanes::splat(b), v); };
  auto past_ascii = [v](typename Lanes::vector m) { return Lanes::mask(Lanes::both(m, v)); };
  sequence_masks m;
  m.cont = Lanes::mask(below(0xC0));
  m.lead = past_ascii(above(0xBF));
  m.lead3 = past_ascii(above(0xDF));
  m.lead4 = past_ascii(above(0xEF));
  m.simple = Lanes::mask(Lanes::either(Lanes::both(above(0xC2), below(0xD8)), Lanes::both(above(0xE3), below(0xED))));
  return m;
}

struct lanes16 {
  using vector = __m128i;
  static vector load(const char* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }
  static vector splat(unsigned char b) { return _mm_set1_epi8(static_cast<char>(b)); }
  static vector greater(vector a, vector b) { return _mm_cmpgt_epi8(a, b); }
  static vector both(vector a, vector b) { return _mm_and_si128(a, b); }
  static vector either(vector a, vector b) { return _mm_or_si128(a, b); }
  static std::uint64_t mask(vector a) { return static_cast<std::uint32_t>(_mm_movemask_epi8(a)); }
};

#if defined(__AVX2__)
struct lanes32 {
  using vector = __m256i;
  static vector load(const char* p) { return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)); }
  static vector splat(unsigned char b) { return _mm256_set1_epi8(static_cast<char>(b)); }
  static vector greater(vector a, vector b) { return _mm256_cmpgt_epi8(a, b); }
  static vector both(vector a, vector b) { return _mm256_and_si256(a, b); }
  static vector either(vector a, vector b) { return _mm256_or_si256(a, b); }
  static std::uint64_t mask(vector a) { return static_cast<std::uint32_t>(_mm256_movemask_epi8(a)); }
};
#endif

// sequence_masks of p[0, n), 0 < n <= 64, from loads that stay inside the text: overlapping
// vectors, or up to sixteen bytes in order in one vector, zeros (ASCII) after them.
inline sequence_masks sequence_masks_of(const char* p, std::size_t n) {
  if (n <= 16) {
    std::uint64_t low = load_up_to_8(p, std::min<std::size_t>(n, 8));
    std::uint64_t high = n > 8 ? load8(p + n - 8) >> (8 * (16 - n)) : 0;  // p[8, n)
    return classify<lanes16>(_mm_set_epi64x(static_cast<long long>(high), static_cast<long long>(low)));
  }
  sequence_masks m;
#if defined(__AVX2__)
  if (n >= 32) {
    m.put(classify<lanes32>(lanes32::load(p)), 0);
    m.put(classify<lanes32>(lanes32::load(p + n - 32)), n - 32);
    return m;
  }
#endif
  for (std::size_t k = 0; k + 16 < n; k += 16) m.put(classify<lanes16>(lanes16::load(p + k)), k);
  m.put(classify<lanes16>(lanes16::load(p + n - 16)), n - 16);
  return m;
}

// True when the text is valid UTF-8 whose every code point is printable, known from the masks
// alone where every lead is simple, else by a lead_rule per other lead: each lead is followed by
// exactly the continuations its size needs, and nothing else is a continuation. False: not known
// this way (the sequence-by-sequence scan decides).
bool printable_by_masks(std::string_view s) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t n = s.size();
  std::uint64_t carry = 0;  // the continuations the window before expects in this one
  for (std::size_t at = 0; at < n; at += 64) {
    sequence_masks m = sequence_masks_of(s.data() + at, std::min<std::size_t>(n - at, 64));
    if (m.cont != ((m.lead << 1) | (m.lead3 << 2) | (m.lead4 << 3) | carry)) return false;
    carry = m.lead >> 63 | m.lead3 >> 62 | m.lead4 >> 61;
    for (std::uint64_t other = m.lead & ~m.simple; other; other &= other - 1) {
      std::size_t k = at + static_cast<std::size_t>(std::countr_zero(other));
      if (!printable_by_rule(bytes + k, n - k)) return false;
    }
  }
  return carry == 0;
}

[[gnu::noinline]] text_bits non_ascii_scan(std::string_view s) {
  return printable_by_masks(s) ? 0 : non_ascii_scan_by_sequence(s);
}
#else
[[gnu::noinline]] text_bits non_ascii_scan(std::string_view s) { return non_ascii_scan_by_sequence(s); }
#endif

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

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    i += plain_ascii_prefix(s.substr(i));
    if (i < s.size() && decode_at(s, i) < 0) return false;
  }
  return true;
}

void backslash_replace(std::string& s) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size() + 8);
  for (std::size_t i = 0; i < s.size();) {
    std::size_t start = i;
    if (decode_utf8(s, i) >= 0) {
      out.append(s, start, i - start);
      continue;
    }
    auto b = static_cast<unsigned char>(s[start]);
    out += "\\x";
    out += hex[b >> 4];
    out += hex[b & 15];
  }
  s = std::move(out);
}

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

// Eight bytes at a time through a pointer while none needs an escape, then one byte: most such
// texts hold a backslash, a quote or a tab among runs of plain bytes.
char* write_ascii_repr(char* p, std::string_view s, text_bits bits) {
  using namespace text_bit;
  char quote = (bits & single_quote) && !(bits & double_quote) ? '"' : '\'';
  *p++ = quote;
  const char* q = s.data();
  std::size_t n = s.size();
  for (std::size_t i = 0; i < n; ++i) {
    if constexpr (std::endian::native == std::endian::little) {
      // p has room for four bytes per byte left: eight are written ahead, and kept up to the
      // first that needs an escape (the lowest flagged byte is exact).
      for (; i + 8 <= n; i += 8) {
        std::uint64_t w = load8(q + i);
        std::uint64_t flagged = ((w - ones * 0x20) & ~w & highs) | bytes_equal(w, 0x7F) | bytes_equal(w, '\\') |
                                bytes_equal(w, static_cast<unsigned char>(quote));
        std::memcpy(p, q + i, 8);
        if (flagged) {
          auto plain = static_cast<std::size_t>(std::countr_zero(flagged) >> 3);
          p += plain;
          i += plain;
          break;
        }
        p += 8;
      }
      if (i >= n) break;
    }
    char ch = q[i];
    auto c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c != 0x7F && c != '\\' && ch != quote) {
      *p++ = ch;
      continue;
    }
    *p++ = '\\';
    switch (c) {
      case '\n': *p++ = 'n'; break;
      case '\r': *p++ = 'r'; break;
      case '\t': *p++ = 't'; break;
      case '\\': *p++ = '\\'; break;
      default:
        if (ch == quote) {
          *p++ = quote;
        } else {
          p[0] = 'x';
          p[1] = hex_digits[c >> 4];
          p[2] = hex_digits[c & 0xF];
          p += 3;
        }
    }
  }
  *p++ = quote;
  return p;
}

namespace {

// repr() of a text whose escapes are all ASCII (no unprintable code point past ASCII, no invalid
// UTF-8: scan_text says so).
void append_ascii_escaped_repr(std::string& out, std::string_view s, text_bits bits) {
  std::size_t start = out.size();
  out.resize(start + ascii_repr_room(s.size()));
  char* end = write_ascii_repr(out.data() + start, s, bits);
  out.resize(static_cast<std::size_t>(end - out.data()));
}

}  // namespace

// Without a backslash or anything repr() escapes, the text is copied between quotes: ' unless
// it holds a ' (then ", when it holds no "; with both, the quote is escaped). Escapes of ASCII
// alone take one pass; anything past ASCII to escape, the slow path.
void append_repr_string(std::string& out, std::string_view s, text_bits bits) {
  using namespace text_bit;
  bool plain = !(bits & (control | del | backslash | unprintable));
  if (!plain || (bits & single_quote && bits & double_quote)) {
    if (bits & unprintable)
      slow::append_repr_string(out, s);
    else
      append_ascii_escaped_repr(out, s, bits);
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

std::size_t cp_escape_size(std::uint32_t cp) {
  if (cp == '\n' || cp == '\r' || cp == '\t') return 2;
  return cp < 0x100 ? 4 : cp < 0x10000 ? 6 : 10;
}

bool is_terminal_unsafe(std::uint32_t cp) {
  if (cp < 0x7F) return cp < 0x20;
  if (cp == 0x7F || in_ranges(terminal_unsafe, cp)) return true;
  // Noncharacters (U+FDD0–FDEF, the last two of every plane) where Python calls them
  // non-printable: the planes its table has (the rest it prints as unassigned).
  return ((cp & 0xFFFE) == 0xFFFE || (cp >= 0xFDD0 && cp <= 0xFDEF)) && !is_printable(cp);
}

std::size_t count_code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace logmoji
